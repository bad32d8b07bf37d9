// Engine bench: state transitions per second for the same definitions on the durable local engine (SQLite file, WAL)
// and on aws-local-stepfunctions (in memory), in one run. Writes bench/results/engine-<timestamp>.json.
//   npm run bench -- engine    or    npx tsx bench/engine.ts
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { StateMachine } from "aws-local-stepfunctions";
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { createEngine } from "../packages/local/src/engine/engine";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const pass = (next?: string) => (next ? { Type: "Pass", Next: next } : { Type: "Pass", End: true });

/** The measured definitions and how many executions of each one run. */
const CASES = [
  {
    name: "pass-choice-loop-1000",
    runs: 5,
    input: {},
    definition: {
      StartAt: "Init",
      States: {
        Init: { Type: "Pass", Result: { i: 0 }, Next: "Inc" },
        Inc: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "Check" },
        Check: { Type: "Choice", Choices: [{ Variable: "$.i", NumericLessThan: 500, Next: "Inc" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    },
  },
  {
    name: "map-100-items",
    runs: 10,
    input: { items: Array.from({ length: 100 }, (_, i) => ({ i })) },
    definition: {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: { StartAt: "A", States: { A: { Type: "Pass", Parameters: { "v.$": "$.i" }, Next: "B" }, B: pass() } },
          End: true,
        },
      },
    },
  },
  {
    name: "parallel-4x5",
    runs: 50,
    input: { x: 1 },
    definition: {
      StartAt: "Fork",
      States: {
        Fork: {
          Type: "Parallel",
          // state names are unique across the whole machine in ASL, so each branch gets its own prefix
          Branches: [0, 1, 2, 3].map((b) => ({
            StartAt: `B${b}S1`,
            States: { [`B${b}S1`]: pass(`B${b}S2`), [`B${b}S2`]: pass(`B${b}S3`), [`B${b}S3`]: pass(`B${b}S4`), [`B${b}S4`]: pass(`B${b}S5`), [`B${b}S5`]: pass() },
          })),
          End: true,
        },
      },
    },
  },
] as const;

interface CaseResult {
  name: string;
  executions: number;
  transitionsPerExecution: number;
  engine: { ms: number; transitionsPerSecond: number };
  peer: { ms: number; transitionsPerSecond: number };
  ratio: number;
}

async function measureEngine(dbPath: string) {
  const engine = createEngine({ dbPath, clock: createOffsetClock(), lambdas: () => undefined, realTime: false });
  const figures: Record<string, { ms: number; transitions: number; executions: number }> = {};
  try {
    for (const c of CASES) {
      const { stateMachineArn } = engine.createStateMachine({ name: c.name, definition: JSON.stringify(c.definition) });
      // one warm-up execution so JIT and caches are comparable to the peer's warm-up
      const warm = engine.startExecution({ stateMachineArn, name: "warm", input: JSON.stringify(c.input) });
      await engine.waitForExecution(warm.executionArn, 120_000);
      let transitions = 0;
      const t0 = performance.now();
      for (let r = 0; r < c.runs; r++) {
        const { executionArn } = engine.startExecution({ stateMachineArn, name: `run-${r}`, input: JSON.stringify(c.input) });
        const done = await engine.waitForExecution(executionArn, 120_000);
        if (done.status !== "SUCCEEDED") throw new Error(`${c.name} run ${r} ended ${done.status}: ${done.error} ${done.cause}`);
        transitions += done.transitions;
      }
      figures[c.name] = { ms: performance.now() - t0, transitions, executions: c.runs };
    }
  } finally {
    await engine.close();
  }
  return figures;
}

async function measurePeer() {
  const figures: Record<string, { ms: number }> = {};
  for (const c of CASES) {
    const machine = new StateMachine(c.definition as never, { validationOptions: { checkArn: false } });
    await machine.run(c.input as never).result;
    const t0 = performance.now();
    for (let r = 0; r < c.runs; r++) await machine.run(c.input as never).result;
    figures[c.name] = { ms: performance.now() - t0 };
  }
  return figures;
}

/** Runs the bench and writes its figures; returns them too. */
export async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), "kinerja-bench-engine-"));
  try {
    const engine = await measureEngine(path.join(dir, "engine.sqlite"));
    const peer = await measurePeer();
    const cases: CaseResult[] = CASES.map((c) => {
      const e = engine[c.name];
      const p = peer[c.name];
      const engineTps = (e.transitions / e.ms) * 1000;
      const peerTps = (e.transitions / p.ms) * 1000; // same definitions, same transition count
      return {
        name: c.name,
        executions: c.runs,
        transitionsPerExecution: e.transitions / c.runs,
        engine: { ms: Math.round(e.ms), transitionsPerSecond: Math.round(engineTps) },
        peer: { ms: Math.round(p.ms), transitionsPerSecond: Math.round(peerTps) },
        ratio: Number((engineTps / peerTps).toFixed(2)),
      };
    });
    const totalTransitions = CASES.reduce((n, c) => n + engine[c.name].transitions, 0);
    const engineMs = CASES.reduce((n, c) => n + engine[c.name].ms, 0);
    const peerMs = CASES.reduce((n, c) => n + peer[c.name].ms, 0);
    const result = {
      bench: "engine",
      at: new Date().toISOString(),
      node: process.version,
      durability: "SQLite file, WAL, synchronous=NORMAL, one transaction per step",
      peer: "aws-local-stepfunctions (in memory)",
      cases,
      overall: {
        engineTransitionsPerSecond: Math.round((totalTransitions / engineMs) * 1000),
        peerTransitionsPerSecond: Math.round((totalTransitions / peerMs) * 1000),
        ratio: Number((peerMs / engineMs).toFixed(2)),
        target: ">= peer and >= 3000 transitions/s",
      },
    };
    const out = path.join(root, "bench/results", `engine-${result.at.replace(/[:.]/g, "-")}.json`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(result, null, 2) + "\n");
    console.table(cases.map((c) => ({ case: c.name, "engine tr/s": c.engine.transitionsPerSecond, "peer tr/s": c.peer.transitionsPerSecond, ratio: c.ratio })));
    console.log(`overall: engine ${result.overall.engineTransitionsPerSecond} tr/s, peer ${result.overall.peerTransitionsPerSecond} tr/s, ratio ${result.overall.ratio}; wrote ${path.relative(root, out)}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
