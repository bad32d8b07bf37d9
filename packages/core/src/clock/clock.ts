/** Time is a port: every part of kinerja reads "now" from a Clock so the local runtime can move time. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The wall clock, used in the cloud. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock whose offset from real time can be advanced or set (local runtime, tests, demo). */
export interface AdjustableClock extends Clock {
  /** Milliseconds this clock runs ahead of real time. */
  offsetMs(): number;
  /** Moves the clock forward by `ms` milliseconds (never backwards). */
  advance(ms: number): Date;
  /** Sets the clock to `at`; refuses to move backwards. */
  set(at: Date): Date;
}

/** Creates an adjustable clock starting `initialOffsetMs` ahead of `base` (real time by default). */
export function createOffsetClock(initialOffsetMs = 0, base: () => number = Date.now): AdjustableClock {
  let offset = initialOffsetMs;
  return {
    now: () => new Date(base() + offset),
    offsetMs: () => offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock can only move forward, got ${ms} ms`);
      offset += ms;
      return new Date(base() + offset);
    },
    set(at: Date) {
      const target = at.getTime();
      if (Number.isNaN(target)) throw new RangeError("clock set to an invalid date");
      const current = base() + offset;
      if (target < current)
        throw new RangeError(`clock cannot move backwards (now ${new Date(current).toISOString()})`);
      offset = target - base();
      return new Date(target);
    },
  };
}

/** Parses an ISO 8601 duration (PnYnMnWnDTnHnMnS; years = 365 days, months = 30 days) to milliseconds. */
export function parseIsoDuration(text: string): number {
  const match =
    /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text.trim(),
    );
  if (!match) throw new RangeError(`not an ISO 8601 duration: "${text}" (try P30D, PT12H, P1Y)`);
  const [, y, mo, w, d, h, mi, s] = match.map((v) => (v === undefined ? 0 : Number(v)));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000;
}
