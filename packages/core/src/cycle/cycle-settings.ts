// Cycle settings as the workflows read them (DESIGN.md 3.1 defaults), validated once per use.
import * as v from "valibot";
import { CADENCES } from "../period/period";
import { DEFAULT_PERILAKU_AGGREGATION } from "../rating/rating";
import { PerilakuAggregationRuleSchema } from "../rating/rating.schema";
import { DistributionThresholdsSchema } from "../distribution/distribution.schema";

/** Per-cycle workflow settings (all optional on input; defaults from DESIGN.md 3.1). */
export const CycleSettingsSchema = v.pipe(
  v.object({
    /** How often periodic evaluations run (semester: 1 Jan-30 Jun and 1 Jul-31 Dec, rule 38). */
    periodicEvaluation: v.optional(v.picklist(CADENCES), "quarterly"),
    reminderAfterDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90)), 3),
    escalateAfterDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(180)), 7),
    objectionWindowDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90)), 14),
    /** How the 7 BerAKHLAK ratings give the overall behaviour rating; a review that differs needs a justification. */
    perilakuAggregation: v.optional(PerilakuAggregationRuleSchema, { ...DEFAULT_PERILAKU_AGGREGATION }),
    /** The distribution pattern's percentages (DOMAIN 6.4; the regulation's by default), read by every check. */
    distributionThresholds: v.optional(DistributionThresholdsSchema, {}),
  }),
  v.check(
    (s) => s.escalateAfterDays > s.reminderAfterDays,
    "escalateAfterDays must be later than reminderAfterDays",
  ),
);

/** Cycle settings with defaults applied. */
export type CycleSettings = v.InferOutput<typeof CycleSettingsSchema>;

/** Applies the defaults to stored (possibly partial) settings. */
export function resolveCycleSettings(stored: unknown): CycleSettings {
  return v.parse(CycleSettingsSchema, stored ?? {});
}
