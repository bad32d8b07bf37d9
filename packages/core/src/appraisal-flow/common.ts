// What every step of the appraisal workflow shares: its dependencies, loading a live record, checking its stage,
// saving with an optimistic-concurrency version and an idempotency key, and the keys and actors of decisions.
// The steps live by stage: targets (SKP), measurement, review (review, feedback, objection), follow-up,
// decision-context (what a decision's page shows) and appraisal-flow (the decision loop).
import type { Stage } from "../appraisal/appraisal";
import type { Clock } from "../clock/clock";
import type { DecisionGateway, DeliveredDecision } from "./decision-gateway";
import type { FlowAppraisal, FlowAuditEvent, FlowIndicator, FlowPerson, FlowStore } from "./flow-store";
import {
  AppraisalCancelledError,
  AppraisalNotFoundError,
  StageConflictError,
} from "../workflow/workflow.errors";
import type { FlowDecisionKind } from "../decision/decision-kinds";

/** What every flow service needs: storage, time and the pending-decision service. */
export interface FlowDeps {
  store: FlowStore;
  clock: Clock;
  decisions: DecisionGateway;
}

/** A decision as the link delivered it or the workflow made it (automatic); defined with the gateway port. */
export type { DeliveredDecision };

export async function loadLive(deps: FlowDeps, appraisalId: string): Promise<FlowAppraisal> {
  const record = await deps.store.getAppraisal(appraisalId);
  if (!record) throw new AppraisalNotFoundError(`appraisal ${appraisalId} does not exist`);
  if (record.stage === "cancelled")
    throw new AppraisalCancelledError(`appraisal ${appraisalId} was cancelled`);
  return record;
}

export function expectStage(record: FlowAppraisal, stages: Stage[], step: string): void {
  if (!stages.includes(record.stage)) {
    throw new StageConflictError(
      `${step}: appraisal ${record.id} is in stage ${record.stage}, expected ${stages.join(" or ")}`,
    );
  }
}

export async function save(
  deps: FlowDeps,
  record: FlowAppraisal,
  patch: Partial<FlowAppraisal>,
  stepKey: string,
  audit?: Omit<FlowAuditEvent, "at" | "eventId">,
): Promise<FlowAppraisal> {
  const now = deps.clock.now().toISOString();
  const next: FlowAppraisal = {
    ...record,
    ...patch,
    version: record.version + 1,
    appliedSteps: [...record.appliedSteps.slice(-40), stepKey],
  };
  // The step's idempotency key names its event: a retried step records it once, whatever its clock says.
  await deps.store.saveAppraisal(
    next,
    audit ? { at: now, eventId: `${stepKey}#${audit.action}`, ...audit } : undefined,
  );
  return next;
}

/**
 * The key of the pending decision of `kind` for the record's current iteration. The SKP loop asks again
 * after a return, so its keys carry the SKP version; every other decision happens once per appraisal.
 */
export function decisionKeyOf(record: Pick<FlowAppraisal, "id" | "skp">, kind: FlowDecisionKind): string {
  if (kind === "skp-proposal")
    return `${record.id}#${kind}#v${(record.skp?.status === "submitted" ? record.skp.version - 1 : (record.skp?.version ?? 0)) + 1}`;
  if (kind === "skp-approval") return `${record.id}#${kind}#v${record.skp?.version ?? 0}`;
  return `${record.id}#${kind}`;
}

/**
 * A Record step runs only on an outcome its workflow received, so it marks that decision delivered (idempotent): the
 * decision converges even if the click's own bookkeeping failed after SendTaskSuccess (storage outage, killed process).
 */
export async function consumed(deps: FlowDeps, decided: DeliveredDecision): Promise<void> {
  if (decided.linkId && !decided.automatic)
    await deps.decisions.consumed?.({ linkId: decided.linkId, delivered: decided });
}

export const decisionKey = (d: DeliveredDecision, step: string) => `${step}:${d.linkId ?? d.decidedAt}`;
export const actorOf = (d: DeliveredDecision) =>
  d.automatic ? "system" : `${d.decidedBy?.role ?? "unknown"}:${d.decidedBy?.nip ?? "?"}`;

export function pick(p: FlowPerson): FlowPerson {
  return { nip: p.nip, name: p.name, email: p.email };
}

export const indicatorsOf = (record: FlowAppraisal): FlowIndicator[] =>
  record.skp?.rhk.flatMap((r) => r.indicators) ?? [];
