// Task tokens and activities: SendTaskSuccess/Failure/Heartbeat answer a waiting Task by its token; activity workers
// long-poll GetActivityTask for the tasks of an activity; activities are created, listed and deleted here.
import { randomBytes } from "node:crypto";
import { step } from "./batch";
import type { EngineContext } from "./context";
import { StatesApiError } from "./errors";
import { emit } from "./history";
import { failState } from "./interpreter/retry-catch";
import { completeOrFailTask, resourceName, resourceTypeOf, taskState } from "./interpreter/task";
import { ENGINE_LIMITS, utf8Bytes } from "./limits";
import { meta, stateOf } from "./meta";
import { assertValidName } from "./names";
import { parseResource } from "./resources";
import type { TokenRow } from "./store/rows";
import { readData, save } from "./threads";

const TOKEN_PREFIX = "AQ";
const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]+$`);

/** A new task token (opaque to callers; AWS's start with "AQ" too). */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(96).toString("base64url");
}

/** The stored token a caller names, if it is still open (else AWS's InvalidToken, TaskDoesNotExist, TaskTimedOut). */
function tokenRow(ctx: EngineContext, taskToken: unknown): TokenRow {
  if (
    typeof taskToken !== "string" ||
    taskToken.length === 0 ||
    taskToken.length > ENGINE_LIMITS.taskTokenMaxLength
  ) {
    throw new StatesApiError(
      "InvalidToken",
      `Invalid Token: 'taskToken' must be a string of 1 to ${ENGINE_LIMITS.taskTokenMaxLength} characters`,
    );
  }
  if (!TOKEN_SHAPE.test(taskToken))
    throw new StatesApiError("InvalidToken", "Invalid Token: 'Invalid token'");
  const row = ctx.store.getToken(taskToken);
  if (!row) throw new StatesApiError("TaskDoesNotExist", "Task Does Not Exist: the token belongs to no task");
  if (row.status === "timed-out" || row.status === "closed" || row.status === "done") {
    throw new StatesApiError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  }
  return row;
}

/** The Task thread a token belongs to, while that attempt still waits for it. */
function loadTokenThread(ctx: EngineContext, row: TokenRow) {
  const th = ctx.store.getThread(row.threadId);
  if (
    !th ||
    th.attempt !== row.attempt ||
    th.phase !== "start" ||
    (th.status !== "waiting" && th.status !== "running")
  ) {
    throw new StatesApiError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  }
  const m = meta(ctx, th.executionArn);
  const data = readData(th);
  return { th, m, data, def: taskState(stateOf(m, th)) };
}

/** SendTaskSuccess: the Task completes with `output`. */
export function sendTaskSuccess(ctx: EngineContext, req: { taskToken?: unknown; output?: unknown }) {
  if (typeof req.output !== "string")
    throw new StatesApiError("InvalidOutput", "Invalid Output: 'output' must be a JSON string");
  if (utf8Bytes(req.output) > ENGINE_LIMITS.payloadBytes)
    throw new StatesApiError(
      "InvalidOutput",
      `Invalid Output: larger than ${ENGINE_LIMITS.payloadBytes} bytes`,
    );
  let output: unknown;
  try {
    output = JSON.parse(req.output);
  } catch (error) {
    throw new StatesApiError("InvalidOutput", `Invalid Output: '${(error as Error).message}'`);
  }
  step(ctx, () => {
    const row = tokenRow(ctx, req.taskToken);
    const { th, m, data, def } = loadTokenThread(ctx, row);
    ctx.store.setTokenStatus(row.token, "done");
    completeOrFailTask(ctx, m, th, data, def, output);
  });
  return {};
}

/** SendTaskFailure: the Task fails with `error` and `cause` (then its Retry and Catch apply). */
export function sendTaskFailure(
  ctx: EngineContext,
  req: { taskToken?: unknown; error?: unknown; cause?: unknown },
) {
  const error = typeof req.error === "string" ? req.error : "";
  const cause = typeof req.cause === "string" ? req.cause : "";
  if (error.length > 256)
    throw new StatesApiError(
      "ValidationException",
      "1 validation error detected: 'error' must have length less than or equal to 256",
    );
  if (cause.length > 32768)
    throw new StatesApiError(
      "ValidationException",
      "1 validation error detected: 'cause' must have length less than or equal to 32768",
    );
  step(ctx, () => {
    const row = tokenRow(ctx, req.taskToken);
    const { th, m, data, def } = loadTokenThread(ctx, row);
    ctx.store.setTokenStatus(row.token, "done");
    const resource = parseResource(def.Resource);
    if (resource.kind === "activity")
      emit(ctx, m, "ActivityFailed", { activityFailedEventDetails: { error, cause } }, th, data);
    else
      emit(
        ctx,
        m,
        "TaskFailed",
        {
          taskFailedEventDetails: {
            resourceType: resourceTypeOf(resource),
            resource: resourceName(resource),
            error,
            cause,
          },
        },
        th,
        data,
      );
    failState(ctx, m, th, data, def, error, cause);
  });
  return {};
}

/** SendTaskHeartbeat: the Task's heartbeat timer starts again. */
export function sendTaskHeartbeat(ctx: EngineContext, req: { taskToken?: unknown }) {
  step(ctx, () => {
    const row = tokenRow(ctx, req.taskToken);
    loadTokenThread(ctx, row);
    if (row.heartbeatSeconds !== null) {
      ctx.store.deleteTokenTimers(row.token, "heartbeat");
      ctx.store.insertTimer({
        dueMs: ctx.now() + row.heartbeatSeconds * 1000,
        kind: "heartbeat",
        threadId: row.threadId,
        attempt: row.attempt,
        executionArn: row.executionArn,
        token: row.token,
      });
    }
  });
  return {};
}

/** Wakes the workers long-polling an activity (a task for it was scheduled). */
export function notifyActivity(ctx: EngineContext, activityArn: string) {
  const waiters = ctx.waiters.activity.get(activityArn);
  if (!waiters) return;
  for (const w of [...waiters]) w();
}

/** Long-polls an activity for a task (up to `waitMs`, AWS: 60 s); resolves {} when none arrived. */
export async function getActivityTask(
  ctx: EngineContext,
  req: { activityArn?: unknown; workerName?: unknown },
  waitMs = 60_000,
  signal?: AbortSignal,
): Promise<{ taskToken?: string; input?: string }> {
  ctx.arn.parseActivity(req.activityArn);
  const activityArn = req.activityArn as string;
  if (!ctx.store.getActivity(activityArn))
    throw new StatesApiError("ActivityDoesNotExist", `Activity Does Not Exist: '${activityArn}'`);
  const workerName = typeof req.workerName === "string" ? req.workerName : undefined;
  const claim = () =>
    step(ctx, () => {
      const row = ctx.store.claimActivityTask(activityArn);
      if (!row) return undefined;
      const th = ctx.store.getThread(row.threadId);
      if (th) {
        const m = meta(ctx, th.executionArn);
        const data = readData(th);
        emit(ctx, m, "ActivityStarted", { activityStartedEventDetails: { workerName } }, th, data);
        if (row.heartbeatSeconds !== null) {
          ctx.store.insertTimer({
            dueMs: ctx.now() + row.heartbeatSeconds * 1000,
            kind: "heartbeat",
            threadId: th.id,
            attempt: row.attempt,
            executionArn: m.arn,
            token: row.token,
          });
        }
        save(ctx, th, data);
      }
      return { taskToken: row.token, input: row.input ?? "{}" };
    });
  const first = claim();
  if (first) return first;
  return new Promise((resolve) => {
    let waiters = ctx.waiters.activity.get(activityArn);
    if (!waiters) ctx.waiters.activity.set(activityArn, (waiters = new Set()));
    const done = (value: { taskToken?: string; input?: string }) => {
      clearTimeout(timer);
      waiters!.delete(onTask);
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const onTask = () => {
      const got = claim();
      if (got) done(got);
    };
    const onAbort = () => done({});
    const timer = setTimeout(() => done({}), waitMs);
    waiters.add(onTask);
    signal?.addEventListener("abort", onAbort);
  });
}

/** The activity API (CreateActivity is idempotent by name). */
export function activityApi(ctx: EngineContext) {
  return {
    /** Creates an activity (idempotent by name). */
    createActivity(req: { name?: unknown }) {
      assertValidName(req.name, "activity");
      const activityArn = ctx.arn.activity(req.name);
      const existing = ctx.store.getActivity(activityArn);
      if (existing) return { activityArn, creationDate: new Date(existing.createdMs) };
      const t = ctx.now();
      ctx.store.insertActivity({ arn: activityArn, name: req.name, createdMs: t });
      return { activityArn, creationDate: new Date(t) };
    },
    describeActivity(activityArn: unknown) {
      ctx.arn.parseActivity(activityArn);
      const a = ctx.store.getActivity(activityArn as string);
      if (!a)
        throw new StatesApiError("ActivityDoesNotExist", `Activity Does Not Exist: '${String(activityArn)}'`);
      return a;
    },
    listActivities: () => ctx.store.listActivities(),
    deleteActivity(activityArn: unknown) {
      ctx.arn.parseActivity(activityArn);
      ctx.store.deleteActivity(activityArn as string);
      return {};
    },
  };
}
