// Opening a decision (a workflow task asks someone: a fresh token, a mailed link), closing it, and reading its state.
import { createHash, randomUUID } from "node:crypto";
import type { DecisionDeps, Recipient } from "./decision-deps";
import { deliverToNewToken } from "./decision-delivery";
import {
  CloseDecisionInputSchema,
  OpenDecisionInputSchema,
  parseInput,
  type CloseDecisionInput,
  type OpenDecisionInput,
} from "./decision-input.schema";
import type { DecisionKind } from "./decision-kinds";
import { mailDecision } from "./decision-mail";
import { DECISION_RETENTION_S, epochS } from "./decision-retention";
import type { DecisionStatus, DeliveryStatus } from "./decision.entity.types";
import { InvalidDecisionInputError } from "./decision.errors";
import { decisionRepo, type DecisionRecord } from "./decision.repo";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function mergeRecipients(existing: DecisionRecord["recipients"], recipient: Recipient) {
  const list = [...(existing ?? [])];
  if (!list.some((r) => r.nip === recipient.nip)) list.push({ ...recipient });
  return list;
}

/**
 * Opens (or re-opens) the pending decision `decisionKey` with a fresh task token and mails the recipient; a decided but
 * undelivered outcome is delivered to the new token at once instead (no click is lost). Idempotent under retries.
 */
export async function openDecision(
  deps: DecisionDeps,
  rawInput: OpenDecisionInput,
): Promise<{ decisionId: string; linkIds: string[]; delivered?: boolean }> {
  const input = parseInput(OpenDecisionInputSchema, rawInput, "openDecision input");
  const repo = decisionRepo(deps.storage);
  const tokenHash = sha256(input.taskToken);
  if (new Date(input.expiresAt).getTime() <= deps.clock.now().getTime()) {
    throw new InvalidDecisionInputError("openDecision input: expiresAt must be in the future", [
      { path: "expiresAt", message: "must be in the future" },
    ]);
  }

  // A few rounds: each lost race (created, decided or closed meanwhile) re-reads and takes the matching branch.
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.clock.now().toISOString();
    const existing = await repo.getDecision(input.decisionKey);
    if (existing?.status === "decided") {
      return deliverToNewToken(deps, existing, input.taskToken, tokenHash);
    }
    const ttl = epochS(input.expiresAt) + DECISION_RETENTION_S;
    let decisionId: string;
    let recipients: DecisionRecord["recipients"];
    let dueAt = input.dueAt;
    if (!existing) {
      decisionId = randomUUID();
      recipients = [{ ...input.recipient }];
      const created = await repo.createPendingDecision({
        decisionKey: input.decisionKey,
        decisionId,
        kind: input.kind,
        appraisalId: input.appraisalId,
        cycleId: input.cycleId,
        employee: input.employee,
        context: input.context,
        taskToken: input.taskToken,
        taskTokenHash: tokenHash,
        dueAt: input.dueAt,
        expiresAt: input.expiresAt,
        recipients,
        createdAt: now,
        updatedAt: now,
        ttl,
      });
      if (!created) continue;
    } else {
      decisionId = existing.decisionId;
      recipients = mergeRecipients(existing.recipients, input.recipient);
      const reopen = existing.status !== "pending";
      // One deadline per decision: reminders and escalations of a pending decision keep the one fixed when it opened;
      // only a decision opened again after it was closed (HR retried the appraisal) gets a new one.
      if (!reopen && existing.dueAt) dueAt = existing.dueAt;
      const rearmed = await repo.rearmPendingDecision(input.decisionKey, {
        taskToken: input.taskToken,
        taskTokenHash: tokenHash,
        expiresAt: input.expiresAt,
        ...(dueAt !== existing.dueAt ? { dueAt } : {}),
        recipients,
        reopen,
        now,
        ttl,
        pending: { cycleId: existing.cycleId, dueAt },
      });
      if (!rearmed) continue;
    }
    const linkId = await mailDecision(deps, {
      decisionKey: input.decisionKey,
      decisionId,
      kind: input.kind,
      employee: input.employee,
      recipient: input.recipient,
      originalRecipient: recipients?.[0],
      tokenHash,
      mailKind: input.mailKind,
      dueAt,
      expiresAt: input.expiresAt,
      approvedSuperiorSkp: approvedSuperiorSkpOf(input.kind, input.context),
    });
    return { decisionId, linkIds: [linkId] };
  }
  throw new InvalidDecisionInputError(`openDecision: decision ${input.decisionKey} kept changing; retry`, []);
}

/** An SKP request below the top of the cascade names the superior whose approved SKP it cascades from (rule 27). */
function approvedSuperiorSkpOf(
  kind: DecisionKind,
  context: Record<string, unknown>,
): { name: string } | undefined {
  const superior = context.superior as { name?: unknown } | undefined;
  if (kind !== "skp-proposal" || !context.superiorSkp || typeof superior?.name !== "string") return undefined;
  return { name: superior.name };
}

/** The status and delivery of a decision (null when none was opened under the key); never exposes the token. */
export async function decisionState(
  deps: Pick<DecisionDeps, "storage">,
  decisionKey: string,
): Promise<{ status: DecisionStatus; delivery: DeliveryStatus } | null> {
  const d = await decisionRepo(deps.storage).getDecision(decisionKey);
  return d ? { status: d.status, delivery: d.delivery } : null;
}

/** Marks a still-pending decision expired or superseded; a late click then gets 410 saying what happened. No-op when already decided or closed. */
export async function closeDecision(
  deps: Pick<DecisionDeps, "storage" | "clock">,
  rawInput: CloseDecisionInput,
): Promise<void> {
  const input = parseInput(CloseDecisionInputSchema, rawInput, "closeDecision input");
  await decisionRepo(deps.storage).closePendingDecision(input.decisionKey, {
    status: input.status,
    reason: input.reason,
    closedBy: input.decidedBy,
    now: deps.clock.now().toISOString(),
  });
}
