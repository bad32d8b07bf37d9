// A dev runtime started in-process on free ports with its own data dir, and the `kinerja` CLI run against it as HR
// runs it (a child process reading the data dir's token). The runtime lives in this process, so the CLI must run
// asynchronously (never spawnSync here).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { createLocalRuntime, type LocalRuntime } from "../../packages/local/src/runtime/runtime";

const run = promisify(execFile);
const bin = resolve(__dirname, "../../bin/kinerja.mjs");

/** What one CLI run printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A running runtime and the CLI pointed at it. */
export interface CliWorld {
  rt: LocalRuntime;
  dataDir: string;
  kinerja(...args: string[]): Promise<CliResult>;
  /** The same with a longer limit than kinerja's 60 s (a command that follows long work, e.g. a large import). */
  kinerjaWithin(timeoutMs: number, ...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/** Starts the runtime at 4 January 2027 in a new temp data dir named after `name`. */
export async function startCliWorld(name: string): Promise<CliWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), `kinerja-${name}-`));
  const rt = await createLocalRuntime({
    dataDir,
    port: 0,
    statesPort: 0,
    dynamoPort: 0,
    startAt: new Date("2027-01-04T01:00:00Z"),
  });
  const kinerjaWithin = async (timeout: number, ...args: string[]): Promise<CliResult> => {
    try {
      const out = await run(process.execPath, [bin, ...args], {
        env: { ...process.env, KINERJA_DATA_DIR: dataDir },
        timeout,
      });
      return { code: 0, stdout: out.stdout, stderr: out.stderr };
    } catch (error) {
      const e = error as CliResult;
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  return {
    rt,
    dataDir,
    kinerja: (...args) => kinerjaWithin(60_000, ...args),
    kinerjaWithin,
    async close() {
      await rt.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
