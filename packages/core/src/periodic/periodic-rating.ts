// The appraising official's periodic rating link (DOMAIN 5, issue 15 item 8). After a period's automatic snapshot the
// official gets ONE link per period listing the team with each member's snapshot; the page takes a hasil kerja and a
// perilaku rating (predikat from the matrix) and a note per member and records them directly on each appraisal.
//
// Design: a decision that records directly, not a workflow-token decision. The periodic evaluation opens it from the
// digest step it already has per official (no new states per appraisal, no execution waiting for weeks); a submit
// records at once (periodic-rating-record.ts). The daily dispatch reminds at the deadline and closes the link when it
// expires, before the next period's evaluation.
import { closeDecision, openDecision } from "../decision/open-decision";
import type { DecisionDeps } from "../decision/decision-deps";
import { decisionRepo } from "../decision/decision.repo";
import { t } from "../i18n/messages";
import { formatJakarta } from "../mail/templates";
import { periodicEvaluationDueAt, type Period } from "../period/period";
import { COACHING_DIALOGUE_DAYS, periodicPeriodsOf, type PeriodicCycle } from "./periodic";
import type { PeriodicResultRecord } from "./periodic-store";
import type { PeriodicRatingContext } from "./periodic-rating-record";
import { PERIODIC_RATING_KIND } from "../decision/decision-kinds";

const DAY_MS = 86_400_000;
/** Longest a rating link stays open; it also closes at the next period's evaluation (monthly periods). */
export const PERIODIC_RATING_OPEN_DAYS = 30;
/** Shortest a rating link stays open, even when a late run leaves little time before the next evaluation. */
export const PERIODIC_RATING_MIN_DAYS = 7;

/** The decision key of one official's rating of one cycle period. */
export function periodicRatingKey(cycleId: string, periodKey: string, appraiserNip: string): string {
  return `${PERIODIC_RATING_KIND}#${cycleId}#${periodKey}#${appraiserNip}`;
}

/** The id the team decision is filed under (a decision names one appraisal; this one is about a team). */
export function periodicTeamId(cycleId: string, periodKey: string, appraiserNip: string): string {
  return `${cycleId}#periodik#${periodKey}#${appraiserNip}`;
}

/**
 * The rating's deadline and link expiry, from the snapshot time (stored, so a retried step computes the same):
 * due with the coaching dialogue (COACHING_DIALOGUE_DAYS), open until PERIODIC_RATING_OPEN_DAYS or the next period's
 * evaluation, whichever is first, but at least PERIODIC_RATING_MIN_DAYS.
 */
export function periodicRatingWindow(
  periods: readonly Period[],
  period: Period,
  evaluatedAt: string,
): { dueAt: string; expiresAt: string } {
  const base = Date.parse(evaluatedAt);
  const next = periods.find((p) => p.kind === "periodic" && p.start > period.end);
  let expires = base + PERIODIC_RATING_OPEN_DAYS * DAY_MS;
  if (next) expires = Math.min(expires, periodicEvaluationDueAt(next).getTime());
  expires = Math.max(expires, base + PERIODIC_RATING_MIN_DAYS * DAY_MS);
  const due = Math.min(base + COACHING_DIALOGUE_DAYS * DAY_MS, expires);
  return { dueAt: new Date(due).toISOString(), expiresAt: new Date(expires).toISOString() };
}

