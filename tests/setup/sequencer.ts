// Longest file first. Vitest hands files to its workers in the sequencer's order and schedules files, not tests, so
// a slow file that starts last bounds the whole run. Vitest's own order uses the durations it cached in
// node_modules/.vite on this machine; a clean clone (CI) has none, and vitest then runs larger files first, which put
// small but slow files (the demo's whole year, the 10,000-appraisal periodic run) at the end of the run. Here a file
// weighs its cached duration if this machine has one, else its duration in durations.json (committed, measured; refresh
// with `npx tsx tests/setup/durations.ts` after a full run), else the median weight (a new file runs mid-pack).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Seconds per test file (path relative to the repository root) from the last full run, see durations.ts. */
export const DURATIONS_FILE = new URL("./durations.json", import.meta.url);

function committedDurations(): Map<string, number> {
  const parsed = JSON.parse(readFileSync(DURATIONS_FILE, "utf8")) as Record<string, number>;
  return new Map(Object.entries(parsed).map(([file, seconds]) => [file, seconds * 1000]));
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const committed = committedDurations();
    const known = [...committed.values()].sort((a, b) => a - b);
    const median = known[Math.floor(known.length / 2)] ?? 0;
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification) => {
      const file = relative(root, spec.moduleId);
      return (
        this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`)?.duration ??
        committed.get(file) ??
        median
      );
    };
    const weights = new Map(files.map((spec) => [spec, weight(spec)]));
    return [...files].sort((a, b) => weights.get(b)! - weights.get(a)!);
  }
}
