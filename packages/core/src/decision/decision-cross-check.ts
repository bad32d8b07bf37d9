// Checks of a decision body against what its page showed (the context): rules a schema alone cannot see.
import * as v from "valibot";
import { reviewDistributionIssues } from "../distribution/review-justification";
import { labelOf } from "../i18n/labels";
import { t, type Lang } from "../i18n/messages";
import {
  aggregatePerilaku,
  DEFAULT_PERILAKU_AGGREGATION,
  type BerakhlakKey,
  type Rating,
} from "../rating/rating";
import { PerilakuAggregationRuleSchema } from "../rating/rating.schema";
import { periodicRatingIssues, type PeriodicRatingBody } from "../periodic/periodic-rating-body";
import { validateSkp } from "../skp/skp";
import { POSITION_TYPES } from "../org/org.schema";
import type { SkpProposal } from "../skp/skp.schema";
import { PERIODIC_RATING_KIND, type DecisionKind } from "./decision-kinds";

/**
 * The field issues of a valid-shaped `body` of `kind` against the decision's `context`: an SKP against the superior's
 * RHK, a review's behaviour rating and distribution, a periodic rating, realisation values of unknown indicators.
 */
export function crossCheck(
  kind: DecisionKind,
  body: Record<string, unknown>,
  context: Record<string, unknown>,
  lang?: Lang,
): { path: string; message: string }[] {
  const ids = (list: unknown) =>
    Array.isArray(list) ? list.map((x) => String((x as { id?: unknown })?.id)) : [];
  const issues: { path: string; message: string }[] = [];
  if (kind === "skp-proposal") {
    const superior = ids(context.superiorRhk);
    const positionType = v.safeParse(v.picklist(POSITION_TYPES), context.positionType);
    const skpIssues = validateSkp(
      body as unknown as SkpProposal,
      {
        superiorRhkIds: superior,
        isTopLevel: typeof context.isTopLevel === "boolean" ? context.isTopLevel : superior.length === 0,
        positionType: positionType.success ? positionType.output : "pelaksana",
      },
      lang,
    );
    for (const issue of skpIssues)
      if (issue.severity === "error") issues.push({ path: issue.path, message: issue.message });
  }
  if (kind === "review" && body.perilakuDetail) {
    // The overall behaviour rating follows the seven values under the cycle's rule, or a justification says why not.
    const rule = v.safeParse(PerilakuAggregationRuleSchema, context.perilakuAggregation);
    const fromDetail = aggregatePerilaku(
      body.perilakuDetail as Record<BerakhlakKey, Rating>,
      rule.success ? rule.output : DEFAULT_PERILAKU_AGGREGATION,
    );
    if (body.perilaku !== fromDetail && !body.justification)
      issues.push({
        path: "perilaku",
        message: t("perilakuDiffersFromDetail", lang, { rating: labelOf("rating", fromDetail, lang) }),
      });
  }
  if (kind === "review") issues.push(...reviewDistributionIssues(body, context, lang));
  if (kind === PERIODIC_RATING_KIND)
    issues.push(...periodicRatingIssues(body as unknown as PeriodicRatingBody, context, lang));
  if (kind === "realization") {
    const known = ids(context.indicators);
    const items = body.items as { indicatorId: string }[];
    items.forEach((item, i) => {
      if (known.length && !known.includes(item.indicatorId))
        issues.push({ path: `items.${i}.indicatorId`, message: t("unknownIndicator", lang) });
    });
  }
  return issues;
}
