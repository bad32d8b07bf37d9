// The core functions the appraisal workflow's step handlers call, one per step. Each reads the record,
// checks it is in the stage the step acts on, applies the domain rules and writes the record back with
// an optimistic-concurrency version. Every step is idempotent: a retried Lambda finds its own write
// (by idempotency key) and answers the same result without writing again.
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock/clock";
import type { Stage } from "../appraisal/appraisal";
import {
  aggregatePerilaku,
  applyUnitHeadRule,
  BERAKHLAK_KEYS,
  type BerakhlakKey,
  predikatFor,
  PREDIKATS,
  type Predikat,
  type Rating,
} from "../rating/rating";
import { checkDistribution } from "../distribution/distribution";
import { objectionDeadline } from "../objection/objection";
import { computeIkm } from "../ikm/ikm";
import { summariseMeasurement } from "../measurement/measurement";
import { followUpFor } from "../follow-up/follow-up";
import { resolveCycleSettings } from "./cycle-settings";
import { planDecisionRound, type DecisionPlan, type FlowDecisionKind } from "./decision-plan";
import type {
  FlowAppraisal,
  FlowAuditEvent,
  FlowIndicator,
  FlowPerson,
  FlowSkp,
  FlowStore,
} from "./flow-store";
import type { DecisionGateway, DeliveredDecision, HrContact } from "./decision-gateway";
import {
  AppraisalCancelledError,
  AppraisalNotFoundError,
  CycleNotFoundError,
  DecisionRejectedError,
  MissingDataError,
  StageConflictError,
} from "./workflow.errors";

/** What every flow service needs: storage, time and the pending-decision service. */
export interface FlowDeps {
  store: FlowStore;
  clock: Clock;
  decisions: DecisionGateway;
}

/** A decision as the link delivered it or the workflow made it (automatic); defined with the gateway port. */
export type { DeliveredDecision };

/** Where an execution resumes, derived from the record (the source of truth). */
export interface ResumePoint {
  next: "decision" | "measurement" | "snapshot" | "follow-up" | "finished";
  decision: { kind: FlowDecisionKind; round: number } | null;
}

async function loadLive(deps: FlowDeps, appraisalId: string): Promise<FlowAppraisal> {
  const record = await deps.store.getAppraisal(appraisalId);
  if (!record) throw new AppraisalNotFoundError(`appraisal ${appraisalId} does not exist`);
  if (record.stage === "cancelled")
    throw new AppraisalCancelledError(`appraisal ${appraisalId} was cancelled`);
  return record;
}

function expectStage(record: FlowAppraisal, stages: Stage[], step: string): void {
  if (!stages.includes(record.stage)) {
    throw new StageConflictError(
      `${step}: appraisal ${record.id} is in stage ${record.stage}, expected ${stages.join(" or ")}`,
    );
  }
}

async function save(
  deps: FlowDeps,
  record: FlowAppraisal,
  patch: Partial<FlowAppraisal>,
  stepKey: string,
  audit?: Omit<FlowAuditEvent, "at">,
): Promise<FlowAppraisal> {
  const now = deps.clock.now().toISOString();
  const next: FlowAppraisal = {
    ...record,
    ...patch,
    version: record.version + 1,
    appliedSteps: [...record.appliedSteps.slice(-40), stepKey],
  };
  await deps.store.saveAppraisal(next, audit ? { at: now, ...audit } : undefined);
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
async function consumed(deps: FlowDeps, decided: DeliveredDecision): Promise<void> {
  if (decided.linkId && !decided.automatic)
    await deps.decisions.consumed?.({ linkId: decided.linkId, delivered: decided });
}

const decisionKey = (d: DeliveredDecision, step: string) => `${step}:${d.linkId ?? d.decidedAt}`;
const actorOf = (d: DeliveredDecision) =>
  d.automatic ? "system" : `${d.decidedBy?.role ?? "unknown"}:${d.decidedBy?.nip ?? "?"}`;

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
        to: { ...pick(record.appraiser), role: "appraiser" },
        asked: { name: record.name, role: "employee" },
        dueAt: plan.dueAt,
        expiresAt: plan.dueAt,
        state: "auto-acknowledged",
      });
  }
  return plan;
}

