// Progress bars on stderr (plain lines every few seconds when stderr is not a terminal, so logs stay readable).
import { MultiBar, Presets, type Options } from "cli-progress";

/** Several bars drawn together with `format`; `options` adds to the defaults. */
export function progressBars(format: string, options: Options = {}): MultiBar {
  return new MultiBar(
    { format, hideCursor: true, stream: process.stderr, noTTYOutput: !process.stderr.isTTY, ...options },
    Presets.shades_classic,
  );
}

/** One progress bar (its MultiBar to stop it). */
export function progressBar(format: string) {
  const bars = progressBars(format);
  return { bars, bar: bars.create(1, 0) };
}

/** Waits `ms` between two polls of the runtime. */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
