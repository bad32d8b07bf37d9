// Moving the local runtime's clock (DESIGN.md 3.1): every engine timer and schedule occurrence due on the way fires
// at its own time, in due order, and each move waits for the work it started to settle.
import type { AdjustableClock } from "@kinerja/core/clock/clock";
import type { Engine } from "../engine/index";
import type { Scheduler } from "../scheduler/scheduler";
import type { ClockControl, ClockMove, ClockState } from "./local-routes";

/** The clock operations, serialised, and the promise of the move in progress (awaited on close). */
export interface SerialClockControl extends ClockControl {
  /** Resolves once every move asked for so far has finished. */
  drained(): Promise<unknown>;
}

/** Builds the clock control; a move waits at most `settleMs` for the executions it woke to go idle. */
export function createClockControl(parts: {
  clock: AdjustableClock;
  engine: Engine;
  scheduler: Scheduler;
  settleMs: number;
}): SerialClockControl {
  const { clock, engine, scheduler } = parts;
  // Clock moves are serialised: timers and schedule occurrences fire in due order, each at its own time.
  let clockChain: Promise<unknown> = Promise.resolve();
  const state = (): ClockState => ({ now: clock.now().toISOString(), offsetMs: clock.offsetMs() });
  const settle = () =>
    Promise.race([engine.idle(), new Promise((r) => setTimeout(r, parts.settleMs).unref())]);
  const moveTo = (targetOf: () => number): Promise<ClockMove> => {
    const run = async () => {
      const target = targetOf();
      let schedulesFired = 0;
      for (;;) {
        const nextSchedule = scheduler.nextDueAt()?.getTime() ?? Number.POSITIVE_INFINITY;
        const stop = Math.min(nextSchedule, target);
        await engine.advance(Math.max(0, stop - clock.now().getTime()));
        if (nextSchedule <= clock.now().getTime()) {
          schedulesFired += (await scheduler.tick()).filter((r) => r.status === "fired").length;
          await settle();
          continue;
        }
        if (stop >= target) break;
      }
      await settle();
      return { ...state(), schedulesFired };
    };
    const result = clockChain.then(run, run);
    clockChain = result.catch(() => undefined);
    return result;
  };
  return {
    state,
    advance: (ms) => moveTo(() => clock.now().getTime() + ms),
    set: (at) => moveTo(() => at.getTime()),
    drained: () => clockChain,
  };
}
