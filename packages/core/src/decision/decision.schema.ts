import * as v from "valibot";
import { BERAKHLAK_KEYS } from "../rating/rating";
import { PerilakuDetailSchema, RatingSchema } from "../rating/rating.schema";
import { SkpProposalBodySchema } from "./skp-proposal-body";
import type { DecisionKind } from "./decision.entity.types";

const text = (max: number, field: string) =>
  v.pipe(
    v.string(`${field} must be text`),
    v.trim(),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} is at most ${max} characters`),
  );
const optionalText = (max: number, field: string) =>
  v.optional(
    v.pipe(
      v.string(`${field} must be text`),
      v.trim(),
      v.maxLength(max, `${field} is at most ${max} characters`),
    ),
  );

/**
 * The leader's special behaviour expectations (ekspektasi khusus pimpinan, DOMAIN 4.3) set by the appraising official when
 * approving an SKP: at most one text per BerAKHLAK value, empty ones left out.
 */
export const EkspektasiKhususBodySchema = v.strictObject(
  Object.fromEntries(BERAKHLAK_KEYS.map((key) => [key, optionalText(1000, `ekspektasiKhusus.${key}`)])) as Record<
    (typeof BERAKHLAK_KEYS)[number],
    ReturnType<typeof optionalText>
  >,
);

/** `skp-approval` (appraising official): approve (optionally with special expectations), or return with a comment. */
export const SkpApprovalBodySchema = v.pipe(
  v.strictObject({
    decision: v.picklist(["approve", "return"], "decision must be approve or return"),
    comment: optionalText(4000, "comment"),
    ekspektasiKhusus: v.optional(EkspektasiKhususBodySchema),
  }),
  v.forward(
    v.check(
      (b) => b.decision !== "return" || !!b.comment,
      "a returned SKP needs a comment saying what to change",
    ),
    ["comment"],
  ),
);

/** `realization` (employee): one value per indicator, with an optional evidence link (http/https only) and note. */
export const RealizationBodySchema = v.strictObject({
  items: v.pipe(
    v.array(
      v.strictObject({
        indicatorId: text(200, "indicatorId"),
        value: v.pipe(
          v.number("value must be a number"),
          v.finite("value must be a finite number"),
          v.minValue(0, "value cannot be negative"),
        ),
        evidenceUrl: v.optional(
          v.pipe(
            v.string(),
            v.trim(),
            v.maxLength(2000, "evidenceUrl is at most 2000 characters"),
            v.url("evidenceUrl must be a URL"),
            v.regex(/^https?:\/\//i, "evidenceUrl must start with http:// or https://"),
          ),
        ),
        note: optionalText(2000, "note"),
      }),
    ),
    v.minLength(1, "report at least one indicator"),
    v.maxLength(200, "at most 200 items"),
    v.check(
      (items) => new Set(items.map((i) => i.indicatorId)).size === items.length,
      "each indicator may appear once",
    ),
  ),
});

/** `review` (appraising official): results and behaviour ratings, optional per-value detail, feedback, optional justification. */
export const ReviewBodySchema = v.strictObject({
  hasilKerja: RatingSchema,
  perilaku: RatingSchema,
  perilakuDetail: v.optional(PerilakuDetailSchema),
  feedback: text(8000, "feedback"),
  justification: optionalText(8000, "justification"),
});

/** `acknowledgement` (employee): acknowledge, or object with a reason (an objection needs one). */
export const AcknowledgementBodySchema = v.pipe(
  v.strictObject({
    decision: v.picklist(["acknowledge", "object"], "decision must be acknowledge or object"),
    reason: optionalText(8000, "reason"),
  }),
  v.forward(
    v.check((b) => b.decision !== "object" || !!b.reason, "an objection needs a reason"),
    ["reason"],
  ),
);

/** `objection-decision` (superior of the appraising official): uphold with revised ratings, or reject; a note is required. */
export const ObjectionDecisionBodySchema = v.pipe(
  v.strictObject({
    decision: v.picklist(["uphold", "reject"], "decision must be uphold or reject"),
    revised: v.optional(v.strictObject({ hasilKerja: RatingSchema, perilaku: RatingSchema })),
    note: text(8000, "note"),
  }),
  v.forward(
    v.check((b) => b.decision !== "uphold" || !!b.revised, "an upheld objection needs the revised ratings"),
    ["revised"],
  ),
  v.forward(
    v.check(
      (b) => b.decision !== "reject" || !b.revised,
      "a rejected objection keeps the ratings; leave revised out",
    ),
    ["revised"],
  ),
);

/** The body schema for each decision kind (DESIGN.md section 3). */
export const DECISION_BODY_SCHEMAS = {
  "skp-proposal": SkpProposalBodySchema,
  "skp-approval": SkpApprovalBodySchema,
  realization: RealizationBodySchema,
  review: ReviewBodySchema,
  acknowledgement: AcknowledgementBodySchema,
  "objection-decision": ObjectionDecisionBodySchema,
} as const satisfies Record<DecisionKind, v.GenericSchema>;

/** The validated body type of a decision kind. */
export type DecisionBody<K extends DecisionKind> = v.InferOutput<(typeof DECISION_BODY_SCHEMAS)[K]>;

/** Validates a body for `kind`; returns the typed body or field-level issues `{path, message}`. */
export function validateDecisionBody(
  kind: DecisionKind,
  body: unknown,
): { ok: true; body: Record<string, unknown> } | { ok: false; issues: { path: string; message: string }[] } {
  const result = v.safeParse(DECISION_BODY_SCHEMAS[kind] as v.GenericSchema, body);
  if (result.success) return { ok: true, body: result.output as Record<string, unknown> };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: issue.message })),
  };
}
