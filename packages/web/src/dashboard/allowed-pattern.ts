// What an organisation rating allows (DOMAIN 6.4), as lines people can read beside the chart, with the limits in
// whole people for the unit's size: the core's pattern table and rounding (distributionPattern, ruleLimit), so the
// dashboard shows exactly what the checks apply, under the cycle's thresholds.
import {
  describeRule,
  distributionPattern,
  ruleLimit,
  type DistributionThresholds,
} from "@kinerja/core/distribution/distribution";
import type { OrgRating, Predikat } from "@kinerja/core/rating/rating";

/** One bound of the pattern: at most / at least `pct`% (= `people`) of the given predikats. */
export interface PatternLine {
  predikats: Predikat[];
  bound: "max" | "min";
  pct: number;
  people: number;
  text: string;
}

/** The bounds the organisation rating sets for a unit of `n` people under the cycle's thresholds (defaults if none). */
export function allowedPattern(
  orgRating: OrgRating,
  n: number,
  thresholds: Partial<DistributionThresholds> = {},
): PatternLine[] {
  return distributionPattern(orgRating, thresholds).map((r) => ({
    predikats: [...r.predikats],
    bound: r.bound,
    pct: r.pct,
    people: ruleLimit(r, n),
    text: describeRule(r, n),
  }));
}
