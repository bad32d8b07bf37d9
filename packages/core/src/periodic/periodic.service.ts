// The core functions the periodic workflows' step handlers call, one per step. Every step is idempotent: Step
// Functions delivers at least once, and a retried step finds its own earlier write.
//
// Coaching dialogue (pembinaan) design: when a periodic result flags an employee at risk, the result records an
// opened coaching dialogue (who, by when), an audit event `coaching-dialogue-opened` goes on the appraisal, and the
// appraising official's ONE digest mail for the period lists those employees with the reasons and asks for the
// dialogue by the due date. No workflow waits on it: the dialogue is a record plus mail, not a pending decision,
// so a busy official cannot stall the evaluation and nothing waits without a bound.
import { PERIODIC_RUN_STALLED } from "./periodic-failure";
import * as v from "valibot";
import type { Clock } from "../clock/clock";
import type { MailPort } from "../mail/mail.port";
import type { Locale } from "../mail/templates";
import { computeIkm } from "../ikm/ikm";
import { summariseMeasurement } from "../measurement/measurement";
import { LIVE_STAGES } from "../appraisal/appraisal";
import {
  buildPeriodicResult,
  cycleProgressAt,
  dueEvaluations,
  importedValueEnd,
  periodicExecutionName,
  periodicPeriodsOf,
  PERIODIC_STALE_AFTER_MS,
  renderPeriodicDigest,
  type DueEvaluation,
} from "./periodic";
import type { PeriodicStore, PeriodicResultRecord } from "./periodic-store";
import type { DecisionDeps } from "../decision/decision-deps";
import { followUpPeriodicRating, openPeriodicRating, periodicRatingKey } from "./periodic-rating";
import { CycleNotFoundError } from "../workflow/workflow.errors";
import { InvalidJobInputError, PeriodNotInCycleError } from "./periodic.errors";
import {
  AppraisalPageInputSchema,
  CyclePeriodInputSchema,
  DigestRecipientPageInputSchema,
  EvaluateAppraisalInputSchema,
  FindDueInputSchema,
  MarkFailedInputSchema,
  RecordPageInputSchema,
  RemindRatingsInputSchema,
  SendDigestInputSchema,
  StartRunInputSchema,
} from "./periodic.schema";
import { jakartaDateTime } from "../period/calendar";

/** What the periodic services need. */
export interface PeriodicDeps {
  store: PeriodicStore;
  mail: MailPort;
  clock: Clock;
  locale?: Locale;
  /** Finishes accepted measurement imports (imports/import-service resumeImports) so evaluations read whole files. */
  resumeImports?: () => Promise<unknown>;
  /** The decision gateway: the appraising official's periodic rating link goes out with the digest. */
  decisions?: DecisionDeps;
}

function parse<const S extends v.GenericSchema>(schema: S, input: unknown, step: string): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const detail = result.issues.map((i) => `${v.getDotPath(i) ?? "(input)"}: ${i.message}`).join("; ");
    throw new InvalidJobInputError(`${step}: bad input: ${detail}`);
  }
  return result.output;
}

