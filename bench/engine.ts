// Engine bench: state transitions per second for the same definitions on the durable local engine (SQLite file, WAL)
// and on aws-local-stepfunctions (in memory), in one run. Writes bench/results/engine-<timestamp>.json.
//   npm run bench -- engine    or    npx tsx bench/engine.ts
//
// Method: both engines first run every case for WARMUP_MS (JIT, SQLite page cache, asl-validator cache), then
// REPETITIONS rounds; in each round every case runs on the engine and then on the peer for at least MEASURE_MS
// (whole executions, or whole batches for the concurrent case). Rounds interleave the two engines so that load from
// other processes hits both alike. Each case reports the median (and min/max) transitions/s over the rounds; the overall
// figure is, per round, all transitions of all cases over all their time, then the median of the rounds, the same for both.
// cpuRatio compares CPU time per transition, which other jobs on a shared machine disturb less than wall time.
// BENCH_ENGINE_MEASURE_MS / BENCH_ENGINE_REPETITIONS override the defaults (1500 ms, 3).
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { StateMachine } from "aws-local-stepfunctions";
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { createEngine, type Engine } from "../packages/local/src/engine/engine";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MEASURE_MS = Number(process.env.BENCH_ENGINE_MEASURE_MS ?? 1500);
const WARMUP_MS = Math.min(600, MEASURE_MS);
const REPETITIONS = Number(process.env.BENCH_ENGINE_REPETITIONS ?? 3);

const pass = (next?: string) => (next ? { Type: "Pass", Next: next } : { Type: "Pass", End: true });

const loop = (iterations: number) => ({
  StartAt: "Init",
  States: {
    Init: { Type: "Pass", Result: { i: 0 }, Next: "Inc" },
    Inc: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "Check" },
    Check: {
      Type: "Choice",
      Choices: [{ Variable: "$.i", NumericLessThan: iterations, Next: "Inc" }],
      Default: "Done",
    },
    Done: { Type: "Succeed" },
  },
});

interface BenchCase {
  name: string;
  input: object;
  definition: object;
  /** Executions started at once per unit of work (1 = one after the other). */
  concurrent: number;
}

/** The measured definitions. */
const CASES: BenchCase[] = [
  { name: "pass-choice-loop-1000", concurrent: 1, input: {}, definition: loop(500) },
  {
    name: "map-100-items",
    concurrent: 1,
    input: { items: Array.from({ length: 100 }, (_, i) => ({ i })) },
    definition: {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: {
            StartAt: "A",
            States: { A: { Type: "Pass", Parameters: { "v.$": "$.i" }, Next: "B" }, B: pass() },
          },
          End: true,
        },
      },
    },
  },
  {
    name: "parallel-4x5",
    concurrent: 1,
    input: { x: 1 },
    definition: {
      StartAt: "Fork",
      States: {
        Fork: {
          Type: "Parallel",
          // state names are unique across the whole machine in ASL, so each branch gets its own prefix
          Branches: [0, 1, 2, 3].map((b) => ({
            StartAt: `B${b}S1`,
            States: {
              [`B${b}S1`]: pass(`B${b}S2`),
              [`B${b}S2`]: pass(`B${b}S3`),
              [`B${b}S3`]: pass(`B${b}S4`),
              [`B${b}S4`]: pass(`B${b}S5`),
              [`B${b}S5`]: pass(),
            },
          })),
          End: true,
        },
      },
    },
  },
  // How the product uses the engine: many executions in flight at once (each one a loop of ~200 transitions).
  { name: "concurrent-100-loops-200", concurrent: 100, input: {}, definition: loop(100) },
  // Per-execution overhead: start (one commit), one Pass, finish; executions one after the other.
  {
    name: "single-pass-start-overhead",
    concurrent: 1,
    input: { x: 1 },
    definition: { StartAt: "P", States: { P: pass() } },
  },
];

/** One measurement: whole units of work run for at least `minMs`. */
interface Sample {
  ms: number;
  /** Process CPU time (user + system) over the sample: steadier than wall time when other jobs share the machine. */
  cpuMs: number;
  executions: number;
  transitions: number;
}

/** A runner executes one unit of a case (`concurrent` executions) and returns the transitions it took. */
type Runner = () => Promise<number>;

async function measure(runner: Runner, minMs: number, concurrent: number): Promise<Sample> {
  let executions = 0;
  let transitions = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  do {
    transitions += await runner();
    executions += concurrent;
  } while (performance.now() - t0 < minMs);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, executions, transitions };
}

function engineRunners(engine: Engine): Map<string, Runner> {
  const runners = new Map<string, Runner>();
  let counter = 0;
  for (const c of CASES) {
    const { stateMachineArn } = engine.createStateMachine({
      name: c.name,
      definition: JSON.stringify(c.definition),
    });
    const input = JSON.stringify(c.input);
    runners.set(c.name, async () => {
      const arns = Array.from(
        { length: c.concurrent },
        () => engine.startExecution({ stateMachineArn, name: `run-${++counter}`, input }).executionArn,
      );
      let transitions = 0;
      for (const executionArn of arns) {
        const done = await engine.waitForExecution(executionArn, 120_000);
        if (done.status !== "SUCCEEDED")
          throw new Error(`${c.name} ${executionArn} ended ${done.status}: ${done.error} ${done.cause}`);
        transitions += done.transitions;
      }
      return transitions;
    });
  }
  return runners;
}

