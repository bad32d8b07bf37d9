// Nothing a test run starts may outlive it: no DynamoDB Local, chromium or CLI child process, no temp dir. The run's
// processes inherit a marker in their environment and the run gets its own TMPDIR (caches meant to outlive a run are
// linked into it); at the end, a process still carrying the marker (or still a child of vitest) or an entry left in
// the run's TMPDIR fails the run, listed. Registered first in `globalSetup`, so this check runs after the other
// global teardowns (vitest runs them in reverse order).
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

const MARKER = "KINERJA_TEST_RUN";
/** How long a process that is on its way out (a stop() that returned before the exit) may take to go. */
const GRACE_MS = 5_000;

/** Temp-dir entries meant to outlive a run: the compiled DynamoDB Local launcher and tsx's transform cache (the CLI). */
const CACHES = [`kinerja-ddb-launcher-${userInfo().uid}`, `tsx-${userInfo().uid}`];

interface Leftover {
  pid: number;
  command: string;
}

function readProc(pid: string, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/** Live processes of this run other than vitest and its workers: marked in their environment, or below vitest. */
function runProcesses(marker: string): Leftover[] {
  if (!existsSync("/proc/self/environ")) return []; // no procfs (macOS, Windows): the process check is Linux-only
  const parents = new Map<number, number>();
  const seen: (Leftover & { marked: boolean })[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const stat = readProc(pid, "stat");
    if (!stat) continue;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (state === "Z") continue; // exited, only not reaped yet
    parents.set(Number(pid), Number(ppid));
    seen.push({
      pid: Number(pid),
      command: (readProc(pid, "cmdline") ?? "").split("\0").join(" ").trim(),
      marked: (readProc(pid, "environ") ?? "").split("\0").includes(`${MARKER}=${marker}`),
    });
  }
  const belowVitest = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === process.pid) return true;
    return false;
  };
  return seen
    .filter((p) => p.pid !== process.pid && !/vitest\/dist\/workers\//.test(p.command))
    .filter((p) => p.marked || belowVitest(p.pid))
    .map(({ pid, command }) => ({ pid, command }));
}

export default function setup() {
  const marker = `${process.pid}-${randomUUID()}`;
  const systemTmp = tmpdir();
  const runTmp = mkdtempSync(join(systemTmp, "kinerja-test-run-"));
  for (const cache of CACHES) {
    mkdirSync(join(systemTmp, cache), { recursive: true, mode: 0o700 });
    symlinkSync(join(systemTmp, cache), join(runTmp, cache));
  }
  process.env[MARKER] = marker;
  process.env.TMPDIR = runTmp;

  return async () => {
    let processes = runProcesses(marker);
    for (const deadline = Date.now() + GRACE_MS; processes.length > 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      processes = runProcesses(marker);
    }
    const dirs = readdirSync(runTmp).filter((name) => !CACHES.includes(name));
    process.env.TMPDIR = systemTmp;
    delete process.env[MARKER];
    rmSync(runTmp, { recursive: true, force: true });
    if (processes.length === 0 && dirs.length === 0) return;
    process.exitCode = 1;
    throw new Error(
      [
        "the test run left behind what it started:",
        ...processes.map((p) => `  process ${p.pid}: ${p.command.slice(0, 200)}`),
        ...dirs.map((name) => `  temp dir entry: ${join(runTmp, name)} (removed now)`),
      ].join("\n"),
    );
  };
}
