// What a decision's page shows (the `context` of a pending decision), per kind, from the appraisal record.
import { objectionDeadline } from "../objection/objection";
import { resolveCycleSettings } from "../cycle/cycle-settings";
import type { FlowAppraisal } from "./flow-store";
import { type FlowDeps, indicatorsOf } from "./common";
import { cascadeOf } from "./targets";
import { reviewDistributionPreview } from "./review";
import type { FlowDecisionKind } from "../decision/decision-kinds";

export async function decisionContext(
  deps: FlowDeps,
  record: FlowAppraisal,
  kind: FlowDecisionKind,
): Promise<Record<string, unknown>> {
  const indicators = indicatorsOf(record).map(({ id, text, aspect, target }) => ({
    id,
    text,
    aspect,
    target,
  }));
  // The SKP as the pages show it: every RHK with its parent, perspective, indicators, aspects and targets, the annex and
  // the appraiser's special expectations (what an approver approves and what a review and an objection are measured on).
  const skp = record.skp
    ? {
        version: record.skp.version,
        status: record.skp.status,
        rhk: record.skp.rhk,
        annex: record.skp.annex ?? null,
        ekspektasiKhusus: record.skp.ekspektasiKhusus ?? [],
      }
    : null;
  switch (kind) {
    case "skp-proposal": {
      const last = record.skp?.returnComments.at(-1);
      // The superior's approved RHK is what this SKP cascades from (rule 27): the employee is asked only once it is
      // approved (or at the top of the cascade, where no RHK utama needs a parent); the link checks against it.
      const cascade = await cascadeOf(deps, record);
      return {
        superiorRhk: cascade.superiorRhk,
        isTopLevel: cascade.top,
        superior: cascade.superior,
        ...(cascade.superiorSkp ? { superiorSkp: cascade.superiorSkp } : {}),
        positionType: record.positionType,
        ...(last ? { returnComment: last.comment } : {}),
        previous: record.skp?.rhk ?? null,
        previousAnnex: record.skp?.annex ?? null,
      };
    }
    case "skp-approval":
      return {
        skp,
        positionType: record.positionType,
        superiorRhk: (await cascadeOf(deps, record)).superiorRhk,
        rhk: record.skp?.rhk ?? [],
        version: record.skp?.version ?? 0,
      };
    case "realization":
      return { indicators, skp };
    case "review": {
      // The unit's current distribution warnings tell the form to ask for a justification (DOMAIN 6.4); the cycle's
      // aggregation rule says which overall behaviour rating the seven values give (a different one needs a reason).
      const cycle = await deps.store.getCycle(record.cycleId);
      return {
        indicators,
        skp,
        realisation: record.realisation ?? null,
        measurement: record.measurement ?? null,
        unitHead: record.unitHead,
        perilakuAggregation: resolveCycleSettings(cycle?.settings).perilakuAggregation,
        distributionWarnings: await deps.store.distributionWarnings(record.cycleId, record.unitId),
        // Per predikat the form could give, the warnings this review would cause from the unit's current counts
        // (null while the unit has no organisation rating); refreshed whenever the page is shown (liveDecisionContext).
        distributionPreview: await reviewDistributionPreview(deps, record),
      };
    }
    case "acknowledgement": {
      const cycle = await deps.store.getCycle(record.cycleId);
      const settings = resolveCycleSettings(cycle?.settings);
      return {
        result: resultOf(record),
        skp,
        review: record.review ?? null,
        predikat: record.predikat ?? null,
        feedbackSentAt: record.feedbackSentAt,
        objectionWindowDays: settings.objectionWindowDays,
        ...(record.feedbackSentAt
          ? {
              objectionDeadline: objectionDeadline(
                new Date(record.feedbackSentAt),
                settings.objectionWindowDays,
              ).toISOString(),
            }
          : {}),
      };
    }
    case "objection-decision":
      return {
        result: resultOf(record),
        skp,
        review: record.review ?? null,
        predikat: record.predikat ?? null,
        objection: record.objection ?? null,
      };
  }
}

/** Kinds whose page reads what may change while the link waits (other reviews of the unit, a revised result). */
const LIVE_KINDS: readonly FlowDecisionKind[] = ["review", "acknowledgement", "objection-decision"];

/**
 * The context of a pending decision as it is now (DecisionDeps.liveContext): a review's distribution preview counts
 * the reviews decided since the link was mailed; an acknowledgement or objection page shows a unit head's result
 * as revised by an organisation rating set after the review. Other kinds keep the context they were opened with.
 */
export async function liveDecisionContext(
  deps: FlowDeps,
  decision: { kind: string; appraisalId: string },
): Promise<Record<string, unknown> | undefined> {
  if (!(LIVE_KINDS as readonly string[]).includes(decision.kind)) return undefined;
  const record = await deps.store.getAppraisal(decision.appraisalId);
  if (!record || record.stage === "cancelled") return undefined;
  return decisionContext(deps, record, decision.kind as FlowDecisionKind);
}

/** The result of a review as the acknowledgement and objection pages show it. */
export function resultOf(record: FlowAppraisal): Record<string, unknown> | null {
  if (!record.review || !record.predikat) return null;
  const r = record.review;
  return {
    hasilKerja: r.hasilKerja,
    perilaku: r.perilaku,
    ...(r.perilakuDetail ? { perilakuDetail: r.perilakuDetail } : {}),
    predikat: record.predikat,
    feedback: r.feedback,
    ...(r.unitHeadOverride ? { unitHeadOverride: r.unitHeadOverride } : {}),
    measurement: record.measurement ?? null,
  };
}
