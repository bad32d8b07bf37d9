// Review and feedback: the appraising official's review (unit-head rule, predikat matrix, the unit's distribution),
// the employee's acknowledgement or objection, the final decision on an objection, and the re-evaluation of a unit
// head's result when HR sets the organisation rating after the review (rule 11).
import {
  aggregatePerilaku,
  applyUnitHeadRule,
  type BerakhlakKey,
  type OrgRating,
  ORG_RATING_LABELS,
  predikatFor,
  PREDIKATS,
  type Predikat,
  type Rating,
  RATING_LABELS,
} from "../rating/rating";
import {
  checkDistribution,
  previewReview,
  type DistributionThresholds,
  type ReviewDistributionPreview,
} from "../distribution/distribution";
import { formatDateTime } from "../i18n/format";
import { t } from "../i18n/messages";
import { objectionDeadline } from "../objection/objection";
import { resolveCycleSettings } from "../cycle/cycle-settings";
import { DecisionRejectedError, MissingDataError } from "../workflow/workflow.errors";
import {
  actorOf,
  consumed,
  decisionKey,
  type DeliveredDecision,
  expectStage,
  type FlowDeps,
  loadLive,
  pick,
  save,
} from "./common";
import type { FlowAppraisal } from "./flow-store";
import { TransientError } from "../storage/storage.errors";

/** A unit's distribution as the checks read it: the rating that applies, the cycle's thresholds, the counts. */
interface UnitDistributionState {
  orgRating?: { rating: OrgRating; from: string };
  thresholds: DistributionThresholds;
  counts: Record<Predikat, number>;
  /** Appraisals of the unit (not cancelled) without a predikat yet: the rest of the population. */
  unrated: number;
}

async function unitDistributionState(
  deps: FlowDeps,
  cycleId: string,
  unitId: string,
  without?: string,
): Promise<UnitDistributionState> {
  // The unit's own appraisals only (bounded by the unit's size, not the cycle's: issue 18).
  const [orgRating, cycle, marks] = await Promise.all([
    deps.store.orgRating(cycleId, unitId),
    deps.store.getCycle(cycleId),
    deps.store.unitDistributionMarks(cycleId, unitId),
  ]);
  const counts = Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>;
  let unrated = 0;
  for (const { appraisalId, mark } of marks) {
    if (mark === "cancelled" || appraisalId === without) continue;
    if (mark === "unrated") unrated += 1;
    else counts[mark] += 1;
  }
  return {
    ...(orgRating ? { orgRating } : {}),
    thresholds: resolveCycleSettings(cycle?.settings).distributionThresholds,
    counts,
    unrated,
  };
}

/**
 * What a review of this appraisal would do to its unit's distribution, per predikat, from the unit's current counts
 * (the review page shows it; the link refuses, and RecordReview audits, a caused warning without a justification).
 * Null while the unit has no organisation rating (nothing to check against).
 */
export async function reviewDistributionPreview(
  deps: FlowDeps,
  record: Pick<FlowAppraisal, "id" | "cycleId" | "unitId">,
): Promise<(ReviewDistributionPreview & { orgRatingFrom: string }) | null> {
  const state = await unitDistributionState(deps, record.cycleId, record.unitId, record.id);
  if (!state.orgRating) return null;
  return {
    ...previewReview(state.orgRating.rating, state.counts, {
      thresholds: state.thresholds,
      unrated: state.unrated,
    }),
    orgRatingFrom: state.orgRating.from,
  };
}

