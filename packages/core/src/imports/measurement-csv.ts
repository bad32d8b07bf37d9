import * as v from "valibot";
import { msg, t, type Lang, type MessageKey, type MessageParams } from "../i18n/messages";
import { parseDecimal } from "../i18n/number";
import { isIsoDate, jakartaDateTime } from "../period/calendar";
import type { ImportIssue } from "../org/org.schema";
import { emptyToUndefined, readCsv, validateRow, type CsvRow } from "./csv";
import { sortIssues } from "./employee-csv";

/** Columns of the attendance CSV. */
export const ATTENDANCE_CSV_COLUMNS = [
  "nip",
  "month",
  "work_days",
  "present",
  "late_minutes",
  "absent_without_leave",
] as const;
/** Columns of the survey (IKM) CSV (DESIGN 3.1): 9 element scores u1..u9. */
export const SURVEY_CSV_COLUMNS = [
  "unit_id",
  "respondent_id",
  "submitted_at",
  "u1",
  "u2",
  "u3",
  "u4",
  "u5",
  "u6",
  "u7",
  "u8",
  "u9",
] as const;
/** Columns of the indicator data CSV. */
export const INDICATOR_CSV_COLUMNS = ["nip", "indicator_id", "period", "value", "source"] as const;
/**
 * Optional columns of the indicator data CSV: `cycle_id` names the cycle a value belongs to; without it the cycle is
 * the one of the employee's appraisals whose period contains the row's period and whose SKP has the indicator.
 */
export const INDICATOR_CSV_OPTIONAL_COLUMNS = ["cycle_id"] as const;

/** What rows may refer to: the stored organisation. */
export interface KnownOrganisation {
  nips: ReadonlySet<string>;
  unitIds: ReadonlySet<string>;
}

/** One appraisal imported indicator values may feed: its cycle's period and the indicators of its current SKP. */
export interface IndicatorScope {
  cycleId: string;
  periodStart: string;
  periodEnd: string;
  indicatorIds: ReadonlySet<string>;
  /** The measurement snapshot was taken: values imported now would never be read. */
  measured: boolean;
}

/** What indicator rows may refer to: the organisation and, per NIP, the appraisals values may feed. */
export interface KnownIndicators extends KnownOrganisation {
  scopes: ReadonlyMap<string, readonly IndicatorScope[]>;
}

/** The first and last day of a period label of the CSV (YYYY, YYYY-MM, YYYY-Qn, YYYY-Sn). */
export function periodLabelDays(label: string): { first: string; last: string } {
  const [year, part] = label.split("-") as [string, string | undefined];
  const months = !part
    ? [1, 12]
    : part.startsWith("Q")
      ? [Number(part[1]) * 3 - 2, Number(part[1]) * 3]
      : part.startsWith("S")
        ? [Number(part[1]) * 6 - 5, Number(part[1]) * 6]
        : [Number(part), Number(part)];
  const lastDay = new Date(Date.UTC(Number(year), months[1]!, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, "0");
  return { first: `${year}-${mm(months[0]!)}-01`, last: `${year}-${mm(months[1]!)}-${lastDay}` };
}

// Number cells accept a decimal comma ("96,5") as well as a point, and thousands separators (i18n/number.ts).
const isWhole = (t: string) => {
  const n = parseDecimal(t);
  return n !== undefined && Number.isInteger(n) && n >= 0;
};
const wholeNumber = (max: number) =>
  v.pipe(
    v.string(),
    v.check(isWhole, msg("csvWholeNumber")),
    v.transform((t) => parseDecimal(t)!),
    v.maxValue(max, msg("csvAtMost", { max })),
  );

const nipCell = v.pipe(v.string(), v.regex(/^\d{18}$/, msg("csvNip")));

const AttendanceRowSchema = v.pipe(
  v.object({
    nip: nipCell,
    month: v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, msg("csvMonth"))),
    work_days: wholeNumber(31),
    present: wholeNumber(31),
    late_minutes: wholeNumber(31 * 24 * 60),
    absent_without_leave: wholeNumber(31),
  }),
  v.forward(
    v.check((r) => r.present <= r.work_days, msg("csvPresentAboveWorkDays")),
    ["present"],
  ),
  v.forward(
    v.check((r) => r.present + r.absent_without_leave <= r.work_days, msg("csvPresentAbsentAboveWorkDays")),
    ["absent_without_leave"],
  ),
);

const isScore = (t: string) => {
  const n = parseDecimal(t);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 4;
};
const score = v.pipe(
  v.string(),
  v.check((t) => t === "" || isScore(t), msg("csvScore")),
  v.transform((t) => (t === "" ? null : parseDecimal(t)!)),
);

