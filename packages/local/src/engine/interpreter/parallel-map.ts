// Parallel and Map: the parent thread starts one child thread per branch or item and waits; each finished child is
// counted here, and the last one (or a failure beyond the Map's tolerance) finishes the parent.
import { ERROR, StatesError } from "../asl/errors";
import { applyParameters, readPath } from "../asl/paths";
import type { MapState, ParallelState } from "../asl/types";
import { enqueue } from "../batch";
import type { EngineContext, ExecMeta, ThreadData } from "../context";
import { emit } from "../history";
import { stringifyPayload } from "../limits";
import { childScope, contextObject, mapProcessor, stateOf } from "../meta";
import type { ThreadRow } from "../store/rows";
import { effective, readData, save } from "../threads";
import { clearAttempt, failState } from "./retry-catch";
import { finishStateWithResult } from "./run";

/** Starts one ready child thread per branch; the parent waits for them. */
export function startParallel(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: ParallelState,
) {
  th.attempt += 1;
  const ctxObj = contextObject(ctx, m, th, data);
  const eff = effective(th, data);
  const input = def.Parameters !== undefined ? applyParameters(def.Parameters, eff, ctxObj) : eff;
  const text = stringifyPayload(input, `input of state '${th.state}'`);
  const branches = def.Branches;
  emit(ctx, m, "ParallelStateStarted", undefined, th, data);
  branches.forEach((branch, index) => {
    const id = ctx.store.insertThread({
      executionArn: m.arn,
      parentId: th.id,
      idx: index,
      scope: childScope(th.scope, th.state, index),
      state: branch.StartAt,
      phase: "enter",
      status: "ready",
      input: text,
      data: "{}",
    });
    enqueue(ctx, id);
  });
  data.total = branches.length;
  data.remaining = branches.length;
  data.running = branches.length;
  data.failed = 0;
  th.status = "waiting";
  save(ctx, th, data);
}

/** Starts a Map: one child thread per item, ready up to MaxConcurrency, the rest pending. */
export function startMap(ctx: EngineContext, m: ExecMeta, th: ThreadRow, data: ThreadData, def: MapState) {
  th.attempt += 1;
  const ctxObj = contextObject(ctx, m, th, data);
  if (def.ItemReader !== undefined) {
    throw new StatesError(
      ERROR.ItemReaderFailed,
      "ItemReader (reading items from S3) is not available in the local engine; pass items in the input.",
    );
  }
  const eff = effective(th, data);
  const items = def.ItemsPath !== undefined ? readPath(eff, def.ItemsPath, ctxObj) : eff;
  if (!Array.isArray(items)) {
    throw new StatesError(
      ERROR.Runtime,
      `Map state '${th.state}' input (ItemsPath ${def.ItemsPath ?? "$"}) is not an array: ${JSON.stringify(items)?.slice(0, 200)}`,
    );
  }
  const selector = def.ItemSelector ?? def.Parameters;
  const processor = mapProcessor(def);
  const scope = childScope(th.scope, th.state, -1);
  emit(ctx, m, "MapStateStarted", { mapStateStartedEventDetails: { length: items.length } }, th, data);
  const inputs = items.map((value, index) => {
    const itemInput =
      selector !== undefined
        ? applyParameters(selector, eff, { ...ctxObj, Map: { Item: { Index: index, Value: value } } })
        : value;
    return stringifyPayload(itemInput, `item ${index} of state '${th.state}'`);
  });
  const maxConcurrency =
    def.MaxConcurrency ??
    (def.MaxConcurrencyPath !== undefined ? readPath(eff, def.MaxConcurrencyPath, ctxObj) : 0);
  data.total = items.length;
  data.remaining = items.length;
  data.running = 0;
  data.started = 0;
  data.failed = 0;
  data.maxConcurrency = typeof maxConcurrency === "number" && maxConcurrency > 0 ? maxConcurrency : 0;
  const toleratedCount =
    def.ToleratedFailureCount ??
    (def.ToleratedFailureCountPath !== undefined
      ? readPath(eff, def.ToleratedFailureCountPath, ctxObj)
      : undefined);
  const toleratedPercent =
    def.ToleratedFailurePercentage ??
    (def.ToleratedFailurePercentagePath !== undefined
      ? readPath(eff, def.ToleratedFailurePercentagePath, ctxObj)
      : undefined);
  if (typeof toleratedCount === "number") data.toleratedCount = toleratedCount;
  if (typeof toleratedPercent === "number") data.toleratedPercent = toleratedPercent;
  // Iterations within MaxConcurrency are written ready and started at once (the same MapIterationStarted events, in
  // the same order, as starting them from pending); only the rest wait as pending for startPendingIterations.
  const startNow = data.maxConcurrency || items.length;
  inputs.forEach((input, index) => {
    const ready = index < startNow;
    const id = ctx.store.insertThread({
      executionArn: m.arn,
      parentId: th.id,
      idx: index,
      scope,
      state: processor.StartAt,
      phase: "enter",
      status: ready ? "ready" : "pending",
      input,
      data: JSON.stringify({ mapIndex: index }),
    });
    if (!ready) return;
    emit(
      ctx,
      m,
      "MapIterationStarted",
      { mapIterationStartedEventDetails: { name: th.state, index } },
      th,
      data,
    );
    data.running! += 1;
    data.started! += 1;
    enqueue(ctx, id);
  });
  th.status = "waiting";
  if (items.length === 0) {
    emit(ctx, m, "MapStateSucceeded", undefined, th, data);
    return finishStateWithResult(ctx, m, th, data, def, []);
  }
  startPendingIterations(ctx, m, th, data);
  save(ctx, th, data);
}

