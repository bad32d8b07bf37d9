// Benchmark dispatcher: `npm run bench -- <name>` runs bench/<name>.ts's `run()` and writes its result,
// with machine info, to bench/results/<name>-<timestamp>.json and bench/results/<name>-latest.json.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Registered benchmarks: name -> module (relative to the repo root) exporting `run(): Promise<object>`. */
export const BENCHMARKS: Record<string, string> = {
  import: "bench/import.ts",
  engine: "bench/engine.ts",
  cycle: "bench/cycle.ts",
  links: "bench/links.ts",
  bundles: "bench/bundles.ts",
};

/** Machine facts stored with every result, so figures from different machines are not compared blindly. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Runs one registered benchmark and writes its result files; returns the path of the timestamped file. */
export async function runBenchmark(name: string): Promise<string> {
  const modulePath = BENCHMARKS[name];
  if (!modulePath)
    throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(", ")}`);
  const module = (await import(pathToFileURL(path.join(root, modulePath)).href)) as {
    run?: () => Promise<object>;
  };
  if (typeof module.run !== "function")
    throw new Error(`${modulePath} does not export run(): Promise<object>`);
  const startedAt = new Date();
  const result = await module.run();
  const record = { benchmark: name, startedAt: startedAt.toISOString(), machine: machineInfo(), result };
  const dir = path.join(root, "bench", "results");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const text = JSON.stringify(record, null, 2) + "\n";
  await writeFile(file, text);
  await writeFile(path.join(dir, `${name}-latest.json`), text);
  return file;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const names = process.argv.slice(2).filter((a) => a !== "--");
  if (names.length === 0) {
    console.error(`usage: npm run bench -- <name> [...]; known: ${Object.keys(BENCHMARKS).join(", ")}`);
    process.exit(2);
  }
  for (const name of names) {
    const file = await runBenchmark(name);
    console.log(`${name}: wrote ${path.relative(root, file)}`);
  }
}