/** Who must act on a decision of `kind`: the employee, the appraiser, or the superior of the appraiser. */
function whoMustAct(
  record: FlowAppraisal,
  kind: FlowDecisionKind,
): FlowPerson & { role: "employee" | "appraiser" | "superior-of-appraiser" } {
  switch (kind) {
    case "skp-proposal":
    case "realization":
    case "acknowledgement":
      return { ...pick(record), role: "employee" };
    case "skp-approval":
    case "review":
      return { ...pick(record.appraiser), role: "appraiser" };
    case "objection-decision":
      if (!record.superiorOfAppraiser)
        throw new MissingDataError(
          `appraisal ${record.id}: the appraiser ${record.appraiser.nip} has no superior to decide the objection`,
        );
      return { ...pick(record.superiorOfAppraiser), role: "superior-of-appraiser" };
  }
}

/**
 * Who is told once a decision is overdue. The superior of the appraiser may decide an SKP approval or a review in the
 * appraiser's place (a link of their own); with no superior, HR is informed. Only the employee may propose an SKP,
 * report realisation or answer their result, so their appraiser is informed; an objection decision is final and the
 * superior's alone (DOMAIN 7, rule 35), so HR is informed.
 */
function escalationOf(
  record: FlowAppraisal,
  kind: FlowDecisionKind,
  hr: HrContact | undefined,
):
  | { mayAct: true; to: FlowPerson & { role: "superior-of-appraiser" } }
  | { mayAct: false; to: { name: string; email: string; role: "appraiser" | "hr" } }
  | null {
  const toHr = hr ? { mayAct: false as const, to: { ...hr, role: "hr" as const } } : null;
  switch (kind) {
    case "skp-approval":
    case "review":
      return record.superiorOfAppraiser
        ? { mayAct: true, to: { ...pick(record.superiorOfAppraiser), role: "superior-of-appraiser" } }
        : toHr;
    case "skp-proposal":
    case "realization":
    case "acknowledgement":
      return { mayAct: false, to: { ...pick(record.appraiser), role: "appraiser" } };
    case "objection-decision":
      return toHr;
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
  const actor = whoMustAct(record, input.kind);
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
    const above = escalationOf(record, input.kind, deps.hr);
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

function pick(p: FlowPerson): FlowPerson {
  return { nip: p.nip, name: p.name, email: p.email };
}

const indicatorsOf = (record: FlowAppraisal): FlowIndicator[] =>
  record.skp?.rhk.flatMap((r) => r.indicators) ?? [];

async function decisionContext(
  deps: FlowDeps,
  record: FlowAppraisal,
  kind: FlowDecisionKind,
): Promise<Record<string, unknown>> {
  const indicators = indicatorsOf(record).map(({ id, text, aspect, target }) => ({
    id,
    text,
    aspect,
    target,
  }));
  // The SKP as the pages show it: every RHK with its parent, perspective, indicators, aspects and targets, the annex and
  // the appraiser's special expectations (what an approver approves and what a review and an objection are measured on).
  const skp = record.skp
    ? {
        version: record.skp.version,
        status: record.skp.status,
        rhk: record.skp.rhk,
        annex: record.skp.annex ?? null,
        ekspektasiKhusus: record.skp.ekspektasiKhusus ?? [],
      }
    : null;
  switch (kind) {
    case "skp-proposal": {
      const last = record.skp?.returnComments.at(-1);
      // The superior's approved RHK is what this SKP cascades from (rule 27); before it is approved the
      // employee may still propose, and the cross-check treats the SKP as not yet cascaded.
      return {
        superiorRhk: await deps.store.superiorRhk(record.cycleId, record.appraiser.nip),
        positionType: record.positionType,
        ...(last ? { returnComment: last.comment } : {}),
        previous: record.skp?.rhk ?? null,
        previousAnnex: record.skp?.annex ?? null,
      };
    }
    case "skp-approval":
      return {
        skp,
        positionType: record.positionType,
        superiorRhk: await deps.store.superiorRhk(record.cycleId, record.appraiser.nip),
        rhk: record.skp?.rhk ?? [],
        version: record.skp?.version ?? 0,
      };
    case "realization":
      return { indicators, skp };
    case "review": {
      // The unit's current distribution warnings tell the form to ask for a justification (DOMAIN 6.4); the cycle's
      // aggregation rule says which overall behaviour rating the seven values give (a different one needs a reason).
      const cycle = await deps.store.getCycle(record.cycleId);
      return {
        indicators,
        skp,
        realisation: record.realisation ?? null,
        measurement: record.measurement ?? null,
        unitHead: record.unitHead,
        perilakuAggregation: resolveCycleSettings(cycle?.settings).perilakuAggregation,
        distributionWarnings: await deps.store.distributionWarnings(record.cycleId, record.unitId),
      };
    }
    case "acknowledgement": {
      const cycle = await deps.store.getCycle(record.cycleId);
      const settings = resolveCycleSettings(cycle?.settings);
      return {
        result: resultOf(record),
        skp,
        review: record.review ?? null,
        predikat: record.predikat ?? null,
        feedbackSentAt: record.feedbackSentAt,
        objectionWindowDays: settings.objectionWindowDays,
        ...(record.feedbackSentAt
          ? {
              objectionDeadline: objectionDeadline(
                new Date(record.feedbackSentAt),
                settings.objectionWindowDays,
              ).toISOString(),
            }
          : {}),
      };
    }
    case "objection-decision":
      return {
        result: resultOf(record),
        skp,
        review: record.review ?? null,
        predikat: record.predikat ?? null,
        objection: record.objection ?? null,
      };
  }
}

/** The result of a review as the acknowledgement and objection pages show it. */
function resultOf(record: FlowAppraisal): Record<string, unknown> | null {
  if (!record.review || !record.predikat) return null;
  const r = record.review;
  return {
    hasilKerja: r.hasilKerja,
    perilaku: r.perilaku,
    ...(r.perilakuDetail ? { perilakuDetail: r.perilakuDetail } : {}),
    predikat: record.predikat,
    feedback: r.feedback,
    ...(r.unitHeadOverride ? { unitHeadOverride: r.unitHeadOverride } : {}),
    measurement: record.measurement ?? null,
  };
}

/** RecordSkpProposal: stores the proposed SKP as a new submitted version (indicator ids stable per version). */
export async function recordSkpProposal(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ version: number }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "skp-proposal");
  if (record.appliedSteps.includes(key)) return { version: record.skp?.version ?? 0 };
  expectStage(record, ["target-setting"], "RecordSkpProposal");
  const body = input.decided.decision as {
    rhk?: {
      text: string;
      kind: "utama" | "tambahan";
      parentRhkId?: string;
      perspective?: string;
      indicators: Omit<FlowIndicator, "id" | "rhkId">[];
    }[];
    annex?: FlowSkp["annex"];
  };
  if (!Array.isArray(body.rhk) || body.rhk.length === 0)
    throw new DecisionRejectedError("skp-proposal: rhk is missing");
  const version = (record.skp?.version ?? 0) + 1;
  const rhk = body.rhk.map((r, i) => {
    const rhkId = `v${version}-rhk${i + 1}`;
    return {
      id: rhkId,
      text: r.text,
      kind: r.kind,
      ...(r.parentRhkId ? { parentRhkId: r.parentRhkId } : {}),
      ...(r.perspective ? { perspective: r.perspective } : {}),
      indicators: r.indicators.map((ind, j) => ({
        id: `${rhkId}-i${j + 1}`,
        rhkId,
        text: ind.text,
        aspect: ind.aspect,
        target: ind.target,
      })),
    };
  });
  await save(
    deps,
    record,
    {
      skp: {
        status: "submitted",
        version,
        rhk,
        ...(body.annex ? { annex: body.annex } : {}),
        returnComments: record.skp?.returnComments ?? [],
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: "skp-submitted",
      kind: "skp-proposal",
      linkId: input.decided.linkId,
      detail: { version, rhk: rhk.length },
    },
  );
  return { version };
}

/** RecordSkpApproval: locks the SKP and enters measurement, or records the return comment for a revision. */
export async function recordSkpApproval(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ approved: boolean }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "skp-approval");
  const body = input.decided.decision as {
    decision?: string;
    comment?: string;
    ekspektasiKhusus?: Record<string, string | undefined>;
  };
  if (record.appliedSteps.includes(key)) return { approved: body.decision === "approve" };
  expectStage(record, ["target-setting"], "RecordSkpApproval");
  if (!record.skp || record.skp.status !== "submitted")
    throw new MissingDataError(`appraisal ${record.id} has no submitted SKP to approve`);
  const by = input.decided.decidedBy?.nip ?? "unknown";
  const at = input.decided.decidedAt;
  if (body.decision === "approve") {
    // The leader's special expectations, one per BerAKHLAK value, in the values' order (DOMAIN 4.3).
    const ekspektasiKhusus = BERAKHLAK_KEYS.flatMap((k) => {
      const text = body.ekspektasiKhusus?.[k]?.trim();
      return text ? [{ key: k, text }] : [];
    });
    await save(
      deps,
      record,
      {
        stage: "measurement",
        skp: {
          ...record.skp,
          status: "approved",
          approvedAt: at,
          approvedBy: by,
          ...(ekspektasiKhusus.length ? { ekspektasiKhusus } : {}),
        },
      },
      key,
      {
        actor: actorOf(input.decided),
        action: "skp-approved",
        kind: "skp-approval",
        linkId: input.decided.linkId,
        detail: { version: record.skp.version },
      },
    );
    return { approved: true };
  }
  if (body.decision !== "return")
    throw new DecisionRejectedError(
      `skp-approval: decision must be approve or return, got ${String(body.decision)}`,
    );
  await save(
    deps,
    record,
    {
      skp: {
        ...record.skp,
        status: "returned",
        returnComments: [...record.skp.returnComments, { at, by, comment: body.comment ?? "" }],
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: "skp-returned",
      kind: "skp-approval",
      linkId: input.decided.linkId,
      detail: { version: record.skp.version, comment: body.comment ?? "" },
    },
  );
  return { approved: false };
}