async function loadPeriod(deps: PeriodicDeps, cycleId: string, periodKey: string) {
  const cycle = await deps.store.getCycle(cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${cycleId} does not exist`);
  const period = periodicPeriodsOf(cycle).find((p) => p.key === periodKey);
  if (!period) throw new PeriodNotInCycleError(cycleId, periodKey);
  return { cycle, period };
}

/**
 * FindDuePeriodicEvaluations: every cycle period due by the scheduled time (look-back heals missed days), not yet
 * completed. A run still "running" without progress for PERIODIC_STALE_AFTER_MS lost its execution where nothing
 * could record it (States.Runtime, a stop): it is recorded failed here, so its period is due under the next attempt.
 */
export async function findDueEvaluations(
  deps: PeriodicDeps,
  input: unknown,
): Promise<{ evaluations: DueEvaluation[] }> {
  const { scheduledTime, lookbackDays } = parse(FindDueInputSchema, input, "FindDuePeriodicEvaluations");
  await deps.resumeImports?.();
  const cycles = await deps.store.listCycles();
  const completed = new Set<string>();
  const failedAttempts = new Map<string, number>();
  const staleBefore = deps.clock.now().getTime() - PERIODIC_STALE_AFTER_MS;
  for (const cycle of cycles) {
    for (const run of await deps.store.listRuns(cycle.id)) {
      const key = `${run.cycleId}#${run.periodKey}`;
      const attempt = run.attempt ?? 1;
      let status = run.status;
      const lastSign = run.heartbeatAt ?? run.startedAt;
      if (status === "running" && Date.parse(lastSign) < staleBefore) {
        const recorded = await deps.store.failRun({
          cycleId: run.cycleId,
          periodKey: run.periodKey,
          attempt,
          reason: `${PERIODIC_RUN_STALLED}: no progress since ${lastSign}; its execution ended without recording why (States.Runtime, stopped or lost)`,
        });
        if (recorded) status = "failed";
      }
      if (status === "completed") completed.add(key);
      // A running attempt keeps its name (a second start is refused); a failed one makes the next attempt due.
      else failedAttempts.set(key, status === "failed" ? attempt : attempt - 1);
    }
  }
  return {
    evaluations: dueEvaluations(cycles, new Date(scheduledTime), { lookbackDays, completed, failedAttempts }),
  };
}

/**
 * StartPeriodicEvaluation: checks the cycle and period; the first execution of a run records it running (a new
 * attempt after a failed one), a continuation marks progress of its attempt. `proceed` is false when the attempt is
 * no longer the running one (recorded failed, or a later attempt took over) or the period completed: that execution
 * stops quietly.
 */
export async function startPeriodicEvaluation(deps: PeriodicDeps, input: unknown) {
  const { cycleId, periodKey, executionName, attempt } = parse(
    StartRunInputSchema,
    input,
    "StartPeriodicEvaluation",
  );
  const { period } = await loadPeriod(deps, cycleId, periodKey);
  const base = { key: period.key, label: period.label, start: period.start, end: period.end };
  if (attempt !== null) {
    const proceed = await deps.store.touchRun({ cycleId, periodKey, attempt });
    return { ...base, attempt, proceed };
  }
  const run = await deps.store.startRun({ cycleId, periodKey, label: period.label, executionName });
  // A period already completed has nothing left to do (its results and digests exist once).
  return { ...base, status: run.status, attempt: run.attempt ?? 1, proceed: run.status !== "completed" };
}

/** ListPeriodicAppraisalPage: one page of the cycle's live appraisals (ids only, to keep the state small). */
export async function listAppraisalPage(
  deps: PeriodicDeps,
  input: unknown,
): Promise<{ items: { appraisalId: string }[]; nextCursor: string | null }> {
  const { cycleId, cursor, pageSize } = parse(AppraisalPageInputSchema, input, "ListPeriodicAppraisalPage");
  const page = await deps.store.listAppraisals(cycleId, cursor, pageSize);
  const live = new Set<string>(LIVE_STAGES);
  return {
    items: page.items.filter((a) => live.has(a.stage)).map((a) => ({ appraisalId: a.id })),
    nextCursor: page.nextCursor,
  };
}

