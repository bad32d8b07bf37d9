import { randomUUID } from "node:crypto";
import type { EntityItem } from "electrodb";
import type { Clock } from "../clock/clock";
import { putItem, type TransactWriteItem } from "../storage/transact";
import type { auditEventEntity } from "./audit-event.entity";

/** An audit event as stored and returned (DESIGN 3.1 `audit: [{at, actor, action, kind?, linkId?, detail}]`). */
export type AuditEvent = EntityItem<ReturnType<typeof auditEventEntity>>;

/** What a caller records; `at` defaults to the clock, `eventId` to a random id. */
export interface AuditEventInput {
  appraisalId: string;
  actor: string;
  action: string;
  kind?: string;
  linkId?: string;
  detail?: unknown;
  at?: string;
  eventId?: string;
}

/** The audit trail of appraisals: append-only, read in time order. */
export function createAuditRepo(deps: { entity: ReturnType<typeof auditEventEntity>; clock: Clock }) {
  const { entity } = deps;
  const toItem = (input: AuditEventInput) => ({
    ...input,
    at: input.at ?? deps.clock.now().toISOString(),
    eventId: input.eventId ?? randomUUID(),
    detail: input.detail ?? {},
  });
  return {
    /**
     * The Put of one audit event as a TransactWriteItem, so another repo can write "a decision and
     * its audit event" in ONE transaction (pass both to storage.transactWrite).
     */
    auditTransactItem(input: AuditEventInput): TransactWriteItem {
      return putItem(entity.create(toItem(input)).params());
    },

    /** Appends one event on its own. */
    async appendAudit(input: AuditEventInput): Promise<AuditEvent> {
      const result = await entity.create(toItem(input)).go();
      return result.data;
    },

    /** The whole trail of one appraisal, oldest first. */
    async listAudit(appraisalId: string): Promise<AuditEvent[]> {
      const result = await entity.query.byAppraisal({ appraisalId }).go({ pages: "all" });
      return result.data;
    },
  };
}

/** The audit repo's API. */
export type AuditRepo = ReturnType<typeof createAuditRepo>;
