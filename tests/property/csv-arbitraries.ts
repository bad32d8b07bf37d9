// fast-check arbitraries for CSV import files: the dialects a spreadsheet export may use (BOM, CRLF, quoting,
// blank lines), valid rows of each import kind over a known organisation, cells that each break one rule of
// a column, and outright junk (random bytes, wrong headers, unterminated quotes, huge fields).
import * as fc from "fast-check";
import { EMPLOYEE_CSV_COLUMNS } from "../../packages/core/src/imports/employee-csv";
import {
  ATTENDANCE_CSV_COLUMNS,
  INDICATOR_CSV_COLUMNS,
  SURVEY_CSV_COLUMNS,
} from "../../packages/core/src/imports/measurement-csv";

/** How a file is written: line endings, byte order mark, quoting, blank lines, final newline. */
export interface Dialect {
  crlf: boolean;
  bom: boolean;
  quoteAll: boolean;
  blankLineAfter: number[];
  finalNewline: boolean;
  upperCaseHeader: boolean;
}

/** Any dialect a spreadsheet (or a hand-edited file) may produce; all of them are legal CSV. */
export const dialectArb: fc.Arbitrary<Dialect> = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  blankLineAfter: fc.array(fc.nat({ max: 40 }), { maxLength: 3 }),
  finalNewline: fc.boolean(),
  upperCaseHeader: fc.boolean(),
});

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/** Writes header and rows in a dialect; `lines[i]` is the line (header = 1) on which row i ends, as csv-parse counts. */
export function encodeCsv(
  header: readonly string[],
  rows: readonly string[][],
  d: Dialect,
): { text: string; lines: number[] } {
  const eol = d.crlf ? "\r\n" : "\n";
  const cell = (c: string) => (d.quoteAll || /[",\r\n]/.test(c) || c !== c.trim() ? quote(c) : c);
  const out: string[] = [header.map((h) => cell(d.upperCaseHeader ? h.toUpperCase() : h)).join(",")];
  const lines: number[] = [];
  let line = 1;
  rows.forEach((row, i) => {
    const text = row.map(cell).join(",");
    line += 1 + (text.match(/\n/g)?.length ?? 0);
    out.push(text);
    lines.push(line);
    if (d.blankLineAfter.includes(i)) {
      out.push("");
      line += 1;
    }
  });
  return { text: `${d.bom ? "\uFEFF" : ""}${out.join(eol)}${d.finalNewline ? eol : ""}`, lines };
}

/** Splits a file written by generateOrganisationCsv (plain commas, no quoting) into header and rows. */
export function splitSimpleCsv(text: string): { header: string[]; rows: string[][] } {
  const [head, ...rest] = text.trimEnd().split("\n");
  return { header: head!.split(","), rows: rest.map((line) => line.split(",")) };
}

/** One cell that breaks a rule of its column (the import must name this line and `field`). */
export interface BadCell {
  field: string;
  value: string;
}

const long = (min: number, max: number) => fc.integer({ min, max }).map((n) => "x".repeat(n));

/** Values that are invalid for each employee column, whatever the rest of the row says. */
export const badEmployeeCell: Record<string, fc.Arbitrary<string>> = {
  nip: fc.constantFrom("12345", "abcdefghijklmnopqr", "199913452015011001", "1990010120150110011", ""),
  name: fc.oneof(fc.constant(""), long(201, 20_000)),
  email: fc.constantFrom("not-an-email", "a@", "@salor.go.id", "budi at salor.go.id", ""),
  unit_id: fc.oneof(fc.constantFrom("a b", "", "unit/1", "ünit", "a,b"), long(65, 500)),
  unit_name: fc.oneof(fc.constant(""), long(201, 5_000)),
  position: fc.oneof(fc.constant(""), long(201, 5_000)),
  position_type: fc.constantFrom("tukang", "staff", "", "p3k"),
  superior_nip: fc.constantFrom("123", "abc", "1".repeat(19), "19900101 201501 1 001"),
  unit_head: fc.constantFrom("maybe", "yes", "1", "", "benar"),
  parent_unit_id: fc.constantFrom("a b", "unit/1", "ünit"),
};

/** Attendance column values: a valid generator and breaking values per column. */
export function attendanceRowArb(nips: readonly string[]): fc.Arbitrary<string[]> {
  return fc
    .record({
      nip: fc.constantFrom(...nips),
      month: fc
        .tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
      workDays: fc.integer({ min: 0, max: 31 }),
      presentShare: fc.double({ min: 0, max: 1, noNaN: true }),
      absentShare: fc.double({ min: 0, max: 1, noNaN: true }),
      late: fc.integer({ min: 0, max: 31 * 24 * 60 }),
    })
    .map((r) => {
      const present = Math.floor(r.workDays * r.presentShare);
      const absent = Math.floor((r.workDays - present) * r.absentShare);
      return [r.nip, r.month, String(r.workDays), String(present), String(r.late), String(absent)];
    });
}

/** Breaking values for attendance columns (each alone makes its row invalid). */
export const badAttendanceCell: Record<string, fc.Arbitrary<string>> = {
  nip: fc.constantFrom("12345", "", "x".repeat(18), "199001012015011999"),
  month: fc.constantFrom("2027-13", "2027-00", "27-01", "2027/01", "", "januari"),
  work_days: fc.constantFrom("-1", "1.5", "32", "", "abc", "9".repeat(30)),
  late_minutes: fc.constantFrom("-5", "44641", "1e3", "", "9".repeat(400)),
};

/** Survey rows over known units: a respondent, a date or date-time, nine scores (at least one answered). */
export function surveyRowArb(unitIds: readonly string[]): fc.Arbitrary<string[]> {
  return fc
    .record({
      unit: fc.constantFrom(...unitIds),
      respondent: fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/),
      at: fc
        .date({
          min: new Date("2020-01-01T00:00:00Z"),
          max: new Date("2030-12-31T00:00:00Z"),
          noInvalidDate: true,
        })
        .chain((d) =>
          fc.constantFrom(
            d.toISOString(),
            d.toISOString().slice(0, 10),
            d.toISOString().replace("Z", "+07:00"),
          ),
        ),
      scores: fc
        .array(fc.constantFrom("", "1", "2", "3", "4"), { minLength: 9, maxLength: 9 })
        .filter((s) => s.some((x) => x !== "")),
    })
    .map((r) => [r.unit, r.respondent, r.at, ...r.scores]);
}

/** Breaking values for survey columns. */
export const badSurveyCell: Record<string, fc.Arbitrary<string>> = {
  unit_id: fc.constantFrom("", "no-such-unit"),
  respondent_id: fc.oneof(fc.constant(""), long(101, 3_000)),
  submitted_at: fc.constantFrom("kemarin", "2027-13-01", "2027-01-01T25:00:00Z", "", "01/02/2027"),
  u3: fc.constantFrom("0", "5", "sangat baik", "2.5"),
};

/**
 * Indicator rows over known employees and the indicators of their SKPs (`indicatorIds`; the import refuses others),
 * in periods of 2026 and 2027: plain decimal values.
 */
export function indicatorRowArb(
  nips: readonly string[],
  indicatorIds: readonly string[],
): fc.Arbitrary<string[]> {
  return fc
    .record({
      nip: fc.constantFrom(...nips),
      indicator: fc.constantFrom(...indicatorIds),
      period: fc.constantFrom("2027", "2027-01", "2027-12", "2027-Q1", "2027-Q4", "2027-S1", "2026-S2"),
      value: fc.oneof(
        fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((x) => x.toFixed(3)),
      ),
      source: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,60}[A-Za-z0-9]$/),
    })
    .map((r) => [r.nip, r.indicator, r.period, r.value, r.source]);
}

