// Moves a thread through its states: enter a state, start its work (Task, Parallel, Map), leave it for the next one,
// and end the thread. Each state family's own rules live beside this file (data-states, wait, task, parallel-map,
// retry-catch).
import { ERROR, StatesError } from "../asl/errors";
import { applyInputPath, applyOutputPath, applyResultPath, applyResultSelector } from "../asl/paths";
import type { MapState, ParallelState, State, TaskState } from "../asl/types";
import { BATCH_MS, enqueue, recordTransition, step } from "../batch";
import type { EngineContext, ExecMeta, ThreadData } from "../context";
import { crashExecution, finishExecution } from "../executions";
import { emit, HistoryLimitReached } from "../history";
import { stringifyPayload } from "../limits";
import { contextObject, meta, stateOf } from "../meta";
import type { ThreadRow } from "../store/rows";
import { effective, flushDeferred, keepEffective, readData, save } from "../threads";
import { enterChoice, enterFail, enterPass, enterSucceed } from "./data-states";
import { childFinished, startMap, startParallel } from "./parallel-map";
import { failState } from "./retry-catch";
import { startTask } from "./task";
import { enterWait } from "./wait";

/** A state that starts work and then waits for it: a Task, Parallel or Map (the states with Retry and Catch). */
export type WorkState = TaskState | ParallelState | MapState;

/** Runs a ready thread, state after state, until it waits, ends or has used its slice of the batch. */
export function runThread(ctx: EngineContext, id: number, sliceStart: number) {
  const advancing = ctx.advancing;
  let th = ctx.store.getThread(id);
  advancing.thread = th ?? null;
  advancing.data = null;
  try {
    while (th && th.status === "ready") {
      const current: ThreadRow = th;
      try {
        step(ctx, () => advanceThread(ctx, current));
      } catch (error) {
        // The failed step rolled back; crashing the execution deletes its threads, so the deferred row is moot.
        advancing.thread = null;
        advancing.data = null;
        crashExecution(ctx, current.executionArn, error);
        return;
      }
      th = current.status === "ready" ? current : undefined;
      if (th && Date.now() - sliceStart > BATCH_MS) {
        flushDeferred(ctx);
        enqueue(ctx, th.id);
        return;
      }
    }
    flushDeferred(ctx);
  } finally {
    advancing.thread = null;
    advancing.data = null;
  }
}

/** One step of a ready thread: its phase says whether it enters its state, starts its work or leaves a Wait. */
function advanceThread(ctx: EngineContext, th: ThreadRow) {
  const m = meta(ctx, th.executionArn);
  const data = th === ctx.advancing.thread && ctx.advancing.data ? ctx.advancing.data : readData(th);
  if (m.status !== "RUNNING") {
    th.status = "cancelled";
    save(ctx, th, data);
    return;
  }
  const def = stateOf(m, th);
  try {
    if (th.phase === "enter") enterState(ctx, m, th, data, def);
    else if (th.phase === "start") startState(ctx, m, th, data, def as WorkState);
    else if (th.phase === "after-wait") {
      const outputPath = "OutputPath" in def ? def.OutputPath : undefined;
      const out = applyOutputPath(effective(th, data), outputPath, contextObject(ctx, m, th, data));
      exitState(ctx, m, th, data, def, out);
    }
  } catch (error) {
    if (error instanceof HistoryLimitReached) throw error;
    const [name, cause] =
      error instanceof StatesError
        ? [error.error, error.cause ?? ""]
        : [ERROR.Runtime, String((error as Error)?.message ?? error)];
    failState(ctx, m, th, data, def, name, cause);
  }
}