/** RecordReview: unit-head rule, predikat from the matrix, distribution check of the unit; enters feedback. */
export async function recordReview(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ predikat: Predikat; warnings: number }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "review");
  if (record.appliedSteps.includes(key) && record.predikat) return { predikat: record.predikat, warnings: 0 };
  expectStage(record, ["review"], "RecordReview");
  const body = input.decided.decision as {
    hasilKerja: Rating;
    perilaku: Rating;
    perilakuDetail?: Record<string, Rating>;
    feedback: string;
    justification?: string;
  };
  const orgRating = (await deps.store.orgRating(record.cycleId, record.unitId))?.rating;
  const headRule = applyUnitHeadRule({ isUnitHead: record.unitHead, orgRating, submitted: body.hasilKerja });
  // What the seven values give under the cycle's rule; the link refused a different overall rating without a reason.
  const cycle = await deps.store.getCycle(record.cycleId);
  const fromDetail = body.perilakuDetail
    ? aggregatePerilaku(
        body.perilakuDetail as Record<BerakhlakKey, Rating>,
        resolveCycleSettings(cycle?.settings).perilakuAggregation,
      )
    : undefined;
  const predikat = predikatFor(headRule.hasilKerja, body.perilaku);
  // The warnings this predikat causes or keeps, from the counts as they are now. The link refused them without a
  // justification as its page showed them; reviews of the unit decided meanwhile may add some: they are audited.
  const caused = (await reviewDistributionPreview(deps, record))?.byPredikat[predikat].caused ?? [];
  const now = deps.clock.now().toISOString();
  await save(
    deps,
    record,
    {
      stage: "feedback",
      predikat,
      feedbackSentAt: now,
      review: {
        hasilKerja: headRule.hasilKerja,
        perilaku: body.perilaku,
        ...(body.perilakuDetail ? { perilakuDetail: body.perilakuDetail } : {}),
        ...(fromDetail ? { perilakuFromDetail: fromDetail } : {}),
        feedback: body.feedback,
        ...(body.justification ? { justification: body.justification } : {}),
        submittedHasilKerja: body.hasilKerja,
        ...(headRule.overridden && orgRating
          ? { unitHeadOverride: { orgRating, note: headRule.note ?? "" } }
          : {}),
        ...(record.unitHead ? { orgRating: orgRating ?? null } : {}),
        ...(caused.length
          ? { distribution: { warnings: caused, justification: body.justification ?? null } }
          : {}),
        decidedBy: input.decided.decidedBy?.nip ?? "unknown",
        decidedAt: input.decided.decidedAt,
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: "reviewed",
      kind: "review",
      linkId: input.decided.linkId,
      detail: {
        hasilKerja: headRule.hasilKerja,
        perilaku: body.perilaku,
        predikat,
        ...(headRule.overridden ? { unitHeadOverride: headRule.note } : {}),
        ...(fromDetail && fromDetail !== body.perilaku
          ? { perilakuFromDetail: fromDetail, justification: body.justification ?? "" }
          : {}),
        ...(caused.length
          ? { distributionWarnings: caused, distributionJustification: body.justification ?? null }
          : {}),
      },
    },
  );
  // HR may have set the rating between the read above and this save; HR's side re-evaluates a head it finds
  // reviewed, this side one whose rating changed meanwhile: whichever comes second sees the other's write.
  if (record.unitHead) {
    const now = (await deps.store.orgRating(record.cycleId, record.unitId))?.rating;
    if (now !== orgRating) await applyOrgRatingToHead(deps, record.id, "system");
  }
  const warnings = await checkUnitDistribution(deps, record.cycleId, record.unitId);
  return { predikat, warnings };
}

/** What setting an organisation rating did to one unit head's appraisal. */
export type HeadReevaluation =
  | { outcome: "not-reviewed" | "unchanged"; appraisalId: string }
  | {
      outcome: "revised";
      appraisalId: string;
      hasilKerja: { before: Rating; after: Rating };
      predikat: { before: Predikat; after: Predikat };
    }
  | {
      /** The objection was decided or follow-up ran: the result no longer moves (HR is refused, see setOrgRating). */
      outcome: "settled";
      appraisalId: string;
      name: string;
      stage: string;
      hasilKerja: { before: Rating; after: Rating };
    };

/** The results rating the unit-head rule gives a reviewed head under the rating that applies now. */
function headResultUnder(record: FlowAppraisal, orgRating: OrgRating | undefined) {
  const review = record.review!;
  // An upheld objection's revised rating is what the rule overrides from then on; else what the appraiser submitted.
  const decided = record.objection?.decision;
  const submitted =
    decided?.submittedRevised?.hasilKerja ?? decided?.revised?.hasilKerja ?? review.submittedHasilKerja;
  return applyUnitHeadRule({ isUnitHead: true, orgRating, submitted });
}

/**
 * Applies the unit-head rule again to a reviewed head after HR set (or changed) the organisation rating (rule 11).
 * - Before the review nothing happens: RecordReview reads the rating.
 * - In feedback (acknowledgement pending, or an objection filed and not yet decided): the results rating follows the
 *   rating, the predikat comes from the matrix, the override is noted as at review, audited with `actor`, the head is
 *   mailed the revised result and the unit's distribution re-checked. The objection window does NOT restart: the
 *   feedback was given at review and the deadline stays (the mail says so); the pages show the revised result.
 * - After the objection was decided or follow-up ran (follow-up, done, or failed there): the result is final;
 *   the outcome is `settled` when the results rating would change, and setOrgRating refuses the rating (409).
 * Saves are version-checked: a concurrent step (an acknowledgement, the review itself) wins or loses cleanly and the
 * loser re-reads. Idempotent: a head whose review already follows the rating is `unchanged`.
 */
