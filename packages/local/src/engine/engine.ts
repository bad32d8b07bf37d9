// The durable local Step Functions executor: runs ASL executions step by step, committing every step to SQLite before
// acting on it. createEngine wires the modules, each a set of functions on one shared EngineContext (context.ts):
//   batch.ts        transactions, post-commit effects, the ready queue and its pump
//   interpreter/    a thread through its states: run.ts, then one file per state family (data-states, wait, task and
//                   its Lambda call, parallel-map, retry-catch)
//   executions.ts   start, finish, a .sync child's end reported to its parent
//   timers.ts       stored timers, the one-year limit, advance() and the real-time loop
//   callbacks.ts    task tokens (SendTask*), heartbeats, activities
//   api.ts          state machines and executions as the Step Functions API serves them
//   meta.ts, history.ts, threads.ts, limits.ts, store/   what those share
import type { AdjustableClock } from "@kinerja/core/clock/clock";
import { executionApi, stateMachineApi } from "./api";
import { enqueue, idle } from "./batch";
import {
  activityApi,
  getActivityTask,
  sendTaskFailure,
  sendTaskHeartbeat,
  sendTaskSuccess,
} from "./callbacks";
import { createContext } from "./context";
import { resumeInvocation, type LambdaResolver } from "./interpreter/lambda";
import { advance, loop, tick } from "./timers";

/** Options of createEngine. */
export interface EngineOptions {
  /** SQLite file (created if missing) or ":memory:". */
  dbPath: string;
  /** The clock every timer follows. */
  clock: AdjustableClock;
  /** Where Lambda tasks find their handlers. */
  lambdas: LambdaResolver;
  region?: string;
  accountId?: string;
  /** Runs due timers as real time passes (default true); tests that only use advance() may turn it off. */
  realTime?: boolean;
  /** Random source for retry jitter (tests make it deterministic). */
  random?: () => number;
  /** How long advance() waits for work it started to settle before moving on (default 30 s). */
  settleTimeoutMs?: number;
  /**
   * Real time advance() lets pass before firing a Retry's timer: the n-th retry of a state waits
   * min(its delay, retryRealFloorMs * 2^(n-1), 2 s). Default 50 ms; 0 turns it off.
   */
  retryRealFloorMs?: number;
}

/** The engine API (what the HTTP server and the dev runtime call). */
export type Engine = ReturnType<typeof createEngine>;

/** Creates the engine on a SQLite file, resumes every running execution found there and starts its timer loop. */
export function createEngine(options: EngineOptions) {
  const ctx = createContext(options);
  const api = {
    region: ctx.region,
    accountId: ctx.accountId,
    clock: ctx.clock,
    store: ctx.store,
    arns: ctx.arn,
    ...stateMachineApi(ctx),
    ...executionApi(ctx),
    sendTaskSuccess: (req: Parameters<typeof sendTaskSuccess>[1]) => sendTaskSuccess(ctx, req),
    sendTaskFailure: (req: Parameters<typeof sendTaskFailure>[1]) => sendTaskFailure(ctx, req),
    sendTaskHeartbeat: (req: Parameters<typeof sendTaskHeartbeat>[1]) => sendTaskHeartbeat(ctx, req),
    ...activityApi(ctx),
    /** Long-polls an activity for a task (up to `waitMs`, AWS: 60 s); resolves {} when none arrived. */
    getActivityTask: (req: Parameters<typeof getActivityTask>[1], waitMs?: number, signal?: AbortSignal) =>
      getActivityTask(ctx, req, waitMs, signal),
    /** Fires every timer due at the clock's now; returns how many fired. */
    tick: () => tick(ctx),
    /** Moves the clock forward by `ms`, firing the timers due on the way at their own time. */
    advance: (ms: number) => advance(ctx, ms),
    /** Resolves once no thread is ready and no Lambda invocation is in flight. */
    idle: () => idle(ctx),
    /** Stops the timer loop and closes the database (in-flight handlers finish but their results are dropped). */
    async close() {
      if (ctx.closed) return;
      ctx.closed = true;
      if (ctx.timers.loop) clearTimeout(ctx.timers.loop);
      for (const waiters of ctx.waiters.activity.values()) for (const w of waiters) w();
      await ctx.store.close();
    },
  };

  // Resume: ready threads continue, "running" ones had a Lambda in flight when the process died and re-run it (at-least-once).
  for (const th of ctx.store.runnableThreads()) {
    if (th.status === "ready") enqueue(ctx, th.id);
    else resumeInvocation(ctx, th);
  }
  if (options.realTime !== false) loop(ctx);

  return api;
}