const SurveyRowSchema = v.pipe(
  v.object({
    unit_id: v.pipe(v.string(), v.nonEmpty(msg("csvRequired"))),
    respondent_id: v.pipe(
      v.string(),
      v.nonEmpty(msg("csvRequired")),
      v.maxLength(100, msg("csvTooLong", { max: 100 })),
    ),
    submitted_at: v.pipe(
      v.string(),
      v.check(
        (t) =>
          // The date part must be a real calendar date: Date.parse reads 2027-02-30 as 2 March.
          /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t) &&
          isIsoDate(t.slice(0, 10)) &&
          !Number.isNaN(Date.parse(t)),
        msg("csvDateTime"),
      ),
      v.transform((t) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(t) ? jakartaDateTime(t) : t).toISOString()),
    ),
    ...(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`u${i + 1}`, score])) as Record<
      "u1" | "u2" | "u3" | "u4" | "u5" | "u6" | "u7" | "u8" | "u9",
      typeof score
    >),
  }),
  v.forward(
    v.check(
      (r) => [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9].some((s) => s !== null),
      msg("csvNoAnswer"),
    ),
    ["u1"],
  ),
);

const IndicatorRowSchema = v.object({
  nip: nipCell,
  indicator_id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,64}$/, msg("csvIndicatorId"))),
  period: v.pipe(v.string(), v.regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|S[12]))?$/, msg("csvPeriod"))),
  value: v.pipe(
    v.string(),
    v.check((t) => parseDecimal(t) !== undefined, msg("csvNumber")),
    v.transform((t) => parseDecimal(t)!),
    // Hundreds of digits parse to Infinity or to magnitudes DynamoDB refuses, which failed the write mid-file.
    v.check((n) => Math.abs(n) <= 1e15 && (n === 0 || Math.abs(n) >= 1e-10), msg("csvOutOfRange")),
  ),
  source: v.pipe(
    v.string(),
    v.nonEmpty(msg("csvRequired")),
    v.maxLength(100, msg("csvTooLong", { max: 100 })),
  ),
  cycle_id: v.optional(
    v.pipe(v.string(), v.maxLength(128, msg("csvTooLong", { max: 128 })), emptyToUndefined),
  ),
});

/** A validated attendance row. */
export interface AttendanceRow {
  nip: string;
  month: string;
  workDays: number;
  present: number;
  lateMinutes: number;
  absentWithoutLeave: number;
}
/** A validated survey response. */
export interface SurveyRow {
  unitId: string;
  respondentId: string;
  submittedAt: string;
  scores: (number | null)[];
}
/** A validated indicator value, with the cycle it belongs to. */
export interface IndicatorRow {
  nip: string;
  cycleId: string;
  indicatorId: string;
  period: string;
  value: number;
  source: string;
}

/** Options of the plans: a row limit, and the language of the row messages (English unless asked). */
export interface PlanOptions {
  maxRows?: number;
  lang?: Lang;
}

/** Validated rows, or every issue found. */
export type PlanResult<T> = { ok: true; rows: T[] } | { ok: false; errors: ImportIssue[] };

function plan<TSchema extends v.GenericSchema, T>(
  csvText: string,
  columns: readonly string[] | { required: readonly string[]; optional: readonly string[] },
  schema: TSchema,
  options: PlanOptions,
  convert: (
    value: v.InferOutput<TSchema>,
    row: CsvRow,
    errors: ImportIssue[],
    lang: Lang,
  ) => { key: string; keyField: string; row: T } | undefined,
): PlanResult<T> {
  const lang = options.lang ?? "en";
  const read = readCsv(csvText, {
    ...("required" in columns ? columns : { required: columns }),
    maxRows: options.maxRows,
    lang,
  });
  if (!read.ok) return read;
  const errors: ImportIssue[] = [];
  const seen = new Map<string, number>();
  const rows: T[] = [];
  for (const row of read.rows) {
    const checked = validateRow(schema, row, lang);
    if (!checked.ok) {
      errors.push(...checked.errors);
      continue;
    }
    const converted = convert(checked.value, row, errors, lang);
    if (!converted) continue;
    const previous = seen.get(converted.key);
    if (previous !== undefined) {
      errors.push({
        line: row.line,
        field: converted.keyField,
        message: t("csvDuplicateRow", lang, { line: String(previous) }),
      });
      continue;
    }
    seen.set(converted.key, row.line);
    rows.push(converted.row);
  }
  return errors.length > 0 ? { ok: false, errors: sortIssues(errors) } : { ok: true, rows };
}

