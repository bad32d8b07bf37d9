// SQLite persistence of the local Step Functions engine: every engine step writes here in one transaction before it is acknowledged.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { startCheckpointer } from "./checkpointer";
import {
  asExecution,
  asExecutionSummary,
  asHistory,
  asStateMachine,
  asThread,
  asTimer,
  asToken,
  type ActivityRow,
  type ExecutionStatus,
  type ExecutionSummaryRow,
  type Row,
  type StateMachineRow,
  type ThreadRow,
  type ThreadStatus,
  type TimerKind,
  type TimerRow,
  type TokenRow,
} from "./rows";
import { prepareSchema } from "./schema";

const EXECUTION_SUMMARY_COLUMNS =
  "id, arn, state_machine_arn, name, status, start_ms, stop_ms, current_state, transitions, error, cause";
const EXECUTION_SUMMARY_FILTER = `(@machine IS NULL OR state_machine_arn = @machine) AND (@status IS NULL OR status = @status)
  AND (@prefix IS NULL OR substr(name, 1, length(@prefix)) = @prefix)`;

/** The engine's durable store: typed, prepared-statement access to one SQLite file. */
export type EngineStore = ReturnType<typeof openStore>;

/**
 * Opens (creating if needed) the engine database at `dbPath` (":memory:" allowed).
 * WAL with synchronous=NORMAL: a commit is in the WAL before the call returns, so a killed process (SIGKILL) loses nothing;
 * only an OS crash or power cut could drop the last commits, which is acceptable for a local runtime and ~10x faster than FULL.
 */
