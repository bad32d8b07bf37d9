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

/**
 * Options of checkDistribution: thresholds override the defaults field by field; `unrated` is how many people of
 * the population have no predikat yet (reviews still to come, failed appraisals to retry). With people unrated, a
 * rule warns only once it can no longer be met whatever they get: "at most" counts against the whole population,
 * "at least" warns when even all the unrated could not reach it. The final check (unrated 0) is the plain rule.
 */
export interface DistributionOptions {
  readonly thresholds?: Partial<DistributionThresholds>;
  readonly unrated?: number;
}

/** One bound of a pattern: at most / at least `pct`% (and at least `floor` people) of the given predikats. */
export interface PatternRule {
  readonly rule: string;
  readonly predikats: readonly Predikat[];
  readonly bound: "max" | "min";
  readonly pct: number;
  /** A minimum in people whatever the size ("there must be", rule 13). */
  readonly floor: number;
  /** Number of the rule in DOMAIN 11. */
  readonly domainRule: number;
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

/** The people a rule allows (max) or requires (min) in a population of n. */
export function ruleLimit(r: PatternRule, n: number): number {
  return r.bound === "max" ? maxPeople(r.pct, n) : Math.max(minPeople(r.pct, n), r.floor);
}

function labelOf(predikats: readonly Predikat[]): string {
  return predikats.map((p) => PREDIKAT_LABELS[p].id).join(" dan/atau ");
}

/**
 * The distribution pattern of an organisation rating (DOMAIN 6.4, rules 12-16) as bounds: the one table the
 * checker, the review page's preview and the dashboard's "what the rating allows" all read.
 */
export function distributionPattern(
  orgRating: OrgRating,
  thresholds: Partial<DistributionThresholds> = {},
): PatternRule[] {
  const t: DistributionThresholds = { ...DEFAULT_DISTRIBUTION_THRESHOLDS, ...thresholds };
  const code = (bound: "max" | "min", pct: number, ps: readonly Predikat[]) =>
    `${bound}-${pct}-${ps.map((p) => SHORT[p]).join("-or-")}`;
  const max = (ps: Predikat[], pct: number, domainRule: number, rule?: string): PatternRule => ({
    rule: rule ?? code("max", pct, ps),
    predikats: ps,
    bound: "max",
    pct,
    floor: 0,
    domainRule,
  });
  const min = (ps: Predikat[], pct: number, domainRule: number, rule?: string, floor = 0): PatternRule => ({
    rule: rule ?? code("min", pct, ps),
    predikats: ps,
    bound: "min",
    pct,
    floor,
    domainRule,
  });
  switch (orgRating) {
    case "istimewa":
      return [
        max(["sangat_baik"], t.dominantMaxPct, 16),
        ...(t.dominantMinPct > 0 ? [min(["sangat_baik"], t.dominantMinPct, 16)] : []),
      ];
    case "baik":
      return [
        max(["baik"], t.dominantMaxPct, 16),
        ...(t.dominantMinPct > 0 ? [min(["baik"], t.dominantMinPct, 16)] : []),
        // Rule 13: "there must be" at least one Butuh Perbaikan or Kurang, however small the unit.
        min(["butuh_perbaikan", "kurang"], 0, 13, "requires-butuh-perbaikan-or-kurang", 1),
      ];
    case "butuh_perbaikan":
      return [min(["butuh_perbaikan"], t.majorityMinPct, 14), max(["sangat_baik"], t.sangatBaikMaxPct, 14)];
    case "kurang":
      return [
        min(["kurang"], t.majorityMinPct, 15),
        min(["butuh_perbaikan"], t.minorityMinPct, 15),
        max(["sangat_baik"], t.sangatBaikMaxPct, 15),
      ];
    case "sangat_kurang":
      return [
        min(["sangat_kurang"], t.majorityMinPct, 12),
        min(["kurang", "butuh_perbaikan"], t.minorityMinPct, 12),
        max(["sangat_baik"], 0, 12, "no-sangat-baik"),
      ];
  }
}

/** A pattern bound in words for a population of n (the dashboard's and the review page's legend). */
export function describeRule(r: PatternRule, n: number): string {
  const people = ruleLimit(r, n);
  if (r.bound === "max")
    return r.pct === 0
      ? `Tidak boleh ada ${labelOf(r.predikats)}`
      : `${labelOf(r.predikats)} paling banyak ${r.pct}% (${people} dari ${n} orang)`;
  return r.pct === 0
    ? `Harus ada ${labelOf(r.predikats)} (paling sedikit ${people} orang)`
    : `${labelOf(r.predikats)} paling sedikit ${r.pct}% (${people} dari ${n} orang)`;
}

function validate(
  counts: Partial<Record<Predikat, number>>,
  thresholds: DistributionThresholds,
  unrated: number,
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
  if (!Number.isInteger(unrated) || unrated < 0)
    throw new InvalidDistributionInputError(
      `unrated: must be a non-negative integer, got ${String(unrated)}`,
    );
  for (const [name, pct] of Object.entries(thresholds)) {
    if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
      throw new InvalidDistributionInputError(
        `thresholds.${name}: must be a whole percentage 0-100, got ${String(pct)}`,
      );
    }
  }
  return clean;
}

/** Rule code of the explained warning for a unit too small for its pattern's minimums. */
export const UNIT_TOO_SMALL = "unit-too-small";

/**
 * Checks a unit's predikat counts against the distribution pattern selected by its organisation
 * rating (rules 12-16) and returns every breached rule; an empty list means the pattern is met.
 * A unit too small for the pattern's minimums together (under Kurang, one person cannot be both 60% Kurang and
 * 10% Butuh Perbaikan) gets one explained warning (`unit-too-small`) instead of minimums nobody could meet.
 */
