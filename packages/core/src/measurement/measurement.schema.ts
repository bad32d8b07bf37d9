import * as v from "valibot";
import { ASPECTS } from "../skp/skp.schema";

const Count = v.pipe(
  v.number("must be a number"),
  v.integer("must be a whole number"),
  v.minValue(0, "must not be negative"),
);
const Amount = v.pipe(v.number("must be a number"), v.finite("must be finite"));
const Instant = v.union(
  [v.date(), v.pipe(v.string(), v.isoTimestamp("must be an ISO timestamp"))],
  "must be a date or ISO timestamp",
);

/** An indicator as the summary needs it (from the approved SKP). */
export const MeasuredIndicatorSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1, "must not be empty")),
  text: v.string(),
  aspect: v.picklist(ASPECTS, `must be one of ${ASPECTS.join(", ")}`),
  target: v.object({ min: Amount, max: v.optional(Amount), unit: v.string() }),
});

/** One realisation report of an indicator. */
export const RealisationSchema = v.object({
  indicatorId: v.pipe(v.string(), v.minLength(1, "must not be empty")),
  value: Amount,
  evidenceUrl: v.optional(v.pipe(v.string(), v.url("must be a URL"))),
  at: Instant,
});

/** One attendance record (e.g. a month) from the attendance import. */
export const AttendanceSchema = v.object({
  workDays: Count,
  present: Count,
  lateMinutes: Count,
  absentWithoutLeave: Count,
});

/** The heuristic knobs of the summary (not regulation; DOMAIN 6.1). */
export const MeasurementOptionsSchema = v.object({
  /** "latest": each report is progress to date (newest wins); "sum": reports are increments. */
  realisationMode: v.optional(v.picklist(["latest", "sum"]), "latest"),
  /** Share of the period elapsed, 0-1; on-track compares against this pro-rata target (default 1). */
  progress: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)), 1),
  /** Achievement % at or above which the suggestion is "above" (default 100). */
  abovePct: v.optional(v.pipe(v.number(), v.minValue(0)), 100),
  /** Achievement % at or above which the suggestion is "meets" (default 76) and an indicator is on track. */
  meetsPct: v.optional(v.pipe(v.number(), v.minValue(0)), 76),
  /** Per-indicator achievement cap used in the overall average, so one outlier cannot hide others (default 120). */
  capPct: v.optional(v.pipe(v.number(), v.minValue(100)), 120),
  /** Attendance rate below which the employee is flagged at risk (default 0.9). */
  minAttendanceRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)), 0.9),
});

/** Everything summariseMeasurement reads. */
export const MeasurementInputSchema = v.object({
  indicators: v.array(MeasuredIndicatorSchema),
  realisations: v.array(RealisationSchema),
  attendance: v.optional(v.array(AttendanceSchema)),
  ikm: v.optional(
    v.object({
      converted: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
      grade: v.picklist(["A", "B", "C", "D"]),
      respondents: v.optional(Count),
    }),
  ),
  options: v.optional(MeasurementOptionsSchema, {}),
});
/** Input of summariseMeasurement before parsing. */
export type MeasurementInput = v.InferInput<typeof MeasurementInputSchema>;