function enterState(ctx: EngineContext, m: ExecMeta, th: ThreadRow, data: ThreadData, def: State) {
  const type = def.Type;
  data.enteredMs = ctx.now();
  data.retries = [];
  emit(
    ctx,
    m,
    `${type}StateEntered`,
    { stateEnteredEventDetails: { name: th.state, input: th.input, inputDetails: { truncated: false } } },
    th,
    data,
  );
  recordTransition(ctx, m.arn, th.state);
  const input = JSON.parse(th.input) as unknown;
  const ctxObj = contextObject(ctx, m, th, data);
  switch (def.Type) {
    case "Pass":
      return enterPass(ctx, m, th, data, def, input, ctxObj);
    case "Choice":
      return enterChoice(ctx, m, th, data, def, input, ctxObj);
    case "Succeed":
      return enterSucceed(ctx, m, th, data, def, input, ctxObj);
    case "Fail":
      return enterFail(ctx, m, th, data, def, input, ctxObj);
    case "Wait":
      return enterWait(ctx, m, th, data, def, input, ctxObj);
    case "Task":
    case "Parallel":
    case "Map": {
      keepEffective(data, def.InputPath, applyInputPath(input, def.InputPath, ctxObj));
      th.phase = "start";
      return startState(ctx, m, th, data, def);
    }
    default:
      throw new StatesError(ERROR.Runtime, `Unsupported state type '${type as string}'`);
  }
}

/** Starts (or, after a retry, starts again) the work of a Task, Parallel or Map. */
export function startState(ctx: EngineContext, m: ExecMeta, th: ThreadRow, data: ThreadData, def: WorkState) {
  if (def.Type === "Task") return startTask(ctx, m, th, data, def);
  if (def.Type === "Parallel") return startParallel(ctx, m, th, data, def);
  return startMap(ctx, m, th, data, def);
}

/** The state a state goes on to by its own definition (undefined: the thread ends). */
function nextOf(def: State): string | undefined {
  if (def.Type === "Choice" || def.Type === "Succeed" || def.Type === "Fail") return undefined;
  return def.End === true ? undefined : def.Next;
}

/** Leaves the current state with `output`: to `next` (or the state's Next), or ends the thread. */
export function exitState(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: State,
  output: unknown,
  next?: string,
) {
  const text = stringifyPayload(output, `output of state '${th.state}'`);
  emit(
    ctx,
    m,
    `${def.Type}StateExited`,
    { stateExitedEventDetails: { name: th.state, output: text, outputDetails: { truncated: false } } },
    th,
    data,
  );
  const target = next ?? nextOf(def);
  if (target === undefined) return succeedThread(ctx, m, th, data, text);
  th.state = target;
  th.phase = "enter";
  th.status = "ready";
  th.input = text;
  const nextData: ThreadData = { lastEventId: data.lastEventId, mapIndex: data.mapIndex };
  if (th === ctx.advancing.thread) ctx.advancing.data = nextData;
  else save(ctx, th, nextData);
}

/** A Task, Parallel or Map has its raw result: ResultSelector, ResultPath, OutputPath, then on to Next. */
export function finishStateWithResult(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: WorkState,
  result: unknown,
) {
  const ctxObj = contextObject(ctx, m, th, data);
  const input = JSON.parse(th.input) as unknown;
  const selected =
    def.ResultSelector !== undefined ? applyResultSelector(def.ResultSelector, result, ctxObj) : result;
  const out = applyOutputPath(applyResultPath(input, selected, def.ResultPath), def.OutputPath, ctxObj);
  th.status = "ready";
  exitState(ctx, m, th, data, def, out);
  if (th.status === "ready") enqueue(ctx, th.id);
}

/** The thread reached its end: the execution succeeds, or its Parallel/Map parent counts a finished child. */
export function succeedThread(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  output: string,
) {
  th.status = "done";
  th.output = output;
  save(ctx, th, data);
  if (th.parentId === null) return finishExecution(ctx, m, "SUCCEEDED", output, null, null);
  childFinished(ctx, m, th, data, true);
}

/** The thread failed: the execution fails, or its Parallel/Map parent counts a failed child. */
export function failThread(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  error: string | null,
  cause: string | null,
) {
  th.status = "failed";
  th.error = error;
  th.cause = cause;
  save(ctx, th, data);
  if (th.parentId === null) return finishExecution(ctx, m, "FAILED", null, error, cause);
  childFinished(ctx, m, th, data, false);
}