export function checkDistribution(
  orgRating: OrgRating,
  counts: Partial<Record<Predikat, number>>,
  options: DistributionOptions = {},
): DistributionWarning[] {
  if (!isOrgRating(orgRating))
    throw new InvalidDistributionInputError(`orgRating: unknown organisation rating "${String(orgRating)}"`);
  const t: DistributionThresholds = { ...DEFAULT_DISTRIBUTION_THRESHOLDS, ...options.thresholds };
  const unrated = options.unrated ?? 0;
  const c = validate(counts, t, unrated);
  const rated = PREDIKATS.reduce((sum, p) => sum + c[p], 0);
  if (rated === 0) return [];
  const n = rated + unrated;
  const org = ORG_RATING_LABELS[orgRating].id;
  const pattern = distributionPattern(orgRating, t);
  const warnings: DistributionWarning[] = [];
  const mins = pattern.filter((r) => r.bound === "min");
  const required = mins.reduce((s, r) => s + ruleLimit(r, n), 0);
  const tooSmall = required > n;
  if (tooSmall) {
    warnings.push({
      rule: UNIT_TOO_SMALL,
      message:
        `Unit ini hanya ${n} pegawai, terlalu kecil untuk mengikuti kurva capaian organisasi ${org}: ` +
        `${mins.map((r) => describeRule(r, n)).join("; ")} memerlukan paling sedikit ${required} orang. ` +
        `Predikat ditetapkan per pegawai menurut kinerjanya; peringatan ini hanya penjelasan.`,
      affected: required - n,
      predikats: [...new Set(mins.flatMap((r) => r.predikats))],
      bound: "min",
      limit: required,
      actual: n,
      population: n,
    });
  }
  for (const r of pattern) {
    if (r.bound === "min" && tooSmall) continue;
    const actual = r.predikats.reduce((s, p) => s + c[p], 0);
    const limit = ruleLimit(r, n);
    const breached = r.bound === "max" ? actual > limit : actual + unrated < limit;
    if (!breached) continue;
    const pending = unrated > 0 ? `, ${unrated} belum berpredikat` : "";
    warnings.push({
      rule: r.rule,
      message:
        r.bound === "max"
          ? r.pct === 0
            ? `Capaian organisasi ${org} tidak membolehkan predikat ${labelOf(r.predikats)}, tetapi ada ${actual} dari ${n} pegawai.`
            : `Predikat ${labelOf(r.predikats)}: ${actual} dari ${n} pegawai, melebihi batas ${r.pct}% (paling banyak ${limit} orang) untuk capaian organisasi ${org}.`
          : r.pct === 0
            ? `Capaian organisasi ${org} mensyaratkan ada pegawai dengan predikat ${labelOf(r.predikats)}; saat ini tidak ada dari ${n} pegawai${pending}.`
            : `Predikat ${labelOf(r.predikats)}: ${actual} dari ${n} pegawai${pending}, kurang dari ${r.pct}% (paling sedikit ${limit} orang) untuk capaian organisasi ${org}.`,
      affected: r.bound === "max" ? actual - limit : limit - actual - unrated,
      predikats: r.predikats,
      bound: r.bound,
      limit,
      actual,
      population: n,
    });
  }
  return warnings;
}

/**
 * Whether a warning is this review's doing, given the predikat it gives: an upper bound it adds to, or a lower bound
 * it could have helped meet. The explained small-unit warning is nobody's doing (no predikat avoids it).
 */
export function causedBy(
  warning: Pick<DistributionWarning, "rule" | "bound" | "predikats">,
  predikat: Predikat,
) {
  if (warning.rule === UNIT_TOO_SMALL) return false;
  return warning.bound === "max"
    ? warning.predikats.includes(predikat)
    : !warning.predikats.includes(predikat);
}

/** What one review would do to its unit's distribution, per predikat the form could give. */
export interface ReviewDistributionPreview {
  readonly orgRating: OrgRating;
  /** The unit's current counts without this appraisal, and how many others have no predikat yet. */
  readonly counts: Record<Predikat, number>;
  readonly unrated: number;
  readonly population: number;
  readonly pattern: { rule: string; text: string }[];
  /** Per predikat: every warning the unit would have, and those this review would cause or keep (need a justification). */
  readonly byPredikat: Record<
    Predikat,
    { warnings: { rule: string; message: string }[]; caused: { rule: string; message: string }[] }
  >;
}

/**
 * The warnings each possible predikat of one review would give its unit, from the unit's current counts of the
 * others plus this one (the review page shows it before the appraiser submits; the link and the workflow refuse or
 * audit an unjustified one with the same result).
 */
export function previewReview(
  orgRating: OrgRating,
  others: Partial<Record<Predikat, number>>,
  options: DistributionOptions = {},
): ReviewDistributionPreview {
  const unrated = options.unrated ?? 0;
  const counts = Object.fromEntries(PREDIKATS.map((p) => [p, others[p] ?? 0])) as Record<Predikat, number>;
  const population = PREDIKATS.reduce((s, p) => s + counts[p], 0) + unrated + 1;
  const brief = (w: DistributionWarning) => ({ rule: w.rule, message: w.message });
  const byPredikat = Object.fromEntries(
    PREDIKATS.map((p) => {
      const warnings = checkDistribution(orgRating, { ...counts, [p]: counts[p] + 1 }, options);
      return [
        p,
        { warnings: warnings.map(brief), caused: warnings.filter((w) => causedBy(w, p)).map(brief) },
      ];
    }),
  ) as ReviewDistributionPreview["byPredikat"];
  return {
    orgRating,
    counts,
    unrated,
    population,
    pattern: distributionPattern(orgRating, options.thresholds).map((r) => ({
      rule: r.rule,
      text: describeRule(r, population),
    })),
    byPredikat,
  };
}
