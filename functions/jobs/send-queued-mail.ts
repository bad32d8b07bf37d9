// SendQueuedMail: the consumer of the mail queue (stacks/mail.ts; issue 16 item 6). SQS hands it batches of queued
// mails; it sends them through SES paced so that all its concurrent invocations together stay under the account's
// sending quota (KINERJA_SES_MAX_SEND_RATE over KINERJA_MAIL_SENDER_CONCURRENCY, the event source's maximum
// concurrency: docs/scale.md), and answers the messages to deliver again (ReportBatchItemFailures). Cloud only: the
// local runtime mails directly through its outbox.
import { setTimeout as sleep } from "node:timers/promises";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";
import * as v from "valibot";
import { systemClock } from "@kinerja/core/clock/clock";
import { createSfnTaskCallbacks } from "@kinerja/core/decision/sfn-task-callbacks.adapter";
import { createSesMail } from "@kinerja/core/mail/ses-mail";
import { createSqsMailQueue } from "@kinerja/core/mail/sqs-mail-queue.adapter";
import { sendIntervalMs } from "@kinerja/core/mail/mail-queue-pacing";
import { sendQueuedMails, type QueuedMailSenderDeps } from "@kinerja/core/mail/queued-mail-sender";
import { createStorage } from "@kinerja/core/storage/storage";
import { readMailSenderConfig } from "@kinerja/core/composition/config";
import { countedMail } from "../shared/invocation";
import { cloudObservability, type Observability } from "../shared/observability";

/** The part of Lambda's SQS event the sender reads (every record of a batch from the mail queue). */
const SqsEventSchema = v.object({
  Records: v.array(
    v.looseObject({
      messageId: v.string(),
      receiptHandle: v.string(),
      body: v.string(),
      attributes: v.looseObject({ ApproximateReceiveCount: v.optional(v.string(), "1") }),
    }),
  ),
});

/** Lambda's partial batch response: the messages SQS keeps and delivers again. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The sender's deps without its logger (createHandler adds the invocation's). */
export type SenderRuntimeDeps = Omit<QueuedMailSenderDeps, "warn">;

let cloud: SenderRuntimeDeps | undefined;

/** Built once per cold start from the validated environment. */
function cloudDeps(): SenderRuntimeDeps {
  if (!cloud) {
    const config = readMailSenderConfig();
    const storage = createStorage({
      tableName: config.KINERJA_TABLE,
      endpoint: config.DYNAMODB_ENDPOINT,
      region: config.AWS_REGION,
      clock: systemClock,
    });
    const queue = createSqsMailQueue({
      client: new SQSClient({ region: config.AWS_REGION }),
      queueUrl: config.KINERJA_MAIL_QUEUE_URL,
    });
    cloud = {
      storage,
      clock: systemClock,
      mail: countedMail(
        createSesMail({
          client: new SESv2Client({ region: config.AWS_REGION }),
          from: config.KINERJA_MAIL_FROM,
          configurationSetName: config.KINERJA_SES_CONFIGURATION_SET,
        }),
        cloudObservability().metrics,
      ),
      callbacks: createSfnTaskCallbacks(
        new SFNClient({
          region: config.AWS_REGION,
          ...(config.STATES_ENDPOINT ? { endpoint: config.STATES_ENDPOINT } : {}),
        }),
      ),
      retryAfter: (receiptHandle, seconds) => queue.retryAfter(receiptHandle, seconds),
      intervalMs: sendIntervalMs(config.KINERJA_SES_MAX_SEND_RATE, config.KINERJA_MAIL_SENDER_CONCURRENCY),
      sleep: (ms) => sleep(ms),
      configurationSet: config.KINERJA_SES_CONFIGURATION_SET,
    };
  }
  return cloud;
}

/** `createHandler(deps)` for tests; `handler` for Lambda (SQS event source with ReportBatchItemFailures). */
export function createHandler(
  getDeps: () => SenderRuntimeDeps | Promise<SenderRuntimeDeps>,
  obs: () => Observability,
): (event: unknown, context?: object) => Promise<SqsBatchResponse> {
  return async (event) => {
    const log = obs().logger.child({ function: "send-queued-mail" });
    const parsed = v.safeParse(SqsEventSchema, event);
    // Not an SQS batch: nothing to acknowledge, and throwing would only retry the same event.
    if (!parsed.success) {
      log.error("send-queued-mail: not an SQS event", {});
      return { batchItemFailures: [] };
    }
    const deps = await getDeps();
    try {
      const result = await sendQueuedMails(
        { ...deps, warn: (message, data) => log.warn(message, data) },
        parsed.output.Records.map((r) => ({
          messageId: r.messageId,
          body: r.body,
          receiptHandle: r.receiptHandle,
          receiveCount: Number(r.attributes.ApproximateReceiveCount) || 1,
        })),
      );
      log.info("queued mail batch", { ...result, retry: result.retry.length });
      return { batchItemFailures: result.retry.map((itemIdentifier) => ({ itemIdentifier })) };
    } finally {
      obs().metrics.flush();
    }
  };
}

/** The Lambda handler. */
export const handler = createHandler(cloudDeps, cloudObservability);