export function openStore(dbPath: string) {
  if (dbPath !== ":memory:") mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -32000"); // 32 MB page cache: history and thread pages stay hot
  try {
    prepareSchema(db, dbPath);
  } catch (error) {
    db.close();
    throw error;
  }
  // Checkpoints run on a worker thread (see checkpointer.ts); the engine's own auto-checkpoint stays as a backstop
  // should the worker fall behind, and the WAL file is cut back to 64 MB after a checkpoint that let it grow.
  const checkpointer = dbPath === ":memory:" ? undefined : startCheckpointer(dbPath);
  db.pragma("wal_autocheckpoint = 10000");
  db.pragma("journal_size_limit = 67108864");

  const s = {
    insertMachine: db.prepare(
      `INSERT INTO state_machines (arn, name, definition, role_arn, type, created_ms, updated_ms, revision)
       VALUES (@arn, @name, @definition, @roleArn, @type, @createdMs, @updatedMs, @revision)`,
    ),
    updateMachine: db.prepare(
      `UPDATE state_machines SET definition = @definition, role_arn = @roleArn, updated_ms = @updatedMs, revision = revision + 1 WHERE arn = @arn`,
    ),
    getMachine: db.prepare(`SELECT * FROM state_machines WHERE arn = ?`),
    listMachines: db.prepare(`SELECT * FROM state_machines ORDER BY name`),
    deleteMachine: db.prepare(`DELETE FROM state_machines WHERE arn = ?`),

    insertExecution: db.prepare(
      `INSERT INTO executions (arn, state_machine_arn, name, status, input, start_ms, definition, parent_thread, parent_attempt, parent_arn)
       VALUES (@arn, @stateMachineArn, @name, 'RUNNING', @input, @startMs, @definition, @parentThread, @parentAttempt, @parentArn)`,
    ),
    getExecution: db.prepare(`SELECT * FROM executions WHERE arn = ?`),
    executionId: db.prepare(`SELECT id FROM executions WHERE arn = ?`),
    listExecutions: db.prepare(
      `SELECT * FROM executions WHERE (@machine IS NULL OR state_machine_arn = @machine) AND (@status IS NULL OR status = @status)
       AND (@afterStart IS NULL OR start_ms < @afterStart OR (start_ms = @afterStart AND arn > @afterArn))
       ORDER BY start_ms DESC, arn ASC LIMIT @limit`,
    ),
    // The executions page (engine-host/executions-page.ts): a seek on the integer key (newest first, or oldest first from a newer
    // page's cursor) that reads LIMIT rows plus those a filter skips, never the large input/output/definition columns.
    pageExecutionsOlder: db.prepare(
      `SELECT ${EXECUTION_SUMMARY_COLUMNS} FROM executions WHERE id < @cursor AND ${EXECUTION_SUMMARY_FILTER}
       ORDER BY id DESC LIMIT @limit`,
    ),
    pageExecutionsNewer: db.prepare(
      `SELECT ${EXECUTION_SUMMARY_COLUMNS} FROM executions WHERE id > @cursor AND ${EXECUTION_SUMMARY_FILTER}
       ORDER BY id ASC LIMIT @limit`,
    ),
    countExecutionsByStatus: db.prepare(
      `SELECT status, COUNT(*) AS n FROM executions WHERE (@machine IS NULL OR state_machine_arn = @machine) GROUP BY status`,
    ),
    finishExecution: db.prepare(
      `UPDATE executions SET status = @status, output = @output, error = @error, cause = @cause, stop_ms = @stopMs WHERE arn = @arn AND status = 'RUNNING'`,
    ),
    setCurrentState: db.prepare(
      `UPDATE executions SET current_state = ?, transitions = transitions + ? WHERE arn = ?`,
    ),
    historyLength: db.prepare(`SELECT MAX(id) AS n FROM events WHERE execution_id = ?`),
    runningExecutions: db.prepare(`SELECT arn FROM executions WHERE status = 'RUNNING'`),
    oldestRunningStart: db.prepare(`SELECT MIN(start_ms) AS start FROM executions WHERE status = 'RUNNING'`),
    runningStartedBy: db.prepare(
      `SELECT arn FROM executions WHERE status = 'RUNNING' AND start_ms <= ? ORDER BY start_ms LIMIT ?`,
    ),

    insertThread: db.prepare(
      `INSERT INTO threads (execution_arn, parent_id, idx, scope, state, phase, status, attempt, input, data)
       VALUES (@executionArn, @parentId, @idx, @scope, @state, @phase, @status, 0, @input, @data)`,
    ),
    getThread: db.prepare(`SELECT * FROM threads WHERE id = ?`),
    updateThread: db.prepare(
      `UPDATE threads SET state = @state, phase = @phase, status = @status, attempt = @attempt, input = @input, data = @data,
       output = @output, error = @error, cause = @cause WHERE id = @id`,
    ),
    setThreadStatus: db.prepare(`UPDATE threads SET status = ? WHERE id = ?`),
    childThreads: db.prepare(`SELECT * FROM threads WHERE parent_id = ? ORDER BY idx`),
    nextPendingChild: db.prepare(
      `SELECT * FROM threads WHERE parent_id = ? AND status = 'pending' ORDER BY idx LIMIT ?`,
    ),
    activeDescendants: db.prepare(
      `WITH RECURSIVE d(id) AS (SELECT id FROM threads WHERE parent_id = ? UNION ALL SELECT t.id FROM threads t JOIN d ON t.parent_id = d.id)
       SELECT id FROM d`,
    ),
    cancelThreads: db.prepare(
      `UPDATE threads SET status = 'cancelled' WHERE id IN (SELECT value FROM json_each(?)) AND status NOT IN ('done', 'failed')`,
    ),
    // A scan in id order: run once at start-up, over the threads of running executions only (no index to maintain).
    runnableThreads: db.prepare(
      `SELECT * FROM threads NOT INDEXED WHERE status IN ('ready', 'running') ORDER BY id`,
    ),
    executionThreads: db.prepare(`SELECT id FROM threads WHERE execution_arn = ?`),
    deleteExecutionThreads: db.prepare(`DELETE FROM threads WHERE execution_arn = ?`),
    deleteThreads: db.prepare(`DELETE FROM threads WHERE id IN (SELECT value FROM json_each(?))`),
    closeExecutionTokens: db.prepare(
      `UPDATE tokens SET status = 'closed' WHERE execution_arn = ? AND status IN ('active', 'started')`,
    ),
    runningChildren: db.prepare(`SELECT arn FROM executions WHERE parent_arn = ? AND status = 'RUNNING'`),

    insertHistory: db.prepare(
      `INSERT INTO events (execution_id, id, timestamp_ms, type, previous_event_id, details) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    history: db.prepare(
      `SELECT * FROM events WHERE execution_id = @executionId AND id > @after ORDER BY id ASC LIMIT @limit`,
    ),
    historyReverse: db.prepare(
      `SELECT * FROM events WHERE execution_id = @executionId AND id < @before ORDER BY id DESC LIMIT @limit`,
    ),

    insertToken: db.prepare(
      `INSERT INTO tokens (token, thread_id, attempt, execution_arn, state, kind, status, activity_arn, input, created_ms, heartbeat_seconds)
       VALUES (@token, @threadId, @attempt, @executionArn, @state, @kind, @status, @activityArn, @input, @createdMs, @heartbeatSeconds)`,
    ),
    getToken: db.prepare(`SELECT * FROM tokens WHERE token = ?`),
    setTokenStatus: db.prepare(`UPDATE tokens SET status = ? WHERE token = ?`),
    closeThreadTokens: db.prepare(
      `UPDATE tokens SET status = 'closed' WHERE thread_id IN (SELECT value FROM json_each(?)) AND status IN ('active', 'started')`,
    ),
    claimActivityTask: db.prepare(
      `UPDATE tokens SET status = 'started' WHERE token = (SELECT token FROM tokens WHERE kind = 'activity' AND activity_arn = ? AND status = 'active'
       ORDER BY created_ms LIMIT 1) RETURNING *`,
    ),

    insertTimer: db.prepare(
      `INSERT INTO timers (due_ms, kind, thread_id, attempt, execution_arn, token) VALUES (@dueMs, @kind, @threadId, @attempt, @executionArn, @token)`,
    ),
    dueTimers: db.prepare(`SELECT * FROM timers WHERE due_ms <= ? ORDER BY due_ms, id LIMIT ?`),
    nextTimer: db.prepare(`SELECT MIN(due_ms) AS due FROM timers`),
    deleteTimer: db.prepare(`DELETE FROM timers WHERE id = ?`),
    deleteThreadTimers: db.prepare(
      `DELETE FROM timers WHERE thread_id IN (SELECT value FROM json_each(?)) AND kind != 'execution-timeout'`,
    ),
    deleteTokenTimers: db.prepare(`DELETE FROM timers WHERE token = ? AND kind = ?`),
    deleteExecutionTimers: db.prepare(`DELETE FROM timers WHERE execution_arn = ?`),

    insertActivity: db.prepare(`INSERT INTO activities (arn, name, created_ms) VALUES (?, ?, ?)`),
    getActivity: db.prepare(`SELECT * FROM activities WHERE arn = ?`),
    listActivities: db.prepare(`SELECT * FROM activities ORDER BY name`),
    deleteActivity: db.prepare(`DELETE FROM activities WHERE arn = ?`),
  };

  // One transaction wrapper for every step: db.transaction() builds four closures per call, which showed in profiles.
  // Called at the top level it is BEGIN IMMEDIATE ... COMMIT; nested inside a transaction it is a SAVEPOINT.
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn());

  return {
    db,
    /** Runs `fn` in one IMMEDIATE transaction (all or nothing). */
    transaction<T>(fn: () => T): T {
      return inTransaction.immediate(fn) as T;
    },
    /** Stops the checkpointer and closes the database. */
    async close() {
      await checkpointer?.stop();
      db.close();
    },

    insertMachine: (m: StateMachineRow) => void s.insertMachine.run(m),
    updateMachine: (m: { arn: string; definition: string; roleArn: string; updatedMs: number }) =>
      s.updateMachine.run(m).changes > 0,
    getMachine: (arn: string) => {
      const r = s.getMachine.get(arn) as Row | undefined;
      return r ? asStateMachine(r) : undefined;
    },
    listMachines: () => (s.listMachines.all() as Row[]).map(asStateMachine),
    deleteMachine: (arn: string) => s.deleteMachine.run(arn).changes > 0,

    insertExecution: (e: {
      arn: string;
      stateMachineArn: string;
      name: string;
      input: string;
      startMs: number;
      definition: string;
      parentThread: number | null;
      parentAttempt: number | null;
      parentArn: string | null;
    }) => Number(s.insertExecution.run(e).lastInsertRowid),
    getExecution: (arn: string) => {
      const r = s.getExecution.get(arn) as Row | undefined;
      return r ? asExecution(r) : undefined;
    },
    listExecutions: (q: {
      machine: string | null;
      status: string | null;
      afterStart: number | null;
      afterArn: string | null;
      limit: number;
    }) => (s.listExecutions.all(q) as Row[]).map(asExecution),
    /**
     * One page of execution summaries, newest first: `before` an id (older) or `after` one (newer); filters by machine
     * ARN, status and name prefix. Pages by the integer key, so any page costs the same however many executions exist.
     */
    pageExecutionSummaries(q: {
      before?: number;
      after?: number;
      machine: string | null;
      status: string | null;
      namePrefix: string | null;
      limit: number;
    }): ExecutionSummaryRow[] {
      const newer = q.after !== undefined && q.before === undefined;
      const params = {
        cursor: newer ? q.after! : (q.before ?? Number.MAX_SAFE_INTEGER),
        machine: q.machine,
        status: q.status,
        prefix: q.namePrefix,
        limit: q.limit,
      };
      const rows = (newer ? s.pageExecutionsNewer : s.pageExecutionsOlder).all(params) as Row[];
      const page = rows.map(asExecutionSummary);
      return newer ? page.reverse() : page;
    },
    /** Executions per status (of one machine ARN, or all). */
    countExecutionsByStatus: (machine: string | null) =>
      Object.fromEntries(
        (s.countExecutionsByStatus.all({ machine }) as { status: string; n: number }[]).map((r) => [
          r.status,
          r.n,
        ]),
      ) as Partial<Record<ExecutionStatus, number>>,
    finishExecution: (f: {
      arn: string;
      status: ExecutionStatus;
      output: string | null;
      error: string | null;
      cause: string | null;
      stopMs: number;
    }) => s.finishExecution.run(f).changes > 0,
    setCurrentState: (arn: string, state: string, transitions: number) =>
      void s.setCurrentState.run(state, transitions, arn),
    /** Appends one event with the given id (ids are dense per execution; the last one is the history's length). */
    appendHistory(
      executionId: number,
      id: number,
      e: { timestampMs: number; type: string; previousEventId: number; details: string | null },
    ) {
      s.insertHistory.run(executionId, id, e.timestampMs, e.type, e.previousEventId, e.details);
    },
    /** Number of history events of an execution (its last event id), by store id or by ARN (0 for an unknown ARN). */
    historyLength(execution: number | string): number {
      const id =
        typeof execution === "number"
          ? execution
          : (s.executionId.get(execution) as { id: number } | undefined)?.id;
      return id === undefined ? 0 : ((s.historyLength.get(id) as { n: number | null }).n ?? 0);
    },
    /** Runs `fn` inside the current transaction as a SAVEPOINT, so a failing step rolls back alone. */
    savepoint<T>(fn: () => T): T {
      return inTransaction(fn) as T;
    },
    history: (executionId: number, after: number, limit: number) =>
      (s.history.all({ executionId, after, limit }) as Row[]).map(asHistory),
    historyReverse: (executionId: number, before: number, limit: number) =>
      (s.historyReverse.all({ executionId, before, limit }) as Row[]).map(asHistory),
    runningExecutions: () => (s.runningExecutions.all() as { arn: string }[]).map((r) => r.arn),
    /** Start time of the oldest RUNNING execution (null when none runs). */
    oldestRunningStart: () => (s.oldestRunningStart.get() as { start: number | null }).start,
    /** RUNNING executions started at or before `startMs`, oldest first. */
    runningStartedBy: (startMs: number, limit: number) =>
      (s.runningStartedBy.all(startMs, limit) as { arn: string }[]).map((r) => r.arn),

    insertThread: (
      t: Pick<
        ThreadRow,
        "executionArn" | "parentId" | "idx" | "scope" | "state" | "phase" | "status" | "input" | "data"
      >,
    ) => Number(s.insertThread.run(t).lastInsertRowid),
    getThread: (id: number) => {
      const r = s.getThread.get(id) as Row | undefined;
      return r ? asThread(r) : undefined;
    },
    updateThread: (t: ThreadRow) => void s.updateThread.run(t),
    setThreadStatus: (id: number, status: ThreadStatus) => void s.setThreadStatus.run(status, id),
    childThreads: (parentId: number) => (s.childThreads.all(parentId) as Row[]).map(asThread),
    nextPendingChildren: (parentId: number, limit: number) =>
      (s.nextPendingChild.all(parentId, limit) as Row[]).map(asThread),
    descendantIds: (id: number) => (s.activeDescendants.all(id) as { id: number }[]).map((r) => r.id),
    /** Cancels the threads, closes their tokens and drops their timers. */
    cancelThreads(ids: number[]) {
      if (ids.length === 0) return;
      const json = JSON.stringify(ids);
      s.cancelThreads.run(json);
      s.closeThreadTokens.run(json);
      s.deleteThreadTimers.run(json);
    },
    runnableThreads: () => (s.runnableThreads.all() as Row[]).map(asThread),
    deleteExecutionThreads: (arn: string) => void s.deleteExecutionThreads.run(arn),
    deleteThreads: (ids: number[]) => void (ids.length > 0 && s.deleteThreads.run(JSON.stringify(ids))),
    closeExecutionTokens: (arn: string) => void s.closeExecutionTokens.run(arn),
    runningChildExecutions: (arn: string) =>
      (s.runningChildren.all(arn) as { arn: string }[]).map((r) => r.arn),
    executionThreadIds: (arn: string) => (s.executionThreads.all(arn) as { id: number }[]).map((r) => r.id),

    insertToken: (t: TokenRow) => void s.insertToken.run(t),
    getToken: (token: string) => {
      const r = s.getToken.get(token) as Row | undefined;
      return r ? asToken(r) : undefined;
    },
    setTokenStatus: (token: string, status: TokenRow["status"]) => void s.setTokenStatus.run(status, token),
    claimActivityTask: (activityArn: string) => {
      const r = s.claimActivityTask.get(activityArn) as Row | undefined;
      return r ? asToken(r) : undefined;
    },

    insertTimer: (t: Omit<TimerRow, "id">) => Number(s.insertTimer.run(t).lastInsertRowid),
    dueTimers: (nowMs: number, limit: number) => (s.dueTimers.all(nowMs, limit) as Row[]).map(asTimer),
    nextTimerDue: () => (s.nextTimer.get() as { due: number | null }).due,
    deleteTimer: (id: number) => s.deleteTimer.run(id).changes > 0,
    deleteTokenTimers: (token: string, kind: TimerKind) => void s.deleteTokenTimers.run(token, kind),
    deleteThreadTimers: (ids: number[]) => void s.deleteThreadTimers.run(JSON.stringify(ids)),
    deleteExecutionTimers: (arn: string) => void s.deleteExecutionTimers.run(arn),

    insertActivity: (a: ActivityRow) => void s.insertActivity.run(a.arn, a.name, a.createdMs),
    getActivity: (arn: string) => {
      const r = s.getActivity.get(arn) as Row | undefined;
      return r
        ? { arn: r.arn as string, name: r.name as string, createdMs: r.created_ms as number }
        : undefined;
    },
    listActivities: () =>
      (s.listActivities.all() as Row[]).map((r) => ({
        arn: r.arn as string,
        name: r.name as string,
        createdMs: r.created_ms as number,
      })),
    deleteActivity: (arn: string) => s.deleteActivity.run(arn).changes > 0,
  };
}
