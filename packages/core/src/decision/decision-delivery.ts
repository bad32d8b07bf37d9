// Delivering a decided outcome to its waiting workflow task (SendTaskSuccess), to a newer token when the workflow
// asked again, by the redelivery sweep when a click's delivery failed, and converging when the workflow consumed it.
import { recordPeriodicRating } from "../periodic/periodic-rating-record";
import { isTransactionConditionFailure } from "../storage/storage.errors";
import { writeDecisionWithAudit } from "./decision-audit";
import type { DecisionDeps } from "./decision-deps";
import { PERIODIC_RATING_KIND } from "./decision-kinds";
import { decisionRepo, type DecisionRecord } from "./decision.repo";
import { isDeadTokenError } from "./task-callbacks";

/** Binds a decided but undelivered decision to the token of the workflow's new request and delivers it at once. */
export async function deliverToNewToken(
  deps: DecisionDeps,
  decision: DecisionRecord,
  taskToken: string,
  tokenHash: string,
): Promise<{ decisionId: string; linkIds: string[]; delivered: boolean }> {
  const repo = decisionRepo(deps.storage);
  await repo.rebindUndelivered(decision.decisionKey, taskToken, tokenHash, deps.clock.now().toISOString());
  const delivered = await deliver(
    deps,
    { ...decision, taskToken, taskTokenHash: tokenHash },
    { throwTransient: true },
  );
  return { decisionId: decision.decisionId, linkIds: [], delivered };
}

/**
 * Sends the stored outcome to the decision's current token; records why it failed, and success unless `consumedBy` is
 * "workflow": a click leaves the mark to the workflow's Record step (markDecisionConsumed), which runs because the
 * outcome arrived, so the click's answer waits on no write after SendTaskSuccess (issue 18 item 1). A periodic rating
 * has no workflow: recording it is delivering it, marked here.
 */
export async function deliver(
  deps: DecisionDeps,
  decision: DecisionRecord,
  opts: { throwTransient: boolean; consumedBy?: "workflow" },
): Promise<boolean> {
  const repo = decisionRepo(deps.storage);
  try {
    // A periodic rating has no waiting task: delivering it is recording it on the team's appraisals.
    if (decision.kind === PERIODIC_RATING_KIND)
      await recordPeriodicRating(deps.storage, deps.clock, decision);
    else await deps.callbacks.succeed(decision.taskToken, decision.outcome ?? {});
  } catch (err) {
    const message = `${(err as Error)?.name ?? "Error"}: ${(err as Error)?.message ?? String(err)}`;
    // Best effort: the note only saves the sweep a pointless retry; the decision stays undelivered either way.
    await repo
      .markDeliveryFailed(
        decision.decisionKey,
        decision.taskTokenHash,
        message,
        deps.clock.now().toISOString(),
      )
      .catch(() => undefined);
    if (!isDeadTokenError(err) && opts.throwTransient) throw err;
    return false;
  }
  if (opts.consumedBy === "workflow" && decision.kind !== PERIODIC_RATING_KIND) return true;
  try {
    await repo.markDelivered(decision.decisionKey, decision.taskTokenHash, deps.clock.now().toISOString());
  } catch {
    // The workflow has the outcome (the callback succeeded), so the decision WAS applied: failing here would tell the
    // person to retry a click that counted. The workflow's Record step marks it delivered (markDecisionConsumed).
  }
  return true;
}

/**
 * Marks the decision taken through `linkId` as delivered because the workflow consumed its outcome (called by the Record
 * steps, idempotent): the record converges even when the click's own markDelivered failed or its process died.
 *
 * With `delivered` (the outcome the workflow received), a decision found still pending is restored from it: the
 * workflow only receives an outcome after a click's claim committed, so a pending record means that claim was lost
 * (DynamoDB Local can drop its last acknowledged transactions when SIGKILLed). The claim and its audit event are
 * written again, once (conditional on the same pending opening), and marked delivered; a later click gets 409.
 */
export async function markDecisionConsumed(
  deps: Pick<DecisionDeps, "storage" | "clock">,
  input: { linkId: string; delivered?: DeliveredOutcome },
): Promise<boolean> {
  const repo = decisionRepo(deps.storage);
  const link = await repo.getLink(input.linkId);
  if (!link) return false;
  if (await repo.markConsumed(link.decisionKey, input.linkId, deps.clock.now().toISOString())) return true;
  const delivered = input.delivered;
  if (!delivered?.decidedBy) return false;
  const decision = await repo.getDecision(link.decisionKey);
  if (
    !decision ||
    decision.status !== "pending" ||
    decision.decisionId !== link.decisionId ||
    decision.kind !== delivered.kind
  )
    return false;
  const outcome = {
    kind: delivered.kind,
    decision: delivered.decision,
    decidedBy: delivered.decidedBy,
    linkId: input.linkId,
    decidedAt: delivered.decidedAt,
  };
  try {
    // The same event id as the lost click's: when its audit event survived, only the claim is written again.
    await writeDecisionWithAudit(
      deps.storage,
      deps.clock,
      (items) => repo.transact(items),
      [
        repo.claimDecisionItem(decision.decisionKey, {
          outcome,
          decidedBy: delivered.decidedBy,
          decidedAt: delivered.decidedAt,
          linkId: input.linkId,
          taskTokenHash: decision.taskTokenHash,
        }),
      ],
      {
        appraisalId: decision.appraisalId,
        at: delivered.decidedAt,
        actor: delivered.decidedBy.nip,
        kind: decision.kind,
        linkId: input.linkId,
        detail: {
          decisionId: decision.decisionId,
          decisionKey: decision.decisionKey,
          role: delivered.decidedBy.role,
          name: delivered.decidedBy.name,
          body: delivered.decision,
          restoredFromWorkflow: true,
        },
      },
    );
  } catch (err) {
    // A click claimed it meanwhile (or the opening changed): that claim stands; mark it consumed if it is this link's.
    if (!isTransactionConditionFailure(err)) throw err;
  }
  return repo.markConsumed(link.decisionKey, input.linkId, deps.clock.now().toISOString());
}

/** The outcome a workflow received for a decision (the task's output), as the Record steps pass it back. */
export interface DeliveredOutcome {
  kind: string;
  decision: Record<string, unknown>;
  decidedBy?: { nip: string; name: string; role: string };
  decidedAt: string;
}

/** Retries delivery of every decided-but-undelivered decision whose current token may still accept it (local runtime sweep). */
export async function redeliverPending(
  deps: DecisionDeps,
  opts: { limit?: number } = {},
): Promise<{ attempted: number; delivered: number; skipped: number }> {
  const repo = decisionRepo(deps.storage);
  const pending = await repo.listUndelivered(opts.limit ?? 100);
  let attempted = 0;
  let delivered = 0;
  let skipped = 0;
  for (const listed of pending) {
    const d = await repo.getDecision(listed.decisionKey);
    if (!d || d.status !== "decided" || d.delivery !== "undelivered") continue;
    // A token that already answered TaskTimedOut/TaskDoesNotExist/InvalidToken will never accept it; wait for openDecision's next token.
    if (
      d.deliveryErrorTokenHash === d.taskTokenHash &&
      /^(TaskTimedOutError|TaskDoesNotExistError|InvalidTaskTokenError)/.test(d.deliveryError ?? "")
    ) {
      skipped++;
      continue;
    }
    attempted++;
    if (await deliver(deps, d, { throwTransient: false })) delivered++;
  }
  return { attempted, delivered, skipped };
}