/** Slack left after the period end for realisation, review, feedback and objections within one execution. */
const REVIEW_RESERVE_MS = 150 * 86_400_000;

/** PlanMeasurementWait: how long this execution waits in measurement (period end, capped to stay under one year). */
export async function planMeasurementWait(
  deps: FlowDeps,
  input: { appraisalId: string; executionStartTime: string; budgetMs?: number },
): Promise<{ waitUntil: string; continueAsNew: boolean }> {
  const record = await loadLive(deps, input.appraisalId);
  expectStage(record, ["measurement"], "PlanMeasurementWait");
  const cycle = await deps.store.getCycle(record.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${record.cycleId} does not exist`);
  const periodEndsAt = periodEndInstant(cycle.periodEnd);
  const startedAt = new Date(input.executionStartTime).getTime();
  const budget = input.budgetMs ?? 330 * 86_400_000;
  const cap = startedAt + budget;
  const now = deps.clock.now().getTime();
  const waitUntil = Math.max(now, Math.min(periodEndsAt, cap));
  // Continue in a fresh execution when the cap cut the wait short, or when too little of this execution's
  // year would be left for review, feedback and objections after the period end.
  const continueAsNew = waitUntil < periodEndsAt || periodEndsAt + REVIEW_RESERVE_MS - startedAt > budget;
  return { waitUntil: new Date(waitUntil).toISOString(), continueAsNew };
}

/** The instant a period ends: the end of its last day in Jakarta (UTC+7, no DST). */
export function periodEndInstant(periodEnd: string): number {
  return Date.parse(`${periodEnd}T23:59:59.999+07:00`) + 1;
}

/** RecordRealization: stores the employee's realisation (or notes that none came) and enters review. */
export async function recordRealization(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ items: number }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "realization");
  const body = input.decided.decision as {
    items?: { indicatorId: string; value: number; evidenceUrl?: string; note?: string }[];
  };
  if (record.appliedSteps.includes(key)) return { items: body.items?.length ?? 0 };
  expectStage(record, ["measurement", "review"], "RecordRealization");
  const known = new Set(indicatorsOf(record).map((i) => i.id));
  const unknown = (body.items ?? []).filter((i) => !known.has(i.indicatorId));
  if (unknown.length > 0)
    throw new DecisionRejectedError(
      `realization: unknown indicator ${unknown.map((i) => i.indicatorId).join(", ")}`,
    );
  await save(
    deps,
    record,
    { stage: "review", realisation: { items: body.items ?? [], at: input.decided.decidedAt } },
    key,
    {
      actor: actorOf(input.decided),
      action: "realisation-reported",
      kind: "realization",
      linkId: input.decided.linkId,
      detail: { items: body.items?.length ?? 0 },
    },
  );
  return { items: body.items?.length ?? 0 };
}

/** TakeMeasurementSnapshot: realisation vs target, evidence, attendance and the unit's IKM, stored for the review page. */
export async function takeMeasurementSnapshot(
  deps: FlowDeps,
  input: { appraisalId: string },
): Promise<{ atRisk: boolean }> {
  const record = await loadLive(deps, input.appraisalId);
  if (record.measurement) return { atRisk: Boolean((record.measurement as { atRisk?: boolean }).atRisk) };
  expectStage(record, ["measurement", "review"], "TakeMeasurementSnapshot");
  const cycle = await deps.store.getCycle(record.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${record.cycleId} does not exist`);
  const reported = record.realisation?.items ?? [];
  const imported = await deps.store.indicatorData(record.nip, record.cycleId);
  const at = record.realisation?.at ?? deps.clock.now().toISOString();
  const realisations = [
    ...imported.map((d) => ({ indicatorId: d.indicatorId, value: d.value, at })),
    ...reported.map((r) => ({ indicatorId: r.indicatorId, value: r.value, evidenceUrl: r.evidenceUrl, at })),
  ];
  const attendance = await deps.store.attendance(
    record.nip,
    cycle.periodStart.slice(0, 7),
    cycle.periodEnd.slice(0, 7),
  );
  const responses = await deps.store.surveyResponses(
    record.unitId,
    `${cycle.periodStart}T00:00:00+07:00`,
    `${cycle.periodEnd}T23:59:59+07:00`,
  );
  const ikm = responses.length > 0 ? computeIkm(responses, { weighting: "exact" }) : undefined;
  const summary = summariseMeasurement({
    indicators: indicatorsOf(record).map(({ id, text, aspect, target }) => ({ id, text, aspect, target })),
    realisations,
    attendance: attendance.length > 0 ? attendance : undefined,
    ikm,
  });
  const snapshot = {
    ...summary,
    takenAt: deps.clock.now().toISOString(),
    period: { start: cycle.periodStart, end: cycle.periodEnd },
  };
  await save(deps, record, { stage: "review", measurement: snapshot }, "measurement-snapshot", {
    actor: "system",
    action: "measurement-snapshot",
    detail: { overallAchievementPct: summary.overallAchievementPct, atRisk: summary.atRisk },
  });
  return { atRisk: summary.atRisk };
}

