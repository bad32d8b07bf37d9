// An execution's life: started (by the API or a parent's startExecution task), finished (succeeded, failed, timed out,
// aborted, with its running children aborted too), and a .sync child's end reported to the parent task waiting on it.
import { randomUUID } from "node:crypto";
import { ERROR, StatesError } from "./asl/errors";
import { after, enqueue, step } from "./batch";
import type { EngineContext, ExecMeta } from "./context";
import { StatesApiError } from "./errors";
import { emit, HistoryLimitReached } from "./history";
import { failState } from "./interpreter/retry-catch";
import { completeOrFailTask, resourceName, taskState } from "./interpreter/task";
import { ENGINE_LIMITS, utf8Bytes } from "./limits";
import { meta, parsedDefinition, remember, stateOf } from "./meta";
import { assertValidName } from "./names";
import { parseResource } from "./resources";
import type { ExecutionRow, ExecutionStatus } from "./store/rows";
import { readData } from "./threads";

/** What starts an execution: StartExecution's fields, and the parent task waiting on it (a .sync start). */
export interface StartRequest {
  stateMachineArn: unknown;
  name?: unknown;
  input?: unknown;
  parent?: { threadId: number; attempt: number; arn: string } | null;
}

/** Starts an execution inside the current transaction; errors come back as values so a Task can turn them into States errors. */
export function startExecutionInTx(
  ctx: EngineContext,
  req: StartRequest,
): {
  error?: StatesApiError;
  value?: { executionArn: string; startMs: number };
} {
  try {
    return { value: startExecution(ctx, req) };
  } catch (error) {
    if (error instanceof StatesApiError) return { error };
    throw error;
  }
}

/** Starts an execution; with `runInline` its first thread is not queued but returned for the caller to run now. */
export function startExecution(
  ctx: EngineContext,
  req: StartRequest,
  runInline = false,
): { executionArn: string; startMs: number; threadId?: number } {
  const store = ctx.store;
  const machineName = ctx.arn.parseStateMachine(req.stateMachineArn);
  const machine = store.getMachine(req.stateMachineArn as string);
  if (!machine)
    throw new StatesApiError(
      "StateMachineDoesNotExist",
      `State Machine Does Not Exist: '${String(req.stateMachineArn)}'`,
    );
  const name = req.name === undefined || req.name === null ? randomUUID() : req.name;
  assertValidName(name, "execution");
  const input = req.input === undefined || req.input === null ? "{}" : req.input;
  if (typeof input !== "string")
    throw new StatesApiError(
      "InvalidExecutionInput",
      "Invalid State Machine Execution Input: input must be a JSON string",
    );
  if (utf8Bytes(input) > ENGINE_LIMITS.payloadBytes) {
    throw new StatesApiError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: input is ${utf8Bytes(input)} bytes, more than the ${ENGINE_LIMITS.payloadBytes}-byte limit`,
    );
  }
  try {
    JSON.parse(input);
  } catch (error) {
    throw new StatesApiError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: '${(error as Error).message}'`,
    );
  }
  const executionArn = ctx.arn.execution(machineName, name);
  const existing = store.getExecution(executionArn);
  if (existing) {
    // AWS: same name and input as a RUNNING execution returns it; a closed one or different input is ExecutionAlreadyExists.
    if (existing.status === "RUNNING" && existing.input === input && !req.parent)
      return { executionArn, startMs: existing.startMs };
    throw new StatesApiError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
  }
  const startMs = ctx.now();
  const definition = parsedDefinition(ctx, machine.definition);
  const id = store.insertExecution({
    arn: executionArn,
    stateMachineArn: machine.arn,
    name,
    input,
    startMs,
    definition: machine.definition,
    parentThread: req.parent?.threadId ?? null,
    parentAttempt: req.parent?.attempt ?? null,
    parentArn: req.parent?.arn ?? null,
  });
  // Built from what was just written rather than read back (a rollback clears the cache).
  const m = remember(ctx, {
    id,
    arn: executionArn,
    name,
    stateMachineArn: machine.arn,
    stateMachineName: machineName,
    roleArn: machine.roleArn,
    startMs,
    input,
    definition,
    scopes: new Map(),
    historyCount: 0,
    status: "RUNNING",
    hasParent: req.parent != null,
  });
  emit(ctx, m, "ExecutionStarted", {
    executionStartedEventDetails: { input, inputDetails: { truncated: false }, roleArn: machine.roleArn },
  });
  // Only a TimeoutSeconds below AWS's one-year limit needs its own timer row; the one-year limit itself follows from the
  // committed start time (see expireExecutions), which spares every execution a timer insert and delete.
  if (
    typeof definition.TimeoutSeconds === "number" &&
    definition.TimeoutSeconds * 1000 < ENGINE_LIMITS.executionDurationMs
  ) {
    store.insertTimer({
      dueMs: startMs + definition.TimeoutSeconds * 1000,
      kind: "execution-timeout",
      threadId: null,
      attempt: null,
      executionArn,
      token: null,
    });
  }
  const threadId = store.insertThread({
    executionArn,
    parentId: null,
    idx: 0,
    scope: "",
    state: definition.StartAt,
    phase: "enter",
    status: "ready",
    input,
    data: "{}",
  });
  if (runInline) return { executionArn, startMs, threadId };
  enqueue(ctx, threadId);
  return { executionArn, startMs };
}

