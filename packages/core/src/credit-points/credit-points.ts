import { isPredikat, PREDIKATS, type Predikat } from "../rating/rating";
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

/** UI labels of the levels. */
export const JF_LEVEL_LABELS: Readonly<Record<JfLevel, string>> = {
  pemula: "Pemula",
  terampil: "Terampil",
  mahir: "Mahir",
  penyelia: "Penyelia",
  ahli_pertama: "Ahli Pertama",
  ahli_muda: "Ahli Muda",
  ahli_madya: "Ahli Madya",
  ahli_utama: "Ahli Utama",
};

/** Annual credit points of a functional official: level coefficient x predikat multiplier, unrounded (e.g. 9.375). */
export function creditPoints(level: JfLevel, predikat: Predikat): number {
  if (!(JF_LEVELS as readonly string[]).includes(level)) {
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
