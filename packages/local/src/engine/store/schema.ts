// The engine database's layout: tables and indexes, their version, and the migration from the first layout.
import type Database from "better-sqlite3";
import { EngineError } from "../errors";

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
export function prepareSchema(db: Database.Database, dbPath: string) {
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
