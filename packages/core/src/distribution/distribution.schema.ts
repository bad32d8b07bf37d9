// The distribution thresholds as HR sets them per cycle (settings.distributionThresholds); defaults of DOMAIN 6.4.
import * as v from "valibot";
import { apiMessage } from "../org/org.schema";
import { DEFAULT_DISTRIBUTION_THRESHOLDS, type DistributionThresholds } from "./distribution";

const pct = (fallback: number) =>
  v.optional(
    v.pipe(
      v.number(apiMessage("number")),
      v.integer(apiMessage("wholeNumber")),
      v.minValue(0, apiMessage("hrPercent")),
      v.maxValue(100, apiMessage("hrPercent")),
    ),
    fallback,
  );

const T = DEFAULT_DISTRIBUTION_THRESHOLDS;

/**
 * Whole percentages 0-100, each optional (the regulation's default applies); the minimums of one pattern must fit
 * together (Kurang: 60% Kurang and 10% Butuh Perbaikan) and a dominant minimum cannot exceed its maximum.
 */
export const DistributionThresholdsSchema = v.pipe(
  v.strictObject({
    dominantMaxPct: pct(T.dominantMaxPct),
    dominantMinPct: pct(T.dominantMinPct),
    majorityMinPct: pct(T.majorityMinPct),
    minorityMinPct: pct(T.minorityMinPct),
    sangatBaikMaxPct: pct(T.sangatBaikMaxPct),
  }),
  v.forward(
    v.check((t) => t.majorityMinPct + t.minorityMinPct <= 100, apiMessage("hrThresholdMinimumsExceed100")),
    ["minorityMinPct"],
  ),
  v.forward(
    v.check((t) => t.dominantMinPct <= t.dominantMaxPct, apiMessage("hrThresholdDominantMinAboveMax")),
    ["dominantMinPct"],
  ),
);

/** Thresholds with the defaults applied (what the checks read). */
export function resolveThresholds(stored: unknown): DistributionThresholds {
  return v.parse(DistributionThresholdsSchema, stored ?? {});
}
