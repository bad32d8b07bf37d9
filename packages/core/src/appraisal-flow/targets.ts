// Target setting: the employee proposes an SKP, the appraising official approves it or returns it for revision. The
// SKP cascades (DOMAIN rule 27): an employee is asked once their appraiser's SKP in the cycle is approved (their task
// waits until the approval resumes it), and every RHK utama intervenes on one of that SKP's RHK, unless the appraiser
// has no SKP in the cycle (the top of the cascade).
import { BERAKHLAK_KEYS } from "../rating/rating";
import { hasBlockingIssues, parseSkpProposal, validateSkp } from "../skp/skp";
import { POSITION_TYPES, type PositionType } from "../org/org.schema";
import type { SkpProposal } from "../skp/skp.schema";
import type { CascadeWaiter, FlowAppraisal, FlowIndicator, FlowSkp } from "./flow-store";
import { DecisionRejectedError, MissingDataError } from "../workflow/workflow.errors";
import {
  actorOf,
  consumed,
  decisionKey,
  type DeliveredDecision,
  expectStage,
  type FlowDeps,
  loadLive,
  save,
} from "./common";
import { TransientError } from "../storage/storage.errors";

/** Where an employee's SKP stands in the cascade (rule 27). */
export interface Cascade {
  /** The appraiser is not appraised in the cycle (top official, a head appraised outside the cycle's units), or their
   *  appraisal was cancelled: no SKP to cascade from. */
  top: boolean;
  /** The appraiser's SKP is not approved yet: the employee is not asked for theirs. */
  waiting: boolean;
  /** The appraiser, named on the pages and mails. */
  superior: { name: string };
  /** The RHK of the appraiser's approved SKP, which every RHK utama intervenes on (empty unless approved). */
  superiorRhk: { id: string; text: string; kind: "utama" | "tambahan" }[];
  /** Version and approval time of that SKP (absent unless approved). */
  superiorSkp?: { version: number; approvedAt?: string };
}

/** The cascade of an appraisal's SKP, read now from the appraiser's own appraisal in the same cycle. */
export async function cascadeOf(deps: FlowDeps, record: FlowAppraisal): Promise<Cascade> {
  const superior = { name: record.appraiser.name };
  const own = await deps.store.superiorSkp(record.cycleId, record.appraiser.nip);
  // The launch may write the appraiser's record on a later page: an appraiser in the cycle is waited for.
  if (!own && record.appraiserInCycle) return { top: false, waiting: true, superior, superiorRhk: [] };
  if (!own || own.cancelled) return { top: true, waiting: false, superior, superiorRhk: [] };
  if (own.skp?.status !== "approved") return { top: false, waiting: true, superior, superiorRhk: [] };
  return {
    top: false,
    waiting: false,
    superior,
    superiorRhk: own.skp.rhk,
    superiorSkp: {
      version: own.skp.version,
      ...(own.skp.approvedAt ? { approvedAt: own.skp.approvedAt } : {}),
    },
  };
}

/** Whether the employee must still wait for the appraiser's SKP approval before being asked for an SKP. */
export async function awaitsSuperiorSkp(deps: FlowDeps, record: FlowAppraisal): Promise<boolean> {
  return (await cascadeOf(deps, record)).waiting;
}

/**
 * AwaitSuperiorSkp (waitForTaskToken): registers the employee's task under the appraiser, then looks again, so an
 * approval recorded meanwhile resumes it at once (the approval resumes every task it finds registered). The first wait
 * is audited, so HR sees why no SKP request went out yet.
 */
export async function awaitSuperiorSkp(
  deps: FlowDeps,
  input: { appraisalId: string; taskToken: string },
): Promise<{ waiting: boolean }> {
  const record = await loadLive(deps, input.appraisalId);
  expectStage(record, ["target-setting"], "AwaitSuperiorSkp");
  const waiter: CascadeWaiter = {
    cycleId: record.cycleId,
    appraiserNip: record.appraiser.nip,
    appraisalId: record.id,
    taskToken: input.taskToken,
    since: deps.clock.now().toISOString(),
  };
  // The waiter and the trail's event in one write; the record itself does not change (its stage stays), and the
  // event's id keeps it once per appraiser whatever number of times the task waits.
  const key = `skp-awaits-superior:${record.appraiser.nip}`;
  await deps.store.putCascadeWaiter(
    waiter,
    record.appliedSteps.includes(key)
      ? undefined
      : {
          at: waiter.since,
          eventId: `${key}#skp-awaits-superior`,
          actor: "system",
          action: "skp-awaits-superior",
          kind: "skp-proposal",
          detail: { appraiserNip: record.appraiser.nip, appraiserName: record.appraiser.name },
        },
  );
  if (await awaitsSuperiorSkp(deps, record)) return { waiting: true };
  await resumeWaiter(deps, waiter);
  return { waiting: false };
}

/** Resumes one waiting task (a dead token is ignored: that task plans again on its own) and forgets it. */
async function resumeWaiter(deps: FlowDeps, waiter: CascadeWaiter): Promise<void> {
  try {
    await deps.decisions.resume?.(waiter.taskToken);
  } catch (err) {
    throw new TransientError(`could not resume the SKP request of ${waiter.appraisalId}`, { cause: err });
  }
  await deps.store.removeCascadeWaiter(waiter);
}

/**
 * The employees waiting for this appraiser's SKP are asked for theirs now (each task plans its request afresh): after
 * the approval, or when HR cancels the appraiser's appraisal (they are then at the top of the cascade).
 */
export async function releaseCascade(deps: FlowDeps, record: FlowAppraisal): Promise<void> {
  const waiters = await deps.store.cascadeWaiters(record.cycleId, record.nip);
  for (const waiter of waiters) await resumeWaiter(deps, waiter);
}