/** EvaluateAppraisalPeriod: snapshots one appraisal for the period, records the result once, opens coaching if at risk. */
export async function evaluateAppraisal(
  deps: PeriodicDeps,
  input: unknown,
): Promise<{ atRisk: boolean; skipped?: string; created: boolean; evaluated: boolean }> {
  const { cycleId, periodKey, appraisalId } = parse(
    EvaluateAppraisalInputSchema,
    input,
    "EvaluateAppraisalPeriod",
  );
  // No read of an earlier result first: a redelivered step recomputes, its conditional write loses, and the
  // stored (first) result is what gets attached and counted.
  const { cycle, period } = await loadPeriod(deps, cycleId, periodKey);
  const appraisal = await deps.store.getAppraisal(appraisalId);
  if (!appraisal || appraisal.cycleId !== cycleId)
    return {
      atRisk: false,
      skipped: "appraisal not found in this cycle",
      created: false,
      evaluated: false,
    };
  if (!(LIVE_STAGES as readonly string[]).includes(appraisal.stage))
    return { atRisk: false, skipped: `appraisal is ${appraisal.stage}`, created: false, evaluated: false };
  if (!appraisal.appraiser)
    return {
      atRisk: false,
      skipped: "appraisal has no appraising official",
      created: false,
      evaluated: false,
    };
  let summary = null;
  if (appraisal.indicators) {
    // Imported values count up to the end of the evaluated period, each dated at the end of its own period so
    // the latest one wins; values of unreadable periods are ignored rather than guessed.
    const known = new Set(appraisal.indicators.map((i) => i.id));
    const periodEndInstant = jakartaDateTime(period.end, "23:59:59");
    // The three reads are independent: one round trip instead of three (a run makes 10,000s of these).
    const [values, attendance, responses] = await Promise.all([
      deps.store.importedIndicatorValues(appraisal.nip, cycleId),
      deps.store.attendance(appraisal.nip, period.start.slice(0, 7), period.end.slice(0, 7)),
      deps.store.surveyResponses(appraisal.unitId, jakartaDateTime(period.start), periodEndInstant),
    ]);
    const imported = values
      .map((d) => ({ ...d, end: importedValueEnd(d.period) }))
      .filter(
        (d): d is typeof d & { end: string } =>
          d.end !== null && d.end <= period.end && known.has(d.indicatorId),
      );
    const reported = appraisal.realisations.filter((r) => r.at <= new Date(periodEndInstant).toISOString());
    const ikm = responses.length > 0 ? computeIkm(responses, { weighting: "exact" }) : undefined;
    summary = summariseMeasurement({
      indicators: appraisal.indicators,
      realisations: [
        ...imported.map((d) => ({
          indicatorId: d.indicatorId,
          value: d.value,
          at: jakartaDateTime(d.end, "23:59:59"),
        })),
        ...reported.map((r) => ({
          indicatorId: r.indicatorId,
          value: r.value,
          evidenceUrl: r.evidenceUrl,
          at: r.at,
        })),
      ],
      attendance: attendance.length > 0 ? attendance : undefined,
      ikm: ikm ? { converted: ikm.converted, grade: ikm.grade, respondents: ikm.respondents } : undefined,
      options: { progress: cycleProgressAt(cycle, period) },
    });
  }
  const result = buildPeriodicResult({
    period,
    stage: appraisal.stage,
    evaluatedAt: deps.clock.now(),
    appraiserNip: appraisal.appraiser.nip,
    summary,
  });
  const candidate: PeriodicResultRecord = {
    appraisalId,
    cycleId,
    periodKey,
    nip: appraisal.nip,
    name: appraisal.name,
    unitId: appraisal.unitId,
    appraiserNip: appraisal.appraiser.nip,
    appraiserName: appraisal.appraiser.name,
    appraiserEmail: appraisal.appraiser.email,
    result,
  };
  const saved = await deps.store.saveResult(candidate);
  // Everything below derives from the STORED result and is idempotent, so a redelivery after a crash completes it
  // without adding anything twice.
  const stored = saved.record.result;
  // The audit events and the mirror on the appraisal record are independent idempotent writes.
  const audited = deps.store.writeAuditEvents(appraisalId, [
    {
      eventId: `periodic-${periodKey}`,
      at: stored.evaluatedAt,
      actor: "system",
      action: "periodic-evaluation",
      detail: {
        periodKey,
        label: stored.label,
        overallAchievementPct: stored.overallAchievementPct,
        atRisk: stored.atRisk,
      },
    },
    ...(stored.coaching
      ? [
          {
            eventId: `coaching-${periodKey}`,
            at: stored.evaluatedAt,
            actor: "system",
            action: "coaching-dialogue-opened",
            detail: {
              periodKey,
              appraiserNip: saved.record.appraiserNip,
              dueBy: stored.coaching.dueBy,
              reasons: stored.riskReasons,
            },
          },
        ]
      : []),
  ]);
  await Promise.all([audited, deps.store.attachResultToAppraisal(appraisalId, stored)]);
  return { atRisk: saved.record.result.atRisk, created: saved.created, evaluated: true };
}

