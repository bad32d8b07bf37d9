// Bundle bench: builds every Lambda the stacks deploy exactly as SST builds it (esbuild, minified ESM, @aws-sdk/* left
// to the runtime), then reports per bundle
// - its size (minified and gzip) and what weighs in it: the esbuild metafile goes to
//   bench/results/bundles-meta-<function>.json (gitignored), the top packages / core areas are printed and recorded;
// - its cold start as Lambda runs it: a fresh Node process per run that imports the bundle (Lambda's Init Duration:
//   module evaluation) and then makes the first handler call (part of the first invoke). The SDK talks to a stub
//   endpoint in this process that answers every AWS request at once with ResourceNotFoundException, so the first call
//   builds its clients and deps and fails on the "missing table"; it is timed until it returns or throws.
// Median and p90 over BENCH_BUNDLES_RUNS runs (default 10). BENCH_BUNDLES_ROOT measures another checkout (e.g. a
// `git archive` of an older commit with node_modules linked) with that checkout's own esbuild settings and registry;
// BENCH_BUNDLES_ONLY picks functions by a part of their handler path.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import esbuild from "esbuild";

const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const root = path.resolve(process.env.BENCH_BUNDLES_ROOT ?? benchRoot);
/** Goals of issue 18: steps/jobs <= 150 KB, the API <= 300 KB, module evaluation median <= 100 ms. */
const budget = { minifiedKB: 150, apiMinifiedKB: 300, initMs: 100 };
const runs = Number(process.env.BENCH_BUNDLES_RUNS ?? 10);
const topN = 8;

/** Median and p90 (nearest rank) of one timing, ms. */
export interface Spread {
  median: number;
  p90: number;
}

/** One measured function. */
export interface BundleFigure {
  handler: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Bytes in the output per package (node_modules) or source area (packages/core/src/<area>, functions/...). */
  top: { name: string; bytes: number }[];
  metafile: string;
  /** Node's own start until the script runs (not the bundle's; Lambda's runtime bootstrap differs). */
  bootMs: Spread | null;
  /** import() of the bundle: what Lambda reports as Init Duration. */
  importMs: Spread | null;
  /** The first handler call after the import, until it returns or throws. */
  firstCallMs: Spread | null;
  /** CPU time (user + system) of the import and of the first call: less sensitive to other load than wall time. */
  importCpuMs: Spread | null;
  firstCallCpuMs: Spread | null;
  /** What the first call ended with, and how many AWS requests it sent (to the stub). */
  firstCall?: { outcome: string; awsRequests: number };
  initError?: string;
  withinBudget: boolean;
}

/** Environment a cold start needs to pass config validation; values are dummies. */
const coldStartEnv = {
  KINERJA_TABLE: "bench",
  KINERJA_BASE_URL: "https://kinerja.example.invalid",
  KINERJA_LINK_KEYS: JSON.stringify({ current: "k1", keys: { k1: "0".repeat(64) } }),
  KINERJA_MAIL_FROM: "kinerja@example.invalid",
  KINERJA_MAIL_QUEUE_URL: "https://sqs.ap-southeast-3.amazonaws.com/000000000000/kinerja-bench-mail",
  // The API's own settings (functions/api.ts ApiConfigSchema); the verifier only fetches keys on a request.
  KINERJA_STATE_MACHINE_ARN_PREFIX: "arn:aws:states:ap-southeast-3:000000000000:stateMachine:kinerja-bench-",
  KINERJA_OIDC_ISSUER: "https://login.example.invalid",
  KINERJA_OIDC_AUDIENCE: "kinerja-bench",
  AWS_REGION: "ap-southeast-3",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  POWERTOOLS_METRICS_NAMESPACE: "kinerja-bench",
};

const at = "2026-03-02T01:00:00.000Z";
/**
 * One event every step and job accepts (their schemas are non-strict objects and take what they need), so each
 * first call passes validation and reaches its deps and the table, as a real first invoke does.
 */
