// Bundle bench: builds every Lambda the stacks deploy exactly as SST builds it (esbuild, minified ESM, @aws-sdk/* left
// to the runtime), then reports its size (minified and gzip) and its cold initialisation: a fresh Node process
// importing the bundle, median of 10. Results go to bench/results/bundles.json.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import esbuild from "esbuild";
import { lambdaDefaults } from "../stacks/functions";
import { stepFunctions } from "../workflows/registry";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const budget = { minifiedKB: 150, initMs: 150 };
const runs = 10;

/** One measured function. */
export interface BundleFigure {
  handler: string;
  minifiedBytes: number;
  gzipBytes: number;
  initMsMedian: number | null;
  initError?: string;
  withinBudget: boolean;
}

/** Environment a cold start needs to pass config validation; values are dummies, nothing is called. */
const coldStartEnv = {
  KINERJA_TABLE: "bench",
  KINERJA_BASE_URL: "https://kinerja.example.invalid",
  KINERJA_LINK_KEYS: JSON.stringify({ current: "k1", keys: { k1: "0".repeat(64) } }),
  KINERJA_MAIL_FROM: "kinerja@example.invalid",
  // The API's own settings (functions/api.ts ApiConfigSchema); the verifier only fetches keys on a request.
  KINERJA_STATE_MACHINE_ARN_PREFIX: "arn:aws:states:ap-southeast-3:000000000000:stateMachine:kinerja-bench-",
  KINERJA_OIDC_ISSUER: "https://login.example.invalid",
  KINERJA_OIDC_AUDIENCE: "kinerja-bench",
  AWS_REGION: "ap-southeast-3",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

/** Builds and measures every registry handler and the API handler. */
export async function run(): Promise<{ figures: BundleFigure[]; file: string }> {
  const handlers = [...new Set(Object.values(stepFunctions).map((s) => s.handler))];
  if (existsSync(path.join(root, "functions/api.ts"))) handlers.unshift("functions/api.handler");
  // Inside the repository so the external @aws-sdk/* imports resolve, as the Lambda runtime provides them.
  const outDir = path.join(root, ".sst", "bench-bundles");
  await rm(outDir, { recursive: true, force: true });
  const figures: BundleFigure[] = [];
  for (const handler of handlers) {
    const source = path.join(root, handler.replace(/\.[^.]+$/, ".ts"));
    const outfile = path.join(outDir, handler.replace(/\.[^.]+$/, ".mjs"));
    await mkdir(path.dirname(outfile), { recursive: true });
    await esbuild.build({
      entryPoints: [source],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      minify: lambdaDefaults.nodejs?.minify,
      mainFields: ["module", "main"],
      // The stacks' own esbuild settings (target, external AWS SDK, keepNames), so the bench weighs what deploys.
      ...(lambdaDefaults.nodejs?.esbuild as esbuild.BuildOptions),
      banner: {
        js: "import { createRequire as topLevelCreateRequire } from 'module';const require = topLevelCreateRequire(import.meta.url);",
      },
      logLevel: "silent",
    });
    const code = await readFile(outfile);
    const times: number[] = [];
    let initError: string | undefined;
    for (let i = 0; i < runs && !initError; i++) {
      const script = `const t=performance.now();await import(${JSON.stringify(outfile)});console.log(performance.now()-t)`;
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
        encoding: "utf8",
        env: { ...process.env, ...coldStartEnv },
      });
      if (r.status !== 0) initError = r.stderr.trim().split("\n").slice(-3).join(" ");
      else times.push(Number(r.stdout.trim()));
    }
    const initMsMedian = times.length ? Math.round(median(times) * 10) / 10 : null;
    figures.push({
      handler,
      minifiedBytes: code.length,
      gzipBytes: gzipSync(code).length,
      initMsMedian,
      ...(initError ? { initError } : {}),
      withinBudget:
        code.length <= budget.minifiedKB * 1024 && initMsMedian !== null && initMsMedian <= budget.initMs,
    });
  }
  const file = path.join(root, "bench", "results", "bundles.json");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    JSON.stringify({ at: new Date().toISOString(), node: process.version, budget, runs, figures }, null, 2) +
      "\n",
  );
  return { figures, file };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { figures, file } = await run();
  for (const f of figures)
    console.log(
      `${f.withinBudget ? "ok  " : "OVER"} ${f.handler.padEnd(48)} ${(f.minifiedBytes / 1024).toFixed(1).padStart(7)} KB min ${(f.gzipBytes / 1024).toFixed(1).padStart(6)} KB gz  init ${f.initMsMedian ?? "-"} ms${f.initError ? `  (${f.initError})` : ""}`,
    );
  console.log(`written to ${path.relative(root, file)}`);
}
