// How fast queued mail goes out: the numbers both the sender (queued-mail-sender.ts) and the stacks (the SQS event
// source's batch size and maximum concurrency) use. Definitions only, no imports, so the stacks can read them
// without loading the sender's runtime code.

/** The visibility backoff of a throttled message: 30 s doubling per receive, at most 15 minutes. */
export function retryDelaySeconds(receiveCount: number): number {
  return Math.min(900, 30 * 2 ** Math.max(0, receiveCount - 1));
}

/** Mails one sender sends a second at most, one after the other (an SES SendEmail call takes about 100 ms). */
export const SENDS_PER_SENDER = 10;

/** The smallest maximum concurrency an SQS event source accepts. */
export const MIN_SENDER_CONCURRENCY = 2;

/** Messages one sender invocation takes from the queue (10 is SQS's batch without a batching window). */
export const MAIL_QUEUE_BATCH_SIZE = 10;

/** How many senders run at once for an SES quota: enough to reach it, never fewer than SQS allows. */
export function senderConcurrency(quotaPerSecond: number): number {
  return Math.max(MIN_SENDER_CONCURRENCY, Math.ceil(quotaPerSecond / SENDS_PER_SENDER));
}

/**
 * The pause between two sends of one sender so that `concurrency` senders together stay at or under `quotaPerSecond`
 * (SES's maximum send rate): each sends at most quota / concurrency mails a second.
 */
export function sendIntervalMs(quotaPerSecond: number, concurrency: number): number {
  return Math.ceil((1000 * concurrency) / quotaPerSecond);
}
