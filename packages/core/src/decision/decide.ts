// Deciding through a link: the body validated for its kind and against its page, the pending decision claimed with a
// conditional write in the same transaction as its audit event, then the outcome delivered to the waiting task.
import type { Lang } from "../i18n/messages";
import { isTransactionConditionFailure, isTransactionConflict } from "../storage/storage.errors";
import { writeDecisionWithAudit } from "./decision-audit";
import { crossCheck } from "./decision-cross-check";
import { deliver } from "./decision-delivery";
import type { DecisionDeps, DecisionOutput } from "./decision-deps";
import type { DecisionKind } from "./decision-kinds";
import { validateDecisionBody } from "./decision.schema";
import {
  AlreadyDecidedError,
  InvalidDecisionBodyError,
  LinkGoneError,
  LinkNotFoundError,
} from "./decision.errors";
import { decisionRepo, type DecisionRecord } from "./decision.repo";
import { openLink, toView, type LinkView, type OpenedLink } from "./link-view";

function ensureDecidable(view: LinkView): void {
  const d = view.decision;
  if (view.state === "decided") {
    throw new AlreadyDecidedError(
      "this decision was already taken",
      d.decidedBy ?? { nip: "", name: "", role: "" },
      d.decidedAt ?? "",
      view,
    );
  }
  if (view.state === "expired" || view.state === "superseded") {
    throw new LinkGoneError(
      `this decision is ${view.state}`,
      view.state,
      { closedReason: d.closedReason, closedBy: d.closedBy, closedAt: d.closedAt },
      view,
    );
  }
  if (view.state === "link-expired")
    throw new LinkGoneError("this link has expired", "link-expired", {}, view);
}

/** Result of a successful POST. */
export interface DecideResult {
  decisionId: string;
  kind: DecisionKind;
  decidedAt: string;
  decidedBy: { nip: string; name: string; role: string };
  delivered: boolean;
}

/**
 * Decides once through a link: validates the body for the kind, claims the pending decision with a conditional write in the
 * same transaction as its audit event, then delivers the outcome to the waiting task (redelivered later if that fails).
 * Validation messages are the dictionary's in `lang` (Bahasa Indonesia unless asked otherwise).
 */
export async function decide(
  deps: DecisionDeps,
  token: string,
  body: unknown,
  lang?: Lang,
): Promise<DecideResult> {
  return (await decideOpened(deps, await openLink(deps, token), body, lang)).result;
}

/**
 * decide() on a link already opened in this request (openLink): no second verification or read. Answers the result and
 * the view of the decision as decided, so a confirmation page needs no read-back. A claim lost to a concurrent click or
 * a closing re-reads the decision only (the link never changes).
 */
export async function decideOpened(
  deps: DecisionDeps,
  opened: OpenedLink,
  body: unknown,
  lang?: Lang,
): Promise<{ result: DecideResult; view: LinkView }> {
  const { link, decision } = opened;
  ensureDecidable(opened.view);
  const validated = validateDecisionBody(decision.kind, body, lang);
  if (!validated.ok)
    throw new InvalidDecisionBodyError(`invalid ${decision.kind} decision`, validated.issues);
  const cross = crossCheck(decision.kind, validated.body, opened.view.decision.context, lang);
  if (cross.length) throw new InvalidDecisionBodyError(`invalid ${decision.kind} decision`, cross);

  const repo = decisionRepo(deps.storage);
  const decidedAt = deps.clock.now().toISOString();
  const decidedBy = { nip: link.recipient.nip, name: link.recipient.name, role: link.recipient.role };
  const outcome: DecisionOutput = {
    kind: decision.kind,
    decision: validated.body,
    decidedBy,
    linkId: link.linkId,
    decidedAt,
  };
  const claim = (current: DecisionRecord) =>
    writeDecisionWithAudit(
      deps.storage,
      deps.clock,
      (items) => repo.transact(items),
      [
        repo.claimDecisionItem(decision.decisionKey, {
          outcome: outcome as unknown as Record<string, unknown>,
          decidedBy,
          decidedAt,
          linkId: link.linkId,
          taskTokenHash: current.taskTokenHash,
        }),
      ],
      {
        appraisalId: decision.appraisalId,
        at: decidedAt,
        actor: decidedBy.nip,
        kind: decision.kind,
        linkId: link.linkId,
        detail: {
          decisionId: decision.decisionId,
          decisionKey: decision.decisionKey,
          role: decidedBy.role,
          name: decidedBy.name,
          body: validated.body,
        },
      },
    );
  let current = decision;
  for (let attempt = 0; ; attempt++) {
    try {
      await claim(current);
      break;
    } catch (err) {
      // Lost the race (decided or closed meanwhile, or openDecision re-armed a newer token), or concurrent clicks made
      // DynamoDB cancel overlapping transactions (TransactionConflict): re-read, answer as the winner's outcome, or retry.
      if (!isTransactionConditionFailure(err) && !isTransactionConflict(err)) throw err;
      const reread = await repo.getDecision(decision.decisionKey);
      if (!reread) throw new LinkNotFoundError("the decision behind this link no longer exists");
      ensureDecidable(toView(link, reread, deps.clock.now()));
      if (attempt >= 8) throw err;
      current = reread;
      if (isTransactionConflict(err))
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
  const decided: DecisionRecord = {
    ...current,
    status: "decided",
    delivery: "undelivered",
    outcome: outcome as unknown as Record<string, unknown>,
    decidedBy,
    decidedAt,
    decidedLinkId: link.linkId,
  };
  // The claim pinned the token it was made against, so that is the token to resume.
  const delivered = await deliver(deps, decided, { throwTransient: false, consumedBy: "workflow" });
  return {
    result: { decisionId: decision.decisionId, kind: decision.kind, decidedAt, decidedBy, delivered },
    view: toView(link, { ...decided, context: opened.view.decision.context }, deps.clock.now()),
  };
}
