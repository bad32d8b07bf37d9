// Pure rules of the periodic evaluation: which cycle periods are due, what a periodic result holds, and the
// appraising official's digest mail. No storage or AWS here.
import { periodicEvaluationDueAt, periodsFor, type Cadence, type Period } from "../period/period";
import { addDays, calendarDateIn, daysBetween, jakartaDateTime } from "../period/calendar";
import type { MeasurementSummary } from "../measurement/measurement";
import { escapeHtml, formatJakarta, type Locale } from "../mail/templates";
import { resolveCycleSettings } from "../cycle/cycle-settings";
import type { Predikat, Rating } from "../rating/rating";

/** Cycle statuses in which periodic evaluations run (a cycle that is created but not launched has no appraisals). */
export const ACTIVE_CYCLE_STATUSES = ["launching", "running"] as const;

/** A cycle as the periodic evaluation reads it. */
export interface PeriodicCycle {
  id: string;
  name: string;
  kind: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  settings?: unknown;
}

/** One periodic evaluation to start: a cycle and one of its periods. */
export interface DueEvaluation {
  cycleId: string;
  periodKey: string;
  label: string;
  dueAt: string;
  /** Deterministic Step Functions execution name, so a second start is refused (idempotent). */
  executionName: string;
  /** 1 for the first run of the period; 2.. for the restarts after failed runs (see PERIODIC_MAX_ATTEMPTS). */
  attempt: number;
}

/**
 * How many runs a period gets: a failed run (recorded by MarkPeriodicEvaluationFailed) is started again by the next
 * daily dispatch under a new deterministic name, until this many have failed; then it stays failed for HR to see.
 */
export const PERIODIC_MAX_ATTEMPTS = 3;

/** The cadence of a cycle's periodic evaluations (cycle setting `periodicEvaluation`, default quarterly). */
export function cadenceOf(cycle: Pick<PeriodicCycle, "settings">): Cadence {
  return resolveCycleSettings(cycle.settings).periodicEvaluation;
}

/** The periodic (not final) periods of a cycle under its cadence. */
export function periodicPeriodsOf(cycle: PeriodicCycle): Period[] {
  const cadence = cadenceOf(cycle);
  if (cadence === "none") return [];
  return periodsFor(cadence, cycle.periodStart, cycle.periodEnd, { includeFinal: false });
}

/**
 * A run whose record shows no progress for this long is taken as dead (its execution failed where nothing can catch
 * it, e.g. States.Runtime, or was stopped): the next daily dispatch records it failed and starts the next attempt. Every
 * page marks progress, and a page takes minutes even with every retry, so a live run never looks this quiet.
 */
export const PERIODIC_STALE_AFTER_MS = 6 * 3600_000;

/**
 * Execution name `<cycleId>-<periodKey>` (attempt 1) or `<cycleId>-<periodKey>-r<attempt>`, and `-p<generation>` for the
 * continuations of a run (continue-as-new), reduced to the characters and length (80) Step Functions accepts; a long
 * name keeps a hash of the whole, the period and the suffixes.
 */