/** RecordReview: unit-head rule, predikat from the matrix, distribution check of the unit; enters feedback. */
export async function recordReview(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ predikat: Predikat; warnings: number }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "review");
  if (record.appliedSteps.includes(key) && record.predikat) return { predikat: record.predikat, warnings: 0 };
  expectStage(record, ["review"], "RecordReview");
  const body = input.decided.decision as {
    hasilKerja: Rating;
    perilaku: Rating;
    perilakuDetail?: Record<string, Rating>;
    feedback: string;
    justification?: string;
  };
  const orgRating = await deps.store.orgRating(record.cycleId, record.unitId);
  const headRule = applyUnitHeadRule({ isUnitHead: record.unitHead, orgRating, submitted: body.hasilKerja });
  // What the seven values give under the cycle's rule; the link refused a different overall rating without a reason.
  const cycle = await deps.store.getCycle(record.cycleId);
  const fromDetail = body.perilakuDetail
    ? aggregatePerilaku(
        body.perilakuDetail as Record<BerakhlakKey, Rating>,
        resolveCycleSettings(cycle?.settings).perilakuAggregation,
      )
    : undefined;
  const predikat = predikatFor(headRule.hasilKerja, body.perilaku);
  const now = deps.clock.now().toISOString();
  await save(
    deps,
    record,
    {
      stage: "feedback",
      predikat,
      feedbackSentAt: now,
      review: {
        hasilKerja: headRule.hasilKerja,
        perilaku: body.perilaku,
        ...(body.perilakuDetail ? { perilakuDetail: body.perilakuDetail } : {}),
        ...(fromDetail ? { perilakuFromDetail: fromDetail } : {}),
        feedback: body.feedback,
        ...(body.justification ? { justification: body.justification } : {}),
        submittedHasilKerja: body.hasilKerja,
        ...(headRule.overridden && orgRating
          ? { unitHeadOverride: { orgRating, note: headRule.note ?? "" } }
          : {}),
        decidedBy: input.decided.decidedBy?.nip ?? "unknown",
        decidedAt: input.decided.decidedAt,
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: "reviewed",
      kind: "review",
      linkId: input.decided.linkId,
      detail: {
        hasilKerja: headRule.hasilKerja,
        perilaku: body.perilaku,
        predikat,
        ...(headRule.overridden ? { unitHeadOverride: headRule.note } : {}),
        ...(fromDetail && fromDetail !== body.perilaku
          ? { perilakuFromDetail: fromDetail, justification: body.justification ?? "" }
          : {}),
      },
    },
  );
  const warnings = await checkUnitDistribution(deps, record.cycleId, record.unitId);
  return { predikat, warnings };
}

