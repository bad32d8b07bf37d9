// The send record of each queued mail, keyed by its idempotency key (queued-mail.ts): SQS delivers at least once and
// may hand the same message to two senders, so a mail is claimed before it is sent and marked once SES took it.
import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DecisionStorage } from "../decision/decision.repo";
import { ItemNotFoundError, whenConditionHolds } from "../storage/storage.errors";

/** Where a queued mail stands: being sent (a lease), sent, refused by SES (not yet settled), refusal settled. */
export type QueuedMailStatus = "sending" | "sent" | "refused" | "settled";

/** A mail's send record. */
export interface QueuedMailSend {
  status: QueuedMailStatus;
  mailId?: string;
  reason?: string;
}

/** Kept past the queue's 14-day retention, so no redelivery outlives its record. */
const RETENTION_S = 15 * 24 * 3600;

const keyOf = (key: string) => ({ pk: `queuedMail#${key}`, sk: "queuedMail" });

/** The send records of queued mails. */
export function queuedMailRepo(storage: DecisionStorage) {
  const { client, tableName: TableName } = storage;
  return {
    /**
     * Claims a mail for sending: succeeds when no record exists or a sender's lease ran out (it died mid-send);
     * otherwise answers the record as it stands.
     */
    async claim(
      key: string,
      nowMs: number,
      leaseMs: number,
    ): Promise<{ claimed: true } | ({ claimed: false } & QueuedMailSend)> {
      const claimed = await whenConditionHolds(() =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: keyOf(key),
            UpdateExpression: "SET #s = :sending, claimedAt = :now, #ttl = :ttl",
            ConditionExpression: "attribute_not_exists(pk) OR (#s = :sending AND claimedAt < :stale)",
            ExpressionAttributeNames: { "#s": "status", "#ttl": "ttl" },
            ExpressionAttributeValues: {
              ":sending": "sending",
              ":now": nowMs,
              ":stale": nowMs - leaseMs,
              ":ttl": Math.ceil(nowMs / 1000) + RETENTION_S,
            },
          }),
        ),
      );
      if (claimed) return { claimed: true };
      const res = await client.send(new GetCommand({ TableName, Key: keyOf(key), ConsistentRead: true }));
      if (!res.Item) throw new ItemNotFoundError(`queued mail ${key} was claimed, then vanished`);
      const item = res.Item as { status: QueuedMailStatus; mailId?: string; reason?: string };
      return {
        claimed: false,
        status: item.status,
        ...(item.mailId ? { mailId: item.mailId } : {}),
        ...(item.reason ? { reason: item.reason } : {}),
      };
    },

    /** Records the mail as sent (SES's message id) or refused (SES's reason), or its refusal as settled. */
    async mark(key: string, send: QueuedMailSend): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keyOf(key),
          UpdateExpression: "SET #s = :status, mailId = :mailId, reason = :reason",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: {
            ":status": send.status,
            ":mailId": send.mailId ?? null,
            ":reason": send.reason ?? null,
          },
        }),
      );
    },

    /** Drops a claim after a transient failure, so the redelivered message may send it. */
    async release(key: string): Promise<void> {
      // False: no longer a claim (sent, refused or gone): nothing to drop.
      await whenConditionHolds(() =>
        client.send(
          new DeleteCommand({
            TableName,
            Key: keyOf(key),
            ConditionExpression: "#s = :sending",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: { ":sending": "sending" },
          }),
        ),
      );
    },

    /** The record of one mail, or null. */
    async get(key: string): Promise<QueuedMailSend | null> {
      const res = await client.send(new GetCommand({ TableName, Key: keyOf(key), ConsistentRead: true }));
      return res.Item ? (res.Item as QueuedMailSend) : null;
    },
  };
}
