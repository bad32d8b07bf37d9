// Durable scheduler state in SQLite: per schedule the cursor (the latest occurrence already handled) and one row per
// handled occurrence (fired, retrying or dead-lettered), so a restart neither loses nor repeats a run.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** What happened to one occurrence of a schedule. */
export type RunStatus = "fired" | "retrying" | "dead-lettered";

/** One handled occurrence (or, for dead-lettered gaps, a batch of `occurrences` consecutive ones). */
export interface ScheduleRun {
  schedule: string;
  scheduledTime: string;
  executionName: string;
  status: RunStatus;
  attempts: number;
  nextAttemptAt?: string;
  updatedAt: string;
  error?: string;
  /** How many occurrences this row stands for (more than 1 only for a dead-lettered gap). */
  occurrences: number;
}

interface RunRow {
  schedule: string;
  scheduled_ms: number;
  execution_name: string;
  status: RunStatus;
  attempts: number;
  next_attempt_ms: number | null;
  updated_ms: number;
  error: string | null;
  occurrences: number;
}

/** The scheduler's SQLite tables, with prepared statements. */
export interface SchedulerStore {
  /** The schedule's cursor and creation time, registering it at `nowMs` when first seen. */
  ensureSchedule(name: string, expression: string, nowMs: number): { createdMs: number; cursorMs: number };
  /** Records what happened to an occurrence and moves the schedule's cursor to it, in one transaction. */
  recordRun(run: Omit<RunRow, "occurrences"> & { occurrences?: number }, advanceCursor: boolean): void;
  /** Moves the schedule's cursor forward to `ms` (never back). */
  setCursor(name: string, ms: number): void;
  /** Occurrences waiting for a retry whose next attempt is due by `nowMs`. */
  dueRetries(nowMs: number): RunRow[];
  /** Earliest pending retry, if any. */
  nextRetryMs(): number | null;
  /** Every handled occurrence in scheduled order (optionally of one schedule). */
  listRuns(schedule?: string): ScheduleRun[];
  close(): void;
}

/** Opens (creating if needed) the scheduler tables in `db`: a better-sqlite3 database or a file path. */
export function openSchedulerStore(db: string | Database.Database): SchedulerStore {
  const owned = typeof db === "string";
  if (owned && db !== ":memory:") mkdirSync(dirname(db), { recursive: true });
  const sqlite = owned ? new Database(db) : db;
  sqlite.pragma("journal_mode = WAL");
  // FULL: a fired occurrence must survive a power cut, otherwise a restart could re-evaluate a handled day.
  sqlite.pragma("synchronous = FULL");
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS scheduler_schedules (
      name TEXT PRIMARY KEY,
      expression TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      cursor_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS scheduler_runs (
      schedule TEXT NOT NULL,
      scheduled_ms INTEGER NOT NULL,
      execution_name TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      next_attempt_ms INTEGER,
      updated_ms INTEGER NOT NULL,
      error TEXT,
      occurrences INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (schedule, scheduled_ms)
    );
    CREATE INDEX IF NOT EXISTS scheduler_runs_retry ON scheduler_runs (status, next_attempt_ms);
  `);
  const selectSchedule = sqlite.prepare<
    [string],
    { created_ms: number; cursor_ms: number; expression: string }
  >("SELECT created_ms, cursor_ms, expression FROM scheduler_schedules WHERE name = ?");
  const insertSchedule = sqlite.prepare(
    "INSERT INTO scheduler_schedules (name, expression, created_ms, cursor_ms) VALUES (?, ?, ?, ?)",
  );
  const updateExpression = sqlite.prepare("UPDATE scheduler_schedules SET expression = ? WHERE name = ?");
  const advanceCursor = sqlite.prepare(
    "UPDATE scheduler_schedules SET cursor_ms = MAX(cursor_ms, ?) WHERE name = ?",
  );
  const upsertRun = sqlite.prepare(`
    INSERT INTO scheduler_runs (schedule, scheduled_ms, execution_name, status, attempts, next_attempt_ms, updated_ms, error, occurrences)
    VALUES (@schedule, @scheduled_ms, @execution_name, @status, @attempts, @next_attempt_ms, @updated_ms, @error, @occurrences)
    ON CONFLICT (schedule, scheduled_ms) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
      next_attempt_ms = excluded.next_attempt_ms, updated_ms = excluded.updated_ms, error = excluded.error`);
  const selectDueRetries = sqlite.prepare<[number], RunRow>(
    "SELECT * FROM scheduler_runs WHERE status = 'retrying' AND next_attempt_ms <= ? ORDER BY scheduled_ms",
  );
  const selectNextRetry = sqlite.prepare<[], { next: number | null }>(
    "SELECT MIN(next_attempt_ms) AS next FROM scheduler_runs WHERE status = 'retrying'",
  );
  const selectRuns = sqlite.prepare<[string | null, string | null], RunRow>(
    "SELECT * FROM scheduler_runs WHERE (? IS NULL OR schedule = ?) ORDER BY scheduled_ms, schedule",
  );
  const record = sqlite.transaction((run: RunRow, advance: boolean) => {
    upsertRun.run(run);
    if (advance) advanceCursor.run(run.scheduled_ms, run.schedule);
  });
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ensureSchedule(name, expression, nowMs) {
      const row = selectSchedule.get(name);
      if (row) {
        if (row.expression !== expression) updateExpression.run(expression, name);
        return { createdMs: row.created_ms, cursorMs: row.cursor_ms };
      }
      // A new schedule starts now, as a newly created EventBridge schedule does: no back-fill of the past.
      insertSchedule.run(name, expression, nowMs, nowMs);
      return { createdMs: nowMs, cursorMs: nowMs };
    },
    recordRun(run, advance) {
      record({ ...run, occurrences: run.occurrences ?? 1 }, advance);
    },
    setCursor(name, ms) {
      advanceCursor.run(ms, name);
    },
    dueRetries: (nowMs) => selectDueRetries.all(nowMs),
    nextRetryMs: () => selectNextRetry.get()?.next ?? null,
    listRuns(schedule) {
      return selectRuns.all(schedule ?? null, schedule ?? null).map((row) => ({
        schedule: row.schedule,
        scheduledTime: iso(row.scheduled_ms),
        executionName: row.execution_name,
        status: row.status,
        attempts: row.attempts,
        ...(row.next_attempt_ms !== null && row.status === "retrying"
          ? { nextAttemptAt: iso(row.next_attempt_ms) }
          : {}),
        updatedAt: iso(row.updated_ms),
        ...(row.error ? { error: row.error } : {}),
        occurrences: row.occurrences,
      }));
    },
    close() {
      if (owned) sqlite.close();
    },
  };
}
