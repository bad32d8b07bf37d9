// The sender of queued mail (issue 16 item 6): reads a batch of SQS messages (functions/jobs/send-queued-mail.ts),
// sends each mail once through SES at a pace that keeps every sender together under the account's sending quota,
// and answers which messages must come back. A throttle comes back later (visibility backoff); a permanent refusal
// fails the workflow task waiting for the mail, as the step's own DecisionMailError would have, so the appraisal ends
// in MarkFailed and HR can retry it.
import * as v from "valibot";
import type { Clock } from "../clock/clock";
import { DecisionMailError } from "../decision/decision.errors";
import { decisionRepo } from "../decision/decision.repo";
import { decisionMailCause } from "../decision/decision-mail";
import { isDeadTokenError, type TaskCallbacks } from "../decision/task-callbacks";
import type { Storage } from "../storage/storage";
import { MAIL_TAGS, recordMailEvent } from "./delivery-problem";
import { InvalidMailError } from "./mail.errors";
import type { MailMessage, MailPort } from "./mail.port";
import { QueuedMailSchema, type QueuedMail } from "./queued-mail";
import { queuedMailRepo } from "./queued-mail.repo";
import { retryDelaySeconds } from "./mail-queue-pacing";
import { refusedMailEvent } from "./ses-event";

/** One received SQS message, as the handler hands it over. */
export interface ReceivedMail {
  messageId: string;
  body: string;
  receiptHandle: string;
  /** How often SQS has handed this message out (ApproximateReceiveCount), 1 the first time. */
  receiveCount: number;
}

/** What the sender needs. */
export interface QueuedMailSenderDeps {
  /** The provider (SES) itself, never the queue. */
  mail: MailPort;
  storage: Pick<Storage, "client" | "tableName" | "audit" | "appraisals" | "transactWrite">;
  clock: Clock;
  callbacks: TaskCallbacks;
  /** Puts a received message back after `seconds` (SQS ChangeMessageVisibility). */
  retryAfter(receiptHandle: string, seconds: number): Promise<void>;
  /** At least this long between the starts of two sends of one sender (sendIntervalMs). */
  intervalMs: number;
  /** Waits (real time; tests pass their own). */
  sleep(ms: number): Promise<void>;
  /** The SES configuration set a refusal's recorded event names. */
  configurationSet: string;
  /** Where messages that can never be sent, and unexpected failures, are reported. */
  warn(message: string, data: Record<string, unknown>): void;
}

/** What one batch came to; `retry` lists the message ids SQS must deliver again (ReportBatchItemFailures). */
export interface QueuedMailBatchResult {
  sent: number;
  duplicates: number;
  refused: number;
  dropped: number;
  retry: string[];
}

/** Longer than one send takes: a claim older than this belongs to a sender that died mid-send. */
export const QUEUED_MAIL_LEASE_MS = 120_000;

/** What SES said when it refused: its own error (the adapter wraps it in InvalidMailError). */
const providerError = (err: unknown) =>
  err instanceof InvalidMailError && err.cause instanceof Error ? err.cause : err;

const errorText = (err: unknown) =>
  (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 300);