const unknownNip = (
  nip: string,
  row: CsvRow,
  errors: ImportIssue[],
  known: KnownOrganisation,
  lang: Lang,
) => {
  if (known.nips.has(nip)) return false;
  errors.push({
    line: row.line,
    field: "nip",
    message: t("csvUnknownEmployee", lang, { nip }),
  });
  return true;
};

/** Parses and validates an attendance CSV (one row per NIP and month). Pure. */
export function planAttendanceImport(
  csvText: string,
  known: KnownOrganisation,
  options: PlanOptions = {},
): PlanResult<AttendanceRow> {
  return plan(csvText, ATTENDANCE_CSV_COLUMNS, AttendanceRowSchema, options, (r, row, errors, lang) =>
    unknownNip(r.nip, row, errors, known, lang)
      ? undefined
      : {
          key: `${r.nip}|${r.month}`,
          keyField: "month",
          row: {
            nip: r.nip,
            month: r.month,
            workDays: r.work_days,
            present: r.present,
            lateMinutes: r.late_minutes,
            absentWithoutLeave: r.absent_without_leave,
          },
        },
  );
}

/** Parses and validates a survey (IKM) CSV (one row per respondent and unit). Pure. */
export function planSurveyImport(
  csvText: string,
  known: KnownOrganisation,
  options: PlanOptions = {},
): PlanResult<SurveyRow> {
  return plan(csvText, SURVEY_CSV_COLUMNS, SurveyRowSchema, options, (r, row, errors, lang) => {
    if (!known.unitIds.has(r.unit_id)) {
      errors.push({
        line: row.line,
        field: "unit_id",
        message: t("csvUnknownUnit", lang, { unitId: r.unit_id }),
      });
      return undefined;
    }
    return {
      key: `${r.unit_id}|${r.respondent_id}`,
      keyField: "respondent_id",
      row: {
        unitId: r.unit_id,
        respondentId: r.respondent_id,
        submittedAt: r.submitted_at,
        scores: [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9],
      },
    };
  });
}

/**
 * Parses and validates an indicator data CSV (one row per NIP, cycle, indicator and period). Pure. Each row must feed
 * an appraisal: the employee's cycle (named by `cycle_id`, or the one whose period contains the row's period) must
 * have the indicator in its SKP and not be measured yet; otherwise the row is refused (a value that would never be
 * read, or would fail the measurement at the period's end, must not be accepted silently).
 */
export function planIndicatorImport(
  csvText: string,
  known: KnownIndicators,
  options: PlanOptions = {},
): PlanResult<IndicatorRow> {
  const columns = { required: INDICATOR_CSV_COLUMNS, optional: INDICATOR_CSV_OPTIONAL_COLUMNS };
  return plan(csvText, columns, IndicatorRowSchema, options, (r, row, errors, lang) => {
    if (unknownNip(r.nip, row, errors, known, lang)) return undefined;
    const issue = (field: string, key: MessageKey, params: MessageParams) => {
      errors.push({ line: row.line, field, message: t(key, lang, params) });
      return undefined;
    };
    const all = known.scopes.get(r.nip) ?? [];
    const named = r.cycle_id ? all.filter((s) => s.cycleId === r.cycle_id) : all;
    if (r.cycle_id && named.length === 0)
      return issue("cycle_id", "csvIndicatorNoAppraisal", { nip: r.nip, cycleId: r.cycle_id });
    const days = periodLabelDays(r.period);
    const covering = named.filter((s) => s.periodStart <= days.first && days.last <= s.periodEnd);
    if (covering.length === 0)
      return issue("period", "csvIndicatorNoCycle", { nip: r.nip, period: r.period });
    const withIndicator = covering.filter((s) => s.indicatorIds.has(r.indicator_id));
    if (withIndicator.length === 0)
      return issue("indicator_id", "csvIndicatorUnknown", {
        indicatorId: r.indicator_id,
        cycles: covering.map((s) => s.cycleId).join(", "),
      });
    if (withIndicator.length > 1)
      return issue("cycle_id", "csvIndicatorAmbiguous", {
        period: r.period,
        cycles: withIndicator.map((s) => s.cycleId).join(", "),
      });
    const scope = withIndicator[0]!;
    if (scope.measured) return issue("period", "csvIndicatorMeasured", { cycleId: scope.cycleId });
    return {
      key: `${r.nip}|${scope.cycleId}|${r.indicator_id}|${r.period}`,
      keyField: "period",
      row: {
        nip: r.nip,
        cycleId: scope.cycleId,
        indicatorId: r.indicator_id,
        period: r.period,
        value: r.value,
        source: r.source,
      },
    };
  });
}
