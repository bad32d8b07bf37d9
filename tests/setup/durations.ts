// Writes tests/setup/durations.json (seconds per test file, what sequencer.ts orders a clean clone by) from the
// durations vitest cached in node_modules/.vite/vitest/*/results.json. Run `npx tsx tests/setup/durations.ts` after a
// full `npm test`; files that no longer exist are dropped, and the slow suite (`*.slow.ts`) is left out.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { DURATIONS_FILE } from "./sequencer";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cacheDir = join(root, "node_modules/.vite/vitest");
const durations: Record<string, number> = {};
for (const hash of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
  const file = join(cacheDir, hash, "results.json");
  if (!existsSync(file)) continue;
  const { results } = JSON.parse(readFileSync(file, "utf8")) as {
    results: [string, { duration?: number }][];
  };
  for (const [key, result] of results) {
    const path = key.slice(key.indexOf(":") + 1);
    if (/\.test\.tsx?$/.test(path) && existsSync(join(root, path)) && result.duration !== undefined)
      durations[path] = Math.round(result.duration / 100) / 10;
  }
}
const sorted = Object.fromEntries(Object.entries(durations).sort(([, a], [, b]) => b - a));
writeFileSync(DURATIONS_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
console.info(`${Object.keys(sorted).length} files written to ${fileURLToPath(DURATIONS_FILE)}`);