/** Sends one batch of queued mails in order, paced; never throws for one message's failure. */
export async function sendQueuedMails(
  deps: QueuedMailSenderDeps,
  batch: ReceivedMail[],
): Promise<QueuedMailBatchResult> {
  const result: QueuedMailBatchResult = { sent: 0, duplicates: 0, refused: 0, dropped: 0, retry: [] };
  const sends = queuedMailRepo(deps.storage);
  let lastSendAt: number | undefined;
  let throttled = false;
  for (const received of batch) {
    // After a throttle the rest of the batch waits too: sending on would only be throttled again.
    if (throttled) {
      await backOff(deps, received, result);
      continue;
    }
    const parsed = parseQueued(received.body);
    if (!parsed) {
      // Never sendable: consumed (not retried), reported.
      deps.warn("queued mail dropped: not a kinerja mail message", { messageId: received.messageId });
      result.dropped++;
      continue;
    }
    try {
      const claim = await sends.claim(parsed.key, deps.clock.now().getTime(), QUEUED_MAIL_LEASE_MS);
      if (!claim.claimed) {
        if (claim.status === "sent" || claim.status === "settled") result.duplicates++;
        else if (claim.status === "refused") {
          await settleRefusal(deps, parsed, claim.reason ?? "refused");
          result.refused++;
        }
        // Another sender holds it right now: look again later, when it is sent or its lease ran out.
        else result.retry.push(received.messageId);
        continue;
      }
      if (lastSendAt !== undefined) {
        const wait = lastSendAt + deps.intervalMs - Date.now();
        if (wait > 0) await deps.sleep(wait);
      }
      lastSendAt = Date.now();
      let mailId: string;
      try {
        mailId = (await deps.mail.send(parsed.mail)).id;
      } catch (err) {
        if (!(err instanceof InvalidMailError)) {
          await sends.release(parsed.key);
          throttled = true;
          deps.warn("queued mail not sent; retried later", {
            messageId: received.messageId,
            error: errorText(err),
          });
          await backOff(deps, received, result);
          continue;
        }
        const reason = errorText(providerError(err));
        await sends.mark(parsed.key, { status: "refused", reason });
        await settleRefusal(deps, parsed, reason);
        result.refused++;
        continue;
      }
      await sends.mark(parsed.key, { status: "sent", mailId });
      result.sent++;
    } catch (err) {
      // The table or Step Functions failed: the message comes back after its visibility timeout.
      deps.warn("queued mail failed; retried later", {
        messageId: received.messageId,
        error: errorText(err),
      });
      result.retry.push(received.messageId);
    }
  }
  return result;
}

async function backOff(deps: QueuedMailSenderDeps, received: ReceivedMail, result: QueuedMailBatchResult) {
  result.retry.push(received.messageId);
  await deps
    .retryAfter(received.receiptHandle, retryDelaySeconds(received.receiveCount))
    .catch((err: unknown) =>
      // Without it the message still comes back, after the queue's own visibility timeout.
      deps.warn("queued mail backoff not set", { messageId: received.messageId, error: errorText(err) }),
    );
}

function parseQueued(body: string): QueuedMail | undefined {
  try {
    const parsed = v.safeParse(QueuedMailSchema, JSON.parse(body));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A mail SES will never take: the workflow task waiting on its decision fails with DecisionMailError (the name the
 * step's own failure has, so the appraisal ends in MarkFailed with the provider's reason and HR can retry it); a mail
 * no task waits for is recorded as a rejected mail against its appraisal (the dashboard's undelivered mails).
 */
async function settleRefusal(deps: QueuedMailSenderDeps, queued: QueuedMail, reason: string): Promise<void> {
  const mail: MailMessage = queued.mail;
  const decisionKey = mail.tags?.[MAIL_TAGS.decisionKey];
  const decision = decisionKey ? await decisionRepo(deps.storage).getDecision(decisionKey) : null;
  let failedTask = false;
  if (decision?.status === "pending" && decision.taskToken) {
    try {
      await deps.callbacks.fail(
        decision.taskToken,
        DecisionMailError.name,
        decisionMailCause(decision.decisionId, mail.to, reason),
      );
      failedTask = true;
    } catch (err) {
      if (!isDeadTokenError(err)) throw err;
    }
  }
  if (!failedTask) {
    const outcome = await recordMailEvent(
      { storage: deps.storage, clock: deps.clock, warn: deps.warn },
      refusedMailEvent(mail, {
        messageId: `refused-${queued.key.slice(0, 40)}`,
        at: deps.clock.now().toISOString(),
        configurationSet: deps.configurationSet,
        reason,
      }),
    );
    if (outcome.status === "ignored")
      deps.warn("refused mail about no appraisal", { to: mail.to, kind: mail.tags?.kind ?? "other", reason });
  }
  await queuedMailRepo(deps.storage).mark(queued.key, { status: "settled", reason });
}