export function periodicExecutionName(
  cycleId: string,
  periodKey: string,
  attempt = 1,
  generation = 1,
): string {
  const suffix = `${attempt > 1 ? `-r${attempt}` : ""}${generation > 1 ? `-p${generation}` : ""}`;
  const name = `${cycleId}-${periodKey}`.replace(/[^A-Za-z0-9_-]/g, "_");
  if (name.length + suffix.length <= 80) return name + suffix;
  return `${`${name.slice(0, 59)}-${fnv1a(name)}-${periodKey}`.slice(0, 80 - suffix.length)}${suffix}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * Periods of active cycles whose evaluation is due at or before `scheduledTime` and not earlier than
 * `lookbackDays` before it, minus those already `completed` or failed PERIODIC_MAX_ATTEMPTS times. The look-back lets
 * the next daily run heal a missed one; starting twice is harmless because the execution name is deterministic per
 * attempt, and a period whose latest run failed is due again under the next attempt's name.
 */
export function dueEvaluations(
  cycles: readonly PeriodicCycle[],
  scheduledTime: Date,
  options: {
    lookbackDays: number;
    completed?: ReadonlySet<string>;
    /** Failed runs so far per `<cycleId>#<periodKey>` (the latest run failed): the next attempt gets a new name. */
    failedAttempts?: ReadonlyMap<string, number>;
  },
): DueEvaluation[] {
  const earliest = scheduledTime.getTime() - options.lookbackDays * 86_400_000;
  const due: DueEvaluation[] = [];
  for (const cycle of cycles) {
    if (!(ACTIVE_CYCLE_STATUSES as readonly string[]).includes(cycle.status)) continue;
    for (const period of periodicPeriodsOf(cycle)) {
      const dueAt = periodicEvaluationDueAt(period);
      if (dueAt.getTime() > scheduledTime.getTime() || dueAt.getTime() < earliest) continue;
      const key = `${cycle.id}#${period.key}`;
      if (options.completed?.has(key)) continue;
      const failed = options.failedAttempts?.get(key) ?? 0;
      if (failed >= PERIODIC_MAX_ATTEMPTS) continue;
      due.push({
        cycleId: cycle.id,
        periodKey: period.key,
        label: period.label,
        dueAt: dueAt.toISOString(),
        executionName: periodicExecutionName(cycle.id, period.key, failed + 1),
        attempt: failed + 1,
      });
    }
  }
  return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.executionName.localeCompare(b.executionName));
}

/** Share of the cycle elapsed at the end of `period` (0-1): pro-rata targets make "behind" mean "behind the trend". */
export function cycleProgressAt(
  cycle: Pick<PeriodicCycle, "periodStart" | "periodEnd">,
  period: Pick<Period, "end">,
): number {
  const total = daysBetween(cycle.periodStart, cycle.periodEnd) + 1;
  const elapsed = daysBetween(cycle.periodStart, period.end) + 1;
  return Math.min(1, Math.max(0, elapsed / total));
}

/** Last day (YYYY-MM-DD) of an imported indicator value's period ("2026-03", "2026-Q1", "2026-S1", "2026" or a date); null if unreadable. */
export function importedValueEnd(valuePeriod: string): string | null {
  const month = /^(\d{4})-(\d{2})$/.exec(valuePeriod);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) return null;
    return addDays(
      m === 12 ? `${Number(month[1]) + 1}-01-01` : `${month[1]}-${String(m + 1).padStart(2, "0")}-01`,
      -1,
    );
  }
  const part = /^(\d{4})-([QS])([1-4])$/i.exec(valuePeriod);
  if (part) {
    const endMonth = Number(part[3]) * (part[2].toUpperCase() === "Q" ? 3 : 6);
    if (endMonth > 12) return null;
    return addDays(
      endMonth === 12
        ? `${Number(part[1]) + 1}-01-01`
        : `${part[1]}-${String(endMonth + 1).padStart(2, "0")}-01`,
      -1,
    );
  }
  if (/^\d{4}$/.test(valuePeriod)) return `${valuePeriod}-12-31`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(valuePeriod)) return valuePeriod;
  return null;
}

/** The periodic result recorded on an appraisal for one period (DOMAIN 5: "Triwulan I" ... or the month). */
export interface PeriodicResult {
  periodKey: string;
  label: string;
  labelEn: string;
  start: string;
  end: string;
  evaluatedAt: string;
  /** The appraisal's stage when evaluated. */
  stage: string;
  overallAchievementPct: number | null;
  /** A suggestion for the appraising official, not a rating (DOMAIN 6.1). */
  suggestedHasilKerja: string;
  atRisk: boolean;
  riskReasons: string[];
  attendanceRate: number | null;
  ikm: { converted: number; grade: string; respondents?: number } | null;
  indicators: { id: string; text: string; achievementPct: number | null; status: string }[];
  /** The coaching dialogue (pembinaan) opened with the appraising official when the employee is at risk. */
  coaching: { status: "opened"; openedAt: string; dueBy: string; appraiserNip: string } | null;
  /** The appraising official's periodic rating through the mailed link (absent until they rate). */
  rating?: PeriodicRating;
}

