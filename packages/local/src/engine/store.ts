// SQLite persistence of the local Step Functions engine: every engine step writes here in one transaction before it is acknowledged.
import Database from "better-sqlite3";
import { startCheckpointer } from "./checkpointer";
import { EngineError } from "./errors";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** A stored state machine. */
export interface StateMachineRow {
  arn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  createdMs: number;
  updatedMs: number;
  revision: number;
}

/** A stored execution (top-level or started by a parent task). */
export interface ExecutionRow {
  /** Integer key of the execution inside the store (history events hang off it instead of the long ARN). */
  id: number;
  arn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  startMs: number;
  stopMs: number | null;
  currentState: string | null;
  transitions: number;
  historyCount: number;
  definition: string;
  /** Thread of the parent execution's startExecution task waiting on this one, if any. */
  parentThread: number | null;
  parentAttempt: number | null;
  parentArn: string | null;
  redriveCount: number;
}

/** What the executions page shows of an execution (no input, output or definition). */
export type ExecutionSummaryRow = Pick<
  ExecutionRow,
  | "id"
  | "arn"
  | "stateMachineArn"
  | "name"
  | "status"
  | "startMs"
  | "stopMs"
  | "currentState"
  | "transitions"
  | "error"
  | "cause"
>;

const EXECUTION_SUMMARY_COLUMNS =
  "id, arn, state_machine_arn, name, status, start_ms, stop_ms, current_state, transitions, error, cause";
const EXECUTION_SUMMARY_FILTER = `(@machine IS NULL OR state_machine_arn = @machine) AND (@status IS NULL OR status = @status)
  AND (@prefix IS NULL OR substr(name, 1, length(@prefix)) = @prefix)`;

const asExecutionSummary = (r: Row): ExecutionSummaryRow => ({
  id: r.id as number,
  arn: r.arn as string,
  stateMachineArn: r.state_machine_arn as string,
  name: r.name as string,
  status: r.status as ExecutionStatus,
  startMs: r.start_ms as number,
  stopMs: (r.stop_ms as number | null) ?? null,
  currentState: (r.current_state as string | null) ?? null,
  transitions: r.transitions as number,
  error: (r.error as string | null) ?? null,
  cause: (r.cause as string | null) ?? null,
});

/** Execution statuses as AWS names them. */
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** Life cycle of a thread: one path through a state list (the execution, a Parallel branch or a Map iteration). */
export type ThreadStatus = "pending" | "ready" | "running" | "waiting" | "done" | "failed" | "cancelled";

/** What a thread does next when it is ready: enter its current state, or start (again, after a retry) its Task/Parallel/Map work, or leave a Wait. */
export type ThreadPhase = "enter" | "start" | "after-wait";

/** A stored thread. */
export interface ThreadRow {
  id: number;
  executionArn: string;
  parentId: number | null;
  idx: number;
  scope: string;
  state: string;
  phase: ThreadPhase;
  status: ThreadStatus;
  attempt: number;
  /** The raw input of the current state. */
  input: string;
  /** JSON object of per-state scratch data (effective task input, retry counters, child bookkeeping, entered time). */
  data: string;
  output: string | null;
  error: string | null;
  cause: string | null;
}

/** A stored task token (callback or activity task). */
export interface TokenRow {
  token: string;
  threadId: number;
  attempt: number;
  executionArn: string;
  state: string;
  kind: "callback" | "activity";
  status: "active" | "started" | "done" | "timed-out" | "closed";
  activityArn: string | null;
  input: string | null;
  createdMs: number;
  heartbeatSeconds: number | null;
}

/** A stored timer; kinds say what firing it does. */
export interface TimerRow {
  id: number;
  dueMs: number;
  kind: TimerKind;
  threadId: number | null;
  attempt: number | null;
  executionArn: string | null;
  token: string | null;
}

/** What a timer does when it fires. */
export type TimerKind = "wait" | "retry" | "task-timeout" | "heartbeat" | "execution-timeout";

/** A stored history event. */
export interface HistoryRow {
  id: number;
  timestampMs: number;
  type: string;
  previousEventId: number;
  details: string | null;
}

