// What the invariant checker asks of a Step Functions engine, with three sources: the local engine in-process, its
// SQLite file on disk (read-only, safe beside a running runtime thanks to WAL), or any Step Functions API (AWS itself).
import Database from "better-sqlite3";
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { Engine } from "../engine/index";
import { DoctorUnreachableError } from "./doctor.errors";

/** What keeps a running execution moving (local engine only: the API does not expose threads and timers). */
export interface ExecutionLiveness {
  currentState: string | null;
  /** Threads ready to run or with a Lambda in flight. */
  readyThreads: number;
  /** Wait, retry, task-timeout and heartbeat timers of live threads (the execution's own one-year timeout excluded). */
  timers: number;
  /** Child executions (states:startExecution.sync) still running. */
  runningChildren: number;
  /** Callback and activity tokens still open. */
  openTokens: string[];
}

/** The engine as the checker sees it. */
export interface StatesView {
  execution(arn: string): Promise<{ status: string } | undefined>;
  runningExecutions(): Promise<{ arn: string; name: string }[]>;
  /** `open` while the token can still be answered; `unknown` when the source cannot tell (the AWS API has no such call). */
  token(token: string): Promise<"open" | "done" | "timed-out" | "closed" | "missing" | "unknown">;
  /** Undefined when the source cannot see inside executions. */
  liveness(arn: string): Promise<ExecutionLiveness | undefined>;
  close?(): void;
}

/** A view over the engine's SQLite database (the engine's own connection, or a read-only one). */
function databaseView(db: Database.Database): StatesView {
  const q = {
    execution: db.prepare(`SELECT status FROM executions WHERE arn = ?`),
    running: db.prepare(`SELECT arn, name FROM executions WHERE status = 'RUNNING' ORDER BY arn`),
    token: db.prepare(`SELECT status FROM tokens WHERE token = ?`),
    current: db.prepare(`SELECT current_state AS s FROM executions WHERE arn = ?`),
    ready: db.prepare(
      `SELECT COUNT(*) AS n FROM threads WHERE execution_arn = ? AND status IN ('ready', 'running')`,
    ),
    timers: db.prepare(
      `SELECT COUNT(*) AS n FROM timers t LEFT JOIN threads th ON th.id = t.thread_id
       WHERE t.execution_arn = ? AND t.kind != 'execution-timeout' AND (th.id IS NULL OR th.status NOT IN ('done', 'failed', 'cancelled'))`,
    ),
    children: db.prepare(`SELECT COUNT(*) AS n FROM executions WHERE parent_arn = ? AND status = 'RUNNING'`),
    tokens: db.prepare(
      `SELECT token FROM tokens WHERE execution_arn = ? AND status IN ('active', 'started')`,
    ),
  };
  const count = (stmt: Database.Statement, ...args: unknown[]) => (stmt.get(...args) as { n: number }).n;
  return {
    execution: async (arn) => q.execution.get(arn) as { status: string } | undefined,
    runningExecutions: async () => q.running.all() as { arn: string; name: string }[],
    async token(token) {
      const row = q.token.get(token) as { status: string } | undefined;
      if (!row) return "missing";
      return row.status === "active" || row.status === "started"
        ? "open"
        : (row.status as "done" | "timed-out" | "closed");
    },
    async liveness(arn) {
      return {
        currentState: (q.current.get(arn) as { s: string | null } | undefined)?.s ?? null,
        readyThreads: count(q.ready, arn),
        timers: count(q.timers, arn),
        runningChildren: count(q.children, arn),
        openTokens: (q.tokens.all(arn) as { token: string }[]).map((r) => r.token),
      };
    },
  };
}

/** The view of a local engine running in this process. */
export function engineStatesView(engine: Engine): StatesView {
  return databaseView(engine.store.db);
}

/** The view of a local engine's SQLite file (e.g. `<data dir>/states.db`), opened read-only; close() it when done. */
export function sqliteStatesView(dbPath: string): StatesView {
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
  } catch (error) {
    throw new DoctorUnreachableError(
      `cannot open the engine database ${dbPath}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { ...databaseView(db), close: () => db.close() };
}

/** The view through the Step Functions API (AWS or the local endpoint): executions only, tokens and liveness unknown. */
export function sfnStatesView(client: SFNClient, options: { stateMachineArns?: string[] } = {}): StatesView {
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if ((error as { name?: string }).name === "ExecutionDoesNotExist") return undefined as T;
      throw new DoctorUnreachableError(`Step Functions ${what} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  return {
    execution: (arn) =>
      call("DescribeExecution", async () => ({
        status: (await client.send(new DescribeExecutionCommand({ executionArn: arn }))).status ?? "UNKNOWN",
      })),
    async runningExecutions() {
      const machines =
        options.stateMachineArns ??
        (await call("ListStateMachines", async () => {
          const arns: string[] = [];
          let nextToken: string | undefined;
          do {
            const page = await client.send(new ListStateMachinesCommand({ nextToken }));
            arns.push(...(page.stateMachines ?? []).map((m) => m.stateMachineArn!));
            nextToken = page.nextToken;
          } while (nextToken);
          return arns;
        }));
      const out: { arn: string; name: string }[] = [];
      for (const stateMachineArn of machines) {
        let nextToken: string | undefined;
        do {
          const page = await call("ListExecutions", () =>
            client.send(
              new ListExecutionsCommand({
                stateMachineArn,
                statusFilter: "RUNNING",
                maxResults: 1000,
                nextToken,
              }),
            ),
          );
          out.push(...(page.executions ?? []).map((e) => ({ arn: e.executionArn!, name: e.name! })));
          nextToken = page.nextToken;
        } while (nextToken);
      }
      return out;
    },
    token: async () => "unknown",
    liveness: async () => undefined,
  };
}