/**
 * Re-checks a unit's predikat distribution against its organisation rating and records the warnings on the
 * cycle. Reviews of one unit finish concurrently, so the store recounts until its write is not stale.
 */
export async function checkUnitDistribution(
  deps: FlowDeps,
  cycleId: string,
  unitId: string,
): Promise<number> {
  const warnings = await deps.store.updateDistributionWarnings(cycleId, unitId, async () => {
    const orgRating = await deps.store.orgRating(cycleId, unitId);
    if (!orgRating) return [];
    const counts = Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>;
    let cursor: string | null = null;
    do {
      const page = await deps.store.listAppraisalsOfCycle(cycleId, cursor, 500);
      for (const a of page.items)
        if (a.unitId === unitId && a.predikat && a.stage !== "cancelled") counts[a.predikat] += 1;
      cursor = page.nextCursor;
    } while (cursor);
    return checkDistribution(orgRating, counts).map((w) => ({ rule: w.rule, message: w.message }));
  });
  return warnings.length;
}

/** RecordAcknowledgement: the employee acknowledges (or the window passed), or files an objection. */
export async function recordAcknowledgement(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ objected: boolean }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "acknowledgement");
  const body = input.decided.decision as { decision?: string; reason?: string };
  if (record.appliedSteps.includes(key)) return { objected: body.decision === "object" };
  expectStage(record, ["feedback"], "RecordAcknowledgement");
  if (body.decision === "object") {
    if (!body.reason) throw new DecisionRejectedError("acknowledgement: an objection needs a reason");
    await save(deps, record, { objection: { reason: body.reason, filedAt: input.decided.decidedAt } }, key, {
      actor: actorOf(input.decided),
      action: "objection-filed",
      kind: "acknowledgement",
      linkId: input.decided.linkId,
      detail: { reason: body.reason },
    });
    return { objected: true };
  }
  await save(
    deps,
    record,
    {
      stage: "follow-up",
      acknowledgement: { at: input.decided.decidedAt, automatic: input.decided.automatic === true },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: input.decided.automatic ? "auto-acknowledged" : "acknowledged",
      kind: "acknowledgement",
      linkId: input.decided.linkId,
      detail: {},
    },
  );
  return { objected: false };
}