/** A stored activity. */
export interface ActivityRow {
  arn: string;
  name: string;
  createdMs: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS state_machines (
  arn TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, definition TEXT NOT NULL, role_arn TEXT NOT NULL, type TEXT NOT NULL,
  created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, revision INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS executions (
  id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, input TEXT NOT NULL,
  output TEXT, error TEXT, cause TEXT, start_ms INTEGER NOT NULL, stop_ms INTEGER, current_state TEXT,
  transitions INTEGER NOT NULL DEFAULT 0, history_count INTEGER NOT NULL DEFAULT 0, definition TEXT NOT NULL,
  parent_thread INTEGER, parent_attempt INTEGER, parent_arn TEXT, redrive_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS threads (
  id INTEGER PRIMARY KEY, execution_arn TEXT NOT NULL, parent_id INTEGER, idx INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL, state TEXT NOT NULL, phase TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
  input TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}', output TEXT, error TEXT, cause TEXT);
CREATE INDEX IF NOT EXISTS threads_by_parent ON threads (parent_id, idx);
CREATE INDEX IF NOT EXISTS threads_by_execution ON threads (execution_arn);
CREATE TABLE IF NOT EXISTS events (
  execution_id INTEGER NOT NULL, id INTEGER NOT NULL, timestamp_ms INTEGER NOT NULL, type TEXT NOT NULL,
  previous_event_id INTEGER NOT NULL, details TEXT, PRIMARY KEY (execution_id, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY, thread_id INTEGER NOT NULL, attempt INTEGER NOT NULL, execution_arn TEXT NOT NULL, state TEXT NOT NULL,
  kind TEXT NOT NULL, status TEXT NOT NULL, activity_arn TEXT, input TEXT, created_ms INTEGER NOT NULL, heartbeat_seconds INTEGER);
CREATE INDEX IF NOT EXISTS tokens_by_execution ON tokens (execution_arn) WHERE status IN ('active', 'started');
CREATE INDEX IF NOT EXISTS tokens_by_activity ON tokens (activity_arn, status, created_ms) WHERE kind = 'activity';
CREATE TABLE IF NOT EXISTS timers (
  id INTEGER PRIMARY KEY, due_ms INTEGER NOT NULL, kind TEXT NOT NULL, thread_id INTEGER, attempt INTEGER,
  execution_arn TEXT, token TEXT);
CREATE INDEX IF NOT EXISTS timers_by_due ON timers (due_ms);
CREATE INDEX IF NOT EXISTS timers_by_thread ON timers (thread_id);
CREATE INDEX IF NOT EXISTS timers_by_execution ON timers (execution_arn);
CREATE INDEX IF NOT EXISTS timers_by_token ON timers (token) WHERE token IS NOT NULL;
CREATE INDEX IF NOT EXISTS executions_by_parent ON executions (parent_arn) WHERE parent_arn IS NOT NULL;
CREATE INDEX IF NOT EXISTS executions_running_by_start ON executions (start_ms) WHERE status = 'RUNNING';
CREATE TABLE IF NOT EXISTS activities (arn TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL);
`;

/**
 * Indexes earlier layouts had and no query uses (EXPLAIN QUERY PLAN): every one cost a B-tree write per execution start,
 * finish or thread status change. RUNNING executions are found through executions_running_by_start, runnable threads
 * by scanning the threads table, which only holds the threads of running executions. Dropping is compatible both
 * ways: an older engine opening the file creates them again.
 */
const DROPPED_INDEXES = `
DROP INDEX IF EXISTS executions_by_machine;
DROP INDEX IF EXISTS executions_by_status;
DROP INDEX IF EXISTS threads_by_status;
`;

/**
 * Version of SCHEMA, kept in PRAGMA user_version. 0 = the first layout (no version set): executions keyed by ARN and a
 * `history` table keyed by (execution ARN, event id); 2 = executions with an integer id and `events` keyed by it.
 */
export const SCHEMA_VERSION = 2;

/** Brings a version-0 database to SCHEMA_VERSION inside the caller's transaction, keeping every row. */
function migrateFromV0(db: Database.Database) {
  db.exec(`
    ALTER TABLE executions RENAME TO executions_v0;
    DROP INDEX IF EXISTS executions_by_machine;
    DROP INDEX IF EXISTS executions_by_status;
    DROP INDEX IF EXISTS executions_by_parent;
    DROP INDEX IF EXISTS executions_running_by_start;
  `);
  db.exec(SCHEMA);
  db.exec(`
    INSERT INTO executions (id, arn, state_machine_arn, name, status, input, output, error, cause, start_ms, stop_ms,
      current_state, transitions, history_count, definition, parent_thread, parent_attempt, parent_arn, redrive_count)
    SELECT rowid, arn, state_machine_arn, name, status, input, output, error, cause, start_ms, stop_ms,
      current_state, transitions, history_count, definition, parent_thread, parent_attempt, parent_arn, redrive_count
    FROM executions_v0 ORDER BY rowid;
    INSERT INTO events (execution_id, id, timestamp_ms, type, previous_event_id, details)
    SELECT e.id, h.id, h.timestamp_ms, h.type, h.previous_event_id, h.details
    FROM history h JOIN executions e ON e.arn = h.execution_arn;
    DROP TABLE history;
    DROP TABLE executions_v0;
  `);
}

/** Creates the schema in a new database, migrates an older one, refuses one written by a newer engine. */
function prepareSchema(db: Database.Database, dbPath: string) {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new EngineError(
      `${dbPath} was written by a newer kinerja (engine schema ${version}, this one knows ${SCHEMA_VERSION}); ` +
        `upgrade kinerja, or start with --reset to discard the local executions`,
    );
  }
  if (version === SCHEMA_VERSION) return void db.exec(SCHEMA + DROPPED_INDEXES);
  db.transaction(() => {
    const existing = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'history'`)
      .get();
    if (existing) migrateFromV0(db);
    else db.exec(SCHEMA);
    db.exec(DROPPED_INDEXES);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

type Row = Record<string, unknown>;

const asStateMachine = (r: Row): StateMachineRow => ({
  arn: r.arn as string,
  name: r.name as string,
  definition: r.definition as string,
  roleArn: r.role_arn as string,
  type: r.type as string,
  createdMs: r.created_ms as number,
  updatedMs: r.updated_ms as number,
  revision: r.revision as number,
});

const asExecution = (r: Row): ExecutionRow => ({
  id: r.id as number,
  arn: r.arn as string,
  stateMachineArn: r.state_machine_arn as string,
  name: r.name as string,
  status: r.status as ExecutionStatus,
  input: r.input as string,
  output: r.output as string | null,
  error: r.error as string | null,
  cause: r.cause as string | null,
  startMs: r.start_ms as number,
  stopMs: r.stop_ms as number | null,
  currentState: r.current_state as string | null,
  transitions: r.transitions as number,
  historyCount: r.history_count as number,
  definition: r.definition as string,
  parentThread: r.parent_thread as number | null,
  parentAttempt: r.parent_attempt as number | null,
  parentArn: r.parent_arn as string | null,
  redriveCount: r.redrive_count as number,
});

const asThread = (r: Row): ThreadRow => ({
  id: r.id as number,
  executionArn: r.execution_arn as string,
  parentId: r.parent_id as number | null,
  idx: r.idx as number,
  scope: r.scope as string,
  state: r.state as string,
  phase: r.phase as ThreadPhase,
  status: r.status as ThreadStatus,
  attempt: r.attempt as number,
  input: r.input as string,
  data: r.data as string,
  output: r.output as string | null,
  error: r.error as string | null,
  cause: r.cause as string | null,
});

const asToken = (r: Row): TokenRow => ({
  token: r.token as string,
  threadId: r.thread_id as number,
  attempt: r.attempt as number,
  executionArn: r.execution_arn as string,
  state: r.state as string,
  kind: r.kind as TokenRow["kind"],
  status: r.status as TokenRow["status"],
  activityArn: r.activity_arn as string | null,
  input: r.input as string | null,
  createdMs: r.created_ms as number,
  heartbeatSeconds: r.heartbeat_seconds as number | null,
});

const asTimer = (r: Row): TimerRow => ({
  id: r.id as number,
  dueMs: r.due_ms as number,
  kind: r.kind as TimerKind,
  threadId: r.thread_id as number | null,
  attempt: r.attempt as number | null,
  executionArn: r.execution_arn as string | null,
  token: r.token as string | null,
});

const asHistory = (r: Row): HistoryRow => ({
  id: r.id as number,
  timestampMs: r.timestamp_ms as number,
  type: r.type as string,
  previousEventId: r.previous_event_id as number,
  details: r.details as string | null,
});

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
    // The executions page (executions-page.ts): a seek on the integer key (newest first, or oldest first from a newer
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
