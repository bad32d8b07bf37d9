// HR's control of running appraisals: launch a cycle, cancel one appraisal or a whole cycle, retry a failed
// appraisal. Executions are started and stopped through the WorkflowControl port.
import type { Clock } from "../clock/clock";
import { isTerminalStage } from "../appraisal/appraisal";
import type { DecisionGateway } from "../appraisal-flow/decision-gateway";
import { decisionKeyOf } from "../appraisal-flow/common";
import { releaseCascade } from "../appraisal-flow/targets";
import type { FlowAppraisal, FlowStore } from "../appraisal-flow/flow-store";
import type { WorkflowControl } from "../workflow/workflow-control";
import {
  AppraisalNotFoundError,
  CycleNotFoundError,
  InvalidOperationError,
} from "../workflow/workflow.errors";
import { TransientError } from "../storage/storage.errors";
import { FLOW_DECISION_KINDS } from "../decision/decision-kinds";

/** Deps of the control services. */
export interface ControlDeps {
  store: FlowStore;
  clock: Clock;
  decisions: DecisionGateway;
  control: WorkflowControl;
  /** ARNs of the deployed (or local) state machines. */
  stateMachines: {
    appraisal: string;
    launchCycle: string;
    /** The paged employee import (files over SYNC_EMPLOYEE_IMPORT_MAX_ROWS); without it such files are refused. */
    importEmployees?: string;
  };
}

/** Starts the launch workflow of a cycle (deterministic name: launching twice starts it once). */
export async function launchCycle(deps: ControlDeps, cycleId: string): Promise<{ started: boolean }> {
  const cycle = await deps.store.getCycle(cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${cycleId} does not exist`);
  // Status first: the launch may finish (and set "running") before StartExecution even returns.
  if (cycle.status === "created") await deps.store.setCycleStatus(cycleId, "launching");
  const out = await deps.control.start(deps.stateMachines.launchCycle, `${cycleId}-launch-1`, {
    cycleId,
    generation: 1,
    cursor: null,
    pagesInExecution: 0,
  });
  return { started: out.started };
}

/** Cancels one appraisal: marks it cancelled, stops its execution and supersedes its pending decisions. */
export async function cancelAppraisal(
  deps: ControlDeps,
  input: { appraisalId: string; by: string; reason: string },
): Promise<{ cancelled: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const record = await deps.store.getAppraisal(input.appraisalId);
    if (!record) throw new AppraisalNotFoundError(`appraisal ${input.appraisalId} does not exist`);
    if (record.stage === "cancelled") return { cancelled: false };
    if (isTerminalStage(record.stage))
      throw new InvalidOperationError(`appraisal ${record.id} is already ${record.stage}`);
    const at = deps.clock.now().toISOString();
    const next: FlowAppraisal = {
      ...record,
      stage: "cancelled",
      version: record.version + 1,
      cancellation: { at, by: input.by, reason: input.reason },
    };
    try {
      // Mark first: a step running meanwhile then fails its version check or sees `cancelled` and ends quietly.
      await deps.store.saveAppraisal(next, {
        at,
        // Cancelled is final: an appraisal is cancelled once.
        eventId: "cancelled",
        actor: `hr:${input.by}`,
        action: "cancelled",
        detail: { reason: input.reason, stage: record.stage },
      });
    } catch (err) {
      if (err instanceof TransientError && attempt < 5) continue;
      throw err;
    }
    if (record.executionArn)
      await deps.control.stop(record.executionArn, `cancelled by ${input.by}: ${input.reason}`);
    for (const kind of FLOW_DECISION_KINDS) {
      await deps.decisions.close({
        decisionKey: decisionKeyOf(record, kind),
        status: "superseded",
        reason: `Penilaian dibatalkan: ${input.reason}`,
        decidedBy: input.by,
      });
    }
    // Staff waiting for this appraisal's SKP (rule 27) are at the top of the cascade now: ask them at once.
    await releaseCascade(deps, record);
    return { cancelled: true };
  }
}

/** Cancels every live appraisal of a cycle and marks the cycle cancelled. */
export async function cancelCycle(
  deps: ControlDeps,
  input: { cycleId: string; by: string; reason: string },
): Promise<{ cancelled: number }> {
  const cycle = await deps.store.getCycle(input.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${input.cycleId} does not exist`);
  // Stop the launch first so no new appraisal starts behind our back.
  await deps.store.setCycleStatus(input.cycleId, "cancelling", input.reason);
  let cancelled = 0;
  let cursor: string | null = null;
  do {
    const page = await deps.store.listAppraisalsOfCycle(input.cycleId, cursor, 200);
    for (const a of page.items) {
      if (isTerminalStage(a.stage)) continue;
      const out = await cancelAppraisal(deps, { appraisalId: a.id, by: input.by, reason: input.reason });
      if (out.cancelled) cancelled += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  await deps.store.setCycleStatus(input.cycleId, "cancelled", input.reason);
  return { cancelled };
}

/** Retries a failed appraisal: back to the stage it failed in, in a new execution with a deterministic name. */
export async function retryAppraisal(
  deps: ControlDeps,
  input: { appraisalId: string; by: string },
): Promise<{ executionName: string; started: boolean }> {
  const record = await deps.store.getAppraisal(input.appraisalId);
  if (!record) throw new AppraisalNotFoundError(`appraisal ${input.appraisalId} does not exist`);
  if (record.stage !== "failed" || !record.failure)
    throw new InvalidOperationError(
      `appraisal ${record.id} is ${record.stage}, only a failed appraisal can be retried`,
    );
  const retries = (record.retries ?? 0) + 1;
  const base = `${record.id}-r${retries}`;
  const at = deps.clock.now().toISOString();
  await deps.store.saveAppraisal(
    {
      ...record,
      stage: record.failure.stage,
      version: record.version + 1,
      retries,
      executionBaseName: base,
      failure: undefined,
    },
    {
      at,
      eventId: `retried#${retries}`,
      actor: `hr:${input.by}`,
      action: "retried",
      detail: { stage: record.failure.stage, previousError: record.failure.error },
    },
  );
  const out = await deps.control.start(deps.stateMachines.appraisal, base, {
    appraisalId: record.id,
    cycleId: record.cycleId,
    nip: record.nip,
    executionBaseName: base,
    generation: 1,
    decision: null,
  });
  return { executionName: base, started: out.started };
}
