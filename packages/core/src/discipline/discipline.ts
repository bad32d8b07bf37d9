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
const TABLE: readonly (Omit<DisciplineSanction, "reason"> & { minDays: number })[] = [
  {
    minDays: 28,
    code: "dismissal",
    level: "berat",
    label: "Pemberhentian dengan hormat tidak atas permintaan sendiri",
    labelEn: "Honourable dismissal, not at own request",
  },
  {
    minDays: 25,
    code: "removed-to-pelaksana-12-months",
    level: "berat",
    label: "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
    labelEn: "Removed to an executor position for 12 months",
    durationMonths: 12,
  },
  {
    minDays: 21,
    code: "demotion-12-months",
    level: "berat",
    label: "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
    labelEn: "Demotion one level for 12 months",
    durationMonths: 12,
  },
  {
    minDays: 17,
    code: "tunjangan-cut-12-months",
    level: "sedang",
    label: "Pemotongan tunjangan kinerja 25% selama 12 bulan",
    labelEn: "Tunjangan kinerja cut 25% for 12 months",
    tunjanganCut: { percent: 25, months: 12 },
  },
  {
    minDays: 14,
    code: "tunjangan-cut-9-months",
    level: "sedang",
    label: "Pemotongan tunjangan kinerja 25% selama 9 bulan",
    labelEn: "Tunjangan kinerja cut 25% for 9 months",
    tunjanganCut: { percent: 25, months: 9 },
  },
  {
    minDays: 11,
    code: "tunjangan-cut-6-months",
    level: "sedang",
    label: "Pemotongan tunjangan kinerja 25% selama 6 bulan",
    labelEn: "Tunjangan kinerja cut 25% for 6 months",
    tunjanganCut: { percent: 25, months: 6 },
  },
  {
    minDays: 7,
    code: "written-dissatisfaction",
    level: "ringan",
    label: "Pernyataan tidak puas secara tertulis",
    labelEn: "Written statement of dissatisfaction",
  },
  {
    minDays: 4,
    code: "written-warning",
    level: "ringan",
    label: "Teguran tertulis",
    labelEn: "Written warning",
  },
  { minDays: 3, code: "verbal-warning", level: "ringan", label: "Teguran lisan", labelEn: "Verbal warning" },
];

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
      label: "Tidak ada hukuman disiplin",
      labelEn: "No sanction",
      reason: `${days} hari tidak masuk tanpa alasan yang sah`,
    };
  const { minDays: _minDays, ...sanction } = row;
  return { ...sanction, reason: `${days} hari tidak masuk tanpa alasan yang sah dalam 1 tahun` };
}