/** The peer reports no transition count; the same definitions take the same number as on the engine (checked by the differential tests). */
function peerRunners(transitionsPerExecution: Map<string, number>): Map<string, Runner> {
  const runners = new Map<string, Runner>();
  for (const c of CASES) {
    const machine = new StateMachine(c.definition as never, { validationOptions: { checkArn: false } });
    runners.set(c.name, async () => {
      await Promise.all(Array.from({ length: c.concurrent }, () => machine.run(c.input as never).result));
      return c.concurrent * transitionsPerExecution.get(c.name)!;
    });
  }
  return runners;
}

const tps = (s: Sample) => (s.transitions / s.ms) * 1000;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (x: number) => Math.round(x);
const summary = (samples: Sample[]) => {
  const rates = samples.map(tps);
  return {
    transitionsPerSecond: round(median(rates)),
    min: round(Math.min(...rates)),
    max: round(Math.max(...rates)),
    transitionsPerCpuSecond: round(median(samples.map((s) => (s.transitions / s.cpuMs) * 1000))),
    repetitions: samples.map((s) => ({
      ms: round(s.ms),
      cpuMs: round(s.cpuMs),
      executions: s.executions,
      transitions: s.transitions,
      transitionsPerSecond: round(tps(s)),
    })),
  };
};

/** Runs the bench and writes its figures; returns them too. */
export async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), "kinerja-bench-engine-"));
  const engine = createEngine({
    dbPath: path.join(dir, "engine.sqlite"),
    clock: createOffsetClock(),
    lambdas: () => undefined,
    realTime: false,
  });
  const started = performance.now();
  try {
    const mine = engineRunners(engine);
    // Warm-up doubles as the transition count per execution the peer is credited with.
    const perExecution = new Map<string, number>();
    for (const c of CASES) {
      const warm = await measure(mine.get(c.name)!, WARMUP_MS, c.concurrent);
      perExecution.set(c.name, warm.transitions / warm.executions);
    }
    const peer = peerRunners(perExecution);
    for (const c of CASES) await measure(peer.get(c.name)!, WARMUP_MS, c.concurrent);

    const samples = new Map(CASES.map((c) => [c.name, { engine: [] as Sample[], peer: [] as Sample[] }]));
    for (let r = 0; r < REPETITIONS; r++) {
      for (const c of CASES) {
        samples.get(c.name)!.engine.push(await measure(mine.get(c.name)!, MEASURE_MS, c.concurrent));
        samples.get(c.name)!.peer.push(await measure(peer.get(c.name)!, MEASURE_MS, c.concurrent));
      }
    }

    const cases = CASES.map((c) => {
      const s = samples.get(c.name)!;
      const e = summary(s.engine);
      const p = summary(s.peer);
      return {
        name: c.name,
        concurrentExecutions: c.concurrent,
        transitionsPerExecution: perExecution.get(c.name)!,
        engine: e,
        peer: p,
        ratio: Number((e.transitionsPerSecond / p.transitionsPerSecond).toFixed(2)),
        cpuRatio: Number((e.transitionsPerCpuSecond / p.transitionsPerCpuSecond).toFixed(2)),
      };
    });
    const roundRates = (who: "engine" | "peer") =>
      Array.from({ length: REPETITIONS }, (_, r) => {
        const all = CASES.map((c) => samples.get(c.name)![who][r]);
        return (all.reduce((n, s) => n + s.transitions, 0) / all.reduce((n, s) => n + s.ms, 0)) * 1000;
      });
    const engineRounds = roundRates("engine");
    const peerRounds = roundRates("peer");
    const geoRatio = Math.exp(cases.reduce((n, c) => n + Math.log(c.ratio), 0) / cases.length);
    const result = {
      bench: "engine",
      at: new Date().toISOString(),
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
      node: process.version,
      durability:
        "SQLite file, WAL, synchronous=NORMAL, every step committed before anything leaves the engine",
      peer: "aws-local-stepfunctions (in memory)",
      method: {
        warmupMsPerCase: WARMUP_MS,
        minMsPerCaseAndRepetition: MEASURE_MS,
        repetitions: REPETITIONS,
        statistic: "median over repetitions (min/max alongside)",
      },
      cases,
      overall: {
        engineTransitionsPerSecond: round(median(engineRounds)),
        peerTransitionsPerSecond: round(median(peerRounds)),
        ratio: Number((median(engineRounds) / median(peerRounds)).toFixed(2)),
        geometricMeanOfCaseRatios: Number(geoRatio.toFixed(2)),
        engineRounds: engineRounds.map(round),
        peerRounds: peerRounds.map(round),
        target: ">= peer and >= 3000 transitions/s",
      },
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    const out = path.join(root, "bench/results", `engine-${result.at.replace(/[:.]/g, "-")}.json`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(result, null, 2) + "\n");
    console.table(
      cases.map((c) => ({
        case: c.name,
        "engine tr/s (median)": c.engine.transitionsPerSecond,
        "engine min-max": `${c.engine.min}-${c.engine.max}`,
        "peer tr/s (median)": c.peer.transitionsPerSecond,
        "peer min-max": `${c.peer.min}-${c.peer.max}`,
        ratio: c.ratio,
        "cpu ratio": c.cpuRatio,
      })),
    );
    console.log(
      `overall: engine ${result.overall.engineTransitionsPerSecond} tr/s, peer ${result.overall.peerTransitionsPerSecond} tr/s, ratio ${result.overall.ratio} ` +
        `(geometric mean of case ratios ${result.overall.geometricMeanOfCaseRatios}); ${result.seconds} s; wrote ${path.relative(root, out)}`,
    );
    return result;
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
