// Measurement: the wait until the period ends, the employee's realisation and the measurement snapshot.
import { computeIkm } from "../ikm/ikm";
import type { IndicatorScopesOf } from "../imports/import-service";
import type { IndicatorScope } from "../imports/measurement-csv";
import type { FlowCycle, FlowStore } from "./flow-store";
import { summariseMeasurement } from "../measurement/measurement";
import { CycleNotFoundError, DecisionRejectedError } from "../workflow/workflow.errors";
import {
  actorOf,
  consumed,
  decisionKey,
  type DeliveredDecision,
  expectStage,
  type FlowDeps,
  indicatorsOf,
  loadLive,
  save,
} from "./common";
import { jakartaDateTime } from "../period/calendar";

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
  return Date.parse(jakartaDateTime(periodEnd, "23:59:59.999")) + 1;
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
  // The import refuses values of indicators the SKP does not have; values imported for an SKP version that a return
  // replaced afterwards are set aside (and named on the snapshot) rather than failing the measurement.
  const current = new Set(indicatorsOf(record).map((i) => i.id));
  const stored = await deps.store.indicatorData(record.nip, record.cycleId);
  const imported = stored.filter((d) => current.has(d.indicatorId));
  const setAside = [...new Set(stored.filter((d) => !current.has(d.indicatorId)).map((d) => d.indicatorId))];
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
    jakartaDateTime(cycle.periodStart),
    jakartaDateTime(cycle.periodEnd, "23:59:59"),
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
    ...(setAside.length > 0 ? { importedNotInSkp: setAside } : {}),
  };
  await save(deps, record, { stage: "review", measurement: snapshot }, "measurement-snapshot", {
    actor: "system",
    action: "measurement-snapshot",
    detail: { overallAchievementPct: summary.overallAchievementPct, atRisk: summary.atRisk },
  });
  return { atRisk: summary.atRisk };
}

/**
 * Which appraisals imported indicator values may feed, per employee: each appraisal's cycle period, the indicators of
 * its current SKP and whether its measurement was already taken (the indicator import checks every row against it).
 */
export function indicatorScopesOf(store: FlowStore): IndicatorScopesOf {
  return async (nips) => {
    const cycles = new Map<string, Promise<FlowCycle | undefined>>();
    const cycleOf = (id: string) => {
      if (!cycles.has(id)) cycles.set(id, store.getCycle(id));
      return cycles.get(id)!;
    };
    const scopes = new Map<string, IndicatorScope[]>();
    const queue = [...nips];
    // A few queries at a time: a file names up to thousands of employees.
    await Promise.all(
      Array.from({ length: Math.min(8, queue.length) }, async () => {
        for (let nip = queue.shift(); nip !== undefined; nip = queue.shift()) {
          const live = (await store.appraisalsOfEmployee(nip)).filter(
            (a) => a.stage !== "cancelled" && a.skp,
          );
          const found: IndicatorScope[] = [];
          for (const a of live) {
            const cycle = await cycleOf(a.cycleId);
            if (!cycle || cycle.status === "cancelled") continue;
            found.push({
              cycleId: a.cycleId,
              periodStart: cycle.periodStart,
              periodEnd: cycle.periodEnd,
              indicatorIds: new Set(indicatorsOf(a).map((i) => i.id)),
              measured:
                Boolean(a.measurement) || ["feedback", "follow-up", "done", "failed"].includes(a.stage),
            });
          }
          scopes.set(nip, found);
        }
      }),
    );
    return scopes;
  };
}
