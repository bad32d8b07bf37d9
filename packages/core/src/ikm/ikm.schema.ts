import * as v from "valibot";

/** One element score: 1-4, or null for an unanswered element (an empty CSV cell). */
export const IkmScoreSchema = v.nullable(v.picklist([1, 2, 3, 4], "must be 1, 2, 3 or 4 (or empty)"));

/** One respondent's answers to the 9 elements of PermenPANRB 14/2017, in element order. */
export const IkmResponseSchema = v.object({
  scores: v.pipe(
    v.array(IkmScoreSchema, "must be a list of 9 scores"),
    v.length(9, "must have exactly 9 scores (u1..u9)"),
  ),
});
/** A validated survey response. */
export type IkmResponse = v.InferOutput<typeof IkmResponseSchema>;

/** The whole batch of responses. */
export const IkmResponsesSchema = v.array(IkmResponseSchema, "must be a list of responses");

/** Options of computeIkm: which element weight to use. */
export const IkmOptionsSchema = v.object({
  weighting: v.optional(
    v.picklist(["exact", "regulation-0.11"], 'must be "exact" or "regulation-0.11"'),
    "exact",
  ),
});
/** Options of computeIkm. */
export type IkmOptions = v.InferInput<typeof IkmOptionsSchema>;
