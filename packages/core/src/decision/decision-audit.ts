import { auditEventEntity } from "../audit/audit-event.entity";
import { createAuditRepo, type AuditRepo } from "../audit/audit.repo";
import type { Clock } from "../clock/clock";
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

const repos = new WeakMap<object, AuditRepo>();

/** Builds the transaction item that appends a decision's audit event (the audit repo's item), to commit with the claim. */
export function decisionAuditItem(
  storage: DecisionStorage,
  clock: Clock,
  event: DecisionAuditEvent,
): TransactItem {
  let repo = repos.get(storage);
  if (!repo) {
    repo = createAuditRepo({ entity: auditEventEntity(storage.client, storage.tableName), clock });
    repos.set(storage, repo);
  }
  return repo.auditTransactItem({ ...event, action: "decision" });
}
