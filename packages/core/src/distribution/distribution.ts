import {
  isOrgRating,
  ORG_RATING_LABELS,
  PREDIKAT_LABELS,
  PREDIKATS,
  type OrgRating,
  type Predikat,
} from "../rating/rating";
import { InvalidDistributionInputError } from "./distribution.errors";

/**
 * The distribution pattern (pola distribusi) of PermenPANRB 6/2022 as a warn-level validator
 * (DOMAIN 6.4, rules 12-16). The leader may override with a justification; nothing here blocks.
 *
 * Rounding for small teams, chosen so that every limit is a whole number of people and no float
 * error can move a boundary: with n people in the population and a threshold of p percent,
 * - "at most p%" allows floor(p * n / 100) people (10% of 4 allows 0; 70% of 10 allows 7);
 * - "at least p%" requires ceil(p * n / 100) people (10% of 4 requires 1; 60% of 4 requires 3);
 * computed in integers (p is a whole percentage). An empty population (n = 0) never warns.
 * "Most (max 70%)" is read as at most 70% only (DESIGN 3.1); set `dominantMinPct` to also require a share.
 */
export interface DistributionThresholds {
  /** Istimewa: max share of Sangat Baik; Baik: max share of Baik (default 70). */
  readonly dominantMaxPct: number;
  /** Optional minimum share of the dominant predikat for Istimewa/Baik (default 0 = not checked). */
  readonly dominantMinPct: number;
  /** Butuh Perbaikan / Kurang / Sangat Kurang: min share of the matching predikat (default 60). */
  readonly majorityMinPct: number;
  /** Kurang: min share of Butuh Perbaikan; Sangat Kurang: min share of Kurang + Butuh Perbaikan (default 10). */
  readonly minorityMinPct: number;
  /** Butuh Perbaikan / Kurang: max share of Sangat Baik (default 10). */
  readonly sangatBaikMaxPct: number;
}

/** Thresholds of DOMAIN 6.4 ([B]: configurable until Salor HR confirms them). */
export const DEFAULT_DISTRIBUTION_THRESHOLDS: DistributionThresholds = {
  dominantMaxPct: 70,
  dominantMinPct: 0,
  majorityMinPct: 60,
  minorityMinPct: 10,
  sangatBaikMaxPct: 10,
};

/** One breached rule of the distribution pattern. */
export interface DistributionWarning {
  /** Stable rule code, e.g. "max-70-sangat-baik" (the number is the configured threshold). */
  readonly rule: string;
  /** Explanation in Bahasa Indonesia for the dashboard. */
  readonly message: string;
  /** How many people must change predikat for this rule to be met. */
  readonly affected: number;
  /** The predikats the rule counts. */
  readonly predikats: readonly Predikat[];
  /** Whether the rule is an upper or a lower bound. */
  readonly bound: "max" | "min";
  /** The allowed (max) or required (min) number of people after rounding. */
  readonly limit: number;
  /** How many people currently hold the counted predikats. */
  readonly actual: number;
  /** Size of the population checked. */
  readonly population: number;
}

/** Options of checkDistribution: thresholds override the defaults field by field. */
export interface DistributionOptions {
  readonly thresholds?: Partial<DistributionThresholds>;
}

const SHORT: Readonly<Record<Predikat, string>> = {
  sangat_baik: "sangat-baik",
  baik: "baik",
  butuh_perbaikan: "butuh-perbaikan",
  kurang: "kurang",
  sangat_kurang: "sangat-kurang",
};

/** Largest number of people allowed by "at most pct% of n" (integer arithmetic, see module doc). */
export function maxPeople(pct: number, n: number): number {
  return Math.floor((pct * n) / 100);
}

/** Smallest number of people required by "at least pct% of n" (integer arithmetic, see module doc). */
export function minPeople(pct: number, n: number): number {
  return Math.ceil((pct * n) / 100);
}

function labelOf(predikats: readonly Predikat[]): string {
  return predikats.map((p) => PREDIKAT_LABELS[p].id).join(" dan/atau ");
}

function validate(
  counts: Partial<Record<Predikat, number>>,
  thresholds: DistributionThresholds,
): Record<Predikat, number> {
  if (counts === null || typeof counts !== "object")
    throw new InvalidDistributionInputError("counts: must be an object of predikat -> number");
  for (const key of Object.keys(counts)) {
    if (!(PREDIKATS as readonly string[]).includes(key))
      throw new InvalidDistributionInputError(`counts.${key}: not a predikat`);
  }
  const clean = {} as Record<Predikat, number>;
  for (const p of PREDIKATS) {
    const value = counts[p] ?? 0;
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidDistributionInputError(
        `counts.${p}: must be a non-negative integer, got ${String(value)}`,
      );
    }
    clean[p] = value;
  }
  for (const [name, pct] of Object.entries(thresholds)) {
    if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
      throw new InvalidDistributionInputError(
        `thresholds.${name}: must be a whole percentage 0-100, got ${String(pct)}`,
      );
    }
  }
  return clean;
}

