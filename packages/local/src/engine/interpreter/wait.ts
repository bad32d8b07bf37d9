// Wait: the thread sleeps on a timer (Seconds, SecondsPath, Timestamp or TimestampPath); timers.ts wakes it and it
// leaves the state in its "after-wait" phase (run.ts).
import type { ContextObject } from "../asl/context";
import { ERROR, StatesError } from "../asl/errors";
import { applyInputPath, readPath } from "../asl/paths";
import type { WaitState } from "../asl/types";
import type { EngineContext, ExecMeta, ThreadData } from "../context";
import type { ThreadRow } from "../store/rows";
import { keepEffective, save } from "../threads";

/** Enters a Wait: keeps the output base and sets the timer that wakes the thread. */
export function enterWait(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: WaitState,
  input: unknown,
  ctxObj: ContextObject,
) {
  const eff = applyInputPath(input, def.InputPath, ctxObj);
  const dueMs = waitDue(def, eff, ctxObj, data.enteredMs!);
  keepEffective(data, def.InputPath, eff);
  th.attempt += 1;
  th.phase = "after-wait";
  th.status = "waiting";
  ctx.store.insertTimer({
    dueMs,
    kind: "wait",
    threadId: th.id,
    attempt: th.attempt,
    executionArn: m.arn,
    token: null,
  });
  save(ctx, th, data);
}

/** When the Wait ends (clock ms). */
function waitDue(def: WaitState, eff: unknown, ctxObj: ContextObject, enteredMs: number): number {
  if (typeof def.Seconds === "number") return enteredMs + def.Seconds * 1000;
  if (def.SecondsPath !== undefined) {
    const seconds = readPath(eff, def.SecondsPath, ctxObj);
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
      throw new StatesError(
        ERROR.Runtime,
        `The SecondsPath parameter does not reference a valid non-negative integer: ${JSON.stringify(seconds)}`,
      );
    }
    return enteredMs + seconds * 1000;
  }
  const stamp =
    def.Timestamp ?? (def.TimestampPath !== undefined ? readPath(eff, def.TimestampPath, ctxObj) : undefined);
  const ms = typeof stamp === "string" ? Date.parse(stamp) : NaN;
  if (Number.isNaN(ms))
    throw new StatesError(
      ERROR.Runtime,
      `The TimestampPath parameter does not reference a valid ISO-8601 timestamp: ${JSON.stringify(stamp)}`,
    );
  return ms;
}
