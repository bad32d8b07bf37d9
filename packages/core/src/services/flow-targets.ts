// Target setting: the employee proposes an SKP, the appraising official approves it or returns it for revision.
import { BERAKHLAK_KEYS } from "../rating/rating";
import type { FlowIndicator, FlowSkp } from "./flow-store";
import { DecisionRejectedError, MissingDataError } from "./workflow.errors";
import {
  actorOf,
  consumed,
  decisionKey,
  type DeliveredDecision,
  expectStage,
  type FlowDeps,
  loadLive,
  save,
} from "./flow-common";

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
  if (record.appliedSteps.includes(key)) return { approved: body.decision === "approve" };
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
    await save(
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