const stepEvent = {
  appraisalId: "bench-appraisal",
  cycleId: "bench-cycle",
  periodKey: "2026-Q1",
  importId: "imp-20260302T010000Z-0123abcd",
  appraiserNip: "199001012020011001",
  taskToken: "bench-task-token",
  executionArn: "arn:aws:states:ap-southeast-3:000000000000:execution:kinerja-bench-appraisal:bench",
  executionStartTime: at,
  executionName: "bench",
  scheduledTime: at,
  dueAt: at,
  expiresAt: at,
  kind: "review",
  mailKind: "request",
  round: 1,
  attempt: 1,
  generation: 1,
  page: 1,
  phase: "evaluate",
  pagesInExecution: 0,
  pagesPerExecution: 20,
  launchName: "bench-launch",
  cursor: null,
  nextCursor: null,
  outcomes: [],
  limit: 1,
  decision: { kind: "review", round: 1 },
  decided: { kind: "review", decision: { rating: "sesuai" }, decidedAt: at },
  error: { Error: "States.TaskFailed", Cause: "bench" },
  Records: [
    {
      messageId: "bench-1",
      receiptHandle: "bench",
      body: JSON.stringify({ to: "a@example.invalid", subject: "bench", text: "bench" }),
      attributes: { ApproximateReceiveCount: "1" },
    },
  ],
};
/** The API's most frequent request: a link page (API Gateway HTTP API payload 2.0). */
const apiEvent = {
  version: "2.0",
  routeKey: "$default",
  rawPath: "/l/bench-not-a-token",
  rawQueryString: "",
  headers: { host: "kinerja.example.invalid", accept: "text/html" },
  requestContext: {
    accountId: "000000000000",
    apiId: "bench",
    domainName: "kinerja.example.invalid",
    http: { method: "GET", path: "/l/bench-not-a-token", protocol: "HTTP/1.1", sourceIp: "192.0.2.1" },
    requestId: "bench",
    stage: "$default",
    time: "02/Mar/2026:01:00:00 +0000",
    timeEpoch: Date.parse(at),
  },
  isBase64Encoded: false,
};

/** Runs in the fresh process: import, then the first call; prints one result line. */
function coldScript(bundle: string, event: unknown, name: string): string {
  return `const t0=performance.now();const c0=process.cpuUsage();
const m=await import(${JSON.stringify(pathToFileURL(bundle).href)});
const t1=performance.now();const c1=process.cpuUsage(c0);
let outcome;
const context={functionName:${JSON.stringify(name)},functionVersion:"$LATEST",awsRequestId:"bench",memoryLimitInMB:"512",invokedFunctionArn:"arn:aws:lambda:ap-southeast-3:000000000000:function:${name}",logGroupName:"bench",logStreamName:"bench",callbackWaitsForEmptyEventLoop:true,getRemainingTimeInMillis:()=>30000};
try{const r=await m.handler(${JSON.stringify(event)},context);outcome="returned"+(r&&typeof r==="object"&&"statusCode" in r?" "+r.statusCode:"");}
catch(e){outcome="threw "+(e?.name??typeof e)+": "+String(e?.message??e).slice(0,120);}
const t2=performance.now();const c2=process.cpuUsage();
const cpu=(u)=>(u.user+u.system)/1000;
console.log("BENCH_RESULT "+JSON.stringify({boot:t0,imp:t1-t0,call:t2-t1,impCpu:cpu(c1),callCpu:cpu(c2)-cpu(c0)-cpu(c1),outcome}));
process.exit(0);`;
}

