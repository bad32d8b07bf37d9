// Rules 12-16 at the review link: a review whose predikat would cause or keep a distribution warning of its unit
// needs a written justification (DOMAIN 6.4: warn, and require a justification to override; never hard-block).
import { labelOf } from "../i18n/labels";
import { t, type Lang } from "../i18n/messages";
import { applyUnitHeadRule, isOrgRating, isRating, predikatFor, type Predikat } from "../rating/rating";
import type { ReviewDistributionPreview } from "./distribution";

/** The predikat a review body gives once the unit-head rule applied (the preview names the rating that applies). */
export function reviewPredikat(
  body: { hasilKerja?: unknown; perilaku?: unknown },
  context: { unitHead?: unknown; distributionPreview?: unknown },
): Predikat | undefined {
  if (!isRating(body.hasilKerja) || !isRating(body.perilaku)) return undefined;
  const orgRating = (context.distributionPreview as { orgRating?: unknown } | null | undefined)?.orgRating;
  const rule = applyUnitHeadRule({
    isUnitHead: context.unitHead === true,
    orgRating: isOrgRating(orgRating) ? orgRating : null,
    submitted: body.hasilKerja,
  });
  return predikatFor(rule.hasilKerja, body.perilaku);
}

/**
 * The `justification` issue of a review whose predikat causes distribution warnings (from the page's preview of the
 * unit's current counts plus this review) and that gives no justification; none otherwise.
 */
export function reviewDistributionIssues(
  body: Record<string, unknown>,
  context: Record<string, unknown>,
  lang?: Lang,
): { path: string; message: string }[] {
  const preview = context.distributionPreview as ReviewDistributionPreview | null | undefined;
  const predikat = reviewPredikat(body, context);
  if (!preview?.byPredikat || !predikat) return [];
  const caused = preview.byPredikat[predikat]?.caused ?? [];
  const justification = typeof body.justification === "string" ? body.justification.trim() : "";
  if (!caused.length || justification) return [];
  return [
    {
      path: "justification",
      message: t("distributionNeedsJustification", lang, {
        predikat: labelOf("predikat", predikat, lang),
        warnings: caused.map((w) => w.message).join(" "),
      }),
    },
  ];
}
