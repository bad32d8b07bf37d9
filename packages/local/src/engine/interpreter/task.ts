// Task: starts its resource (a Lambda call, an activity, a child execution), then completes with the result or times
// out. The Lambda call itself is lambda.ts; callbacks and activities answer through callbacks.ts.
import type { ContextObject } from "../asl/context";
import { ERROR, StatesError } from "../asl/errors";
import { applyParameters, readPath } from "../asl/paths";
import type { State, TaskState } from "../asl/types";
import { after } from "../batch";
import { newToken, notifyActivity } from "../callbacks";
import type { EngineContext, ExecMeta, ThreadData } from "../context";
import { startExecutionInTx } from "../executions";
import { emit } from "../history";
import { stringifyPayload } from "../limits";
import { contextObject } from "../meta";
import { lambdaFunctionName, parseResource, type TaskResource } from "../resources";
import type { ThreadRow } from "../store/rows";
import { effective, save } from "../threads";
import { invoke } from "./lambda";
import { clearAttempt, failState } from "./retry-catch";
import { finishStateWithResult } from "./run";

/**
 * The Task a thread is in when a Lambda call, a token, a child execution or a task timer answers it: those are made
 * only by Tasks and carry the Task's attempt, so any other state here is an engine bug.
 */
export function taskState(def: State): TaskState {
  if (def.Type !== "Task") throw new Error(`expected a Task state, found a ${def.Type} state`);
  return def;
}

/** The `resourceType` of a Task's history events. */
export function resourceTypeOf(resource: TaskResource): string {
  if (resource.kind === "lambda-invoke") return "lambda";
  if (resource.kind === "start-execution") return "states";
  if (resource.kind === "activity") return "activity";
  return "lambda";
}

/** The `resource` of a Task's history events (the integration's action). */
export function resourceName(resource: TaskResource): string {
  if (resource.kind === "lambda-invoke") return resource.callback ? "invoke.waitForTaskToken" : "invoke";
  if (resource.kind === "start-execution")
    return {
      async: "startExecution",
      sync: "startExecution.sync",
      sync2: "startExecution.sync:2",
      callback: "startExecution.waitForTaskToken",
    }[resource.mode];
  return resource.resource;
}

