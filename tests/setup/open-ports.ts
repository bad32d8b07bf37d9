// Vitest setup file (runs in the worker before each test file): a TCP port the file's tests opened, in this worker (a
// server never closed) or in a process they started, must be closed when the file ends, else the file fails with the
// ports listed. Checked per file because a worker's own servers die with the worker, before the end-of-run check
// (global-leftovers.ts) could see them, and because the failing file names the culprit.
import { afterAll } from "vitest";
import { descendants, listeningSockets, processes, type ListeningSocket } from "./proc";

/** How long a server whose close() was not awaited, or a child on its way out, may take to let its port go. */
const GRACE_MS = 2_000;

const key = (s: ListeningSocket) => `${s.pid} ${s.address}`;

/** Ports listened on by this worker and the processes below it. */
function workerPorts(): ListeningSocket[] {
  return listeningSockets([process.pid, ...descendants(process.pid, processes())]);
}

const before = new Set(workerPorts().map(key));
const opened = () => workerPorts().filter((s) => !before.has(key(s)));

// Registered before the test file's own hooks, so (vitest runs afterAll hooks in reverse) this runs after them.
afterAll(async () => {
  let left = opened();
  for (const deadline = Date.now() + GRACE_MS; left.length > 0 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = opened();
  }
  if (left.length === 0) return;
  throw new Error(
    [
      "the test file left ports listening:",
      ...left.map(
        (s) => `  ${s.address} (${s.pid === process.pid ? "this test worker" : `process ${s.pid}`})`,
      ),
    ].join("\n"),
  );
});
