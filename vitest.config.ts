import { defineConfig } from "vitest/config";
import LongestFirstSequencer from "./tests/setup/sequencer.js";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    // global-leftovers first: vitest tears global setups down in reverse, so its check runs after DynamoDB Local stops.
    // DynamoDB Local starts only when a file needs it (global-dynamodb.ts), so `npm run test:unit` runs without Java.
    globalSetup: ["tests/setup/global-leftovers.ts", "tests/setup/global-dynamodb.ts"],
    // Per file: a port its tests opened must be closed by its end.
    setupFiles: ["tests/setup/open-ports.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two workers on two cores: most test time waits on DynamoDB Local, the engine's timers or chromium, so two files
    // overlap well (clean clone: 1,111 s with vitest's default of cores - 1 = one worker, 716 s with two).
    maxWorkers: 2,
    // Vitest schedules files, not tests: the slowest files start first so none of them bounds the end of the run.
    sequence: { sequencer: LongestFirstSequencer },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
  // JSX of the pages (hono/jsx) comes from tsconfig.json's jsxImportSource, which vite's oxc transform reads.
});
