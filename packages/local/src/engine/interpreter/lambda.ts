// A Task's Lambda call: the in-process handler runs outside any transaction, after the step that scheduled it
// committed; its outcome is applied in a new step if the Task's attempt is still the current one.
import { checkIdle, step } from "../batch";
import type { EngineContext, Invocation } from "../context";
import { crashExecution } from "../executions";
import { emit } from "../history";
import { meta, stateOf } from "../meta";
import { LambdaTimeoutError, lambdaError, lambdaInvokeResult, parseResource, requestId } from "../resources";
import type { ThreadRow } from "../store/rows";
import { readData, save } from "../threads";
import { failState } from "./retry-catch";
import { completeOrFailTask, resourceName, taskState } from "./task";

/** An in-process Lambda handler. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/**
 * A function the engine can invoke: a bare handler, or the handler with the timeout the function is configured with
 * (seconds; Lambda enforces it, so a handler running longer fails with Sandbox.Timedout). A bare handler gets Lambda's
 * maximum of 900 s.
 */
export type LambdaFunction = LambdaHandler | { handler: LambdaHandler; timeoutSeconds: number };

/** Resolves a Lambda function name to its in-process function (undefined = no such function). */
export type LambdaResolver = (functionName: string) => LambdaFunction | undefined;

/** The part of the Lambda context object local handlers get. */
export interface LambdaContext {
  functionName: string;
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** Lambda's longest function timeout, given to functions that declare none. */
const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

type Outcome = { ok: true; value: unknown } | { ok: false; thrown: unknown };

/** Calls the Lambda handler outside any transaction; its outcome is applied in a new step if the attempt is still current. */
export function invoke(ctx: EngineContext, threadId: number, attempt: number, inv: Invocation) {
  if (ctx.closed) return;
  ctx.batch.inFlight += 1;
  const resolved = ctx.lambdas(inv.functionName);
  const fn = typeof resolved === "function" ? { handler: resolved, timeoutSeconds: undefined } : resolved;
  const awsRequestId = requestId();
  const timeoutSeconds = fn?.timeoutSeconds ?? LAMBDA_MAX_TIMEOUT_SECONDS;
  const run = async () => {
    if (!fn) {
      const error = new Error(
        `Function not found: arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${inv.functionName}`,
      );
      error.name = "Lambda.ResourceNotFoundException";
      throw error;
    }
    // Lambda's timeout is real time, as in the cloud; the engine's clock (advance) does not move it. The handler
    // cannot be stopped in-process: past its deadline its outcome is ignored and the Task fails as Lambda reports.
    const deadline = Date.now() + timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LambdaTimeoutError(awsRequestId, timeoutSeconds)),
        timeoutSeconds * 1000,
      );
      timer.unref();
    });
    try {
      return await Promise.race([
        fn.handler(structuredClone(inv.event), {
          functionName: inv.functionName,
          awsRequestId,
          getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        }),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  // Started from a microtask, not synchronously: the effect runs right after a commit, possibly inside an API call
  // (a start runs its first steps inline), and the handler should begin only once that call has returned.
  Promise.resolve()
    .then(run)
    .then(
      (value): Outcome => ({ ok: true, value }),
      (thrown: unknown): Outcome => ({ ok: false, thrown }),
    )
    .then((outcome) => {
      if (ctx.closed) return;
      try {
        step(ctx, () => onInvocationDone(ctx, threadId, attempt, inv, outcome, awsRequestId));
      } catch (error) {
        const th = ctx.store.getThread(threadId);
        if (th) crashExecution(ctx, th.executionArn, error);
      }
    })
    .finally(() => {
      ctx.batch.inFlight -= 1;
      checkIdle(ctx);
    });
}

/** Applies a Lambda call's outcome to its Task: failed, submitted (a callback now waits for its token) or completed. */
function onInvocationDone(
  ctx: EngineContext,
  threadId: number,
  attempt: number,
  inv: Invocation,
  outcome: Outcome,
  awsRequestId: string,
) {
  const th = ctx.store.getThread(threadId);
  if (
    !th ||
    th.attempt !== attempt ||
    th.phase !== "start" ||
    (th.status !== "running" && th.status !== "waiting")
  )
    return;
  const m = meta(ctx, th.executionArn);
  if (m.status !== "RUNNING") return;
  const data = readData(th);
  const def = taskState(stateOf(m, th));
  const resource = parseResource(def.Resource);
  if (!outcome.ok) {
    const { error, cause } = lambdaError(outcome.thrown);
    if (data.token) ctx.store.setTokenStatus(data.token, "closed");
    if (inv.wrap === "bare")
      emit(ctx, m, "LambdaFunctionFailed", { lambdaFunctionFailedEventDetails: { error, cause } }, th, data);
    else
      emit(
        ctx,
        m,
        "TaskFailed",
        {
          taskFailedEventDetails: {
            resourceType: "lambda",
            resource: resourceName(resource),
            error,
            cause,
          },
        },
        th,
        data,
      );
    return failState(ctx, m, th, data, def, error, cause);
  }
  if (inv.mode === "callback") {
    if (th.status !== "running") return;
    emit(
      ctx,
      m,
      "TaskSubmitted",
      {
        taskSubmittedEventDetails: {
          resourceType: "lambda",
          resource: resourceName(resource),
          output: JSON.stringify(lambdaInvokeResult(outcome.value, awsRequestId)),
        },
      },
      th,
      data,
    );
    th.status = "waiting";
    save(ctx, th, data);
    return;
  }
  const result =
    inv.wrap === "invoke"
      ? lambdaInvokeResult(outcome.value, awsRequestId)
      : outcome.value === undefined
        ? null
        : outcome.value;
  completeOrFailTask(ctx, m, th, data, def, result);
}

/** Re-issues the in-flight invocation of a thread found "running" (after a restart). */
export function resumeInvocation(ctx: EngineContext, th: ThreadRow) {
  const data = readData(th);
  if (data.inv) invoke(ctx, th.id, th.attempt, data.inv);
}