/**
 * Refuses an SKP that does not cascade (rule 27) as the appraiser's SKP stands now: an RHK utama without a superior
 * RHK below the top, or one naming an RHK the approved SKP does not have. The link refuses it first; this guards the
 * workflow against a body that bypassed the link.
 */
async function checkCascade(deps: FlowDeps, record: FlowAppraisal, raw: unknown): Promise<void> {
  let body: SkpProposal;
  try {
    body = parseSkpProposal(raw);
  } catch (err) {
    throw new DecisionRejectedError(`skp-proposal: ${(err as Error).message}`, { cause: err });
  }
  const cascade = await cascadeOf(deps, record);
  const positionType = (POSITION_TYPES as readonly string[]).includes(record.positionType)
    ? (record.positionType as PositionType)
    : "pelaksana";
  const issues = validateSkp(body, {
    superiorRhkIds: cascade.superiorRhk.map((r) => r.id),
    isTopLevel: cascade.top,
    positionType,
  }).filter((i) => i.code === "missing-parent-rhk" || i.code === "unknown-parent-rhk");
  if (hasBlockingIssues(issues))
    throw new DecisionRejectedError(`skp-proposal: ${issues.map((i) => i.message).join(" ")}`);
}

/** RecordSkpProposal: stores the proposed SKP as a new submitted version (indicator ids stable per version). */
export async function recordSkpProposal(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ version: number }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "skp-proposal");
  if (record.appliedSteps.includes(key)) return { version: record.skp?.version ?? 0 };
  expectStage(record, ["target-setting"], "RecordSkpProposal");
  const body = input.decided.decision as {
    rhk?: {
      text: string;
      kind: "utama" | "tambahan";
      parentRhkId?: string;
      perspective?: string;
      indicators: Omit<FlowIndicator, "id" | "rhkId">[];
    }[];
    annex?: FlowSkp["annex"];
  };
  if (!Array.isArray(body.rhk) || body.rhk.length === 0)
    throw new DecisionRejectedError("skp-proposal: rhk is missing");
  await checkCascade(deps, record, body);
  const version = (record.skp?.version ?? 0) + 1;
  const rhk = body.rhk.map((r, i) => {
    const rhkId = `v${version}-rhk${i + 1}`;
    return {
      id: rhkId,
      text: r.text,
      kind: r.kind,
      ...(r.parentRhkId ? { parentRhkId: r.parentRhkId } : {}),
      ...(r.perspective ? { perspective: r.perspective } : {}),
      indicators: r.indicators.map((ind, j) => ({
        id: `${rhkId}-i${j + 1}`,
        rhkId,
        text: ind.text,
        aspect: ind.aspect,
        target: ind.target,
      })),
    };
  });
  await save(
    deps,
    record,
    {
      skp: {
        status: "submitted",
        version,
        rhk,
        ...(body.annex ? { annex: body.annex } : {}),
        returnComments: record.skp?.returnComments ?? [],
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: "skp-submitted",
      kind: "skp-proposal",
      linkId: input.decided.linkId,
      detail: { version, rhk: rhk.length },
    },
  );
  return { version };
}

/** RecordSkpApproval: locks the SKP and enters measurement, or records the return comment for a revision. */
export async function recordSkpApproval(
  deps: FlowDeps,
  input: { appraisalId: string; decided: DeliveredDecision },
): Promise<{ approved: boolean }> {
  await consumed(deps, input.decided);
  const record = await loadLive(deps, input.appraisalId);
  const key = decisionKey(input.decided, "skp-approval");
  const body = input.decided.decision as {
    decision?: string;
    comment?: string;
    ekspektasiKhusus?: Record<string, string | undefined>;
  };
  if (record.appliedSteps.includes(key)) {
    // A retry after the approval was saved still asks whoever waits for it (resuming is idempotent).
    if (body.decision === "approve") await releaseCascade(deps, record);
    return { approved: body.decision === "approve" };
  }
  expectStage(record, ["target-setting"], "RecordSkpApproval");
  if (!record.skp || record.skp.status !== "submitted")
    throw new MissingDataError(`appraisal ${record.id} has no submitted SKP to approve`);
  const by = input.decided.decidedBy?.nip ?? "unknown";
  const at = input.decided.decidedAt;
  if (body.decision === "approve") {
    // The leader's special expectations, one per BerAKHLAK value, in the values' order (DOMAIN 4.3).
    const ekspektasiKhusus = BERAKHLAK_KEYS.flatMap((k) => {
      const text = body.ekspektasiKhusus?.[k]?.trim();
      return text ? [{ key: k, text }] : [];
    });
    const approved = await save(
      deps,
      record,
      {
        stage: "measurement",
        skp: {
          ...record.skp,
          status: "approved",
          approvedAt: at,
          approvedBy: by,
          ...(ekspektasiKhusus.length ? { ekspektasiKhusus } : {}),
        },
      },
      key,
      {
        actor: actorOf(input.decided),
        action: "skp-approved",
        kind: "skp-approval",
        linkId: input.decided.linkId,
        detail: { version: record.skp.version },
      },
    );
    await releaseCascade(deps, approved);
    return { approved: true };
  }
  if (body.decision !== "return")
    throw new DecisionRejectedError(
      `skp-approval: decision must be approve or return, got ${String(body.decision)}`,
    );
  await save(
    deps,
    record,
    {
      skp: {
        ...record.skp,
        status: "returned",
        returnComments: [...record.skp.returnComments, { at, by, comment: body.comment ?? "" }],
      },
    },
    key,
    {
      actor: actorOf(input.decided),
      action: "skp-returned",
      kind: "skp-approval",
      linkId: input.decided.linkId,
      detail: { version: record.skp.version, comment: body.comment ?? "" },
    },
  );
  return { approved: false };
}
