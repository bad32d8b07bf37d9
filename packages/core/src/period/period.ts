import { addDays, calendarDateIn, JAKARTA, parseIsoDate, zonedDateTime } from "./calendar";
import { InvalidPeriodInputError } from "./period.errors";

/** How often periodic evaluations run inside a cycle; "semester" is the teachers' format (rule 38). */
export const CADENCES = ["monthly", "quarterly", "semester", "none"] as const;
/** One cadence of periodic evaluation. */
export type Cadence = (typeof CADENCES)[number];

/** One evaluation period inside a cycle; dates are Jakarta calendar dates, both ends inclusive. */
export interface Period {
  /** Stable key: "2026-01", "2026-Q1", "2026-S1", or "AKHIR" for the final (annual) period. */
  readonly key: string;
  /** "periodic" for monthly/quarterly/semester periods, "final" for AKHIR. */
  readonly kind: "periodic" | "final";
  /** Label in Bahasa Indonesia ("Januari 2026", "Triwulan I", "Akhir"). */
  readonly label: string;
  /** Label in English. */
  readonly labelEn: string;
  /** First day (YYYY-MM-DD). */
  readonly start: string;
  /** Last day (YYYY-MM-DD). */
  readonly end: string;
}

/** Options of periodsFor. */
export interface PeriodsOptions {
  /** Append the final period AKHIR spanning the whole cycle (default true, rule 39). */
  readonly includeFinal?: boolean;
}

const MONTHS_ID = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const ROMAN = ["I", "II", "III", "IV"];

function toDate(value: string | Date, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidPeriodInputError(`${field}: not a valid date`);
    return calendarDateIn(value, JAKARTA);
  }
  if (typeof value !== "string")
    throw new InvalidPeriodInputError(`${field}: must be a YYYY-MM-DD date or an instant`);
  if (value.includes("T") && !Number.isNaN(Date.parse(value))) {
    return calendarDateIn(new Date(value), JAKARTA);
  }
  parseIsoDate(value, field);
  return value;
}

/**
 * Splits a cycle into its evaluation periods (rules 37-39): calendar months, quarters or
 * half-years clipped to [periodStart, periodEnd], then the final period AKHIR over the whole cycle.
 * Dates may be YYYY-MM-DD or instants (read as Jakarta calendar dates); `none` gives only AKHIR.
 */
export function periodsFor(
  cadence: Cadence,
  periodStart: string | Date,
  periodEnd: string | Date,
  options: PeriodsOptions = {},
): Period[] {
  if (!CADENCES.includes(cadence))
    throw new InvalidPeriodInputError(
      `cadence: must be one of ${CADENCES.join(", ")}, got "${String(cadence)}"`,
    );
  const start = toDate(periodStart, "periodStart");
  const end = toDate(periodEnd, "periodEnd");
  if (end < start) throw new InvalidPeriodInputError(`periodEnd: ${end} is before periodStart ${start}`);
  const first = parseIsoDate(start);
  const last = parseIsoDate(end);
  const multiYear = first.year !== last.year;
  const monthsPerPeriod =
    cadence === "monthly" ? 1 : cadence === "quarterly" ? 3 : cadence === "semester" ? 6 : 0;
  const periods: Period[] = [];
  if (monthsPerPeriod > 0) {
    let year = first.year;
    let index = Math.floor((first.month - 1) / monthsPerPeriod); // bucket of the first month
    for (;;) {
      const bucketStart = `${year}-${String(index * monthsPerPeriod + 1).padStart(2, "0")}-01`;
      if (bucketStart > end) break;
      const bucketEnd = addDays(
        index * monthsPerPeriod + monthsPerPeriod === 12
          ? `${year + 1}-01-01`
          : `${year}-${String((index + 1) * monthsPerPeriod + 1).padStart(2, "0")}-01`,
        -1,
      );
      const yearSuffix = multiYear ? ` ${year}` : "";
      const [key, label, labelEn] =
        cadence === "monthly"
          ? [
              `${year}-${String(index + 1).padStart(2, "0")}`,
              `${MONTHS_ID[index]} ${year}`,
              `${MONTHS_EN[index]} ${year}`,
            ]
          : cadence === "quarterly"
            ? [
                `${year}-Q${index + 1}`,
                `Triwulan ${ROMAN[index]}${yearSuffix}`,
                `Quarter ${index + 1}${yearSuffix}`,
              ]
            : [
                `${year}-S${index + 1}`,
                `Semester ${ROMAN[index]}${yearSuffix}`,
                `Semester ${index + 1}${yearSuffix}`,
              ];
      periods.push({
        key,
        kind: "periodic",
        label,
        labelEn,
        start: bucketStart < start ? start : bucketStart,
        end: bucketEnd > end ? end : bucketEnd,
      });
      index += 1;
      if (index * monthsPerPeriod >= 12) {
        index = 0;
        year += 1;
      }
    }
  }
  if (options.includeFinal ?? true) periods.push(finalPeriod(start, end));
  return periods;
}

/** The final (annual) period AKHIR spanning the whole cycle. */
export function finalPeriod(periodStart: string | Date, periodEnd: string | Date): Period {
  const start = toDate(periodStart, "periodStart");
  const end = toDate(periodEnd, "periodEnd");
  if (end < start) throw new InvalidPeriodInputError(`periodEnd: ${end} is before periodStart ${start}`);
  return { key: "AKHIR", kind: "final", label: "Akhir", labelEn: "Final", start, end };
}

/** When a period's evaluation runs: 01:00 Asia/Jakarta on the day after it ends (DESIGN 3.1), as an instant. */
export function periodicEvaluationDueAt(period: Pick<Period, "end">): Date {
  return zonedDateTime(addDays(toDate(period.end, "period.end"), 1), 1, 0, JAKARTA);
}

/** The periodic period whose Jakarta calendar dates contain instant `at`, if any. */
export function periodContaining(periods: readonly Period[], at: Date): Period | undefined {
  const day = calendarDateIn(at, JAKARTA);
  return periods.find((p) => p.kind === "periodic" && p.start <= day && day <= p.end);
}