/** Ends a RUNNING execution with `status`: its closing event, its timers, tokens and threads gone, its children aborted. */
export function finishExecution(
  ctx: EngineContext,
  m: ExecMeta,
  status: ExecutionStatus,
  output: string | null,
  error: string | null,
  cause: string | null,
) {
  const store = ctx.store;
  const stopMs = ctx.now();
  // AWS's DescribeExecution of a timed-out execution has no error or cause; only its ExecutionTimedOut event names
  // States.Timeout.
  const stored = status === "TIMED_OUT" ? { error: null, cause: null } : { error, cause };
  if (!store.finishExecution({ arn: m.arn, status, output, ...stored, stopMs })) return;
  m.status = status;
  const type = {
    SUCCEEDED: "ExecutionSucceeded",
    FAILED: "ExecutionFailed",
    TIMED_OUT: "ExecutionTimedOut",
    ABORTED: "ExecutionAborted",
    RUNNING: "",
  }[status];
  const details =
    status === "SUCCEEDED"
      ? { executionSucceededEventDetails: { output, outputDetails: { truncated: false } } }
      : {
          [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: {
            error: error ?? undefined,
            cause: cause ?? undefined,
          },
        };
  emit(ctx, m, type, details);
  store.deleteExecutionTimers(m.arn);
  store.closeExecutionTokens(m.arn);
  store.deleteExecutionThreads(m.arn);
  for (const child of store.runningChildExecutions(m.arn)) {
    finishExecution(
      ctx,
      meta(ctx, child),
      "ABORTED",
      null,
      "States.Aborted",
      `Parent execution ${m.arn} ended`,
    );
  }
  if (m.hasParent) notifyParent(ctx, store.getExecution(m.arn)!);
  after(ctx, () => {
    ctx.caches.metas.delete(m.arn);
    const waiters = ctx.waiters.execution.get(m.arn);
    ctx.waiters.execution.delete(m.arn);
    waiters?.forEach((w) => w());
  });
}

/** A .sync child execution ended: complete or fail the parent's task. */
function notifyParent(ctx: EngineContext, child: ExecutionRow) {
  const th = ctx.store.getThread(child.parentThread!);
  if (!th || th.attempt !== child.parentAttempt || th.phase !== "start" || th.status !== "waiting") return;
  const m = meta(ctx, th.executionArn);
  if (m.status !== "RUNNING") return;
  const data = readData(th);
  const def = taskState(stateOf(m, th));
  const resource = parseResource(def.Resource);
  const sync2 = resource.kind === "start-execution" && resource.mode === "sync2";
  const described = {
    ExecutionArn: child.arn,
    Input: sync2 ? JSON.parse(child.input) : child.input,
    InputDetails: { Included: true },
    Name: child.name,
    Output: child.output === null ? undefined : sync2 ? JSON.parse(child.output) : child.output,
    OutputDetails: { Included: true },
    StartDate: child.startMs,
    StateMachineArn: child.stateMachineArn,
    Status: child.status,
    StopDate: child.stopMs,
    ...(child.error !== null ? { Error: child.error } : {}),
    ...(child.cause !== null ? { Cause: child.cause } : {}),
  };
  if (child.status === "SUCCEEDED") return completeOrFailTask(ctx, m, th, data, def, described);
  try {
    const error = ERROR.TaskFailed;
    const cause = JSON.stringify(described);
    emit(
      ctx,
      m,
      "TaskFailed",
      {
        taskFailedEventDetails: { resourceType: "states", resource: resourceName(resource), error, cause },
      },
      th,
      data,
    );
    failState(ctx, m, th, data, def, error, cause);
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    failState(ctx, m, th, data, def, error.error, error.cause ?? "");
  }
}

/** Fails an execution whose step broke (history limit, or an engine bug surfaced as States.Runtime). */
export function crashExecution(ctx: EngineContext, executionArn: string, error: unknown) {
  const [err, cause] =
    error instanceof HistoryLimitReached
      ? [
          ERROR.Runtime,
          `The execution reached the maximum number of history events (${ENGINE_LIMITS.historyEvents}).`,
        ]
      : error instanceof StatesError
        ? [error.error, error.cause ?? ""]
        : [ERROR.Runtime, `Internal engine error: ${error instanceof Error ? error.message : String(error)}`];
  step(ctx, () => finishExecution(ctx, meta(ctx, executionArn), "FAILED", null, err, cause));
}
