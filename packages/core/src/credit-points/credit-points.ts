import { isIsoDate } from "../period/calendar";
import { isPredikat, PREDIKATS, type Label, type Predikat } from "../rating/rating";
import { InvalidCreditPointsInputError } from "./credit-points.errors";

/** Functional-position levels (jenjang jabatan fungsional), skill track then expert track. */
export const JF_LEVELS = [
  "pemula",
  "terampil",
  "mahir",
  "penyelia",
  "ahli_pertama",
  "ahli_muda",
  "ahli_madya",
  "ahli_utama",
] as const;
/** One functional level. */
export type JfLevel = (typeof JF_LEVELS)[number];

/** Annual credit-point coefficient per level (PermenPANRB 1/2023, DOMAIN 6.5 [P], rules 30-31). */
export const ANNUAL_COEFFICIENTS: Readonly<Record<JfLevel, number>> = {
  pemula: 3.75,
  terampil: 5,
  mahir: 12.5,
  penyelia: 25,
  ahli_pertama: 12.5,
  ahli_muda: 25,
  ahli_madya: 37.5,
  ahli_utama: 50,
};

/** Multiplier of the annual coefficient per predikat (rule 32). */
export const PREDIKAT_MULTIPLIERS: Readonly<Record<Predikat, number>> = {
  sangat_baik: 1.5,
  baik: 1,
  butuh_perbaikan: 0.75,
  kurang: 0.5,
  sangat_kurang: 0.25,
};

/** Labels of the levels (the dictionary's `jenjang` group). */
export const JF_LEVEL_LABELS: Readonly<Record<JfLevel, Label>> = {
  pemula: { id: "Pemula", en: "Beginner (Pemula)" },
  terampil: { id: "Terampil", en: "Skilled (Terampil)" },
  mahir: { id: "Mahir", en: "Proficient (Mahir)" },
  penyelia: { id: "Penyelia", en: "Supervisor (Penyelia)" },
  ahli_pertama: { id: "Ahli Pertama", en: "First expert (Ahli Pertama)" },
  ahli_muda: { id: "Ahli Muda", en: "Junior expert (Ahli Muda)" },
  ahli_madya: { id: "Ahli Madya", en: "Middle expert (Ahli Madya)" },
  ahli_utama: { id: "Ahli Utama", en: "Principal expert (Ahli Utama)" },
};

/** True when `value` is one of the eight levels. */
export function isJfLevel(value: unknown): value is JfLevel {
  return typeof value === "string" && (JF_LEVELS as readonly string[]).includes(value);
}

/** Annual credit points of a functional official: level coefficient x predikat multiplier, unrounded (e.g. 9.375). */
export function creditPoints(level: JfLevel, predikat: Predikat): number {
  if (!isJfLevel(level)) {
    throw new InvalidCreditPointsInputError(
      `level: must be one of ${JF_LEVELS.join(", ")}, got "${String(level)}"`,
    );
  }
  if (!isPredikat(predikat))
    throw new InvalidCreditPointsInputError(
      `predikat: must be one of ${PREDIKATS.join(", ")}, got "${String(predikat)}"`,
    );
  // Every coefficient and multiplier is a short binary fraction, so the product is exact.
  return ANNUAL_COEFFICIENTS[level] * PREDIKAT_MULTIPLIERS[predikat];
}

/** Credit points as shown on forms: 2 decimals, half up (9.375 -> "9.38", 3.125 -> "3.13"). */
export function formatCreditPoints(points: number): string {
  return (Math.round(points * 100) / 100).toFixed(2);
}

/**
 * Months of performance a period gives (calendar months it touches, at most 12), counted from `joinedMonth`
 * ("YYYY-MM", e.g. the TMT a PNS NIP shows) when that falls inside the period: someone who joined mid-period earns
 * only for their months. Zero when they joined after the period.
 */
export function monthsOfPerformance(period: { start: string; end: string }, joinedMonth?: string): number {
  for (const [field, date] of [
    ["period.start", period.start],
    ["period.end", period.end],
  ] as const) {
    if (!isIsoDate(date))
      throw new InvalidCreditPointsInputError(`${field}: not a date YYYY-MM-DD ("${String(date)}")`);
  }
  if (joinedMonth !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(joinedMonth))
    throw new InvalidCreditPointsInputError(`joinedMonth: not a month YYYY-MM ("${joinedMonth}")`);
  const index = (yyyyMm: string) => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;
  const first = Math.max(index(period.start), joinedMonth ? index(joinedMonth) : -Infinity);
  const last = index(period.end);
  return Math.max(0, Math.min(12, last - first + 1));
}

/** Credit points of one appraisal period, as stored on the follow-up and exported. */
export interface CreditPointsAward {
  readonly jenjang: JfLevel;
  readonly predikat: Predikat;
  /** Annual coefficient of the level (rule 31). */
  readonly coefficient: number;
  /** Multiplier of the predikat (rule 32). */
  readonly multiplier: number;
  /** Months of performance in the period (12 for a whole year). */
  readonly months: number;
  /** months / 12 x multiplier x coefficient, unrounded. */
  readonly points: number;
  /** The points as shown on forms (2 decimals, half up). */
  readonly pointsText: string;
}

/**
 * Credit points for a period of `months` months (rules 30-32, pro-rated): AK = months / 12 x % predikat x
 * coefficient, the periodic formula of Peraturan BKN 3/2023 (BKN Direktorat Jabatan ASN, "Pelaksanaan Teknis
 * Peraturan BKN No. 3 Tahun 2023", July 2023: 2 months Baik as Ahli Pertama = 2/12 x 100% x 12.5 = 2.08) [P].
 */
export function creditPointsForPeriod(input: {
  jenjang: JfLevel;
  predikat: Predikat;
  months: number;
}): CreditPointsAward {
  if (!Number.isInteger(input.months) || input.months < 0 || input.months > 12)
    throw new InvalidCreditPointsInputError(
      `months: must be a whole number from 0 to 12, got ${String(input.months)}`,
    );
  const annual = creditPoints(input.jenjang, input.predikat);
  // Multiply before dividing, so whole and half years stay exact (12.5 x 6 / 12 = 6.25).
  const points = (annual * input.months) / 12;
  return {
    jenjang: input.jenjang,
    predikat: input.predikat,
    coefficient: ANNUAL_COEFFICIENTS[input.jenjang],
    multiplier: PREDIKAT_MULTIPLIERS[input.predikat],
    months: input.months,
    points,
    pointsText: formatCreditPoints(points),
  };
}
