// Review and feedback: the appraising official's review (unit-head rule, predikat matrix, the unit's distribution),
// the employee's acknowledgement or objection, and the final decision on an objection.
import {
  aggregatePerilaku,
  applyUnitHeadRule,
  type BerakhlakKey,
  predikatFor,
  PREDIKATS,
  type Predikat,
  type Rating,
} from "../rating/rating";
import { checkDistribution } from "../distribution/distribution";
import { resolveCycleSettings } from "./cycle-settings";
import { DecisionRejectedError, MissingDataError } from "./workflow.errors";
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
} from "./flow-common";

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
  const orgRating = await deps.store.orgRating(record.cycleId, record.unitId);
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
      },
    },
  );
  const warnings = await checkUnitDistribution(deps, record.cycleId, record.unitId);
  return { predikat, warnings };
}

/**
 * Re-checks a unit's predikat distribution against its organisation rating and records the warnings on the
 * cycle. Reviews of one unit finish concurrently, so the store recounts until its write is not stale.
 */
export async function checkUnitDistribution(
  deps: FlowDeps,
  cycleId: string,
  unitId: string,
): Promise<number> {
  const warnings = await deps.store.updateDistributionWarnings(cycleId, unitId, async () => {
    const orgRating = await deps.store.orgRating(cycleId, unitId);
    if (!orgRating) return [];
    const counts = Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>;
    let cursor: string | null = null;
    do {
      const page = await deps.store.listAppraisalsOfCycle(cycleId, cursor, 500);
      for (const a of page.items)
        if (a.unitId === unitId && a.predikat && a.stage !== "cancelled") counts[a.predikat] += 1;
      cursor = page.nextCursor;
    } while (cursor);
    return checkDistribution(orgRating, counts).map((w) => ({ rule: w.rule, message: w.message }));
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
  const revised = body.decision === "uphold" ? body.revised : undefined;
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
      detail: { predikatBefore: record.predikat, predikatAfter },
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