export async function applyOrgRatingToHead(
  deps: FlowDeps,
  appraisalId: string,
  actor: string,
  options: { dryRun?: OrgRating } = {},
): Promise<HeadReevaluation> {
  for (let attempt = 0; ; attempt++) {
    const record = await deps.store.getAppraisal(appraisalId);
    if (!record || !record.unitHead || !record.review || !record.predikat || record.stage === "cancelled")
      return { outcome: "not-reviewed", appraisalId };
    // A dry run asks what a rating about to be set would do (HR refuses a change that cannot apply).
    const applies = options.dryRun ?? (await deps.store.orgRating(record.cycleId, record.unitId))?.rating;
    const rule = headResultUnder(record, applies);
    const before = record.review.hasilKerja;
    if (rule.hasilKerja === before && (record.review.orgRating ?? undefined) === applies && !options.dryRun)
      return { outcome: "unchanged", appraisalId };
    const stageNow = record.stage === "failed" ? (record.failure?.stage ?? "failed") : record.stage;
    const settled = stageNow !== "feedback" || !!record.objection?.decision;
    if (rule.hasilKerja === before) {
      // The results rating stays (kurang and sangat_kurang both give below): only note which rating it follows.
      if (settled || options.dryRun) return { outcome: "unchanged", appraisalId };
    } else if (settled) {
      return {
        outcome: "settled",
        appraisalId,
        name: record.name,
        stage: stageNow,
        hasilKerja: { before, after: rule.hasilKerja },
      };
    }
    if (options.dryRun)
      return {
        outcome: "revised",
        appraisalId,
        hasilKerja: { before, after: rule.hasilKerja },
        predikat: { before: record.predikat, after: predikatFor(rule.hasilKerja, record.review.perilaku) },
      };
    const perilaku = record.objection?.decision?.revised?.perilaku ?? record.review.perilaku;
    const predikat = predikatFor(rule.hasilKerja, perilaku);
    const { unitHeadOverride: _previous, ...review } = record.review;
    try {
      await save(
        deps,
        record,
        {
          predikat,
          review: {
            ...review,
            hasilKerja: rule.hasilKerja,
            orgRating: applies ?? null,
            ...(rule.overridden && applies
              ? { unitHeadOverride: { orgRating: applies, note: rule.note ?? "" } }
              : {}),
          },
        },
        `org-rating:${applies ?? "none"}:v${record.version}`,
        {
          actor,
          action: "org-rating-applied",
          detail: {
            orgRating: applies ?? null,
            hasilKerjaBefore: before,
            hasilKerjaAfter: rule.hasilKerja,
            predikatBefore: record.predikat,
            predikatAfter: predikat,
            ...(rule.overridden ? { unitHeadOverride: rule.note } : {}),
          },
        },
      );
    } catch (err) {
      // Another writer saved this appraisal first (its acknowledgement, a concurrent rating): read it again.
      if (err instanceof TransientError && attempt < 5) continue;
      throw err;
    }
    if (rule.hasilKerja !== before) {
      const cycle = await deps.store.getCycle(record.cycleId);
      const deadline = record.feedbackSentAt
        ? objectionDeadline(
            new Date(record.feedbackSentAt),
            resolveCycleSettings(cycle?.settings).objectionWindowDays,
          )
        : undefined;
      await deps.decisions.notifyRevisedResult?.({
        appraisalId: record.id,
        employee: pick(record),
        predikat,
        cause: "org-rating",
        note: [
          t("orgRatingRevisedNote", "id", {
            rating: ORG_RATING_LABELS[applies!].id,
            before: RATING_LABELS[before].id,
            after: RATING_LABELS[rule.hasilKerja].id,
          }),
          ...(deadline && !record.objection
            ? [t("orgRatingRevisedWindow", "id", { deadline: formatDateTime(deadline.toISOString()) })]
            : []),
        ].join(" "),
      });
      await checkUnitDistribution(deps, record.cycleId, record.unitId);
    }
    return rule.hasilKerja === before
      ? { outcome: "unchanged", appraisalId }
      : {
          outcome: "revised",
          appraisalId,
          hasilKerja: { before, after: rule.hasilKerja },
          predikat: { before: record.predikat, after: predikat },
        };
  }
}

/**
 * Re-checks a unit's predikat distribution against the organisation rating that applies to it and records the
 * warnings on the cycle. Call it after the change it follows is saved (a review, a rating): reviews of one unit finish
 * together, and the store keeps the count of the re-check that started last, which saw every save before it, without
 * recounting (issue 18: a recount loop was O(n^2) for n reviews together and ran past Lambda's timeout).
 * The unit's marks come from a GSI, which DynamoDB updates asynchronously (usually well under a second): a count
 * started right after a save can miss it, and the stored warnings then stay one review behind until the unit's next
 * re-check (another review or objection decision, HR setting a rating); the HR dashboard counts afresh on each view.
 */
