// One linter config for the whole workspace (formatting is prettier's job).
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      ".sst/**",
      ".kinerja/**",
      "bench/results/**",
      "tests/artifacts/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  {
    // Pure domain modules (packages/core/src/<area>/<area>.ts) must not touch AWS or ElectroDB.
    files: ["packages/core/src/**/*.ts"],
    ignores: [
      "packages/core/src/**/*.entity.ts",
      "packages/core/src/**/*.repo.ts",
      "packages/core/src/**/*.adapter.ts",
      "packages/core/src/storage/**",
      "packages/core/src/adapters/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@aws-sdk/*", "electrodb", "aws-sdk"],
              message:
                "Domain code stays pure: AWS and ElectroDB belong in *.entity.ts, *.repo.ts or adapters.",
            },
          ],
        },
      ],
    },
  },
);
