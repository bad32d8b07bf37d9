import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/setup/global-dynamodb.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two workers on two cores: most test time waits on DynamoDB Local, the engine's timers or chromium, so two files
    // overlap well (clean clone: 1,111 s with vitest's default of cores - 1 = one worker, 716 s with two).
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
  esbuild: { jsx: "automatic", jsxImportSource: "hono/jsx" },
});
