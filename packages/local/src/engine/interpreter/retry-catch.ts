// A failed Task, Parallel or Map: Retry (a timer starts the state again), else Catch (on to the catcher's Next),
// else the thread fails. Any other state's failure fails its thread at once.
import { ERROR, StatesError } from "../asl/errors";
import { applyResultPath } from "../asl/paths";
import { findCatcher, nextRetry } from "../asl/retry";
import type { State } from "../asl/types";
import { enqueue, recordTransition } from "../batch";
import type { EngineContext, ExecMeta, ThreadData } from "../context";
import { emit } from "../history";
import { stringifyPayload } from "../limits";
import type { ThreadRow } from "../store/rows";
import { save } from "../threads";
import { holdRetry } from "../timers";
import { cancelChildren } from "./parallel-map";
import { failThread } from "./run";

/** Drops the timers and tokens of the thread's current attempt. */
export function clearAttempt(ctx: EngineContext, th: ThreadRow, data: ThreadData) {
  const store = ctx.store;
  store.deleteThreadTimers([th.id]);
  if (data.token) {
    const tk = store.getToken(data.token);
    if (tk && (tk.status === "active" || tk.status === "started")) store.setTokenStatus(data.token, "done");
  }
  delete data.inv;
}

/** The state failed with `error`: Retry, else Catch, else the thread fails. */
export function failState(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: State,
  error: string,
  cause: string | null,
) {
  clearAttempt(ctx, th, data);
  // A missed heartbeat is matched as States.HeartbeatTimeout (see errorMatches) but reported as States.Timeout.
  const reported = error === ERROR.HeartbeatTimeout ? ERROR.Timeout : error;
  if (def.Type === "Task" || def.Type === "Parallel" || def.Type === "Map") {
    const type = def.Type;
    if (type !== "Task") {
      cancelChildren(ctx, th);
      emit(ctx, m, `${type}StateFailed`, undefined, th, data);
    }
    const attempts = data.retries ?? [];
    const retry = nextRetry(def.Retry, error, attempts, ctx.random);
    if (retry) {
      attempts[retry.retrierIndex] = (attempts[retry.retrierIndex] ?? 0) + 1;
      data.retries = attempts;
      th.phase = "start";
      th.status = "waiting";
      recordTransition(ctx, m.arn, th.state); // each retry is a billable transition
      const dueMs = ctx.now() + retry.delayMs;
      ctx.store.insertTimer({
        dueMs,
        kind: "retry",
        threadId: th.id,
        attempt: th.attempt,
        executionArn: m.arn,
        token: null,
      });
      holdRetry(ctx, th.id, dueMs, retry.delayMs, attempts[retry.retrierIndex]!);
      save(ctx, th, data);
      return;
    }
    const catcher = findCatcher(def.Catch, error);
    if (catcher) {
      const input = JSON.parse(th.input) as unknown;
      let out: unknown;
      try {
        // AWS leaves Cause out of the caught error when the failure has none (a timeout).
        const caught = cause === null ? { Error: reported } : { Error: reported, Cause: cause };
        out = applyResultPath(input, caught, catcher.ResultPath);
      } catch (e) {
        const se = e instanceof StatesError ? e : new StatesError(ERROR.Runtime, String(e));
        return failThread(ctx, m, th, data, se.error, se.cause ?? "");
      }
      const text = stringifyPayload(out, `output of state '${th.state}'`);
      emit(
        ctx,
        m,
        `${type}StateExited`,
        { stateExitedEventDetails: { name: th.state, output: text, outputDetails: { truncated: false } } },
        th,
        data,
      );
      th.state = catcher.Next;
      th.phase = "enter";
      th.status = "ready";
      th.input = text;
      save(ctx, th, { lastEventId: data.lastEventId, mapIndex: data.mapIndex });
      enqueue(ctx, th.id);
      return;
    }
  }
  failThread(ctx, m, th, data, reported, cause);
}
