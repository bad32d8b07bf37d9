import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { MailDeliveryError } from "./mail.errors";
import type { MailQueue } from "./queued-mail";

/** The mail queue over SQS (the only place allowed to import the SQS SDK). */
export function createSqsMailQueue(options: { client: SQSClient; queueUrl: string }): MailQueue {
  return {
    async enqueue(body) {
      try {
        const res = await options.client.send(
          new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: body }),
        );
        if (!res.MessageId) throw new MailDeliveryError("SQS accepted the mail without a message id");
        return { messageId: res.MessageId };
      } catch (err) {
        if (err instanceof MailDeliveryError) throw err;
        // A failed enqueue may succeed on the step's retry (throttling, network).
        throw new MailDeliveryError(`mail queue unavailable: ${(err as Error)?.name ?? "Error"}`, {
          cause: err,
        });
      }
    },
    async retryAfter(receiptHandle, seconds) {
      await options.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: options.queueUrl,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
  };
}
