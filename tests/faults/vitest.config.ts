// `npm run test:faults`: the slow reliability suite (full load, SIGKILL of the runtime, DynamoDB outage), kept out of
// `npm test` by its file suffix `.slow.ts`; everything else (setup, timeouts, JSX) as in the root config.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config";

// Not mergeConfig: it concatenates `include` arrays, which would run the whole fast suite again here.
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    ...base.test,
    include: ["tests/faults/**/*.slow.ts", "tests/load/**/*.slow.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