/** ListDigestRecipients: one page of the appraising officials with results in the period (never the whole list). */
export async function listDigestRecipients(
  deps: PeriodicDeps,
  input: unknown,
): Promise<{ recipients: { appraiserNip: string }[]; nextCursor: string | null }> {
  const { cycleId, periodKey, cursor, pageSize } = parse(
    DigestRecipientPageInputSchema,
    input,
    "ListDigestRecipients",
  );
  const page = await deps.store.listDigestRecipients(cycleId, periodKey, cursor, pageSize);
  return {
    recipients: page.appraiserNips.map((appraiserNip) => ({ appraiserNip })),
    nextCursor: page.nextCursor,
  };
}

/**
 * RecordPeriodicPage: stores the page's counts (idempotent per attempt and page), marks progress on the run and says
 * what comes next: the next page of the phase, the digests after the last evaluation page, the finish after the last
 * digest page; every `pagesPerExecution` pages the run continues in a new execution with the next name.
 */
export async function recordPeriodicPage(deps: PeriodicDeps, input: unknown) {
  const {
    cycleId,
    periodKey,
    attempt,
    generation,
    phase,
    page,
    pagesInExecution,
    pagesPerExecution,
    nextCursor,
    outcomes,
  } = parse(RecordPageInputSchema, input, "RecordPeriodicPage");
  await deps.store.recordPage({
    cycleId,
    periodKey,
    attempt,
    phase,
    page,
    items: outcomes.length,
    evaluated: outcomes.filter((o) => o.evaluated === true).length,
    atRisk: outcomes.filter((o) => o.evaluated === true && o.atRisk === true).length,
    sent: outcomes.filter((o) => o.sent === true).length,
  });
  const proceed = await deps.store.touchRun({ cycleId, periodKey, attempt });
  const next =
    nextCursor !== null
      ? { phase, cursor: nextCursor }
      : phase === "evaluate"
        ? { phase: "digest" as const, cursor: null }
        : { phase: "finish" as const, cursor: null };
  const done = pagesInExecution + 1;
  const continueAsNew = next.phase !== "finish" && done >= pagesPerExecution;
  return {
    proceed,
    ...next,
    page: page + 1,
    continueAsNew,
    generation: continueAsNew ? generation + 1 : generation,
    pagesInExecution: continueAsNew ? 0 : done,
    continuationName: continueAsNew
      ? periodicExecutionName(cycleId, periodKey, attempt, generation + 1)
      : null,
  };
}

/**
 * SendAppraiserDigest: ONE mail per appraising official and period. The claim is a conditional write before the
 * mail goes out; a failed hand-over releases it so the retry sends. Only a crash between the provider accepting
 * the mail and the "sent" mark could repeat it (at-least-once there, never lost).
 */
