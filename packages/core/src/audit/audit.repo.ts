import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EntityItem } from "electrodb";
import type { Clock } from "../clock/clock";
import { cancellationReasons } from "../storage/storage.errors";
import { putItem, transactWrite, type TransactWriteItem } from "../storage/transact";
import { auditEventEntity, auditEventIdEntity } from "./audit-event.entity";

/** An audit event as stored and returned (DESIGN 3.1 `audit: [{at, actor, action, kind?, linkId?, detail}]`). */
export type AuditEvent = EntityItem<ReturnType<typeof auditEventEntity>>;

/** What a caller records; `at` defaults to the clock. */
export interface AuditEventInput {
  /** The subject whose trail it joins: an appraisal id, or `cycle:<id>`, `imports`, `org-settings`... */
  appraisalId: string;
  /**
   * The event's identity within its subject, REQUIRED and deterministic: the same event written again (a retried step,
   * a redelivered decision, a claim restored after DynamoDB Local lost it, a repeated HR request) must give the same
   * id, and two different events different ids. An event is recorded at most once per id (see auditTransactItems).
   * Build it from what identifies the change, never from the clock or a random number:
   * `<decisionId>#decision`, `<stepKey>#<action>` (flow steps), `cycle-created`, `org-rating#<unitId>#<setAt>`,
   * `<importId>#import-committed`, `bounce#<ses message id>`...
   */
  eventId: string;
  actor: string;
  action: string;
  kind?: string;
  linkId?: string;
  detail?: unknown;
  at?: string;
}

/** How a write with an audit event ended: both written, or the event was already recorded (the rest written). */
export type AuditedWrite = "written" | "already-recorded";

/**
 * Whether a transaction of `auditAt` other items followed by an audit event's items was cancelled only because the
 * event is already recorded (its guard's condition failed, every other item was fine). Any other reason (a stale
 * version, a lost claim, a conflict) is not this.
 */
export function isAuditAlreadyRecorded(err: unknown, auditAt: number): boolean {
  const reasons = cancellationReasons(err);
  if (!reasons || reasons[auditAt] !== "ConditionalCheckFailed") return false;
  return reasons.slice(0, auditAt).every((r) => r === undefined);
}

/** The audit trail of subjects: append-only, each event recorded exactly once, read in time order. */
export function createAuditRepo(deps: { client: DynamoDBDocumentClient; table: string; clock: Clock }) {
  const entity = auditEventEntity(deps.client, deps.table);
  const guard = auditEventIdEntity(deps.client, deps.table);
  const eventOf = (input: AuditEventInput) => {
    if (!input.eventId)
      throw new TypeError(`audit event ${input.action} of ${input.appraisalId} has no eventId`);
    return { ...input, at: input.at ?? deps.clock.now().toISOString(), detail: input.detail ?? {} };
  };
  const auditTransactItems = (input: AuditEventInput): TransactWriteItem[] => {
    const item = eventOf(input);
    // Guard first: the audit's cancellation reason is then always at the first audit index (isAuditAlreadyRecorded).
    return [
      putItem(guard.create({ appraisalId: item.appraisalId, eventId: item.eventId, at: item.at }).params()),
      putItem(entity.create(item).params()),
    ];
  };

  /**
   * Writes `items` and the audit event in ONE transaction (`transact` is the caller's writer, so its own error
   * handling stays). When only the event is already recorded (a retry of a write that committed, or a write restored
   * after its state change alone was lost), `items` are written without it: idempotent success, "already-recorded".
   * Any other cancellation is thrown as `transact` threw it.
   */
  async function transactWithAudit(
    transact: (items: TransactWriteItem[]) => Promise<void>,
    items: TransactWriteItem[],
    input: AuditEventInput,
  ): Promise<AuditedWrite> {
    try {
      await transact([...items, ...auditTransactItems(input)]);
      return "written";
    } catch (err) {
      if (!isAuditAlreadyRecorded(err, items.length)) throw err;
    }
    if (items.length > 0) await transact(items);
    return "already-recorded";
  }

  return {
    /**
     * The Puts of one audit event (its uniqueness guard and the event) as TransactWriteItems, so another repo can
     * write "a change and its audit event" in ONE transaction. Put them LAST and prefer transactWithAudit, which
     * tells "already recorded" from a real conflict.
     */
    auditTransactItems,

    /**
     * The Put of an audit event WITHOUT its uniqueness guard, for a transaction that is already at most once by
     * another of its items (e.g. the conditional create of an item that is never deleted): one write instead of two.
     */
    auditEventItemOnce: (input: AuditEventInput): TransactWriteItem =>
      putItem(entity.create(eventOf(input)).params()),

    transactWithAudit,

    /** Appends one event on its own; "already-recorded" when an event with this id is in the trail. */
    async appendAudit(input: AuditEventInput): Promise<AuditedWrite> {
      return transactWithAudit((items) => transactWrite(deps.client, items), [], input);
    },

    /** The whole trail of one subject, oldest first. */
    async listAudit(appraisalId: string): Promise<AuditEvent[]> {
      const result = await entity.query.byAppraisal({ appraisalId }).go({ pages: "all" });
      return result.data;
    },
  };
}

/** The audit repo's API. */
export type AuditRepo = ReturnType<typeof createAuditRepo>;
