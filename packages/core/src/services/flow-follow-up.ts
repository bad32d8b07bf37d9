// Follow-up: development or coaching by predikat, consecutive poor annual results; the appraisal is done.
import { followUpFor } from "../follow-up/follow-up";
import { CycleNotFoundError, MissingDataError } from "./workflow.errors";
import { expectStage, type FlowDeps, loadLive, save } from "./flow-common";

/** ApplyFollowUp: follow-up by predikat (development or coaching, consecutive poor results); the appraisal is done. */
export async function applyFollowUp(
  deps: FlowDeps,
  input: { appraisalId: string },
): Promise<{ kind: string }> {
  const record = await loadLive(deps, input.appraisalId);
  if (record.stage === "done")
    return { kind: String((record.followUp as { kind?: string } | undefined)?.kind ?? "") };
  expectStage(record, ["follow-up"], "ApplyFollowUp");
  if (!record.predikat) throw new MissingDataError(`appraisal ${record.id} has no predikat for follow-up`);
  // Consecutive poor results (rule 42) count annual results only: a periodic (monthly, quarterly) result informs
  // coaching within the improvement window and never counts towards a sanction review, nor do earlier periodic ones.
  const cycle = await deps.store.getCycle(record.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${record.cycleId} does not exist`);
  const annual = cycle.kind === "annual";
  const previous = annual
    ? await deps.store.previousAppraisals(record.nip, record.cycleId, { kind: "annual" })
    : [];
  const followUp = followUpFor({
    predikat: record.predikat,
    positionType: record.positionType as Parameters<typeof followUpFor>[0]["positionType"],
    // followUpFor wants the earlier results oldest first; the store answers newest first.
    previousPredikats: previous
      .flatMap((a) => (a.predikat && a.stage === "done" ? [a.predikat] : []))
      .reverse(),
    at: deps.clock.now(),
  });
  await save(deps, record, { stage: "done", followUp }, "follow-up", {
    actor: "system",
    action: "follow-up",
    detail: { kind: followUp.kind, consecutivePoor: followUp.consecutivePoor },
  });
  return { kind: followUp.kind };
}
