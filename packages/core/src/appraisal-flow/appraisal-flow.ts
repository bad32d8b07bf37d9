// The appraisal workflow's decision loop (where an execution resumes, planning and opening each round of a decision,
// who must act and who is told when it is overdue) and MarkFailed. The steps of each stage live beside it
// (targets, measurement, review, follow-up); their shared parts in common.
import { objectionDeadline } from "../objection/objection";
import { resolveCycleSettings } from "../cycle/cycle-settings";
import { planCascadeWait, planDecisionRound, type DecisionPlan } from "./decision-plan";
import type { FlowAppraisal, FlowPerson } from "./flow-store";
import type { HrContact } from "./decision-gateway";
import { CycleNotFoundError, MissingDataError, StageConflictError } from "../workflow/workflow.errors";
import { decisionKeyOf, type FlowDeps, loadLive, pick, save } from "./common";
import { decisionContext } from "./decision-context";
import { addressedAs, staffingAuthorityPerson } from "./officials";
import { HR_CONTACT_ID } from "../org/org-settings";
import { awaitsSuperiorSkp } from "./targets";
import type { FlowDecisionKind } from "../decision/decision-kinds";

export { decisionKeyOf, type DeliveredDecision, type FlowDeps } from "./common";
export { awaitSuperiorSkp, recordSkpApproval, recordSkpProposal } from "./targets";
export {
  periodEndInstant,
  planMeasurementWait,
  recordRealization,
  takeMeasurementSnapshot,
} from "./measurement";
export {
  checkUnitDistribution,
  recordAcknowledgement,
  recordObjectionDecision,
  recordReview,
} from "./review";
export { applyFollowUp } from "./follow-up";

/** Where an execution resumes, derived from the record (the source of truth). */
export interface ResumePoint {
  next: "decision" | "measurement" | "snapshot" | "follow-up" | "finished";
  decision: { kind: FlowDecisionKind; round: number } | null;
}

/** LoadAppraisal: records the running execution on the record and says where to resume. */
export async function loadAppraisal(
  deps: FlowDeps,
  input: {
    appraisalId: string;
    executionArn: string;
    decision: { kind: FlowDecisionKind; round: number } | null;
  },
): Promise<ResumePoint> {
  let record = await loadLive(deps, input.appraisalId);
  if (record.stage === "failed")
    throw new StageConflictError(`appraisal ${record.id} is failed; HR must retry it`);
  if (record.executionArn !== input.executionArn) {
    record = await save(
      deps,
      record,
      { executionArn: input.executionArn },
      `execution:${input.executionArn}`,
    );
  }
  const resume = resumePointOf(record, deps.clock.now());
  // A continuation in the middle of a decision keeps its round (so it does not restart the reminders).
  if (resume.next === "decision" && input.decision && input.decision.kind === resume.decision?.kind)
    return { next: "decision", decision: input.decision };
  return resume;
}

/** Derives the resume point of a record. */
export function resumePointOf(record: FlowAppraisal, now: Date): ResumePoint {
  const ask = (kind: FlowDecisionKind): ResumePoint => ({ next: "decision", decision: { kind, round: 1 } });
  switch (record.stage) {
    case "target-setting":
      return ask(record.skp?.status === "submitted" ? "skp-approval" : "skp-proposal");
    case "measurement":
      return { next: "measurement", decision: null };
    case "review":
      if (!record.measurement)
        return record.realisation ? { next: "snapshot", decision: null } : ask("realization");
      return ask("review");
    case "feedback":
      if (record.objection && !record.objection.decision) return ask("objection-decision");
      return ask("acknowledgement");
    case "follow-up":
      return { next: "follow-up", decision: null };
    default:
      void now;
      return { next: "finished", decision: null };
  }
}

/** How long the round that redelivers a stored outcome waits before planning again (the delivery itself is immediate). */
const REDELIVERY_WAIT_S = 3600;