/** The team page's context from the period's stored results of one official. */
export function periodicRatingContext(
  cycle: PeriodicCycle,
  period: Period,
  results: readonly PeriodicResultRecord[],
): PeriodicRatingContext {
  const first = results[0]!;
  return {
    cycleId: cycle.id,
    cycleName: cycle.name,
    period: {
      key: period.key,
      label: period.label,
      labelEn: period.labelEn,
      start: period.start,
      end: period.end,
    },
    evaluatedAt: results.map((r) => r.result.evaluatedAt).sort()[0]!,
    appraiser: { nip: first.appraiserNip, name: first.appraiserName },
    members: [...results]
      .sort((a, b) => a.name.localeCompare(b.name) || a.nip.localeCompare(b.nip))
      .map((r) => ({
        appraisalId: r.appraisalId,
        nip: r.nip,
        name: r.name,
        overallAchievementPct: r.result.overallAchievementPct,
        atRisk: r.result.atRisk,
        riskReasons: r.result.riskReasons,
        suggestedHasilKerja: r.result.suggestedHasilKerja,
        attendanceRate: r.result.attendanceRate,
      })),
  };
}

/**
 * Opens the official's rating link for the period and mails it (idempotent: a retried step finds the decision and its
 * sent mail). A rating already given, or a link closed, is left alone. Returns whether a link is open.
 */
export async function openPeriodicRating(
  decisions: DecisionDeps,
  input: { cycle: PeriodicCycle; period: Period; results: readonly PeriodicResultRecord[] },
): Promise<boolean> {
  const { cycle, period, results } = input;
  if (results.length === 0) return false;
  const first = results[0]!;
  const key = periodicRatingKey(cycle.id, period.key, first.appraiserNip);
  const existing = await decisionRepo(decisions.storage).getDecision(key);
  if (existing && existing.status !== "pending") return false;
  const context = periodicRatingContext(cycle, period, results);
  const window = periodicRatingWindow(periodicPeriodsOf(cycle), period, context.evaluatedAt);
  if (Date.parse(window.expiresAt) <= decisions.clock.now().getTime()) return false;
  await openDecision(decisions, {
    decisionKey: key,
    kind: PERIODIC_RATING_KIND,
    appraisalId: periodicTeamId(cycle.id, period.key, first.appraiserNip),
    cycleId: cycle.id,
    employee: { nip: first.appraiserNip, name: first.appraiserName },
    recipient: {
      nip: first.appraiserNip,
      name: first.appraiserName,
      email: first.appraiserEmail,
      role: "appraiser",
    },
    // No task waits: the decision service records this kind itself (periodic-rating-record.ts).
    taskToken: `direct:${key}`,
    ...window,
    context: context as unknown as Record<string, unknown>,
    mailKind: "request",
  });
  return true;
}

/**
 * The daily follow-up of one official's open rating: a reminder once its deadline passed, and the link closed as
 * expired (a late click is told why) once its expiry passed. Returns what it did.
 */
export async function followUpPeriodicRating(
  decisions: DecisionDeps,
  key: string,
): Promise<"reminded" | "expired" | "none"> {
  const d = await decisionRepo(decisions.storage).getDecision(key);
  if (!d || d.status !== "pending") return "none";
  const now = decisions.clock.now().getTime();
  const ctx = d.context as unknown as PeriodicRatingContext;
  if (Date.parse(d.expiresAt) <= now) {
    await closeDecision(decisions, {
      decisionKey: key,
      status: "expired",
      reason: t("periodicRatingExpired", "id", {
        label: ctx.period.label,
        dueAt: formatJakarta(d.dueAt ?? d.expiresAt, "id"),
      }),
    });
    return "expired";
  }
  if (!d.dueAt || Date.parse(d.dueAt) > now) return "none";
  const recipient = d.recipients?.[0];
  if (!recipient) return "none";
  // Same token as the request: the reminder mail is claimed once per decision, so a repeated day sends nothing.
  await openDecision(decisions, {
    decisionKey: key,
    kind: PERIODIC_RATING_KIND,
    appraisalId: d.appraisalId,
    cycleId: d.cycleId,
    employee: d.employee,
    recipient: { ...recipient, role: "appraiser" },
    taskToken: d.taskToken,
    dueAt: d.dueAt,
    expiresAt: d.expiresAt,
    context: d.context ?? {},
    mailKind: "reminder",
  });
  return "reminded";
}