/**
 * Checks a unit's predikat counts against the distribution pattern selected by its organisation
 * rating (rules 12-16) and returns every breached rule; an empty list means the pattern is met.
 */
export function checkDistribution(
  orgRating: OrgRating,
  counts: Partial<Record<Predikat, number>>,
  options: DistributionOptions = {},
): DistributionWarning[] {
  if (!isOrgRating(orgRating))
    throw new InvalidDistributionInputError(`orgRating: unknown organisation rating "${String(orgRating)}"`);
  const t: DistributionThresholds = { ...DEFAULT_DISTRIBUTION_THRESHOLDS, ...options.thresholds };
  const c = validate(counts, t);
  const n = PREDIKATS.reduce((sum, p) => sum + c[p], 0);
  if (n === 0) return [];
  const org = ORG_RATING_LABELS[orgRating].id;
  const warnings: DistributionWarning[] = [];

  const atMost = (predikats: readonly Predikat[], pct: number, rule?: string) => {
    const actual = predikats.reduce((s, p) => s + c[p], 0);
    const limit = maxPeople(pct, n);
    if (actual <= limit) return;
    warnings.push({
      rule: rule ?? `max-${pct}-${predikats.map((p) => SHORT[p]).join("-or-")}`,
      message:
        pct === 0
          ? `Capaian organisasi ${org} tidak membolehkan predikat ${labelOf(predikats)}, tetapi ada ${actual} dari ${n} pegawai.`
          : `Predikat ${labelOf(predikats)}: ${actual} dari ${n} pegawai, melebihi batas ${pct}% (paling banyak ${limit} orang) untuk capaian organisasi ${org}.`,
      affected: actual - limit,
      predikats,
      bound: "max",
      limit,
      actual,
      population: n,
    });
  };
  const atLeast = (predikats: readonly Predikat[], pct: number, rule?: string, text?: string, floor = 0) => {
    const actual = predikats.reduce((s, p) => s + c[p], 0);
    const limit = Math.max(minPeople(pct, n), floor);
    if (actual >= limit) return;
    warnings.push({
      rule: rule ?? `min-${pct}-${predikats.map((p) => SHORT[p]).join("-or-")}`,
      message:
        text ??
        `Predikat ${labelOf(predikats)}: ${actual} dari ${n} pegawai, kurang dari ${pct}% (paling sedikit ${limit} orang) untuk capaian organisasi ${org}.`,
      affected: limit - actual,
      predikats,
      bound: "min",
      limit,
      actual,
      population: n,
    });
  };

  switch (orgRating) {
    case "istimewa":
      atMost(["sangat_baik"], t.dominantMaxPct); // rule 16
      if (t.dominantMinPct > 0) atLeast(["sangat_baik"], t.dominantMinPct);
      break;
    case "baik":
      atMost(["baik"], t.dominantMaxPct); // rule 16
      if (t.dominantMinPct > 0) atLeast(["baik"], t.dominantMinPct);
      // Rule 13: "there must be" at least one Butuh Perbaikan or Kurang, however small the unit.
      atLeast(
        ["butuh_perbaikan", "kurang"],
        0,
        "requires-butuh-perbaikan-or-kurang",
        `Capaian organisasi ${org} mensyaratkan ada pegawai dengan predikat Butuh Perbaikan dan/atau Kurang/Misconduct; saat ini tidak ada dari ${n} pegawai.`,
        1,
      );
      break;
    case "butuh_perbaikan":
      atLeast(["butuh_perbaikan"], t.majorityMinPct); // rule 14
      atMost(["sangat_baik"], t.sangatBaikMaxPct);
      break;
    case "kurang":
      atLeast(["kurang"], t.majorityMinPct); // rule 15
      atLeast(["butuh_perbaikan"], t.minorityMinPct);
      atMost(["sangat_baik"], t.sangatBaikMaxPct);
      break;
    case "sangat_kurang":
      atLeast(["sangat_kurang"], t.majorityMinPct);
      atLeast(["kurang", "butuh_perbaikan"], t.minorityMinPct);
      atMost(["sangat_baik"], 0, "no-sangat-baik"); // rule 12
      break;
  }
  return warnings;
}