/** An AWS endpoint that refuses everything at once, as a missing table would (non-retryable). */
async function startStubAws(): Promise<{ server: Server; url: string; count: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on("end", () => {
      res.writeHead(400, {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-errortype": "ResourceNotFoundException",
        "x-amzn-requestid": "bench",
      });
      res.end(
        JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          message: "bench: no such resource",
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, count: () => requests };
}

function runNode(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env, cwd: root });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Groups the metafile's inputs by package (node_modules) or source area. */
function contributors(meta: esbuild.Metafile): { name: string; bytes: number }[] {
  const sums = new Map<string, number>();
  for (const output of Object.values(meta.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = groupOf(input);
      sums.set(key, (sums.get(key) ?? 0) + bytesInOutput);
    }
  return [...sums].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function groupOf(input: string): string {
  const nm = input.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = input.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const core = /packages\/core\/src\/(i18n\/[^/]+|services\/[^/]+\/|services\/[^/.]+|[^/]+)/.exec(input);
  if (core) return `core/${core[1]!.replace(/\.ts$/, "")}`;
  const web = /packages\/web\/src\/([^/]+)/.exec(input);
  if (web) return `web/${web[1]!.replace(/\.tsx?$/, "")}`;
  return input.replace(/\.tsx?$/, "");
}

function spread(values: number[]): Spread | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]!;
  return { median: Math.round(median * 10) / 10, p90: Math.round(p90 * 10) / 10 };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Builds and measures every registry handler and the API handler. */
export async function run() {
  const { lambdaDefaults } = (await import(pathToFileURL(path.join(root, "stacks/functions.ts")).href)) as {
    lambdaDefaults: { nodejs?: { minify?: boolean; esbuild?: object } };
  };
  const registry = (await import(pathToFileURL(path.join(root, "workflows/registry.ts")).href)) as {
    stepFunctions: Record<string, { handler: string }>;
    eventFunctions?: Record<string, { handler: string }>;
  };
  const handlers = [
    ...new Set(
      [...Object.values(registry.stepFunctions), ...Object.values(registry.eventFunctions ?? {})].map(
        (s) => s.handler,
      ),
    ),
  ];
  if (existsSync(path.join(root, "functions/api.ts"))) handlers.unshift("functions/api.handler");
  // BENCH_BUNDLES_ONLY=record-review,api: a quick look at some functions (substring of the handler path).
  const only = process.env.BENCH_BUNDLES_ONLY?.split(",").filter(Boolean);
  if (only) handlers.splice(0, handlers.length, ...handlers.filter((h) => only.some((o) => h.includes(o))));
  // Inside the measured checkout so the external @aws-sdk/* imports resolve, as the Lambda runtime provides them.
  const outDir = path.join(root, ".sst", "bench-bundles");
  const resultsDir = path.join(benchRoot, "bench", "results");
  await rm(outDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  const stub = await startStubAws();
  const env = { ...process.env, ...coldStartEnv, AWS_ENDPOINT_URL: stub.url };
  const figures: BundleFigure[] = [];
  try {
    for (const handler of handlers) {
      const name = path.basename(handler.replace(/\.[^.]+$/, ""));
      const source = path.join(root, handler.replace(/\.[^.]+$/, ".ts"));
      const outfile = path.join(outDir, handler.replace(/\.[^.]+$/, ".mjs"));
      await mkdir(path.dirname(outfile), { recursive: true });
      const built = await esbuild.build({
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
        metafile: true,
        logLevel: "silent",
      });
      const metafile = path.join(resultsDir, `bundles-meta-${name}.json`);
      await writeFile(metafile, JSON.stringify(built.metafile));
      const code = await readFile(outfile);
      const boot: number[] = [];
      const imp: number[] = [];
      const call: number[] = [];
      const impCpu: number[] = [];
      const callCpu: number[] = [];
      let initError: string | undefined;
      let firstCall: BundleFigure["firstCall"];
      const script = coldScript(outfile, name === "api" ? apiEvent : stepEvent, name);
      for (let i = 0; i < runs && !initError; i++) {
        const before = stub.count();
        const r = await runNode(script, { ...env, AWS_LAMBDA_FUNCTION_NAME: name });
        const line = r.out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
        if (r.code !== 0 || !line) {
          initError = (r.err || r.out).trim().split("\n").slice(-3).join(" ");
          continue;
        }
        const result = JSON.parse(line.slice("BENCH_RESULT ".length)) as {
          boot: number;
          imp: number;
          call: number;
          impCpu: number;
          callCpu: number;
          outcome: string;
        };
        boot.push(result.boot);
        imp.push(result.imp);
        call.push(result.call);
        impCpu.push(result.impCpu);
        callCpu.push(result.callCpu);
        firstCall = { outcome: result.outcome, awsRequests: stub.count() - before };
      }
      const importMs = spread(imp);
      const limitKB = name === "api" ? budget.apiMinifiedKB : budget.minifiedKB;
      figures.push({
        handler,
        minifiedBytes: code.length,
        gzipBytes: gzipSync(code).length,
        top: contributors(built.metafile).slice(0, topN),
        metafile: path.relative(benchRoot, metafile),
        bootMs: spread(boot),
        importMs,
        firstCallMs: spread(call),
        importCpuMs: spread(impCpu),
        firstCallCpuMs: spread(callCpu),
        ...(firstCall ? { firstCall } : {}),
        ...(initError ? { initError } : {}),
        withinBudget: code.length <= limitKB * 1024 && importMs !== null && importMs.median <= budget.initMs,
      });
      print(figures.at(-1)!);
    }
  } finally {
    stub.server.close();
  }
  const others = figures.filter((f) => !f.handler.startsWith("functions/api."));
  const summary = {
    functions: figures.length,
    stepsAndJobsMinifiedKB: {
      median: spread(others.map((f) => f.minifiedBytes / 1024))?.median,
      max: Math.max(...others.map((f) => Math.round(f.minifiedBytes / 102.4) / 10)),
    },
    apiMinifiedKB: figures.find((f) => f.handler.startsWith("functions/api."))?.minifiedBytes,
    importMsMedianOfMedians: spread(figures.flatMap((f) => (f.importMs ? [f.importMs.median] : [])))?.median,
    firstCallMsMedianOfMedians: spread(figures.flatMap((f) => (f.firstCallMs ? [f.firstCallMs.median] : [])))
      ?.median,
    importCpuMsMedianOfMedians: spread(figures.flatMap((f) => (f.importCpuMs ? [f.importCpuMs.median] : [])))
      ?.median,
    firstCallCpuMsMedianOfMedians: spread(
      figures.flatMap((f) => (f.firstCallCpuMs ? [f.firstCallCpuMs.median] : [])),
    )?.median,
    withinBudget: figures.filter((f) => f.withinBudget).length,
  };
  if (summary.apiMinifiedKB !== undefined)
    summary.apiMinifiedKB = Math.round(summary.apiMinifiedKB / 102.4) / 10;
  console.log(JSON.stringify(summary));
  const result = {
    at: new Date().toISOString(),
    measuredRoot: root,
    loadAverage: os.loadavg(),
    node: process.version,
    budget,
    runs,
    summary,
    figures,
  };
  const file = path.join(resultsDir, "bundles.json");
  await writeFile(file, JSON.stringify(result, null, 2) + "\n");
  return result;
}

function print(f: BundleFigure): void {
  const ms = (s: Spread | null) => (s ? `${s.median}/${s.p90}` : "-");
  console.log(
    `${f.withinBudget ? "ok  " : "OVER"} ${f.handler.padEnd(48)} ${kb(f.minifiedBytes).padStart(6)} KB min ${kb(f.gzipBytes).padStart(5)} KB gz  import ${ms(f.importMs)} ms  first call ${ms(f.firstCallMs)} ms (median/p90); CPU ${ms(f.importCpuMs)} + ${ms(f.firstCallCpuMs)} ms${f.initError ? `  (${f.initError})` : ""}`,
  );
  if (f.firstCall)
    console.log(`     first call: ${f.firstCall.outcome} [${f.firstCall.awsRequests} AWS requests]`);
  console.log(`     ${f.top.map((t) => `${t.name} ${kb(t.bytes)}`).join(", ")}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
  console.log(
    `written to ${path.relative(benchRoot, path.join(benchRoot, "bench", "results", "bundles.json"))}`,
  );
}
