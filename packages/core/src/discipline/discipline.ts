import type { Label } from "../rating/rating";
import { InvalidDisciplineInputError } from "./discipline.errors";

/** Severity classes of PP 94/2021 (hukuman disiplin ringan / sedang / berat). */
export type DisciplineLevel = "none" | "ringan" | "sedang" | "berat";

/** Sanction codes for unauthorised absence, mildest first. */
export const DISCIPLINE_SANCTIONS = [
  "none",
  "verbal-warning",
  "written-warning",
  "written-dissatisfaction",
  "tunjangan-cut-6-months",
  "tunjangan-cut-9-months",
  "tunjangan-cut-12-months",
  "demotion-12-months",
  "removed-to-pelaksana-12-months",
  "dismissal",
] as const;
/** One sanction code. */
export type DisciplineSanctionCode = (typeof DISCIPLINE_SANCTIONS)[number];

/** Labels of the sanctions (the dictionary's `disciplineSanction` group; the table below reads them too). */
export const DISCIPLINE_SANCTION_LABELS: Readonly<Record<DisciplineSanctionCode, Label>> = {
  none: { id: "Tidak ada hukuman disiplin", en: "No sanction" },
  "verbal-warning": { id: "Teguran lisan", en: "Verbal warning" },
  "written-warning": { id: "Teguran tertulis", en: "Written warning" },
  "written-dissatisfaction": {
    id: "Pernyataan tidak puas secara tertulis",
    en: "Written statement of dissatisfaction",
  },
  "tunjangan-cut-6-months": {
    id: "Pemotongan tunjangan kinerja 25% selama 6 bulan",
    en: "Tunjangan kinerja cut 25% for 6 months",
  },
  "tunjangan-cut-9-months": {
    id: "Pemotongan tunjangan kinerja 25% selama 9 bulan",
    en: "Tunjangan kinerja cut 25% for 9 months",
  },
  "tunjangan-cut-12-months": {
    id: "Pemotongan tunjangan kinerja 25% selama 12 bulan",
    en: "Tunjangan kinerja cut 25% for 12 months",
  },
  "demotion-12-months": {
    id: "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
    en: "Demotion one level for 12 months",
  },
  "removed-to-pelaksana-12-months": {
    id: "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
    en: "Removed to an executor position for 12 months",
  },
  dismissal: {
    id: "Pemberhentian dengan hormat tidak atas permintaan sendiri",
    en: "Honourable dismissal, not at own request",
  },
};

/** The sanction attendance alone calls for, for HR to act on (it is not applied automatically). */
export interface DisciplineSanction {
  readonly code: DisciplineSanctionCode;
  readonly level: DisciplineLevel;
  readonly label: string;
  readonly labelEn: string;
  /** Tunjangan kinerja cut, when the sanction is one. */
  readonly tunjanganCut?: { readonly percent: number; readonly months: number };
  /** Length of a demotion or removal, in months. */
  readonly durationMonths?: number;
  /** Why: the count that selected the sanction. */
  readonly reason: string;
}

// Lower bound of cumulative absent days per year -> sanction (DOMAIN 8 table, rule 36).
const ROWS: readonly (Omit<DisciplineSanction, "reason" | "label" | "labelEn"> & { minDays: number })[] = [
  { minDays: 28, code: "dismissal", level: "berat" },
  { minDays: 25, code: "removed-to-pelaksana-12-months", level: "berat", durationMonths: 12 },
  { minDays: 21, code: "demotion-12-months", level: "berat", durationMonths: 12 },
  {
    minDays: 17,
    code: "tunjangan-cut-12-months",
    level: "sedang",
    tunjanganCut: { percent: 25, months: 12 },
  },
  { minDays: 14, code: "tunjangan-cut-9-months", level: "sedang", tunjanganCut: { percent: 25, months: 9 } },
  { minDays: 11, code: "tunjangan-cut-6-months", level: "sedang", tunjanganCut: { percent: 25, months: 6 } },
  { minDays: 7, code: "written-dissatisfaction", level: "ringan" },
  { minDays: 4, code: "written-warning", level: "ringan" },
  { minDays: 3, code: "verbal-warning", level: "ringan" },
];
const TABLE = ROWS.map((row) => ({
  ...row,
  label: DISCIPLINE_SANCTION_LABELS[row.code].id,
  labelEn: DISCIPLINE_SANCTION_LABELS[row.code].en,
}));

/** Consecutive working days of unauthorised absence that lead straight to dismissal (PP 94/2021). */
export const CONSECUTIVE_DAYS_FOR_DISMISSAL = 10;

/**
 * The PP 94/2021 sanction for unauthorised absence (DOMAIN 8, rule 36): by cumulative days in the
 * year, or dismissal after 10 consecutive working days. Discipline is a separate track from the
 * predikat; this only names the sanction HR must consider.
 */
