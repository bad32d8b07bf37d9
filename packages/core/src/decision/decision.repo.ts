import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ItemNotFoundError, whenConditionHolds } from "../storage/storage.errors";
import { entitiesOf } from "../storage/entities";
import { transactWrite, type TransactWriteItem } from "../storage/transact";
import type { DecisionKind } from "./decision-kinds";
import type { DecisionStatus, DeliveryStatus } from "./decision.entity.types";

/** Where decisions are stored: the one kinerja table (createStorage's result, or freshTable() in tests, fits). */
export interface DecisionStorage {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** A recipient of a decision link. */
export interface RecipientRecord {
  nip: string;
  name: string;
  email: string;
  role: string;
}

/** A stored pending decision (the task token included: never send this object to a client). */
export interface DecisionRecord {
  decisionKey: string;
  decisionId: string;
  kind: DecisionKind;
  appraisalId: string;
  cycleId: string;
  employee: { nip: string; name: string };
  context?: Record<string, unknown>;
  status: DecisionStatus;
  delivery: DeliveryStatus;
  taskToken: string;
  taskTokenHash: string;
  dueAt?: string;
  expiresAt: string;
  recipients?: RecipientRecord[];
  outcome?: Record<string, unknown>;
  decidedBy?: { nip: string; name: string; role: string };
  decidedAt?: string;
  decidedLinkId?: string;
  closedReason?: string;
  closedBy?: string;
  closedAt?: string;
  deliveredAt?: string;
  deliveryError?: string;
  deliveryErrorTokenHash?: string;
  createdAt: string;
  updatedAt: string;
  ttl?: number;
}

/** The attributes that put a pending decision in the pendingByCycle index; none for a decision without a deadline. */
function pendingIndexOf(cycleId: string, dueAt: string | undefined) {
  return dueAt ? { pendingCycleId: cycleId, pendingDueAt: dueAt } : {};
}
/** Removing these takes a decision out of the pendingByCycle index (ElectroDB drops the index keys with them). */
const PENDING_INDEX_ATTRIBUTES = ["pendingCycleId", "pendingDueAt"] as const;

/** A stored link. */
export interface LinkRecord {
  linkId: string;
  decisionKey: string;
  decisionId: string;
  recipient: RecipientRecord;
  kid: string;
  expiresAt: string;
  mailKind: "request" | "reminder" | "escalation";
  createdAt: string;
  ttl?: number;
}

/** A TransactWriteItem in the document-client shape (what ElectroDB's commit() and the audit repo produce). */
export type TransactItem = TransactWriteItem;

const cache = new WeakMap<object, ReturnType<typeof build>>();

function build(storage: DecisionStorage) {
  const { decision: decisions, decisionLink: links, decisionMail: mails } = entitiesOf(storage);

  return {
    /** Reads a decision by its key (strongly consistent, since callers decide on it). */
    async getDecision(decisionKey: string): Promise<DecisionRecord | null> {
      const res = await decisions.get({ decisionKey }).go({ consistent: true });
      return (res.data as DecisionRecord | null) ?? null;
    },

    /** Creates a new pending decision; false when one already exists under the key. */
    async createPendingDecision(record: Omit<DecisionRecord, "status" | "delivery">): Promise<boolean> {
      return whenConditionHolds(() =>
        decisions
          .create({
            ...record,
            status: "pending",
            delivery: "none",
            ...pendingIndexOf(record.cycleId, record.dueAt),
          })
          .go(),
      );
    },

    /**
     * Points a still-pending decision at a new task token (and expiry/recipients), or opens a closed one again; false
     * when it is no longer in that state. `dueAt` is written only when given: a pending decision keeps the deadline fixed
     * when it opened, so reminders and escalations never move it.
     */
    async rearmPendingDecision(
      decisionKey: string,
      update: {
        taskToken: string;
        taskTokenHash: string;
        expiresAt: string;
        dueAt?: string;
        recipients: RecipientRecord[];
        reopen: boolean;
        now: string;
        ttl: number;
        /** The decision's cycle and its deadline after this re-arm: they put it (back) in the pendingByCycle index. */
        pending: { cycleId: string; dueAt?: string };
      },
    ): Promise<boolean> {
      return whenConditionHolds(() =>
        decisions
          .patch({ decisionKey })
          .set({
            taskToken: update.taskToken,
            taskTokenHash: update.taskTokenHash,
            expiresAt: update.expiresAt,
            ...(update.dueAt ? { dueAt: update.dueAt } : {}),
            recipients: update.recipients,
            status: "pending",
            updatedAt: update.now,
            ttl: update.ttl,
            ...pendingIndexOf(update.pending.cycleId, update.pending.dueAt),
          })
          .remove(update.reopen ? ["closedReason", "closedBy", "closedAt"] : [])
          .where((a, op) =>
            update.reopen
              ? `${op.eq(a.status, "expired")} OR ${op.eq(a.status, "superseded")}`
              : op.eq(a.status, "pending"),
          )
          .go(),
      );
    },

    /** The transaction item claiming a pending decision (condition: still pending); pair it with the audit event. */
    claimDecisionItem(
      decisionKey: string,
      claim: {
        outcome: Record<string, unknown>;
        decidedBy: { nip: string; name: string; role: string };
        decidedAt: string;
        linkId: string;
        /** The token the caller read; the claim fails if openDecision re-armed a newer one meanwhile (then re-read and retry). */
        taskTokenHash: string;
      },
    ): TransactItem {
      const params = decisions
        .patch({ decisionKey })
        .set({
          status: "decided",
          delivery: "undelivered",
          outcome: claim.outcome,
          decidedBy: claim.decidedBy,
          decidedAt: claim.decidedAt,
          decidedLinkId: claim.linkId,
          updatedAt: claim.decidedAt,
        })
        .remove([...PENDING_INDEX_ATTRIBUTES])
        .where((a, op) => `${op.eq(a.status, "pending")} AND ${op.eq(a.taskTokenHash, claim.taskTokenHash)}`)
        .params();
      // Transactions take the same update params minus ReturnValues.
      const { ReturnValues: _unused, ...update } = params as Record<string, unknown>;
      return { Update: update } as TransactItem;
    },

    /** Runs a DynamoDB transaction of items from this and other repos (a cancellation: TransactionCancelledError). */
    async transact(items: TransactItem[]): Promise<void> {
      await transactWrite(storage.client, items);
    },

    /** Binds a decided-but-undelivered decision to the newest task token so redelivery targets it. */
    async rebindUndelivered(
      decisionKey: string,
      taskToken: string,
      taskTokenHash: string,
      now: string,
    ): Promise<void> {
      await decisions
        .patch({ decisionKey })
        .set({ taskToken, taskTokenHash, updatedAt: now })
        .where((a, op) => op.eq(a.status, "decided"))
        .go();
    },

    /** Records that the outcome reached the workflow through the token with `taskTokenHash`. */
    async markDelivered(decisionKey: string, taskTokenHash: string, now: string): Promise<void> {
      await decisions
        .patch({ decisionKey })
        .set({ delivery: "delivered", deliveredAt: now, updatedAt: now, taskTokenHash })
        .remove(["deliveryError", "deliveryErrorTokenHash"])
        .where((a, op) => op.eq(a.status, "decided"))
        .go();
    },

    /**
     * Records that the workflow consumed the outcome decided through `linkId` (its Record step ran), whatever happened
     * to the click's own markDelivered; false when it is not a decided-undelivered decision of that link (no-op).
     */
    async markConsumed(decisionKey: string, linkId: string, now: string): Promise<boolean> {
      return whenConditionHolds(() =>
        decisions
          .patch({ decisionKey })
          .set({ delivery: "delivered", deliveredAt: now, updatedAt: now })
          .remove(["deliveryError", "deliveryErrorTokenHash"])
          .where(
            (a, op) =>
              `${op.eq(a.status, "decided")} AND ${op.eq(a.delivery, "undelivered")} AND ${op.eq(a.decidedLinkId, linkId)}`,
          )
          .go(),
      );
    },

    /** Records why delivery to a token failed; the decision stays undelivered. */
    async markDeliveryFailed(
      decisionKey: string,
      taskTokenHash: string,
      error: string,
      now: string,
    ): Promise<void> {
      // False: another path (openDecision with a newer token) delivered it meanwhile: nothing to record.
      await whenConditionHolds(() =>
        decisions
          .patch({ decisionKey })
          .set({ deliveryError: error.slice(0, 500), deliveryErrorTokenHash: taskTokenHash, updatedAt: now })
          .where((a, op) => `${op.eq(a.status, "decided")} AND ${op.eq(a.delivery, "undelivered")}`)
          .go(),
      );
    },

    /** Closes a pending decision as expired or superseded; false when it was not pending (already decided or closed). */
    async closePendingDecision(
      decisionKey: string,
      close: { status: "expired" | "superseded"; reason: string; closedBy?: string; now: string },
    ): Promise<boolean> {
      return whenConditionHolds(() =>
        decisions
          .patch({ decisionKey })
          .set({
            status: close.status,
            closedReason: close.reason,
            closedAt: close.now,
            updatedAt: close.now,
            ...(close.closedBy ? { closedBy: close.closedBy } : {}),
          })
          .remove([...PENDING_INDEX_ATTRIBUTES])
          .where((a, op) => op.eq(a.status, "pending"))
          .go(),
      );
    },

    /** Lists decided-but-undelivered decisions (the redelivery outbox), oldest key first. */
    async listUndelivered(limit: number): Promise<DecisionRecord[]> {
      const res = await decisions.query.undelivered({ delivery: "undelivered" }).go({ limit });
      return res.data as DecisionRecord[];
    },

    /**
     * The cycle's pending decisions whose deadline (dueAt) is before `before`, earliest deadline first: one query of
     * the sparse pendingByCycle index, which holds nothing but pending decisions with a deadline.
     */
    async listPendingDueBefore(cycleId: string, before: string): Promise<DecisionRecord[]> {
      const res = await decisions.query
        .pendingByCycle({ pendingCycleId: cycleId })
        .lt({ pendingDueAt: before })
        .go({ pages: "all" });
      return res.data as DecisionRecord[];
    },

    /** Lists the decisions of one appraisal. */
    async listByAppraisal(appraisalId: string): Promise<DecisionRecord[]> {
      const res = await decisions.query.byAppraisal({ appraisalId }).go({ pages: "all" });
      return res.data as DecisionRecord[];
    },

    /**
     * Stores a newly issued link. Links are written once and never changed or revoked in place (a decision closes
     * instead): the link routes remember them per container (web links/link-routes.tsx), so a change here must end that.
     */
    async putLink(link: LinkRecord): Promise<void> {
      await links.create(link).go();
    },

    /** Reads a link by its opaque id. */
    async getLink(linkId: string): Promise<LinkRecord | null> {
      const res = await links.get({ linkId }).go();
      return (res.data as LinkRecord | null) ?? null;
    },

    /** Claims the right to send one mail; returns the earlier claim when this mail was already claimed. */
    async claimMail(
      decisionKey: string,
      mailKey: string,
      linkId: string,
      now: string,
      ttl: number,
    ): Promise<{ claimed: true } | { claimed: false; linkId: string; status: "sending" | "sent" }> {
      const created = await whenConditionHolds(() =>
        mails.create({ decisionKey, mailKey, linkId, status: "sending", createdAt: now, ttl }).go(),
      );
      if (created) return { claimed: true };
      const existing = await mails.get({ decisionKey, mailKey }).go({ consistent: true });
      if (!existing.data)
        throw new ItemNotFoundError(`mail ${mailKey} of ${decisionKey} was claimed, then vanished`);
      return { claimed: false, linkId: existing.data.linkId, status: existing.data.status };
    },

    /** Marks a claimed mail as handed to the provider. */
    async markMailSent(decisionKey: string, mailKey: string, mailId: string, linkId: string): Promise<void> {
      await mails.patch({ decisionKey, mailKey }).set({ status: "sent", mailId, linkId }).go();
    },

    /** Drops a mail claim after the provider refused, so a retry of the step may send it. */
    async releaseMail(decisionKey: string, mailKey: string): Promise<void> {
      await mails.delete({ decisionKey, mailKey }).go();
    },
  };
}

/** The repository of pending decisions, links and their mail records (named access patterns). */
export type DecisionRepo = ReturnType<typeof build>;

/** Returns the decision repository for a storage (built once per storage object). */
export function decisionRepo(storage: DecisionStorage): DecisionRepo {
  let repo = cache.get(storage);
  if (!repo) {
    repo = build(storage);
    cache.set(storage, repo);
  }
  return repo;
}
