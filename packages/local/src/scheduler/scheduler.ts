// The local scheduler: runs the same schedule specs as EventBridge Scheduler, following the Clock port.
//
// Semantics (mirroring EventBridge Scheduler's delivery and retry policy):
// - `tick()` handles every occurrence due by clock.now() that is after the schedule's cursor, in order of due time
//   (ties in spec order). Each starts the target with input `{...spec.input, scheduledTime}` and the deterministic
//   execution name `<schedule>-<yyyyMMddTHHmmZ>`; a crash between StartExecution and the bookkeeping re-sends the same
//   name, which the engine answers idempotently (or with ExecutionAlreadyExists, counted as started): never doubled.
// - An occurrence older than `retry.maximumEventAgeInSeconds` when the scheduler gets to it is dead-lettered, not
//   fired, exactly as EventBridge drops an event it could not deliver within that age. After downtime the runs still
//   within the age are caught up once each (for the daily 01:00 schedule with a 24 h age: exactly the latest missed
//   run); older ones are recorded as dead-lettered (visible in `runs()`), and the target workflow itself looks back to
//   heal the gap (periodic-dispatch's `lookbackDays`).
// - A failed StartExecution is retried on later ticks with exponential backoff (1 min, doubling, capped at 1 h) up to
//   `retry.maximumRetryAttempts`, while the event is younger than the maximum age; then it is dead-lettered.
// - A flexible window (`flexibleWindowMinutes`) is honoured by firing at the start of the window, the earliest
//   instant the cloud may pick, so local runs are deterministic.
// - State (cursor per schedule, every handled occurrence) lives in SQLite and survives restarts. A schedule seen for
//   the first time starts at clock.now(), like a newly created EventBridge schedule (no back-fill).
import type Database from "better-sqlite3";
import type { AdjustableClock, Clock } from "@kinerja/core/clock/clock";
import {
  nextOccurrence,
  parseScheduleExpression,
  type ParsedScheduleExpression,
} from "@kinerja/core/periodic/schedule-expression";
import { validateScheduleSpecs, type ScheduleSpec } from "@kinerja/core/periodic/schedule-spec";
import { openSchedulerStore, type ScheduleRun } from "./scheduler-store";
import { SchedulerClosedError } from "./scheduler.errors";

export type { ScheduleRun } from "./scheduler-store";

/** Starts an execution of the named state machine; must be idempotent by `name` (the local engine and AWS are). */
export type StartExecution = (
  stateMachineName: string,
  name: string,
  input: Record<string, unknown>,
) => Promise<unknown>;

/** Options of createScheduler. */
export interface SchedulerOptions {
  specs: readonly ScheduleSpec[];
  /** State machine names the targets must be among (refused at start otherwise). */
  knownStateMachines: readonly string[];
  clock: Clock;
  startExecution: StartExecution;
  /** better-sqlite3 database (shared with the engine, say) or a file path such as `<data dir>/scheduler.db`. */
  db: string | Database.Database;
  /** Observes each handled occurrence (for logs and the dev UI). */
  onRun?: (run: ScheduleRun) => void;
}

/** The local scheduler. */
export interface Scheduler {
  /** Handles every occurrence due by clock.now() once, in order of due time; resolves with what it did. */
  tick(): Promise<ScheduleRun[]>;
  /** Moves an adjustable clock forward by `ms`, stopping at every occurrence on the way so each fires at its own time. */
  advance(ms: number, beforeEachStop?: (at: Date) => Promise<void>): Promise<ScheduleRun[]>;
  /** The earliest instant at which a tick would do something. */
  nextDueAt(): Date | null;
  /** Every handled occurrence, in scheduled order (optionally of one schedule). */
  runs(schedule?: string): ScheduleRun[];
  /** Ticks on a real-time interval (the clock moves with real time in the dev runtime). */
  start(intervalMs?: number): void;
  /** Stops the interval and closes the store (if the scheduler opened it). */
  close(): Promise<void>;
}

interface Entry {
  spec: ScheduleSpec;
  order: number;
  parsed: ParsedScheduleExpression;
  createdMs: number;
  cursorMs: number;
}

interface Due {
  entry: Entry;
  scheduledMs: number;
  attempts: number;
}

const MINUTE = 60_000;
const MAX_BACKOFF_MS = 60 * MINUTE;