/**
 * The appraising official's periodic rating of one employee for one period (DOMAIN 5: results and behaviour rated,
 * the periodic predikat from the 3x3 matrix). It informs coaching, never sanctions (rule 42 counts annual results).
 */
export interface PeriodicRating {
  hasilKerja: Rating;
  perilaku: Rating;
  predikat: Predikat;
  note?: string;
  ratedBy: { nip: string; name: string };
  ratedAt: string;
  decisionId: string;
}

/** How long the appraising official has to hold the coaching dialogue after the digest (days). */
export const COACHING_DIALOGUE_DAYS = 14;

/** Builds the periodic result from a measurement summary; without an approved SKP the employee is at risk by definition. */
export function buildPeriodicResult(input: {
  period: Period;
  stage: string;
  evaluatedAt: Date;
  appraiserNip: string;
  summary: MeasurementSummary | null;
}): PeriodicResult {
  const { period, summary } = input;
  const riskReasons = summary
    ? [...summary.riskReasons]
    : ["SKP belum disetujui, sehingga kinerja periode ini belum dapat diukur."];
  const atRisk = summary ? summary.atRisk : true;
  const evaluatedAt = input.evaluatedAt.toISOString();
  const dueBy = `${addDays(calendarDateIn(input.evaluatedAt), COACHING_DIALOGUE_DAYS)}`;
  return {
    periodKey: period.key,
    label: period.label,
    labelEn: period.labelEn,
    start: period.start,
    end: period.end,
    evaluatedAt,
    stage: input.stage,
    overallAchievementPct: summary?.overallAchievementPct ?? null,
    suggestedHasilKerja: summary?.suggestedHasilKerja ?? "below",
    atRisk,
    riskReasons,
    attendanceRate: summary?.attendance?.rate ?? null,
    ikm: summary?.ikm
      ? { converted: summary.ikm.converted, grade: summary.ikm.grade, respondents: summary.ikm.respondents }
      : null,
    indicators: (summary?.indicators ?? []).map((i) => ({
      id: i.id,
      text: i.text,
      achievementPct: i.achievementPct,
      status: i.status,
    })),
    coaching: atRisk
      ? { status: "opened", openedAt: evaluatedAt, dueBy, appraiserNip: input.appraiserNip }
      : null,
  };
}

/** One team member's line in a digest. */
export interface DigestMember {
  nip: string;
  name: string;
  result: Pick<
    PeriodicResult,
    "overallAchievementPct" | "atRisk" | "riskReasons" | "attendanceRate" | "coaching" | "suggestedHasilKerja"
  >;
}

/** Everything the appraising official's digest says. */
export interface DigestInput {
  appraiser: { nip: string; name: string };
  cycleName: string;
  period: Pick<Period, "label" | "labelEn" | "start" | "end">;
  members: DigestMember[];
  /** Whether the official's periodic rating link goes out beside this digest (a separate mail). */
  ratingLink?: boolean;
  locale?: Locale;
}

const pct = (value: number | null, locale: Locale) =>
  value === null
    ? locale === "id"
      ? "belum ada data"
      : "no data"
    : `${value.toLocaleString(locale === "id" ? "id-ID" : "en-GB")}%`;

