// Appending events to an execution's history, within AWS's 25,000-event limit.
import type { EngineContext, ExecMeta, ThreadData } from "./context";
import { ENGINE_LIMITS } from "./limits";
import type { ThreadRow } from "./store/rows";

/** Thrown inside a step when the execution would exceed AWS's 25,000 history events. */
export class HistoryLimitReached extends Error {}

/**
 * Appends one event; `th`/`data` chain it to the thread's previous event (AWS's previousEventId). Returns its id.
 * Execution* events are never refused, so an execution at the limit can still end.
 */
export function emit(
  ctx: EngineContext,
  m: ExecMeta,
  type: string,
  details?: Record<string, unknown>,
  th?: ThreadRow,
  data?: ThreadData,
): number {
  const id = m.historyCount + 1;
  if (id >= ENGINE_LIMITS.historyEvents && !type.startsWith("Execution")) throw new HistoryLimitReached();
  const previous = data?.lastEventId ?? (th ? 0 : m.historyCount);
  ctx.store.appendHistory(m.id, id, {
    timestampMs: ctx.now(),
    type,
    previousEventId: previous,
    details: details ? JSON.stringify(details) : null,
  });
  m.historyCount = id;
  if (data) data.lastEventId = id;
  return id;
}
