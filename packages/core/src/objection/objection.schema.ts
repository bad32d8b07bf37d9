import * as v from "valibot";
import { RATINGS } from "../rating/rating";

const RatingCode = v.picklist(RATINGS, "must be one of above, meets, below");

/** Body an employee sends to object: the reasons are required (PP 30/2019 Art. 59(1)). */
export const ObjectionFilingSchema = v.object({
  reason: v.pipe(
    v.string("must be text"),
    v.trim(),
    v.minLength(10, "give the reasons (at least 10 characters)"),
    v.maxLength(5000, "at most 5000 characters"),
  ),
  evidenceUrls: v.optional(v.array(v.pipe(v.string(), v.url("must be a URL"))), []),
});
/** A validated objection filing. */
export type ObjectionFiling = v.InferOutput<typeof ObjectionFilingSchema>;

/**
 * The `objection-decision` link body (DESIGN 3): "uphold" accepts the objection and needs the
 * revised ratings; "reject" keeps the original result and must not carry any.
 */
export const ObjectionDecisionSchema = v.pipe(
  v.object({
    decision: v.picklist(["uphold", "reject"], "must be uphold or reject"),
    revised: v.optional(v.object({ hasilKerja: RatingCode, perilaku: RatingCode })),
    note: v.pipe(
      v.string("must be text"),
      v.trim(),
      v.minLength(1, "a note explaining the decision is required"),
      v.maxLength(5000),
    ),
  }),
  v.forward(
    v.check(
      (body) => body.decision !== "uphold" || body.revised !== undefined,
      "an upheld objection needs the revised ratings",
    ),
    ["revised"],
  ),
  v.forward(
    v.check(
      (body) => body.decision !== "reject" || body.revised === undefined,
      "a rejected objection keeps the original ratings; omit revised",
    ),
    ["revised"],
  ),
);
/** A validated objection decision. */
export type ObjectionDecisionInput = v.InferOutput<typeof ObjectionDecisionSchema>;
