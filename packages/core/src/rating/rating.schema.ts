import * as v from "valibot";
import { issueMessage } from "../i18n/messages";
import { BERAKHLAK_KEYS, ORG_RATINGS, PREDIKATS, RATINGS } from "./rating";

/** A results or behaviour rating code: above | meets | below. */
export const RatingSchema = v.picklist(RATINGS, issueMessage);

/** A predikat kinerja code (DOMAIN 6.3). */
export const PredikatSchema = v.picklist(PREDIKATS, issueMessage);

/** An organisation rating code (DOMAIN 6.4). */
export const OrgRatingSchema = v.picklist(ORG_RATINGS, issueMessage);

/** A BerAKHLAK value key. */
export const BerakhlakKeySchema = v.picklist(BERAKHLAK_KEYS, issueMessage);

/** A complete per-value behaviour rating: every one of the 7 BerAKHLAK keys, and nothing else. */
export const PerilakuDetailSchema = v.strictObject(
  Object.fromEntries(BERAKHLAK_KEYS.map((key) => [key, RatingSchema])) as Record<
    (typeof BERAKHLAK_KEYS)[number],
    typeof RatingSchema
  >,
  issueMessage,
);

/** The rule turning 7 per-value ratings into one behaviour rating; both counts are 1..7 (below wins ties). */
export const PerilakuAggregationRuleSchema = v.object({
  belowWhenAtLeast: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
  aboveWhenAtLeast: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
});

/** Input of a review's behaviour part as sent by the `review` link body (DESIGN 3). */
export type PerilakuDetailInput = v.InferInput<typeof PerilakuDetailSchema>;