export function disciplineSanctionFor(input: {
  absentDaysInYear: number;
  maxConsecutiveAbsentDays: number;
}): DisciplineSanction {
  const { absentDaysInYear: days, maxConsecutiveAbsentDays: consecutive } = input ?? ({} as never);
  if (!Number.isInteger(days) || days < 0 || days > 366) {
    throw new InvalidDisciplineInputError(
      `absentDaysInYear: must be an integer from 0 to 366, got ${String(days)}`,
    );
  }
  if (!Number.isInteger(consecutive) || consecutive < 0) {
    throw new InvalidDisciplineInputError(
      `maxConsecutiveAbsentDays: must be a non-negative integer, got ${String(consecutive)}`,
    );
  }
  if (consecutive > days) {
    throw new InvalidDisciplineInputError(
      `maxConsecutiveAbsentDays: ${consecutive} cannot exceed absentDaysInYear ${days}`,
    );
  }
  if (consecutive >= CONSECUTIVE_DAYS_FOR_DISMISSAL) {
    const { minDays: _minDays, ...dismissal } = TABLE[0];
    return {
      ...dismissal,
      reason: `${consecutive} hari kerja berturut-turut tidak masuk tanpa alasan yang sah`,
    };
  }
  const row = TABLE.find((r) => days >= r.minDays);
  if (!row)
    return {
      code: "none",
      level: "none",
      label: DISCIPLINE_SANCTION_LABELS.none.id,
      labelEn: DISCIPLINE_SANCTION_LABELS.none.en,
      reason: `${days} hari tidak masuk tanpa alasan yang sah`,
    };
  const { minDays: _minDays, ...sanction } = row;
  return { ...sanction, reason: `${days} hari tidak masuk tanpa alasan yang sah dalam 1 tahun` };
}

/** One month of imported attendance (the attendance CSV: nip, month, work_days, present, ..., absent_without_leave). */
export interface AttendanceMonth {
  month: string;
  workDays: number;
  absentWithoutLeave: number;
}

/** The discipline finding recorded on an appraisal at follow-up: a separate track, never part of the predikat. */
export interface DisciplineFinding {
  /** The calendar year counted (PP 94/2021 counts days per year) and the months of it that had data. */
  readonly year: number;
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly monthsWithData: number;
  /** Days absent without a valid reason in those months. */
  readonly absentDays: number;
  /**
   * The longest run of consecutive working days absent that the monthly data proves: only whole months absent
   * (absent_without_leave = work_days) chain, so this is a lower bound, and HR checks daily records for more.
   */
  readonly provenConsecutiveDays: number;
  readonly sanction: DisciplineSanction;
}

/**
 * The rule-36 finding from monthly attendance rows of one calendar year up to `toMonth` (YYYY-MM): cumulative days
 * absent without a valid reason, and the consecutive days the months prove. Undefined when there is no row, so "no
 * data" is never read as "no absence".
 */
export function disciplineFindingFromAttendance(
  rows: readonly AttendanceMonth[],
  toMonth: string,
): DisciplineFinding | undefined {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(toMonth))
    throw new InvalidDisciplineInputError(`toMonth: not a month YYYY-MM ("${toMonth}")`);
  const year = Number(toMonth.slice(0, 4));
  const fromMonth = `${year}-01`;
  const months = rows
    .filter((r) => r.month >= fromMonth && r.month <= toMonth)
    .sort((a, b) => a.month.localeCompare(b.month));
  if (months.length === 0) return undefined;
  let absentDays = 0;
  let run = 0;
  let longest = 0;
  let previous: string | undefined;
  for (const m of months) {
    if (!Number.isInteger(m.absentWithoutLeave) || m.absentWithoutLeave < 0)
      throw new InvalidDisciplineInputError(`absentWithoutLeave of ${m.month}: not a whole number of days`);
    absentDays += m.absentWithoutLeave;
    const whole = m.workDays > 0 && m.absentWithoutLeave >= m.workDays;
    const follows = previous !== undefined && monthAfter(previous) === m.month;
    run = whole ? (follows ? run : 0) + m.workDays : 0;
    longest = Math.max(longest, run);
    previous = whole ? m.month : undefined;
  }
  const consecutive = Math.min(longest, absentDays);
  return {
    year,
    fromMonth,
    toMonth,
    monthsWithData: months.length,
    absentDays,
    provenConsecutiveDays: consecutive,
    sanction: disciplineSanctionFor({
      absentDaysInYear: Math.min(absentDays, 366),
      maxConsecutiveAbsentDays: consecutive,
    }),
  };
}

function monthAfter(yyyyMm: string): string {
  const year = Number(yyyyMm.slice(0, 4));
  const month = Number(yyyyMm.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}
