// One linter config for the whole workspace (formatting is prettier's job).
import tseslint from "typescript-eslint";

// Package boundaries: core <- web <- local, core <- functions; the shared data in workflows/ is read by all of them and
// by the stacks. A boundary names a package both as `@kinerja/<name>` and as a relative path leaving the importer's
// package (`../../../../functions/shared/x`, `../packages/web/src/app`), so a relative import cannot walk around it.
// Going up at least once: a package root is never below the importing file's directory (`./functions` in stacks/ is
// stacks/functions.ts).
const rel = (dir) => `(\\.\\./)+${dir}`;
const leaving = (dir) => `^${rel(dir)}(/|$)`;
const pkg = (name) => [`^@kinerja/${name}(/|$)`, leaving(`(packages/)?${name}/src`)];
const not = (what, regexes, why) =>
  regexes.map((regex) => ({
    regex,
    message: `${what} must not import this: ${why}. See the package README.`,
  }));
/** `base` followed by any path but the `allowed` ones. */
const except = (base, allowed) => `^${base}(/(?!(${allowed.join("|")})$)|$)`;
const STACKS_READ = {
  core: ["asl/placeholders", "storage/table", "mail/ses-event", "mail/mail-queue-pacing"],
  functions: ["shared/metric-names", "shared/secrets"],
};
const boundaries = {
  core: [
    ...not(
      "core",
      [...pkg("web"), ...pkg("local")],
      "core is imported by the other packages, never the reverse",
    ),
    ...not("core", [leaving("functions"), leaving("stacks"), leaving("workflows")], "core stands alone"),
  ],
  web: [
    ...not("web", pkg("local"), "web imports core only (local imports web)"),
    ...not("web", [leaving("functions"), leaving("stacks"), leaving("workflows")], "web imports core only"),
  ],
  local: [
    ...not(
      "local",
      [leaving("functions"), leaving("stacks")],
      "Lambda wiring is the cloud's; share through core",
    ),
  ],
  functions: (webAllowed) => [
    ...not("functions", pkg("local"), "the Lambda side never imports the local runtime"),
    ...not(
      "functions",
      webAllowed ? [except("@kinerja/web", ["app"]), pkg("web")[1]] : pkg("web"),
      "only the API entry functions/api.ts imports the web app, as @kinerja/web/app",
    ),
    ...not("functions", [leaving("stacks")], "the stacks deploy functions, not the reverse"),
  ],
  // The stacks deploy code by path (the registry names each handler's file); they read definitions only: the registry
  // and schedules, and the few core/functions modules named here.
  stacks: [
    ...not("stacks", [...pkg("web"), ...pkg("local")], "the stacks deploy code, they do not run it"),
    ...not(
      "stacks",
      [
        except(`(@kinerja/core|${rel("(packages/)?core/src")})`, STACKS_READ.core),
        except(rel("functions"), STACKS_READ.functions),
      ],
      "the stacks read definitions only (the registry, schedules and the modules eslint.config.js names)",
    ),
  ],
  workflows: [
    ...not("workflows", [...pkg("web"), ...pkg("local")], "the shared definitions import core only"),
    ...not("workflows", [leaving("functions"), leaving("stacks")], "the shared definitions import core only"),
  ],
};
const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

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
  { files: ["packages/core/src/**/*.{ts,tsx}"], rules: restrict(boundaries.core) },
  { files: ["packages/web/src/**/*.{ts,tsx}"], rules: restrict(boundaries.web) },
  { files: ["packages/local/src/**/*.{ts,tsx}"], rules: restrict(boundaries.local) },
  { files: ["functions/**/*.ts"], rules: restrict(boundaries.functions(false)) },
  { files: ["functions/api.ts"], rules: restrict(boundaries.functions(true)) },
  { files: ["workflows/**/*.ts"], rules: restrict(boundaries.workflows) },
  { files: ["stacks/**/*.ts", "sst.config.ts"], rules: restrict(boundaries.stacks) },
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
            // This block replaces the rule set above for these files, so it repeats core's boundaries.
            ...boundaries.core,
          ],
        },
      ],
    },
  },
);