/** Starts pending Map iterations up to MaxConcurrency. */
function startPendingIterations(ctx: EngineContext, m: ExecMeta, th: ThreadRow, data: ThreadData) {
  const limit = data.maxConcurrency ? data.maxConcurrency - (data.running ?? 0) : Number.MAX_SAFE_INTEGER;
  if (limit <= 0) return;
  // Once every iteration has started there is nothing pending; skipping the lookup keeps a Map linear in its items
  // (the pending-children query scans the parent's children, and it ran after every iteration).
  if (data.started !== undefined && data.total !== undefined && data.started >= data.total) return;
  for (const child of ctx.store.nextPendingChildren(th.id, Math.min(limit, 1_000_000))) {
    ctx.store.setThreadStatus(child.id, "ready");
    emit(
      ctx,
      m,
      "MapIterationStarted",
      { mapIterationStartedEventDetails: { name: th.state, index: child.idx } },
      th,
      data,
    );
    data.running = (data.running ?? 0) + 1;
    if (data.started !== undefined) data.started += 1;
    enqueue(ctx, child.id);
  }
}

/** A child thread ended: count it; the last one finishes the parent, a failure beyond tolerance fails it. */
export function childFinished(
  ctx: EngineContext,
  m: ExecMeta,
  child: ThreadRow,
  childData: ThreadData,
  ok: boolean,
) {
  const parent = ctx.store.getThread(child.parentId!)!;
  if (parent.status !== "waiting" || parent.phase !== "start") return;
  const pdata = readData(parent);
  const pdef = stateOf(m, parent) as ParallelState | MapState;
  const isMap = pdef.Type === "Map";
  if (isMap) {
    emit(
      ctx,
      m,
      ok ? "MapIterationSucceeded" : "MapIterationFailed",
      {
        [ok ? "mapIterationSucceededEventDetails" : "mapIterationFailedEventDetails"]: {
          name: parent.state,
          index: childData.mapIndex,
        },
      },
      parent,
      pdata,
    );
  }
  pdata.remaining = (pdata.remaining ?? 1) - 1;
  pdata.running = (pdata.running ?? 1) - 1;
  if (!ok) {
    pdata.failed = (pdata.failed ?? 0) + 1;
    const tolerated = isMap && withinTolerance(pdata);
    if (!tolerated) {
      const error = child.error ?? (isMap ? ERROR.TaskFailed : ERROR.BranchFailed);
      if (isMap && (pdata.toleratedCount !== undefined || pdata.toleratedPercent !== undefined)) {
        return failState(
          ctx,
          m,
          parent,
          pdata,
          pdef,
          ERROR.ExceedToleratedFailureThreshold,
          `The number of failed items exceeded the tolerated failure threshold of the Map state '${parent.state}'.`,
        );
      }
      return failState(ctx, m, parent, pdata, pdef, error, child.cause);
    }
  }
  if (pdata.remaining <= 0) {
    const children = ctx.store.childThreads(parent.id);
    const results = children.map((c) =>
      c.status === "done" ? (JSON.parse(c.output ?? "null") as unknown) : { Error: c.error, Cause: c.cause },
    );
    emit(ctx, m, isMap ? "MapStateSucceeded" : "ParallelStateSucceeded", undefined, parent, pdata);
    ctx.store.deleteThreads(ctx.store.descendantIds(parent.id));
    clearAttempt(ctx, parent, pdata);
    try {
      finishStateWithResult(ctx, m, parent, pdata, pdef, results);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      failState(ctx, m, parent, pdata, pdef, error.error, error.cause ?? "");
    }
    return;
  }
  if (isMap) startPendingIterations(ctx, m, parent, pdata);
  save(ctx, parent, pdata);
}

function withinTolerance(pdata: ThreadData): boolean {
  const failed = pdata.failed ?? 0;
  if (pdata.toleratedCount === undefined && pdata.toleratedPercent === undefined) return false;
  if (pdata.toleratedCount !== undefined && failed <= pdata.toleratedCount) return true;
  if (
    pdata.toleratedPercent !== undefined &&
    pdata.total &&
    (failed / pdata.total) * 100 <= pdata.toleratedPercent
  )
    return true;
  return false;
}

/** Cancels a Parallel's or Map's child threads (and theirs), with their tokens and timers. */
export function cancelChildren(ctx: EngineContext, th: ThreadRow) {
  const ids = ctx.store.descendantIds(th.id);
  ctx.store.cancelThreads(ids);
  ctx.store.deleteThreads(ids);
}