export async function sendAppraiserDigest(
  deps: PeriodicDeps,
  input: unknown,
): Promise<{ sent: boolean; members: number; atRisk: number; ratingLink: boolean }> {
  const { cycleId, periodKey, appraiserNip } = parse(SendDigestInputSchema, input, "SendAppraiserDigest");
  const { cycle, period } = await loadPeriod(deps, cycleId, periodKey);
  const results = await deps.store.listResults(cycleId, periodKey, appraiserNip);
  if (results.length === 0) return { sent: false, members: 0, atRisk: 0, ratingLink: false };
  const atRisk = results.filter((r) => r.result.atRisk).length;
  const first = results[0];
  const claim = await deps.store.claimDigest({
    cycleId,
    periodKey,
    appraiserNip,
    to: first.appraiserEmail,
    members: results.length,
    atRisk,
  });
  // Beside the digest, the official's rating link for the period (idempotent, so a retried step mails it once).
  const ratingLink = deps.decisions
    ? await openPeriodicRating(deps.decisions, { cycle, period, results })
    : false;
  if (claim === "already-sent") return { sent: false, members: results.length, atRisk, ratingLink };
  const mail = renderPeriodicDigest({
    appraiser: { nip: appraiserNip, name: first.appraiserName },
    cycleName: cycle.name,
    period,
    members: results.map((r) => ({ nip: r.nip, name: r.name, result: r.result })),
    ratingLink,
    locale: deps.locale,
  });
  let mailId: string;
  try {
    mailId = (
      await deps.mail.send({
        to: first.appraiserEmail,
        ...mail,
        links: [],
        tags: { kind: "periodic-digest", cycleId, periodKey, appraiserNip },
      })
    ).id;
  } catch (error) {
    await deps.store.releaseDigest({ cycleId, periodKey, appraiserNip });
    throw error;
  }
  await deps.store.markDigestSent({ cycleId, periodKey, appraiserNip, mailId });
  return { sent: true, members: results.length, atRisk, ratingLink };
}

/** How long after a period's evaluation its rating links are followed up (longer than any link stays open). */
const RATING_FOLLOW_UP_DAYS = 45;

/**
 * RemindPeriodicRatings (daily, in the dispatch): for every period evaluated in the last RATING_FOLLOW_UP_DAYS, each
 * official's rating link gets one reminder once its deadline passed and is closed as expired once its expiry passed.
 */
export async function remindPeriodicRatings(
  deps: PeriodicDeps,
  input: unknown,
): Promise<{ reminded: number; expired: number }> {
  parse(RemindRatingsInputSchema, input, "RemindPeriodicRatings");
  const counts = { reminded: 0, expired: 0 };
  if (!deps.decisions) return counts;
  const since = deps.clock.now().getTime() - RATING_FOLLOW_UP_DAYS * 86_400_000;
  for (const cycle of await deps.store.listCycles()) {
    for (const run of await deps.store.listRuns(cycle.id)) {
      if (run.status !== "completed" || !run.completedAt || Date.parse(run.completedAt) < since) continue;
      // The officials page by page (names only), not every result of the period.
      let after: string | null = null;
      do {
        const page = await deps.store.listDigestRecipients(cycle.id, run.periodKey, after, 500);
        for (const nip of page.appraiserNips) {
          const done = await followUpPeriodicRating(
            deps.decisions,
            periodicRatingKey(cycle.id, run.periodKey, nip),
          );
          if (done !== "none") counts[done] += 1;
        }
        after = page.nextCursor;
      } while (after !== null);
    }
  }
  return counts;
}

/** FinishPeriodicEvaluation: closes the run with its counts (the attempt's pages, the digests that went out). */
export async function finishPeriodicEvaluation(deps: PeriodicDeps, input: unknown) {
  const { cycleId, periodKey, attempt } = parse(CyclePeriodInputSchema, input, "FinishPeriodicEvaluation");
  const pages = await deps.store.sumPages({ cycleId, periodKey, attempt: attempt ?? 1 });
  const counts = { ...pages, digests: await deps.store.countSentDigests(cycleId, periodKey) };
  await deps.store.finishRun({ cycleId, periodKey, ...counts });
  return counts;
}

/**
 * MarkPeriodicEvaluationFailed: records why the run failed (HR sees it; the next daily run retries within the
 * look-back). A failure of an attempt that was already replaced is not recorded over the current one.
 */
export async function markPeriodicEvaluationFailed(
  deps: PeriodicDeps,
  input: unknown,
): Promise<{ recorded: boolean }> {
  const { cycleId, periodKey, attempt, error } = parse(
    MarkFailedInputSchema,
    input,
    "MarkPeriodicEvaluationFailed",
  );
  if (!(await deps.store.getCycle(cycleId))) return { recorded: false };
  const recorded = await deps.store.failRun({
    cycleId,
    periodKey,
    attempt,
    reason: `${error.Error ?? "Error"}: ${error.Cause ?? ""}`.slice(0, 2000),
  });
  return { recorded };
}
