// WAL checkpoints of the engine database on a worker thread, so the engine's own thread never waits for them.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** A running checkpointer. */
export interface Checkpointer {
  /** Stops the worker after closing its connection. */
  stop(): Promise<void>;
}

// Plain CommonJS evaluated in the worker (no TypeScript loader there). A PASSIVE checkpoint never blocks the engine's
// writes; it copies committed WAL frames into the database file and fsyncs, which under synchronous=NORMAL is the only
// fsync SQLite does and, on the engine's thread, was most of a commit's wall time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.dbPath, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // busy or locked: the next round (or the engine's own auto-checkpoint) catches up
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Starts checkpointing the WAL database at `dbPath` every `intervalMs` from a worker thread with its own connection. */
export function startCheckpointer(dbPath: string, intervalMs = 200): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dbPath, driver, intervalMs } });
  worker.unref(); // a process that forgets to close the engine still exits
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    worker.once("exit", () => {
      exited = true;
      resolve();
    });
    worker.once("error", () => undefined);
  });
  return {
    async stop() {
      if (exited) return;
      worker.postMessage("stop");
      const timeout = setTimeout(() => void worker.terminate(), 2_000);
      await exit;
      clearTimeout(timeout);
    },
  };
}