/** PlanDecision: plans this round of a decision from the cycle settings and its one deadline; closes it when time is up. */
export async function planDecision(
  deps: FlowDeps,
  input: {
    appraisalId: string;
    kind: FlowDecisionKind;
    round: number;
    executionStartTime: string;
    /** The deadline an earlier round of this decision fixed (the workflow carries it); absent on the first round. */
    dueAt?: string;
  },
): Promise<DecisionPlan> {
  const record = await loadLive(deps, input.appraisalId);
  const cycle = await deps.store.getCycle(record.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${record.cycleId} does not exist`);
  const settings = resolveCycleSettings(cycle.settings);
  const now = deps.clock.now();
  // Rule 27: the employee is asked for an SKP once the appraiser's is approved; until then no deadline runs.
  if (input.kind === "skp-proposal" && !input.dueAt && (await awaitsSuperiorSkp(deps, record)))
    return planCascadeWait({ now, executionStartTime: new Date(input.executionStartTime) });
  let deadline: Date | undefined;
  if (input.kind === "acknowledgement") {
    if (!record.feedbackSentAt)
      throw new MissingDataError(`appraisal ${record.id} has no feedback date for the objection window`);
    deadline = objectionDeadline(new Date(record.feedbackSentAt), settings.objectionWindowDays);
  }
  const plan = planDecisionRound({
    kind: input.kind,
    round: input.round,
    now,
    executionStartTime: new Date(input.executionStartTime),
    settings,
    dueAt: input.dueAt ? new Date(input.dueAt) : undefined,
    objectionDeadline: deadline,
    openedAt: record.feedbackSentAt && deadline ? new Date(record.feedbackSentAt) : undefined,
  });
  if (plan.action === "auto-acknowledge" || plan.action === "proceed-without" || plan.action === "overdue") {
    // A person decided in time but the outcome never reached a token (e.g. it timed out as they clicked): honour the
    // stored outcome instead of deciding for them. Opening the decision again delivers it to the new token at once.
    const stored = await deps.decisions.state?.(decisionKeyOf(record, input.kind));
    if (stored?.status === "decided" && stored.delivery === "undelivered")
      return {
        action: "open",
        timeoutSeconds: REDELIVERY_WAIT_S,
        mailKind: "reminder",
        dueAt: plan.dueAt,
        expiresAt: new Date(now.getTime() + REDELIVERY_WAIT_S * 1000).toISOString(),
      };
    const reason =
      plan.action === "auto-acknowledge"
        ? "Jangka waktu keberatan telah lewat; hasil penilaian dianggap diterima."
        : plan.action === "proceed-without"
          ? "Batas waktu pelaporan realisasi telah lewat; penilaian dilanjutkan dengan data yang ada."
          : "Batas waktu keputusan telah lewat; penilaian ditandai gagal dan menunggu tindakan pengelola kinerja.";
    await deps.decisions.close({
      decisionKey: decisionKeyOf(record, input.kind),
      status: "expired",
      reason,
      decidedBy: "system",
    });
    // The employee let the objection window pass: the appraiser learns the result now stands as acknowledged.
    if (plan.action === "auto-acknowledge")
      await deps.decisions.notify?.({
        decisionKey: decisionKeyOf(record, input.kind),
        kind: input.kind,
        appraisalId: record.id,
        employee: { nip: record.nip, name: record.name },
        to: { ...addressedAs(record.appraiser), role: "appraiser" },
        asked: { name: record.name, role: "employee" },
        dueAt: plan.dueAt,
        expiresAt: plan.dueAt,
        state: "auto-acknowledged",
      });
  }
  return plan;
}

/** Who may be asked or told about a decision: a person of the workflow in their role (officials named for mails). */
type Asked = FlowPerson & { role: "employee" | "appraiser" | "superior-of-appraiser" | "hr" };

/**
 * Who decides an objection (rule 35): the superior of the appraising official; when the appraiser has no superior in
 * the organisation (a head appraised by the Sekda, the top appraised by an official outside it), the staffing
 * authority of the org settings in that place; without settings, HR (pengelola kinerja) records the authority's
 * decision. Read when the decision opens, so settings HR completes after the launch still apply. Never a failure.
 */
async function objectionDecider(deps: FlowDeps & { hr?: HrContact }, record: FlowAppraisal): Promise<Asked> {
  if (record.superiorOfAppraiser)
    return { ...addressedAs(record.superiorOfAppraiser), role: "superior-of-appraiser" };
  const settings = await deps.store.orgSettings();
  if (settings) return { ...addressedAs(staffingAuthorityPerson(settings)), role: "superior-of-appraiser" };
  if (deps.hr) return { nip: HR_CONTACT_ID, ...deps.hr, role: "hr" };
  throw new MissingDataError(
    `appraisal ${record.id}: the appraiser ${record.appraiser.nip} has no superior, no staffing authority is set ` +
      "(PUT /api/org/settings) and no HR contact is configured (KINERJA_HR_EMAIL) to decide the objection",
  );
}

/** Who must act on a decision of `kind`: the employee, the appraiser, or who decides an objection. */
async function whoMustAct(
  deps: FlowDeps & { hr?: HrContact },
  record: FlowAppraisal,
  kind: FlowDecisionKind,
): Promise<Asked> {
  switch (kind) {
    case "skp-proposal":
    case "realization":
    case "acknowledgement":
      return { ...pick(record), role: "employee" };
    case "skp-approval":
    case "review":
      return { ...addressedAs(record.appraiser), role: "appraiser" };
    case "objection-decision":
      return objectionDecider(deps, record);
  }
}

/**
 * Who is told once a decision is overdue. The superior of the appraiser may decide an SKP approval or a review in the
 * appraiser's place (a link of their own); with no superior in the organisation (the appraiser is the top, or an
 * official outside it) HR is informed: the staffing authority decides objections, never the day-to-day steps. Only the
 * employee may propose an SKP, report realisation or answer their result, so their appraiser is informed (the
 * appraiser of the top too). An objection decision is final and its decider's alone (DOMAIN 7, rule 35), so HR is
 * informed. Without an HR contact, the staffing authority is told instead (unless they are the one asked), so an
 * overdue notice always reaches someone who can follow it up.
 */
async function escalationOf(
  deps: FlowDeps & { hr?: HrContact },
  record: FlowAppraisal,
  kind: FlowDecisionKind,
  actor: Asked,
): Promise<
  | { mayAct: true; to: FlowPerson & { role: "superior-of-appraiser" } }
  | { mayAct: false; to: { name: string; email: string; role: "appraiser" | "superior-of-appraiser" | "hr" } }
  | null
> {
  const aboveAll = async () => {
    if (deps.hr) return { mayAct: false as const, to: { ...deps.hr, role: "hr" as const } };
    const settings = await deps.store.orgSettings();
    const authority = settings ? addressedAs(staffingAuthorityPerson(settings)) : undefined;
    return authority && authority.nip !== actor.nip
      ? { mayAct: false as const, to: { ...authority, role: "superior-of-appraiser" as const } }
      : null;
  };
  switch (kind) {
    case "skp-approval":
    case "review":
      return record.superiorOfAppraiser
        ? {
            mayAct: true,
            to: { ...addressedAs(record.superiorOfAppraiser), role: "superior-of-appraiser" },
          }
        : aboveAll();
    case "skp-proposal":
    case "realization":
    case "acknowledgement":
      return { mayAct: false, to: { ...addressedAs(record.appraiser), role: "appraiser" } };
    case "objection-decision":
      return actor.role === "hr" ? null : aboveAll();
  }
}

/**
 * OpenDecision: opens (or re-opens) the pending decision for this round and mails the person who must act (request or
 * reminder). In the escalation round that person is reminded once more and someone above is told what is overdue:
 * the superior of the appraiser with a link to decide in their place, or (without a link) the appraiser or HR.
 */
export async function openDecisionRound(
  deps: FlowDeps & { hr?: HrContact },
  input: {
    appraisalId: string;
    kind: FlowDecisionKind;
    round: number;
    taskToken: string;
    mailKind: DecisionPlan["mailKind"];
    dueAt: string;
    expiresAt: string;
  },
): Promise<{ decisionId: string; delivered: boolean }> {
  const record = await loadLive(deps, input.appraisalId);
  const employee = { nip: record.nip, name: record.name };
  const actor = await whoMustAct(deps, record, input.kind);
  const escalated = input.mailKind === "escalation";
  const request = {
    decisionKey: decisionKeyOf(record, input.kind),
    kind: input.kind,
    appraisalId: record.id,
    cycleId: record.cycleId,
    employee,
    taskToken: input.taskToken,
    dueAt: input.dueAt,
    expiresAt: input.expiresAt,
    context: await decisionContext(deps, record, input.kind),
  };
  const result = await deps.decisions.open({
    ...request,
    recipient: actor,
    mailKind: escalated ? "reminder" : input.mailKind,
  });
  if (escalated && result.delivered !== true) {
    const above = await escalationOf(deps, record, input.kind, actor);
    if (above?.mayAct) await deps.decisions.open({ ...request, recipient: above.to, mailKind: "escalation" });
    else if (above)
      await deps.decisions.notify?.({
        decisionKey: request.decisionKey,
        kind: input.kind,
        appraisalId: record.id,
        employee,
        to: above.to,
        asked: { name: actor.name, role: actor.role },
        dueAt: input.dueAt,
        expiresAt: input.expiresAt,
        state: "overdue",
      });
  }
  return { decisionId: result.decisionId, delivered: result.delivered === true };
}

/** MarkFailed: the appraisal stops in `failed` with the error and its cause, so HR sees why and may retry. */
export async function markFailed(
  deps: FlowDeps,
  input: { appraisalId: string; error: { Error: string; Cause?: string }; executionArn?: string },
): Promise<void> {
  const record = await loadLive(deps, input.appraisalId);
  if (record.stage === "failed") return;
  const cause = causeText(input.error.Cause);
  await save(
    deps,
    record,
    {
      stage: "failed",
      failure: {
        stage: record.stage,
        error: input.error.Error,
        cause,
        at: deps.clock.now().toISOString(),
        executionArn: input.executionArn,
      },
    },
    // Deterministic without an execution too (an appraisal fails at most once per HR retry round): audited once.
    `failed:${input.executionArn ?? `r${record.retries ?? 0}`}`,
    { actor: "system", action: "failed", detail: { stage: record.stage, error: input.error.Error, cause } },
  );
}

/** Lambda errors arrive as a JSON cause ({errorMessage, errorType, trace}); keep the message HR can read. */
function causeText(cause: string | undefined): string {
  if (!cause) return "";
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    if (parsed && typeof parsed.errorMessage === "string") return parsed.errorMessage;
  } catch {
    // not JSON: a Fail/Pass-made cause is plain text
  }
  return cause.slice(0, 2000);
}
