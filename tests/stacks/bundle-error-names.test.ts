// The state machines catch errors by name (AppraisalCancelledError, InvalidJobInputError, ...) and the queued-mail
// sender fails a task with DecisionMailError.name; the error classes name themselves with `new.target.name`. A bundle
// built with the stacks' Lambda settings (minified) must keep those names, or every Catch but States.ALL misses in
// the cloud. This builds the error classes with exactly those settings and reads the names back.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import esbuild from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { lambdaDefaults } from "../../stacks/functions";

const root = resolve(__dirname, "../..");
// Inside the repository, so the external @aws-sdk/* imports resolve as the Lambda runtime provides them.
mkdirSync(join(root, "node_modules", ".cache"), { recursive: true });
const dir = mkdtempSync(join(root, "node_modules", ".cache", "kinerja-bundle-names-"));

/** Every error name a state machine catches, other than the service's own (States.*, StepFunctions.*, Lambda.*). */
function caughtNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(join(root, "workflows")).filter((f) => f.endsWith(".asl.json"))) {
    const text = readFileSync(join(root, "workflows", file), "utf8");
    for (const m of text.matchAll(/"ErrorEquals":\s*\[([^\]]*)\]/g))
      for (const n of m[1]!.matchAll(/"([^"]+)"/g))
        if (!/^(States|StepFunctions|Lambda)\./.test(n[1]!)) names.add(n[1]!);
  }
  return [...names].sort();
}

/** The modules whose errors steps and jobs throw by name. */
const ERROR_MODULES = [
  "packages/core/src/workflow/workflow.errors",
  "packages/core/src/periodic/periodic.errors",
  "packages/core/src/periodic/decision-sweep",
  "packages/core/src/decision/decision.errors",
  "packages/core/src/storage/storage.errors",
];

describe("Lambda bundles keep the error names the state machines catch", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds the error modules as the stacks do and finds every caught name on a class and its instances", async () => {
    const caught = caughtNames();
    expect(caught).toContain("AppraisalCancelledError");
    const outfile = join(dir, "errors.mjs");
    const nodejs = lambdaDefaults.nodejs!;
    await esbuild.build({
      stdin: {
        contents: ERROR_MODULES.map((m, i) => `export * as m${i} from "./${m}";`).join("\n"),
        resolveDir: root,
        loader: "ts",
      },
      outfile,
      bundle: true,
      platform: "node",
      format: nodejs.format === "esm" ? "esm" : "cjs",
      minify: nodejs.minify,
      ...(nodejs.esbuild as esbuild.BuildOptions),
      // What SST puts at the top of an ESM bundle, so bundled CommonJS can require the runtime's AWS SDK.
      banner: {
        js: "import { createRequire as topLevelCreateRequire } from 'module';const require = topLevelCreateRequire(import.meta.url);",
      },
      logLevel: "silent",
    });
    const modules = Object.values(
      (await import(pathToFileURL(outfile).href)) as Record<string, Record<string, unknown>>,
    );
    for (const name of [...caught, "DecisionMailError"]) {
      const classes = modules.flatMap((m) =>
        typeof m[name] === "function" ? [m[name] as new () => Error] : [],
      );
      expect(classes.length, `${name} is a class of the error modules`).toBeGreaterThan(0);
      for (const ErrorClass of classes) {
        expect(ErrorClass.name).toBe(name);
        expect(new ErrorClass().name).toBe(name);
      }
    }
  });
});
