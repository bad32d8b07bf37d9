// Nothing a test run starts may outlive it: no DynamoDB Local, chromium or CLI child process, no port left listening,
// no temp dir. The run's processes inherit a marker in their environment and the run gets its own TMPDIR (caches meant
// to outlive a run are linked into it); at the end, a process still carrying the marker (or still a child of vitest),
// a TCP port vitest itself or such a process still listens on (vitest's own: those not open at the start), or an
// entry left in the run's TMPDIR fails the run, listed. Registered first in `globalSetup`, so this check runs after
// the other global teardowns (vitest runs them in reverse order). A port left open by one test file is caught at
// that file's end already (open-ports.ts).
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import {
  descendants,
  hasEnv,
  listeningSockets,
  processes,
  type ListeningSocket,
  type ProcessInfo,
} from "./proc";

const MARKER = "KINERJA_TEST_RUN";
/** How long a process that is on its way out (a stop() that returned before the exit) may take to go. */
const GRACE_MS = 5_000;

/** Temp-dir entries meant to outlive a run: the compiled DynamoDB Local launcher and tsx's transform cache (the CLI). */
const CACHES = [`kinerja-ddb-launcher-${userInfo().uid}`, `tsx-${userInfo().uid}`];

/** Live processes of this run other than vitest and its workers: marked in their environment, or below vitest. */
function runProcesses(marker: string): ProcessInfo[] {
  const all = processes();
  const below = descendants(process.pid, all);
  return all
    .filter((p) => p.pid !== process.pid && !/vitest\/dist\/workers\//.test(p.command))
    .filter((p) => below.has(p.pid) || hasEnv(p.pid, MARKER, marker));
}

const socketKey = (s: ListeningSocket) => `${s.pid} ${s.address}`;

/** Ports listened on by the run's leftover processes, and by vitest itself unless open at the start (`before`). */
function runPorts(left: readonly ProcessInfo[], before: ReadonlySet<string>): ListeningSocket[] {
  const own = listeningSockets([process.pid]).filter((s) => !before.has(socketKey(s)));
  return [...own, ...listeningSockets(left.map((p) => p.pid))];
}

export default function setup() {
  const marker = `${process.pid}-${randomUUID()}`;
  const portsBefore = new Set(listeningSockets([process.pid]).map(socketKey));
  const systemTmp = tmpdir();
  const runTmp = mkdtempSync(join(systemTmp, "kinerja-test-run-"));
  for (const cache of CACHES) {
    mkdirSync(join(systemTmp, cache), { recursive: true, mode: 0o700 });
    symlinkSync(join(systemTmp, cache), join(runTmp, cache));
  }
  process.env[MARKER] = marker;
  process.env.TMPDIR = runTmp;

  return async () => {
    let left = runProcesses(marker);
    let ports = runPorts(left, portsBefore);
    for (const deadline = Date.now() + GRACE_MS; left.length + ports.length > 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = runProcesses(marker);
      ports = runPorts(left, portsBefore);
    }
    const dirs = readdirSync(runTmp).filter((name) => !CACHES.includes(name));
    process.env.TMPDIR = systemTmp;
    delete process.env[MARKER];
    rmSync(runTmp, { recursive: true, force: true });
    if (left.length === 0 && ports.length === 0 && dirs.length === 0) return;
    process.exitCode = 1;
    throw new Error(
      [
        "the test run left behind what it started:",
        ...left.map((p) => `  process ${p.pid}: ${p.command.slice(0, 200)}`),
        ...ports.map(
          (s) =>
            `  port ${s.address} listened on by ${s.pid === process.pid ? "vitest" : `process ${s.pid}`}`,
        ),
        ...dirs.map((name) => `  temp dir entry: ${join(runTmp, name)} (removed now)`),
      ].join("\n"),
    );
  };
}
