import * as v from "valibot";
import type { Rating } from "../rating/rating";
import type { Aspect } from "../skp/skp.schema";
import { InvalidMeasurementInputError } from "./measurement.errors";
import { MeasurementInputSchema, type MeasurementInput } from "./measurement.schema";

/** Progress of one indicator. */
export interface IndicatorProgress {
  readonly id: string;
  readonly text: string;
  readonly aspect: Aspect;
  readonly target: { readonly min: number; readonly max?: number; readonly unit: string };
  /** Realised value (latest report or sum of reports, per options), or null without reports. */
  readonly realised: number | null;
  /** Achievement in percent (1 decimal), or null without reports. */
  readonly achievementPct: number | null;
  /** Reports carrying an evidence link (bukti dukung). */
  readonly evidenceCount: number;
  readonly reports: number;
  readonly status: "on-track" | "behind" | "no-data";
}

/** Attendance over the records given. */
export interface AttendanceSummary {
  readonly workDays: number;
  readonly present: number;
  /** present / workDays, or null when there were no work days. */
  readonly rate: number | null;
  readonly lateMinutes: number;
  readonly absentWithoutLeave: number;
}

/** The measurement summary shown to the appraising official at review and used by periodic evaluations. */
export interface MeasurementSummary {
  readonly indicators: readonly IndicatorProgress[];
  /** Mean of the capped per-indicator achievements over indicators with data, or null when none has data. */
  readonly overallAchievementPct: number | null;
  readonly attendance?: AttendanceSummary;
  readonly ikm?: {
    readonly converted: number;
    readonly grade: "A" | "B" | "C" | "D";
    readonly respondents?: number;
  };
  readonly atRisk: boolean;
  /** Why the employee is at risk, in Bahasa Indonesia (empty when not at risk). */
  readonly riskReasons: readonly string[];
  /** A suggestion only (not regulation, DOMAIN 6.1): >= abovePct above, >= meetsPct meets, else below. */
  readonly suggestedHasilKerja: Rating;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

// Quantity and quality: more is better, measured against the minimum target. Time and cost: less is
// better, measured against the ceiling (max, else min); a zero realisation of time/cost counts as 100%.
function achievement(aspect: Aspect, target: { min: number; max?: number }, realised: number): number {
  if (aspect === "waktu" || aspect === "biaya") {
    const ceiling = target.max ?? target.min;
    if (realised <= 0) return 100;
    return (ceiling / realised) * 100;
  }
  if (target.min <= 0) return realised >= target.min ? 100 : 0;
  return (realised / target.min) * 100;
}

/**
 * Summarises the measurement stage (DESIGN 1, stage 2): per-indicator realisation and achievement,
 * evidence counts, attendance rate and unit IKM, an at-risk flag with reasons, and a suggested
 * results rating. All thresholds are documented heuristics in `options`, not regulation.
 */
export function summariseMeasurement(input: MeasurementInput): MeasurementSummary {
  const parsed = v.safeParse(MeasurementInputSchema, input);
  if (!parsed.success) {
    throw new InvalidMeasurementInputError(
      parsed.issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: issue.message })),
    );
  }
  const { indicators, realisations, attendance, ikm, options } = parsed.output;
  const {
    realisationMode = "latest",
    progress = 1,
    abovePct = 100,
    meetsPct = 76,
    capPct = 120,
    minAttendanceRate = 0.9,
  } = options;

  const ids = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  indicators.forEach((ind, i) => {
    if (ids.has(ind.id))
      problems.push({ path: `indicators.${i}.id`, message: `duplicate indicator id "${ind.id}"` });
    ids.add(ind.id);
  });
  realisations.forEach((r, i) => {
    if (!ids.has(r.indicatorId))
      problems.push({
        path: `realisations.${i}.indicatorId`,
        message: `unknown indicator "${r.indicatorId}"`,
      });
  });
  attendance?.forEach((a, i) => {
    if (a.present + a.absentWithoutLeave > a.workDays)
      problems.push({
        path: `attendance.${i}.present`,
        message: "present + absentWithoutLeave exceeds workDays",
      });
  });
  if (problems.length > 0) throw new InvalidMeasurementInputError(problems);

  const riskReasons: string[] = [];
  const progressList: IndicatorProgress[] = indicators.map((ind) => {
    const reports = realisations
      .filter((r) => r.indicatorId === ind.id)
      .map((r) => ({ ...r, time: new Date(r.at).getTime() }))
      .sort((a, b) => a.time - b.time);
    const evidenceCount = reports.filter((r) => r.evidenceUrl !== undefined).length;
    const base = {
      id: ind.id,
      text: ind.text,
      aspect: ind.aspect,
      target: ind.target,
      evidenceCount,
      reports: reports.length,
    };
    if (reports.length === 0)
      return { ...base, realised: null, achievementPct: null, status: "no-data" as const };
    const realised =
      realisationMode === "sum"
        ? reports.reduce((s, r) => s + r.value, 0)
        : reports[reports.length - 1].value;
    const pct = achievement(ind.aspect, ind.target, realised);
    // Cumulative aspects are expected to grow through the period; time and cost are judged as they stand.
    const expected = ind.aspect === "kuantitas" || ind.aspect === "kualitas" ? meetsPct * progress : meetsPct;
    return {
      ...base,
      realised,
      achievementPct: round1(pct),
      status: pct >= expected ? ("on-track" as const) : ("behind" as const),
    };
  });

  const withData = progressList.filter((p) => p.achievementPct !== null);
  const overallAchievementPct =
    withData.length === 0
      ? null
      : round1(withData.reduce((s, p) => s + Math.min(p.achievementPct!, capPct), 0) / withData.length);

  const behind = progressList.filter((p) => p.status === "behind");
  const noData = progressList.filter((p) => p.status === "no-data");
  if (behind.length > 0) riskReasons.push(`${behind.length} indikator tertinggal dari target.`);
  if (noData.length > 0 && progress > 0)
    riskReasons.push(`${noData.length} indikator belum memiliki realisasi.`);

  let attendanceSummary: AttendanceSummary | undefined;
  if (attendance && attendance.length > 0) {
    const sum = (f: (a: NonNullable<typeof attendance>[number]) => number) =>
      attendance.reduce((s, a) => s + f(a), 0);
    const workDays = sum((a) => a.workDays);
    const present = sum((a) => a.present);
    attendanceSummary = {
      workDays,
      present,
      rate: workDays === 0 ? null : present / workDays,
      lateMinutes: sum((a) => a.lateMinutes),
      absentWithoutLeave: sum((a) => a.absentWithoutLeave),
    };
    if (attendanceSummary.rate !== null && attendanceSummary.rate < minAttendanceRate) {
      riskReasons.push(
        `Tingkat kehadiran ${(attendanceSummary.rate * 100).toFixed(1)}% di bawah ${(minAttendanceRate * 100).toFixed(0)}%.`,
      );
    }
  }

  const suggestedHasilKerja: Rating =
    overallAchievementPct === null
      ? "below"
      : overallAchievementPct >= abovePct
        ? "above"
        : overallAchievementPct >= meetsPct
          ? "meets"
          : "below";

  return {
    indicators: progressList,
    overallAchievementPct,
    ...(attendanceSummary ? { attendance: attendanceSummary } : {}),
    ...(ikm ? { ikm } : {}),
    atRisk: riskReasons.length > 0,
    riskReasons,
    suggestedHasilKerja,
  };
}
