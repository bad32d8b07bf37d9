// Transactions, post-commit effects and the ready queue: how the engine groups its steps into commits and runs them.
// The rule every module relies on: nothing leaves the engine (Lambda calls, API answers, waiters) before the step that
// caused it is committed; effects registered with after() run only then.
import type { EngineContext } from "./context";
import { runThread } from "./interpreter/run";

/** Longest run of data-only steps grouped into one commit (the pump's batch, or a start's first steps). */
export const BATCH_MS = 8;
/** Longest one pump holds the event loop before yielding to I/O. */
const PUMP_SLICE_MS = 25;

/** Runs `fn` as one transaction; effects registered with after() run only once it committed. */
export function step<T>(ctx: EngineContext, fn: () => T): T {
  const batch = ctx.batch;
  if (batch.effects) {
    // Inside a batch: a savepoint, so a failing step rolls back (with the effects it registered) without its neighbours.
    const mark = batch.effects.length;
    const progressMark = batch.progress.length;
    try {
      return ctx.store.savepoint(fn);
    } catch (error) {
      batch.effects.length = mark;
      batch.progress.length = progressMark;
      ctx.caches.metas.clear();
      throw error;
    }
  }
  const list: (() => void)[] = [];
  batch.effects = list;
  batch.progress.length = 0;
  let result: T;
  try {
    result = ctx.store.transaction(() => {
      const value = fn();
      writeProgress(ctx);
      return value;
    });
  } catch (error) {
    ctx.caches.metas.clear(); // cached counters may include rolled-back events
    throw error;
  } finally {
    batch.effects = null;
    batch.progress.length = 0;
  }
  for (const effect of list) effect();
  return result;
}

/** Runs `effect` once the open transaction commits (at once outside a transaction). */
export function after(ctx: EngineContext, effect: () => void) {
  if (ctx.batch.effects) ctx.batch.effects.push(effect);
  else effect();
}

/** Counts one billable transition into `state`; inside a transaction it is written with the others at commit. */
export function recordTransition(ctx: EngineContext, executionArn: string, state: string) {
  if (ctx.batch.effects) ctx.batch.progress.push([executionArn, state]);
  else ctx.store.setCurrentState(executionArn, state, 1);
}

/**
 * Writes the transitions recorded in this transaction, one UPDATE per execution instead of one per state entered
 * (a batch of a 1000-state loop rewrote the same execution row 1000 times); still inside the transaction, so they
 * commit with the steps that made them.
 */
function writeProgress(ctx: EngineContext) {
  const progress = ctx.batch.progress;
  if (progress.length === 0) return;
  const byExecution = new Map<string, { state: string; count: number }>();
  for (const [executionArn, state] of progress) {
    const entry = byExecution.get(executionArn);
    if (entry) {
      entry.state = state;
      entry.count += 1;
    } else byExecution.set(executionArn, { state, count: 1 });
  }
  progress.length = 0;
  for (const [executionArn, { state, count }] of byExecution)
    ctx.store.setCurrentState(executionArn, state, count);
}

/** Queues a ready thread to run (after the commit of the step that made it ready). */
export function enqueue(ctx: EngineContext, threadId: number) {
  const batch = ctx.batch;
  if (batch.inBatch) {
    // Same transaction as the pump's batch: the thread can run right away; if its creating step rolled back,
    // runThread finds no row and skips it.
    if (!batch.queued.has(threadId)) {
      batch.queued.add(threadId);
      batch.readyQueue.push(threadId);
    }
    return;
  }
  after(ctx, () => {
    if (batch.queued.has(threadId)) return;
    batch.queued.add(threadId);
    batch.readyQueue.push(threadId);
    schedulePump(ctx);
  });
}

/** Runs the pump on the next turn of the event loop (once). */
export function schedulePump(ctx: EngineContext) {
  const batch = ctx.batch;
  if (batch.pumpScheduled || batch.pumping || ctx.closed) return;
  batch.pumpScheduled = true;
  setImmediate(() => pump(ctx));
}

function pump(ctx: EngineContext) {
  const batch = ctx.batch;
  batch.pumpScheduled = false;
  if (ctx.closed) return;
  batch.pumping = true;
  const started = Date.now();
  try {
    // Steps that only move data (Pass, Choice, branch bookkeeping) are grouped into one commit of up to ~8 ms;
    // nothing leaves the engine (Lambda calls, API answers, waiters) before that commit, so "committed before
    // acknowledged" still holds, at a fraction of the per-commit cost.
    while (batch.readyQueue.length > 0 && Date.now() - started < PUMP_SLICE_MS)
      step(ctx, () => runBatch(ctx, Date.now()));
  } finally {
    batch.pumping = false;
  }
  if (batch.readyQueue.length > 0) schedulePump(ctx);
  else checkIdle(ctx);
}

/** Runs ready threads inside the open transaction for up to BATCH_MS from `batchStart` (the pump's batch, or a start's own). */
export function runBatch(ctx: EngineContext, batchStart: number, first?: number) {
  const batch = ctx.batch;
  batch.inBatch = true;
  try {
    if (first !== undefined) runThread(ctx, first, batchStart);
    while (batch.readyQueue.length > 0 && Date.now() - batchStart < BATCH_MS) {
      const id = batch.readyQueue.shift()!;
      batch.queued.delete(id);
      runThread(ctx, id, batchStart);
    }
  } finally {
    batch.inBatch = false;
  }
}

/** Wakes idle() waiters once nothing is ready, pumping or in flight. */
export function checkIdle(ctx: EngineContext) {
  const batch = ctx.batch;
  if (
    batch.readyQueue.length === 0 &&
    batch.inFlight === 0 &&
    !batch.pumping &&
    !batch.pumpScheduled &&
    ctx.waiters.idle.length > 0
  ) {
    const waiters = ctx.waiters.idle;
    ctx.waiters.idle = [];
    for (const w of waiters) w();
  }
}

/** Resolves once no thread is ready and no Lambda invocation is in flight. */
export function idle(ctx: EngineContext): Promise<void> {
  return new Promise((resolve) => {
    ctx.waiters.idle.push(resolve);
    checkIdle(ctx);
  });
}
