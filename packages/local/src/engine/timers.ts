// Time in the engine: stored timers (Wait, Retry, task timeout, heartbeat, execution timeout) and the one-year
// execution limit fire when the clock passes them, by the real-time loop or by advance(), which moves the clock.
import { ERROR } from "./asl/errors";
import { enqueue, idle, step } from "./batch";
import type { EngineContext } from "./context";
import { crashExecution, finishExecution } from "./executions";
import { taskState, timeOutTask } from "./interpreter/task";
import { ENGINE_LIMITS } from "./limits";
import { meta, stateOf } from "./meta";
import type { TimerRow } from "./store/rows";
import { readData, save } from "./threads";

/** The most real time advance() holds back one retry for (see EngineOptions.retryRealFloorMs). */
const MAX_RETRY_REAL_FLOOR_MS = 2_000;

/**
 * Notes the real-time floor of a retry timer just set (see EngineContext.timers.retryRealNotBefore): the n-th retry
 * of a state waits min(its delay, retryRealFloorMs * 2^(n-1), 2 s) of real time before advance() fires it.
 */
export function holdRetry(ctx: EngineContext, threadId: number, dueMs: number, delayMs: number, n: number) {
  const floor = Math.min(delayMs, ctx.retryRealFloorMs * 2 ** Math.min(n - 1, 16), MAX_RETRY_REAL_FLOOR_MS);
  if (floor > 0) ctx.timers.retryRealNotBefore.set(threadId, { dueMs, realMs: Date.now() + floor });
}

function fireTimer(ctx: EngineContext, t: TimerRow) {
  const store = ctx.store;
  if (!store.deleteTimer(t.id)) return;
  if (t.kind === "execution-timeout") {
    const row = store.getExecution(t.executionArn!);
    if (row?.status === "RUNNING")
      finishExecution(ctx, meta(ctx, row.arn), "TIMED_OUT", null, ERROR.Timeout, null);
    return;
  }
  const th = t.threadId === null ? undefined : store.getThread(t.threadId);
  if (!th || th.attempt !== t.attempt) return;
  const m = meta(ctx, th.executionArn);
  if (m.status !== "RUNNING") return;
  const data = readData(th);
  if (t.kind === "wait" || t.kind === "retry") {
    // A Wait's thread leaves its state when woken; a retried one starts its Task/Parallel/Map again.
    if (th.phase !== (t.kind === "wait" ? "after-wait" : "start") || th.status !== "waiting") return;
    th.status = "ready";
    save(ctx, th, data);
    enqueue(ctx, th.id);
    return;
  }
  if (th.phase !== "start" || (th.status !== "waiting" && th.status !== "running")) return;
  if (t.kind === "heartbeat") {
    const tk = t.token ? store.getToken(t.token) : undefined;
    if (!tk || (tk.status !== "active" && tk.status !== "started")) return;
  }
  timeOutTask(ctx, m, th, data, taskState(stateOf(m, th)), t.kind === "heartbeat");
}

/** Times out every execution that has run for AWS's one-year limit; returns how many. */
function expireExecutions(ctx: EngineContext): number {
  let expired = 0;
  for (;;) {
    const arns = ctx.store.runningStartedBy(ctx.now() - ENGINE_LIMITS.executionDurationMs, 200);
    if (arns.length === 0) return expired;
    for (const executionArn of arns) {
      step(ctx, () => finishExecution(ctx, meta(ctx, executionArn), "TIMED_OUT", null, ERROR.Timeout, null));
      expired += 1;
    }
  }
}

/** When the next timer or one-year execution limit falls due (null when nothing is pending). */
function nextDue(ctx: EngineContext): number | null {
  const timer = ctx.store.nextTimerDue();
  const oldest = ctx.store.oldestRunningStart();
  const limit = oldest === null ? null : oldest + ENGINE_LIMITS.executionDurationMs;
  if (timer === null) return limit;
  return limit === null ? timer : Math.min(timer, limit);
}

/** Fires every timer due at the clock's now; returns how many fired. */
export function tick(ctx: EngineContext): number {
  let fired = expireExecutions(ctx);
  for (;;) {
    const due = ctx.store.dueTimers(ctx.now(), 200);
    if (due.length === 0) return fired;
    for (const t of due) {
      try {
        step(ctx, () => fireTimer(ctx, t));
      } catch (error) {
        const th = t.threadId === null ? undefined : ctx.store.getThread(t.threadId);
        const arnOf = th?.executionArn ?? t.executionArn;
        ctx.store.deleteTimer(t.id);
        if (arnOf) crashExecution(ctx, arnOf, error);
      }
      fired += 1;
    }
  }
}

/** Waits until every pending retry due by `dueMs` has had its real-time floor (see holdRetry). */
async function retryRealFloor(ctx: EngineContext, dueMs: number) {
  const pending = ctx.timers.retryRealNotBefore;
  let waitUntil = 0;
  for (const [threadId, r] of pending) {
    if (r.dueMs < ctx.now() - 1000)
      pending.delete(threadId); // fired (or dropped) already
    else if (r.dueMs <= dueMs) waitUntil = Math.max(waitUntil, r.realMs);
  }
  const waitMs = waitUntil - Date.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
}

/** Settles the work already started (bounded by settleTimeoutMs). */
async function settle(ctx: EngineContext) {
  await Promise.race([idle(ctx), new Promise((r) => setTimeout(r, ctx.settleTimeoutMs).unref())]);
}

/**
 * Moves the clock forward to `ms` if it is not there yet. By advance(), not set(): real time passing between the check
 * and the move (a busy machine) made set() refuse a target the clock had just passed ("cannot move backwards").
 */
function moveClockTo(ctx: EngineContext, ms: number) {
  const gap = ms - ctx.now();
  if (gap > 0) ctx.clock.advance(gap);
}

/**
 * Moves the clock forward by `ms`, firing timers in due order at their own due time so that work they start
 * (e.g. a new Wait) is timed from then; returns once every timer due by the target has fired.
 */
export function advance(ctx: EngineContext, ms: number): Promise<Date> {
  if (!Number.isFinite(ms) || ms < 0)
    return Promise.reject(new RangeError(`advance needs a non-negative number of ms, got ${ms}`));
  const run = async () => {
    const target = ctx.now() + ms;
    await settle(ctx);
    for (;;) {
      const next = nextDue(ctx);
      if (next === null || next > target) break;
      await retryRealFloor(ctx, next);
      moveClockTo(ctx, next);
      tick(ctx);
      await settle(ctx);
    }
    moveClockTo(ctx, target);
    tick(ctx);
    await settle(ctx);
    return ctx.clock.now();
  };
  const result = ctx.timers.advancing.then(run, run);
  ctx.timers.advancing = result.catch(() => undefined);
  return result;
}

/** Fires due timers as real time passes, waking when the next one falls due (at most every 250 ms). */
export function loop(ctx: EngineContext) {
  if (ctx.closed) return;
  try {
    tick(ctx);
  } finally {
    const next = nextDue(ctx);
    const delay = next === null ? 250 : Math.max(5, Math.min(250, next - ctx.now()));
    ctx.timers.loop = setTimeout(() => loop(ctx), delay);
    ctx.timers.loop.unref();
  }
}