/** Breaking values for indicator columns. */
export const badIndicatorCell: Record<string, fc.Arbitrary<string>> = {
  nip: fc.constantFrom("12345", "", "199001012015011999"),
  indicator_id: fc.oneof(fc.constantFrom("", "has space", "a/b"), long(65, 300)),
  period: fc.constantFrom("2027-13", "2027-Q5", "27", "2027-S3", ""),
  // "1,5" is a decimal comma and valid (96,5 imports as 96.5); "1,2,3" is not a number.
  value: fc.constantFrom("1,2,3", "abc", "", "1e5", "--1", "NaN", "Infinity", "1.2.3,4"),
  source: fc.oneof(fc.constant(""), long(101, 2_000)),
};

/**
 * Numbers the value regex accepts but that are extreme: hundreds of digits (beyond a double, or beyond what
 * DynamoDB stores), or tiny fractions. Whether they are accepted or refused, the answer must not be a 5xx.
 */
export const extremeNumber: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 100, max: 400 }).map((n) => `9${"0".repeat(n)}`),
  fc.integer({ min: 130, max: 330 }).map((n) => `0.${"0".repeat(n)}1`),
  fc.integer({ min: 39, max: 60 }).map((n) => "1234567890".repeat(6).slice(0, n)),
  fc.integer({ min: 100, max: 400 }).map((n) => `-${"8".repeat(n)}`),
);

/** The columns of each import route. */
export const COLUMNS = {
  employees: [...EMPLOYEE_CSV_COLUMNS, "parent_unit_id"],
  attendance: [...ATTENDANCE_CSV_COLUMNS],
  survey: [...SURVEY_CSV_COLUMNS],
  indicators: [...INDICATOR_CSV_COLUMNS],
} as const;

/** Junk cells: quotes, separators, control characters, unicode, huge fields. */
export const junkCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 6, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '"',
      '""',
      'a"b',
      "a\nb",
      "a\r\nb",
      ",",
      ";",
      "\t",
      "\u0000",
      "\uFEFF",
      "=1+1",
      "",
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 120_000 }).map((n) => "y".repeat(n)) },
);

/** A header: the right one, shuffled, with a column missing, an unknown or duplicated column, or random words. */
export function headerArb(columns: readonly string[]): fc.Arbitrary<string[]> {
  return fc.oneof<fc.Arbitrary<string[]>[]>(
    fc.constant([...columns]),
    fc.shuffledSubarray([...columns], { minLength: columns.length, maxLength: columns.length }),
    fc.nat({ max: columns.length - 1 }).map((i) => columns.filter((_, j) => j !== i)),
    fc.constant([...columns, "catatan"]),
    fc.nat({ max: columns.length - 1 }).map((i) => [...columns, columns[i]!]),
    fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 14 }),
  );
}