/** RecordObjectionDecision: the superior's final decision; an upheld objection replaces the ratings and predikat. */
export async function recordObjectionDecision(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ predikat: Predikat }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "objection-decision");
  if (record.appliedSteps.includes(key) && record.predikat) return { predikat: record.predikat };
  expectStage(record, ["feedback"], "RecordObjectionDecision");
  if (!record.objection || !record.review || !record.predikat)
    throw new MissingDataError(`appraisal ${record.id} has no objection to decide`);
  const body = input.decided.decision as {
    decision?: string;
    revised?: { hasilKerja: Rating; perilaku: Rating };
    note?: string;
  };
  if (body.decision !== "uphold" && body.decision !== "reject")
    throw new DecisionRejectedError("objection-decision: decision must be uphold or reject");
  if (body.decision === "uphold" && !body.revised)
    throw new DecisionRejectedError("objection-decision: an upheld objection needs revised ratings");
  const revised = body.decision === "uphold" ? body.revised : undefined;
  const predikatAfter = revised ? predikatFor(revised.hasilKerja, revised.perilaku) : record.predikat;
  await save(
    deps,
    record,
    {
      stage: "follow-up",
      predikat: predikatAfter,
      review: revised
        ? { ...record.review, hasilKerja: revised.hasilKerja, perilaku: revised.perilaku }
        : record.review,
      objection: {
        ...record.objection,
        decision: {
          outcome: body.decision,
          note: body.note ?? "",
          ...(revised ? { revised } : {}),
          predikatBefore: record.predikat,
          predikatAfter,
          decidedBy: input.decided.decidedBy?.nip ?? "unknown",
          decidedAt: input.decided.decidedAt,
        },
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: body.decision === "uphold" ? "objection-upheld" : "objection-rejected",
      kind: "objection-decision",
      linkId: input.decided.linkId,
      detail: { predikatBefore: record.predikat, predikatAfter },
    },
  );
  if (revised) {
    await checkUnitDistribution(deps, record.cycleId, record.unitId);
    await deps.decisions.notifyRevisedResult?.({
      appraisalId: record.id,
      employee: pick(record),
      predikat: predikatAfter,
      note: body.note ?? "",
    });
  }
  return { predikat: predikatAfter };
}

