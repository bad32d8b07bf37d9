// A thread's row and its scratch data (ThreadData): reading, writing, and the deferred write of the thread in motion.
import type { EngineContext, ThreadData } from "./context";
import type { ThreadRow } from "./store/rows";

/** The thread's scratch data as stored. */
export function readData(th: ThreadRow): ThreadData {
  return JSON.parse(th.data) as ThreadData;
}

/** Writes the thread's row with `data` (and drops a deferred write of it: this one supersedes it). */
export function save(ctx: EngineContext, th: ThreadRow, data: ThreadData) {
  if (th === ctx.advancing.thread) ctx.advancing.data = null; // written through: nothing left to flush
  th.data = JSON.stringify(data);
  ctx.store.updateThread(th);
}

/** Writes the row runThread deferred, if any (see EngineContext.advancing). */
export function flushDeferred(ctx: EngineContext) {
  const { thread, data } = ctx.advancing;
  if (thread && data) save(ctx, thread, data);
  ctx.advancing.thread = null;
  ctx.advancing.data = null;
}

/**
 * Keeps a state's effective input (after InputPath) with its thread data. Without an InputPath it equals the state's
 * input, which the row already holds: then it is kept in memory only (not enumerable, so save() skips it) and
 * effective() parses the input again after a reload. Map and Parallel parents, rewritten once per finished child, and
 * Tasks thus stop storing (and re-serialising) their whole input a second time.
 */
export function keepEffective(data: ThreadData, inputPath: string | null | undefined, eff: unknown) {
  const enumerable = inputPath !== undefined && inputPath !== "$";
  Object.defineProperty(data, "eff", { value: eff, enumerable, writable: true, configurable: true });
}

/** The state's effective input kept by keepEffective (or, after a reload, the input again). */
export function effective(th: ThreadRow, data: ThreadData): unknown {
  return "eff" in data ? data.eff : (JSON.parse(th.input) as unknown);
}
