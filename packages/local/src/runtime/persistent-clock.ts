// The dev runtime's adjustable clock, whose offset from real time is kept in the data dir so a restarted runtime
// continues at the simulated time it had reached (timers and schedules keep their meaning across restarts).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { createOffsetClock, type AdjustableClock } from "@kinerja/core/clock/clock";
import { DataDirError } from "./runtime.errors";

const ClockFileSchema = v.object({ offsetMs: v.pipe(v.number(), v.finite(), v.integer()) });

/** File name of the clock offset inside the data dir. */
export const CLOCK_FILE = "clock.json";

/**
 * Opens the clock of a data dir: the stored offset when the file exists, otherwise one that starts at `startAt`
 * (or real time). Every advance/set is written through (atomically) before it returns.
 */
export function openPersistentClock(dataDir: string, options: { startAt?: Date } = {}): AdjustableClock {
  const file = join(dataDir, CLOCK_FILE);
  let initial = options.startAt ? options.startAt.getTime() - Date.now() : 0;
  if (existsSync(file)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new DataDirError(`${file} is not valid JSON; delete it or start with --reset`, { cause: error });
    }
    const parsed = v.safeParse(ClockFileSchema, raw);
    if (!parsed.success) throw new DataDirError(`${file}: offsetMs: ${parsed.issues[0].message}`);
    initial = parsed.output.offsetMs;
  }
  const inner = createOffsetClock(Math.round(initial));
  const save = () => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ offsetMs: Math.round(inner.offsetMs()) }) + "\n", {
      mode: 0o600,
    });
    renameSync(tmp, file);
  };
  save();
  return {
    now: inner.now,
    offsetMs: inner.offsetMs,
    advance(ms) {
      const at = inner.advance(ms);
      save();
      return at;
    },
    set(at) {
      const result = inner.set(at);
      save();
      return result;
    },
  };
}