/** ApplyFollowUp: follow-up by predikat (development or coaching, consecutive poor results); the appraisal is done. */
export async function applyFollowUp(
  deps: FlowDeps,
  input: { appraisalId: string },
): Promise<{ kind: string }> {
  const record = await loadLive(deps, input.appraisalId);
  if (record.stage === "done")
    return { kind: String((record.followUp as { kind?: string } | undefined)?.kind ?? "") };
  expectStage(record, ["follow-up"], "ApplyFollowUp");
  if (!record.predikat) throw new MissingDataError(`appraisal ${record.id} has no predikat for follow-up`);
  // Consecutive poor results (rule 42) count annual results only: a periodic (monthly, quarterly) result informs
  // coaching within the improvement window and never counts towards a sanction review, nor do earlier periodic ones.
  const cycle = await deps.store.getCycle(record.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${record.cycleId} does not exist`);
  const annual = cycle.kind === "annual";
  const previous = annual
    ? await deps.store.previousAppraisals(record.nip, record.cycleId, { kind: "annual" })
    : [];
  const followUp = followUpFor({
    predikat: record.predikat,
    positionType: record.positionType as Parameters<typeof followUpFor>[0]["positionType"],
    // followUpFor wants the earlier results oldest first; the store answers newest first.
    previousPredikats: previous
      .flatMap((a) => (a.predikat && a.stage === "done" ? [a.predikat] : []))
      .reverse(),
    at: deps.clock.now(),
  });
  await save(deps, record, { stage: "done", followUp }, "follow-up", {
    actor: "system",
    action: "follow-up",
    detail: { kind: followUp.kind, consecutivePoor: followUp.consecutivePoor },
  });
  return { kind: followUp.kind };
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
    `failed:${input.executionArn ?? randomUUID()}`,
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
