import type { DecisionStorage, TransactItem } from "./decision.repo";

/** The audit event one decision writes (DESIGN 3.1: one decision is one entry with action "decision"). */
export interface DecisionAuditEvent {
  appraisalId: string;
  at: string;
  actor: string;
  kind: string;
  linkId: string;
  detail: Record<string, unknown>;
}

// Interim writer until the audit repo's transaction item lands; it is the only place that knows the audit item shape.
/** Builds the transaction item that appends a decision's audit event next to the claim. */
export function decisionAuditItem(storage: DecisionStorage, event: DecisionAuditEvent): TransactItem {
  return {
    Put: {
      TableName: storage.tableName,
      Item: {
        pk: `$kinerja#appraisalid_${event.appraisalId}`,
        sk: `$audit_1#at_${event.at}#linkid_${event.linkId}`,
        __edb_e__: "audit",
        __edb_v__: "1",
        appraisalId: event.appraisalId,
        at: event.at,
        actor: event.actor,
        action: "decision",
        kind: event.kind,
        linkId: event.linkId,
        detail: event.detail,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}
