// Launch mail paced to the SES sending quota (issue 16 item 6). In the cloud the mail port puts one message per mail on
// an SQS queue and the sender Lambda (functions/jobs/send-queued-mail.ts, queued-mail-sender.ts) sends them at the
// quota's rate; a launch of 100,000 appraisals then never meets SES's throttle. Locally the outbox sends directly.
import { createHash } from "node:crypto";
import * as v from "valibot";
import { InvalidMailError } from "./mail.errors";
import type { MailMessage, MailPort } from "./mail.port";
import { MailMessageSchema, validateMail } from "./mail.schema";

/**
 * SQS's largest message body: 1 MiB (1,048,576 bytes) since August 2025, up from 256 KiB; Lambda's SQS event source
 * takes 1 MB payloads since January 2026. A decision mail is about 10 KB.
 */
export const SQS_MESSAGE_MAX_BYTES = 1_048_576;

/** Where queued mails go (SQS in the cloud: sqs-mail-queue.adapter.ts). */
export interface MailQueue {
  /** Puts one message body on the queue. */
  enqueue(body: string): Promise<{ messageId: string }>;
  /** Makes a received message visible again only after `seconds` (the backoff of a throttled send). */
  retryAfter(receiptHandle: string, seconds: number): Promise<void>;
}

/** One queued mail: the message and its idempotency key (what a redelivery is recognised by). */
export const QueuedMailSchema = v.object({
  v: v.literal(1),
  key: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "key must be a SHA-256 hex digest")),
  mail: MailMessageSchema,
});

/** A parsed queued mail. */
export type QueuedMail = v.InferOutput<typeof QueuedMailSchema>;

/**
 * The idempotency key of a mail: a hash of everything it says and to whom. A redelivered message, or the same mail
 * enqueued twice by a retried step, has the same key and is sent once.
 */
export function queuedMailKey(msg: MailMessage): string {
  const tags = Object.entries(msg.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256")
    .update(JSON.stringify([msg.to.toLowerCase(), msg.subject, msg.text, msg.html, msg.links, tags]))
    .digest("hex");
}

/**
 * The mail port of the cloud's steps: validates the mail as the SES adapter would (a bad mail still fails the step
 * that wrote it) and enqueues it; the id answered is the queue message's.
 */
export function createQueuedMail(queue: Pick<MailQueue, "enqueue">): MailPort {
  return {
    async send(msg) {
      const valid = validateMail(msg);
      if (!valid.ok) throw new InvalidMailError(`mail refused: ${valid.message}`);
      const mail: MailMessage = {
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        links: msg.links,
        ...(msg.tags ? { tags: msg.tags } : {}),
      };
      const body = JSON.stringify({ v: 1, key: queuedMailKey(mail), mail } satisfies QueuedMail);
      const size = Buffer.byteLength(body, "utf8");
      if (size > SQS_MESSAGE_MAX_BYTES)
        throw new InvalidMailError(`mail refused: ${size} bytes, over the queue's ${SQS_MESSAGE_MAX_BYTES}`);
      const { messageId } = await queue.enqueue(body);
      return { id: `queued:${messageId}` };
    },
  };
}
