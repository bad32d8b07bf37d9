import * as v from "valibot";
import { issueMessage, msg, type Lang } from "../i18n/messages";
import { validateWith, type FieldIssue } from "../i18n/validate";
import { BERAKHLAK_KEYS } from "../rating/rating";
import { PerilakuDetailSchema, RatingSchema } from "../rating/rating.schema";
import { SkpProposalBodySchema } from "./skp-proposal-body";
import { PeriodicRatingBodySchema } from "../periodic/periodic-rating-body";
import type { DecisionKind } from "./decision-kinds";

// Messages come from the dictionary (i18n/messages.ts) in the language the parse asks for.
const text = (max: number) =>
  v.pipe(
    v.string(msg("text")),
    v.trim(),
    v.minLength(1, msg("required")),
    v.maxLength(max, msg("tooLong", { max })),
  );
const optionalText = (max: number) =>
  v.optional(v.pipe(v.string(msg("text")), v.trim(), v.maxLength(max, msg("tooLong", { max }))));

/** True for an absolute http(s) URL with a host (the only evidence links a reviewer can open safely). */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The leader's special behaviour expectations (ekspektasi khusus pimpinan, DOMAIN 4.3) set by the appraising official when
 * approving an SKP: at most one text per BerAKHLAK value, empty ones left out.
 */
export const EkspektasiKhususBodySchema = v.strictObject(
  Object.fromEntries(BERAKHLAK_KEYS.map((key) => [key, optionalText(1000)])) as Record<
    (typeof BERAKHLAK_KEYS)[number],
    ReturnType<typeof optionalText>
  >,
  issueMessage,
);

/** `skp-approval` (appraising official): approve (optionally with special expectations), or return with a comment. */
export const SkpApprovalBodySchema = v.pipe(
  v.strictObject(
    {
      decision: v.picklist(["approve", "return"], issueMessage),
      comment: optionalText(4000),
      ekspektasiKhusus: v.optional(EkspektasiKhususBodySchema),
    },
    issueMessage,
  ),
  v.forward(
    v.check((b) => b.decision !== "return" || !!b.comment, msg("returnNeedsComment")),
    ["comment"],
  ),
);

/** `realization` (employee): one value per indicator, with an optional evidence link (http/https only) and note. */
export const RealizationBodySchema = v.strictObject(
  {
    items: v.pipe(
      v.array(
        v.strictObject(
          {
            indicatorId: text(200),
            value: v.pipe(
              v.number(msg("number")),
              v.finite(msg("number")),
              v.minValue(0, msg("notNegative")),
            ),
            // One check, so a bad link gets one message.
            evidenceUrl: v.optional(
              v.pipe(
                v.string(msg("text")),
                v.trim(),
                v.maxLength(2000, msg("tooLong", { max: 2000 })),
                v.check(isHttpUrl, msg("url")),
              ),
            ),
            note: optionalText(2000),
          },
          issueMessage,
        ),
        issueMessage,
      ),
      v.minLength(1, msg("atLeastOneItem")),
      v.maxLength(200, msg("maxItems", { max: 200 })),
      v.check(
        (items) => new Set(items.map((i) => i.indicatorId)).size === items.length,
        msg("indicatorOnce"),
      ),
    ),
  },
  issueMessage,
);

/** `review` (appraising official): results and behaviour ratings, optional per-value detail, feedback, optional justification. */
export const ReviewBodySchema = v.strictObject(
  {
    hasilKerja: RatingSchema,
    perilaku: RatingSchema,
    perilakuDetail: v.optional(PerilakuDetailSchema),
    feedback: text(8000),
    justification: optionalText(8000),
  },
  issueMessage,
);

/** `acknowledgement` (employee): acknowledge, or object with a reason (an objection needs one). */
export const AcknowledgementBodySchema = v.pipe(
  v.strictObject(
    {
      decision: v.picklist(["acknowledge", "object"], issueMessage),
      reason: optionalText(8000),
    },
    issueMessage,
  ),
  v.forward(
    v.check((b) => b.decision !== "object" || !!b.reason, msg("objectionNeedsReason")),
    ["reason"],
  ),
);

/** `objection-decision` (superior of the appraising official): uphold with revised ratings, or reject; a note is required. */
export const ObjectionDecisionBodySchema = v.pipe(
  v.strictObject(
    {
      decision: v.picklist(["uphold", "reject"], issueMessage),
      revised: v.optional(v.strictObject({ hasilKerja: RatingSchema, perilaku: RatingSchema }, issueMessage)),
      note: text(8000),
    },
    issueMessage,
  ),
  v.forward(
    v.check((b) => b.decision !== "uphold" || !!b.revised, msg("upholdNeedsRevised")),
    ["revised"],
  ),
  v.forward(
    v.check((b) => b.decision !== "reject" || !b.revised, msg("rejectKeepsRatings")),
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
  "periodic-rating": PeriodicRatingBodySchema,
} as const satisfies Record<DecisionKind, v.GenericSchema>;

/** The validated body type of a decision kind. */
export type DecisionBody<K extends DecisionKind> = v.InferOutput<(typeof DECISION_BODY_SCHEMAS)[K]>;

/**
 * Validates a body for `kind`; returns the typed body or field-level issues `{path, message}`: one dictionary
 * message per field, in `lang` (Bahasa Indonesia unless asked otherwise).
 */
export function validateDecisionBody(
  kind: DecisionKind,
  body: unknown,
  lang?: Lang,
): { ok: true; body: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  const result = validateWith(DECISION_BODY_SCHEMAS[kind] as v.GenericSchema, body, lang);
  return result.ok ? { ok: true, body: result.output as Record<string, unknown> } : result;
}
