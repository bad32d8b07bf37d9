// What every HR service shares: its dependencies, the HR person acting, the audit subjects of HR actions, the audit
// of one action and the cycle an action is about. Commands: cycle-commands, import-commands, resend-link; reads:
// cycle-reports, appraisal-reports, org-reports, cycle-overview, cycle-progress, import-preview.
import type { Clock } from "../clock/clock";
import type { ControlDeps } from "../cycle/cycle-control";
import { IMPORTS_AUDIT_SUBJECT } from "../imports/import-service";
import type { Storage } from "../storage/storage";
import { HrNotFoundError } from "./hr.errors";

/** What the HR services need: storage, the workflow control (launch, cancel, retry) and the clock. */
export interface HrDeps {
  storage: Storage;
  control: ControlDeps;
  clock: Clock;
}

/** The HR person acting (from the verified token). */
export interface HrActor {
  subject: string;
  name?: string;
}

/** Audit subjects of HR actions that are not about one appraisal (the audit trail is keyed by subject). */
export const HR_AUDIT_SUBJECTS = {
  cycle: (cycleId: string) => `cycle:${cycleId}`,
  imports: IMPORTS_AUDIT_SUBJECT,
} as const;

/** The actor an HR person's actions are recorded under. */
export const hrActorOf = (actor: HrActor) => `hr:${actor.subject}`;

/** Records an HR action once: `eventId` names the change it made (see AuditEventInput.eventId), never the request. */
export async function audit(
  deps: HrDeps,
  subject: string,
  actor: HrActor,
  action: string,
  detail: Record<string, unknown>,
  eventId: string,
) {
  await deps.storage.audit.appendAudit({
    appraisalId: subject,
    eventId,
    actor: hrActorOf(actor),
    action,
    detail: { ...detail, ...(actor.name ? { by: actor.name } : {}) },
  });
}

/** The cycle, or HrNotFoundError. */
export async function requireCycle(deps: HrDeps, cycleId: string) {
  const cycle = await deps.storage.cycles.getCycle(cycleId);
  if (!cycle) throw new HrNotFoundError("hrCycleNotFound", { cycleId });
  return cycle;
}