/** TimeoutSeconds or HeartbeatSeconds: the number, or its *Path read from the effective input. */
function seconds(
  def: TaskState,
  field: "TimeoutSeconds" | "HeartbeatSeconds",
  eff: unknown,
  ctxObj: ContextObject,
): number | undefined {
  const fixed = def[field];
  if (typeof fixed === "number") return fixed;
  const path = def[`${field}Path` as const];
  if (path === undefined) return undefined;
  const value = readPath(eff, path, ctxObj);
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new StatesError(
      ERROR.Runtime,
      `The ${field}Path parameter does not reference a positive integer: ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Starts a Task's attempt: its timers and token, its events, then the resource. */
export function startTask(ctx: EngineContext, m: ExecMeta, th: ThreadRow, data: ThreadData, def: TaskState) {
  const store = ctx.store;
  th.attempt += 1;
  const resource = parseResource(def.Resource);
  const callback =
    (resource.kind === "lambda-invoke" && resource.callback) ||
    (resource.kind === "start-execution" && resource.mode === "callback") ||
    resource.kind === "activity";
  const token = callback ? newToken() : undefined;
  const ctxObj = contextObject(ctx, m, th, data, token ? { Task: { Token: token } } : {});
  const eff = effective(th, data);
  const params: unknown = def.Parameters !== undefined ? applyParameters(def.Parameters, eff, ctxObj) : eff;
  const timeout = seconds(def, "TimeoutSeconds", eff, ctxObj);
  const heartbeat = seconds(def, "HeartbeatSeconds", eff, ctxObj);
  const paramsText = stringifyPayload(params, `parameters of state '${th.state}'`);
  const t = ctx.now();
  if (timeout !== undefined) {
    store.insertTimer({
      dueMs: t + timeout * 1000,
      kind: "task-timeout",
      threadId: th.id,
      attempt: th.attempt,
      executionArn: m.arn,
      token: null,
    });
  }
  if (token) {
    store.insertToken({
      token,
      threadId: th.id,
      attempt: th.attempt,
      executionArn: m.arn,
      state: th.state,
      kind: resource.kind === "activity" ? "activity" : "callback",
      status: "active",
      activityArn: resource.kind === "activity" ? resource.activityArn : null,
      input: resource.kind === "activity" ? paramsText : null,
      createdMs: t,
      heartbeatSeconds: heartbeat ?? null,
    });
    data.token = token;
    // AWS starts the heartbeat clock when a callback task starts; an activity's when a worker picks it up.
    if (heartbeat !== undefined && resource.kind !== "activity") {
      store.insertTimer({
        dueMs: t + heartbeat * 1000,
        kind: "heartbeat",
        threadId: th.id,
        attempt: th.attempt,
        executionArn: m.arn,
        token,
      });
    }
  } else {
    delete data.token;
  }

  if (resource.kind === "lambda-arn" || resource.kind === "lambda-invoke") {
    let functionName: string;
    let event: unknown;
    if (resource.kind === "lambda-arn") {
      functionName = resource.functionName;
      event = params;
      emit(
        ctx,
        m,
        "LambdaFunctionScheduled",
        {
          lambdaFunctionScheduledEventDetails: {
            resource: resource.resource,
            input: paramsText,
            timeoutInSeconds: timeout,
          },
        },
        th,
        data,
      );
      emit(ctx, m, "LambdaFunctionStarted", undefined, th, data);
    } else {
      const p = (params ?? {}) as Record<string, unknown>;
      if (typeof p.FunctionName !== "string")
        throw new StatesError(
          ERROR.Runtime,
          "The field 'FunctionName' is required for arn:aws:states:::lambda:invoke",
        );
      functionName = lambdaFunctionName(p.FunctionName);
      event = "Payload" in p ? p.Payload : {};
      emitTaskScheduledAndStarted(ctx, m, th, data, resource, paramsText, timeout, heartbeat);
    }
    data.inv = {
      mode: callback ? "callback" : "sync",
      functionName,
      event,
      wrap: resource.kind === "lambda-arn" ? "bare" : "invoke",
    };
    th.status = "running";
    save(ctx, th, data);
    const invocation = data.inv;
    const [threadId, attempt] = [th.id, th.attempt];
    after(ctx, () => invoke(ctx, threadId, attempt, invocation));
    return;
  }

  if (resource.kind === "activity") {
    if (!store.getActivity(resource.activityArn)) {
      throw new StatesError("States.Runtime", `Activity does not exist: ${resource.activityArn}`);
    }
    emit(
      ctx,
      m,
      "ActivityScheduled",
      {
        activityScheduledEventDetails: {
          resource: resource.resource,
          input: paramsText,
          inputDetails: { truncated: false },
          timeoutInSeconds: timeout,
          heartbeatInSeconds: heartbeat,
        },
      },
      th,
      data,
    );
    th.status = "waiting";
    save(ctx, th, data);
    after(ctx, () => notifyActivity(ctx, resource.activityArn));
    return;
  }

  if (resource.kind === "start-execution") {
    emitTaskScheduledAndStarted(ctx, m, th, data, resource, paramsText, timeout, heartbeat);
    const p = (params ?? {}) as Record<string, unknown>;
    const child = startExecutionInTx(ctx, {
      stateMachineArn: p.StateMachineArn,
      name: p.Name,
      input: typeof p.Input === "string" ? p.Input : p.Input === undefined ? "{}" : JSON.stringify(p.Input),
      parent:
        resource.mode === "sync" || resource.mode === "sync2"
          ? { threadId: th.id, attempt: th.attempt, arn: m.arn }
          : null,
    });
    if (child.error) throw new StatesError(`StepFunctions.${child.error.type}Exception`, child.error.message);
    if (resource.mode === "async") {
      const result = { ExecutionArn: child.value!.executionArn, StartDate: child.value!.startMs };
      th.status = "running";
      return completeTask(ctx, m, th, data, def, result);
    }
    th.status = "waiting";
    save(ctx, th, data);
    return;
  }

  throw new StatesError(ERROR.Runtime, `Unsupported Task resource '${resource.resource}'`);
}

/** The TaskScheduled and TaskStarted events of a service-integration Task (lambda:invoke, states:startExecution). */
function emitTaskScheduledAndStarted(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  resource: TaskResource,
  params: string,
  timeout?: number,
  heartbeat?: number,
) {
  emit(
    ctx,
    m,
    "TaskScheduled",
    {
      taskScheduledEventDetails: {
        resourceType: resourceTypeOf(resource),
        resource: resourceName(resource),
        region: ctx.region,
        parameters: params,
        timeoutInSeconds: timeout,
        heartbeatInSeconds: heartbeat,
      },
    },
    th,
    data,
  );
  emit(
    ctx,
    m,
    "TaskStarted",
    { taskStartedEventDetails: { resourceType: resourceTypeOf(resource), resource: resourceName(resource) } },
    th,
    data,
  );
}

/** A Task produced its raw result: its succeeded event, then ResultSelector, ResultPath, OutputPath and on to Next. */
export function completeTask(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: TaskState,
  result: unknown,
) {
  const resource = parseResource(def.Resource);
  const text = stringifyPayload(result, `result of state '${th.state}'`);
  if (resource.kind === "lambda-arn")
    emit(
      ctx,
      m,
      "LambdaFunctionSucceeded",
      { lambdaFunctionSucceededEventDetails: { output: text, outputDetails: { truncated: false } } },
      th,
      data,
    );
  else if (resource.kind === "activity")
    emit(
      ctx,
      m,
      "ActivitySucceeded",
      { activitySucceededEventDetails: { output: text, outputDetails: { truncated: false } } },
      th,
      data,
    );
  else
    emit(
      ctx,
      m,
      "TaskSucceeded",
      {
        taskSucceededEventDetails: {
          resourceType: resourceTypeOf(resource),
          resource: resourceName(resource),
          output: text,
          outputDetails: { truncated: false },
        },
      },
      th,
      data,
    );
  clearAttempt(ctx, th, data);
  finishStateWithResult(ctx, m, th, data, def, result);
}

/** completeTask, with a States error in the result's handling (ResultSelector, ResultPath, size) failing the state. */
export function completeOrFailTask(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: TaskState,
  result: unknown,
) {
  try {
    completeTask(ctx, m, th, data, def, result);
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    failState(ctx, m, th, data, def, error.error, error.cause ?? "");
  }
}

/**
 * A Task ran past its TimeoutSeconds or missed its HeartbeatSeconds. AWS reports both as States.Timeout without a
 * cause (the timed-out event, the execution's error and a catcher's output); a missed heartbeat is matched as
 * States.HeartbeatTimeout as well (see errorMatches).
 */
export function timeOutTask(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: TaskState,
  heartbeat: boolean,
) {
  if (data.token) ctx.store.setTokenStatus(data.token, "timed-out");
  delete data.token;
  const resource = parseResource(def.Resource);
  const error = ERROR.Timeout;
  if (resource.kind === "activity")
    emit(ctx, m, "ActivityTimedOut", { activityTimedOutEventDetails: { error } }, th, data);
  else if (resource.kind === "lambda-arn")
    emit(ctx, m, "LambdaFunctionTimedOut", { lambdaFunctionTimedOutEventDetails: { error } }, th, data);
  else
    emit(
      ctx,
      m,
      "TaskTimedOut",
      {
        taskTimedOutEventDetails: {
          resourceType: resourceTypeOf(resource),
          resource: resourceName(resource),
          error,
        },
      },
      th,
      data,
    );
  failState(ctx, m, th, data, def, heartbeat ? ERROR.HeartbeatTimeout : ERROR.Timeout, null);
}
