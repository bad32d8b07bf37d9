import { createAuditRepo, type AuditedWrite, type AuditRepo } from "../audit/audit.repo";
import type { Clock } from "../clock/clock";
import type { DecisionStorage, TransactItem } from "./decision.repo";

/** The audit event one decision writes (DESIGN 3.1: one decision is one entry with action "decision"). */
export interface DecisionAuditEvent {
  appraisalId: string;
  at: string;
  actor: string;
  kind: string;
  linkId: string;
  detail: Record<string, unknown> & { decisionId: string };
}

const repos = new WeakMap<object, AuditRepo>();

/**
 * Writes a decision's claim and its audit event in one transaction. The event's id is `<decisionId>#decision`: a
 * decision is decided once, so a click, its retries and a claim restored from the workflow all name the same event
 * and it is recorded once ("already-recorded" when only the claim had to be written again).
 */
export function writeDecisionWithAudit(
  storage: DecisionStorage,
  clock: Clock,
  transact: (items: TransactItem[]) => Promise<void>,
  claim: TransactItem[],
  event: DecisionAuditEvent,
): Promise<AuditedWrite> {
  let repo = repos.get(storage);
  if (!repo) {
    repo = createAuditRepo({ client: storage.client, table: storage.tableName, clock });
    repos.set(storage, repo);
  }
  return repo.transactWithAudit(transact, claim, {
    ...event,
    action: "decision",
    eventId: `${event.detail.decisionId}#decision`,
  });
}