/** Renders the ONE digest mail an appraising official gets per period: the team's progress and who needs coaching. */
export function renderPeriodicDigest(input: DigestInput): { subject: string; text: string; html: string } {
  const locale = input.locale ?? "id";
  const members = [...input.members].sort(
    (a, b) => Number(b.result.atRisk) - Number(a.result.atRisk) || a.name.localeCompare(b.name),
  );
  const atRisk = members.filter((m) => m.result.atRisk);
  const periodLabel = locale === "id" ? input.period.label : input.period.labelEn;
  const t =
    locale === "id"
      ? {
          subject: `Evaluasi kinerja periodik ${periodLabel}: ringkasan tim Anda (${members.length} pegawai, ${atRisk.length} perlu pembinaan)`,
          greeting: `Yth. ${input.appraiser.name},`,
          intro: `Berikut hasil evaluasi kinerja periodik ${periodLabel} (${input.period.start} s.d. ${input.period.end}) untuk pegawai yang Anda nilai dalam siklus "${input.cycleName}".`,
          coachingTitle: "Perlu pembinaan (dialog kinerja)",
          coachingAsk: (dueBy: string) =>
            `Mohon lakukan dialog kinerja (pembinaan) dengan pegawai berikut paling lambat ${formatJakarta(jakartaDateTime(dueBy, "23:59:00"), "id")}, agar kinerja periode berikutnya membaik.`,
          teamTitle: "Seluruh tim",
          achievement: "capaian",
          attendance: "kehadiran",
          onTrack: "sesuai jalur",
          risk: "perlu pembinaan",
          none: "Tidak ada pegawai yang perlu pembinaan pada periode ini.",
          rating:
            'Tautan untuk memberikan rating dan predikat periodik setiap pegawai dikirim dalam surel terpisah berjudul "Evaluasi kinerja periodik tim Anda".',
          closing: "Pesan ini dikirim otomatis oleh kinerja.",
        }
      : {
          subject: `Periodic performance evaluation ${periodLabel}: your team (${members.length} employees, ${atRisk.length} need coaching)`,
          greeting: `Dear ${input.appraiser.name},`,
          intro: `Here is the periodic evaluation for ${periodLabel} (${input.period.start} to ${input.period.end}) of the employees you appraise in cycle "${input.cycleName}".`,
          coachingTitle: "Needs coaching (performance dialogue)",
          coachingAsk: (dueBy: string) =>
            `Please hold a performance dialogue (coaching) with these employees by ${formatJakarta(jakartaDateTime(dueBy, "23:59:00"), "en")}, so the next period improves.`,
          teamTitle: "Whole team",
          achievement: "achievement",
          attendance: "attendance",
          onTrack: "on track",
          risk: "needs coaching",
          none: "No employee needs coaching this period.",
          rating:
            'The link to give each employee a periodic rating and predikat comes in a separate mail titled "Periodic performance evaluation of your team".',
          closing: "This message was sent automatically by kinerja.",
        };
  const line = (m: DigestMember) =>
    `${m.name} (NIP ${m.nip}): ${t.achievement} ${pct(m.result.overallAchievementPct, locale)}` +
    (m.result.attendanceRate === null
      ? ""
      : `, ${t.attendance} ${pct(Math.round(m.result.attendanceRate * 1000) / 10, locale)}`) +
    ` - ${m.result.atRisk ? t.risk : t.onTrack}`;
  const dueBy = atRisk[0]?.result.coaching?.dueBy;
  const text = [
    t.greeting,
    "",
    t.intro,
    "",
    ...(atRisk.length > 0
      ? [
          `${t.coachingTitle}:`,
          t.coachingAsk(dueBy ?? input.period.end),
          ...atRisk.flatMap((m) => [`- ${line(m)}`, ...m.result.riskReasons.map((r) => `    * ${r}`)]),
          "",
        ]
      : [t.none, ""]),
    `${t.teamTitle}:`,
    ...members.map((m) => `- ${line(m)}`),
    "",
    ...(input.ratingLink ? [t.rating, ""] : []),
    t.closing,
  ].join("\n");
  const html = [
    `<p>${escapeHtml(t.greeting)}</p>`,
    `<p>${escapeHtml(t.intro)}</p>`,
    atRisk.length > 0
      ? `<h2>${escapeHtml(t.coachingTitle)}</h2><p>${escapeHtml(t.coachingAsk(dueBy ?? input.period.end))}</p><ul>` +
        atRisk
          .map(
            (m) =>
              `<li>${escapeHtml(line(m))}<ul>${m.result.riskReasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul></li>`,
          )
          .join("") +
        "</ul>"
      : `<p>${escapeHtml(t.none)}</p>`,
    `<h2>${escapeHtml(t.teamTitle)}</h2><ul>${members.map((m) => `<li>${escapeHtml(line(m))}</li>`).join("")}</ul>`,
    ...(input.ratingLink ? [`<p>${escapeHtml(t.rating)}</p>`] : []),
    `<p>${escapeHtml(t.closing)}</p>`,
  ].join("\n");
  return { subject: t.subject, text, html };
}