/** Execution name for one occurrence: `<schedule>-<yyyyMMddTHHmmZ>` (at most 64 + 15 = 79 characters, AWS allows 80). */
export function scheduledExecutionName(schedule: string, scheduledTime: Date): string {
  const stamp = scheduledTime.toISOString().replace(/[-:]/g, "").slice(0, 13);
  return `${schedule}-${stamp}Z`;
}

/** The `<aws.scheduler.scheduled-time>` format: ISO 8601 in UTC without milliseconds. */
export function scheduledTimeText(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Creates the local scheduler; throws ScheduleSpecError at once for bad specs (invalid cron, unknown target, duplicates). */
export function createScheduler(options: SchedulerOptions): Scheduler {
  validateScheduleSpecs(options.specs, options.knownStateMachines);
  const { clock, startExecution } = options;
  const store = openSchedulerStore(options.db);
  const now0 = clock.now().getTime();
  const entries: Entry[] = options.specs.map((spec, order) => ({
    spec,
    order,
    parsed: parseScheduleExpression(spec.expression),
    ...store.ensureSchedule(spec.name, spec.expression, now0),
  }));
  const byName = new Map(entries.map((e) => [e.spec.name, e]));
  const occurrenceOptions = (e: Entry) => ({ timeZone: e.spec.timezone, anchor: new Date(e.createdMs) });
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  const record = (e: Entry, run: Parameters<typeof store.recordRun>[0], advance: boolean): ScheduleRun => {
    store.recordRun(run, advance);
    if (advance) e.cursorMs = Math.max(e.cursorMs, run.scheduled_ms);
    const result: ScheduleRun = {
      schedule: run.schedule,
      scheduledTime: new Date(run.scheduled_ms).toISOString(),
      executionName: run.execution_name,
      status: run.status,
      attempts: run.attempts,
      updatedAt: new Date(run.updated_ms).toISOString(),
      occurrences: run.occurrences ?? 1,
      ...(run.next_attempt_ms !== null && run.status === "retrying"
        ? { nextAttemptAt: new Date(run.next_attempt_ms).toISOString() }
        : {}),
      ...(run.error ? { error: run.error } : {}),
    };
    options.onRun?.(result);
    return result;
  };

  const collectDue = (nowMs: number): { due: Due[]; gaps: ScheduleRun[] } => {
    const due: Due[] = [];
    const gaps: ScheduleRun[] = [];
    for (const row of store.dueRetries(nowMs)) {
      const entry = byName.get(row.schedule);
      if (entry) due.push({ entry, scheduledMs: row.scheduled_ms, attempts: row.attempts });
    }
    for (const e of entries) {
      const maxAgeMs = e.spec.retry.maximumEventAgeInSeconds * 1000;
      // Occurrences older than the maximum event age are never fired; skip them in one step (a year of a
      // per-minute schedule after downtime must not be walked one by one into SQLite).
      const oldest = nowMs - maxAgeMs;
      let cursor = e.cursorMs;
      if (cursor < oldest - 1) {
        let first: number | null = null;
        let last = cursor;
        let count = 0;
        const cap = 10_000;
        for (
          let at = nextOccurrence(e.parsed, new Date(cursor), occurrenceOptions(e));
          at && at.getTime() < oldest && count < cap;
        ) {
          first ??= at.getTime();
          last = at.getTime();
          count += 1;
          at = nextOccurrence(e.parsed, at, occurrenceOptions(e));
        }
        if (first !== null) {
          gaps.push(
            record(
              e,
              {
                schedule: e.spec.name,
                scheduled_ms: first,
                execution_name: scheduledExecutionName(e.spec.name, new Date(first)),
                status: "dead-lettered",
                attempts: 0,
                next_attempt_ms: null,
                updated_ms: nowMs,
                error:
                  `${count === cap ? "at least " : ""}${count} occurrence(s) from ${new Date(first).toISOString()} to ` +
                  `${new Date(last).toISOString()} were older than maximumEventAgeInSeconds ` +
                  `(${e.spec.retry.maximumEventAgeInSeconds}) when the scheduler got to them (downtime or a clock jump)`,
                occurrences: count,
              },
              false,
            ),
          );
        }
        // Everything before `oldest` is now handled; with the cap reached the rest of the gap is skipped unwalked.
        cursor = count === cap ? oldest - 1 : Math.max(last, cursor);
        store.setCursor(e.spec.name, cursor);
        e.cursorMs = cursor;
      }
      for (
        let at = nextOccurrence(e.parsed, new Date(cursor), occurrenceOptions(e));
        at && at.getTime() <= nowMs;
      ) {
        due.push({ entry: e, scheduledMs: at.getTime(), attempts: 0 });
        at = nextOccurrence(e.parsed, at, occurrenceOptions(e));
      }
    }
    due.sort((a, b) => a.scheduledMs - b.scheduledMs || a.entry.order - b.entry.order);
    return { due, gaps };
  };

  const fire = async (item: Due, nowMs: number): Promise<ScheduleRun> => {
    const { entry: e, scheduledMs } = item;
    const scheduled = new Date(scheduledMs);
    const name = scheduledExecutionName(e.spec.name, scheduled);
    const base = {
      schedule: e.spec.name,
      scheduled_ms: scheduledMs,
      execution_name: name,
      updated_ms: nowMs,
    };
    if (nowMs - scheduledMs > e.spec.retry.maximumEventAgeInSeconds * 1000) {
      return record(
        e,
        {
          ...base,
          status: "dead-lettered",
          attempts: item.attempts,
          next_attempt_ms: null,
          error: "older than maximumEventAgeInSeconds",
        },
        true,
      );
    }
    try {
      await startExecution(e.spec.target.stateMachine, name, {
        ...e.spec.input,
        scheduledTime: scheduledTimeText(scheduled),
      });
    } catch (error) {
      const err = error as Error & { __type?: string };
      const kind = err.name === "Error" && err.__type ? err.__type : err.name;
      if (kind !== "ExecutionAlreadyExists") {
        const attempts = item.attempts + 1;
        const message = `${kind}: ${err.message}`;
        if (attempts > e.spec.retry.maximumRetryAttempts)
          return record(
            e,
            {
              ...base,
              status: "dead-lettered",
              attempts,
              next_attempt_ms: null,
              error: `retries exhausted; last error ${message}`,
            },
            true,
          );
        const backoff = Math.min(MINUTE * 2 ** (attempts - 1), MAX_BACKOFF_MS);
        return record(
          e,
          { ...base, status: "retrying", attempts, next_attempt_ms: nowMs + backoff, error: message },
          true,
        );
      }
    }
    return record(
      e,
      { ...base, status: "fired", attempts: item.attempts + 1, next_attempt_ms: null, error: null },
      true,
    );
  };

  const tickOnce = async (): Promise<ScheduleRun[]> => {
    if (closed) throw new SchedulerClosedError();
    const nowMs = clock.now().getTime();
    const { due, gaps } = collectDue(nowMs);
    const results: ScheduleRun[] = [...gaps];
    for (const item of due) results.push(await fire(item, nowMs));
    return results;
  };

  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  const nextDueAt = (): Date | null => {
    let best: number | null = store.nextRetryMs();
    for (const e of entries) {
      const at = nextOccurrence(e.parsed, new Date(e.cursorMs), occurrenceOptions(e));
      if (at && (best === null || at.getTime() < best)) best = at.getTime();
    }
    return best === null ? null : new Date(best);
  };

  return {
    tick: () => serialise(tickOnce),
    advance(ms, beforeEachStop) {
      const adjustable = clock as Partial<AdjustableClock>;
      if (typeof adjustable.set !== "function")
        throw new TypeError("advance needs an AdjustableClock (createOffsetClock)");
      return serialise(async () => {
        const target = clock.now().getTime() + ms;
        const results: ScheduleRun[] = [];
        for (;;) {
          const next = nextDueAt();
          if (!next || next.getTime() > target) break;
          if (next.getTime() > clock.now().getTime()) adjustable.set!(next);
          await beforeEachStop?.(next);
          results.push(...(await tickOnce()));
        }
        if (target > clock.now().getTime()) adjustable.set!(new Date(target));
        await beforeEachStop?.(new Date(target));
        results.push(...(await tickOnce()));
        return results;
      });
    },
    nextDueAt,
    runs: (schedule) => store.listRuns(schedule),
    start(intervalMs = 1000) {
      if (timer || closed) return;
      timer = setInterval(() => {
        void serialise(tickOnce).catch(() => undefined);
      }, intervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await chain;
      closed = true;
      store.close();
    },
  };
}