export async function checkUnitDistribution(
  deps: FlowDeps,
  cycleId: string,
  unitId: string,
): Promise<number> {
  const warnings = await deps.store.updateDistributionWarnings(cycleId, unitId, async () => {
    const state = await unitDistributionState(deps, cycleId, unitId);
    if (!state.orgRating) return [];
    return checkDistribution(state.orgRating.rating, state.counts, {
      thresholds: state.thresholds,
      unrated: state.unrated,
    }).map((w) => ({ rule: w.rule, message: w.message }));
  });
  return warnings.length;
}

/** RecordAcknowledgement: the employee acknowledges (or the window passed), or files an objection. */
export async function recordAcknowledgement(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ objected: boolean }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "acknowledgement");
  const body = input.decided.decision as { decision?: string; reason?: string };
  if (record.appliedSteps.includes(key)) return { objected: body.decision === "object" };
  expectStage(record, ["feedback"], "RecordAcknowledgement");
  if (body.decision === "object") {
    if (!body.reason) throw new DecisionRejectedError("acknowledgement: an objection needs a reason");
    await save(deps, record, { objection: { reason: body.reason, filedAt: input.decided.decidedAt } }, key, {
      actor: actorOf(input.decided),
      action: "objection-filed",
      kind: "acknowledgement",
      linkId: input.decided.linkId,
      detail: { reason: body.reason },
    });
    return { objected: true };
  }
  await save(
    deps,
    record,
    {
      stage: "follow-up",
      acknowledgement: { at: input.decided.decidedAt, automatic: input.decided.automatic === true },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: input.decided.automatic ? "auto-acknowledged" : "acknowledged",
      kind: "acknowledgement",
      linkId: input.decided.linkId,
      detail: {},
    },
  );
  return { objected: false };
}

/** RecordObjectionDecision: the superior's final decision; an upheld objection replaces the ratings and predikat. */
export async function recordObjectionDecision(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ predikat: Predikat }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "objection-decision");
  if (record.appliedSteps.includes(key) && record.predikat) return { predikat: record.predikat };
  expectStage(record, ["feedback"], "RecordObjectionDecision");
  if (!record.objection || !record.review || !record.predikat)
    throw new MissingDataError(`appraisal ${record.id} has no objection to decide`);
  const body = input.decided.decision as {
    decision?: string;
    revised?: { hasilKerja: Rating; perilaku: Rating };
    note?: string;
  };
  if (body.decision !== "uphold" && body.decision !== "reject")
    throw new DecisionRejectedError("objection-decision: decision must be uphold or reject");
  if (body.decision === "uphold" && !body.revised)
    throw new DecisionRejectedError("objection-decision: an upheld objection needs revised ratings");
  const asDecided = body.decision === "uphold" ? body.revised : undefined;
  // A unit head's revised results rating still follows the organisation rating (rule 11); the override is noted.
  const headRule = asDecided
    ? applyUnitHeadRule({
        isUnitHead: record.unitHead,
        orgRating: (await deps.store.orgRating(record.cycleId, record.unitId))?.rating,
        submitted: asDecided.hasilKerja,
      })
    : undefined;
  const revised = asDecided && headRule ? { ...asDecided, hasilKerja: headRule.hasilKerja } : undefined;
  const predikatAfter = revised ? predikatFor(revised.hasilKerja, revised.perilaku) : record.predikat;
  await save(
    deps,
    record,
    {
      stage: "follow-up",
      predikat: predikatAfter,
      review: revised
        ? { ...record.review, hasilKerja: revised.hasilKerja, perilaku: revised.perilaku }
        : record.review,
      objection: {
        ...record.objection,
        decision: {
          outcome: body.decision,
          note: body.note ?? "",
          ...(revised ? { revised } : {}),
          ...(headRule?.overridden ? { submittedRevised: asDecided, unitHeadOverride: headRule.note } : {}),
          predikatBefore: record.predikat,
          predikatAfter,
          decidedBy: input.decided.decidedBy?.nip ?? "unknown",
          decidedAt: input.decided.decidedAt,
        },
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: body.decision === "uphold" ? "objection-upheld" : "objection-rejected",
      kind: "objection-decision",
      linkId: input.decided.linkId,
      detail: {
        predikatBefore: record.predikat,
        predikatAfter,
        ...(headRule?.overridden ? { unitHeadOverride: headRule.note } : {}),
      },
    },
  );
  if (revised) {
    await checkUnitDistribution(deps, record.cycleId, record.unitId);
    await deps.decisions.notifyRevisedResult?.({
      appraisalId: record.id,
      employee: pick(record),
      predikat: predikatAfter,
      note: body.note ?? "",
    });
  }
  return { predikat: predikatAfter };
}
