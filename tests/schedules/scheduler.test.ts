import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOffsetClock, type AdjustableClock } from "@kinerja/core/clock/clock";
import type { ScheduleSpec } from "@kinerja/core/periodic/schedule-spec";
import { ScheduleSpecError } from "@kinerja/core/periodic/periodic.errors";
import { createScheduler, type Scheduler } from "@kinerja/local/scheduler/scheduler";

const DAY = 86_400_000;
const daily: ScheduleSpec = {
  name: "daily-one-am",
  description: "01:00 WIB",
  expression: "cron(0 1 * * ? *)",
  timezone: "Asia/Jakarta",
  target: { stateMachine: "machine-a" },
  input: { lookbackDays: 35 },
  retry: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 86_400 },
};
const hourly: ScheduleSpec = {
  ...daily,
  name: "hourly-at-half",
  expression: "cron(30 * * * ? *)",
  target: { stateMachine: "machine-b" },
  input: {},
  retry: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 7200 },
};

/** A fake of our own StartExecution port that behaves like Step Functions on names: same name + input is idempotent. */
function fakeStates() {
  const executions = new Map<string, { stateMachine: string; input: Record<string, unknown> }>();
  const order: string[] = [];
  let failNext = 0;
  let landThenFail = false;
  return {
    executions,
    order,
    failTimes(n: number) {
      failNext = n;
    },
    /** The next start lands in the engine but the caller sees an error (a crash/timeout after the request). */
    landThenFailOnce() {
      landThenFail = true;
    },
    async start(stateMachine: string, name: string, input: Record<string, unknown>) {
      if (failNext > 0) {
        failNext -= 1;
        throw Object.assign(new Error("service unavailable"), { name: "ServiceUnavailable" });
      }
      const existing = executions.get(name);
      if (existing) {
        if (JSON.stringify(existing.input) === JSON.stringify(input)) return { executionArn: name };
        throw Object.assign(new Error(`execution ${name} exists`), { name: "ExecutionAlreadyExists" });
      }
      executions.set(name, { stateMachine, input });
      order.push(name);
      if (landThenFail) {
        landThenFail = false;
        throw Object.assign(new Error("socket hang up"), { name: "NetworkingError" });
      }
      return { executionArn: name };
    },
  };
}

let dir: string;
let clock: AdjustableClock;
let states: ReturnType<typeof fakeStates>;
const open: Scheduler[] = [];

function scheduler(specs: ScheduleSpec[] = [daily]) {
  const s = createScheduler({
    specs,
    knownStateMachines: ["machine-a", "machine-b"],
    clock,
    startExecution: states.start,
    db: join(dir, "scheduler.db"),
  });
  open.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kinerja-scheduler-"));
  // Frozen at 2026-01-01T00:00:00+07:00: only advance()/set() move it, so the test is exact.
  const start = Date.parse("2025-12-31T17:00:00Z");
  clock = createOffsetClock(0, () => start);
  states = fakeStates();
});

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("local scheduler", () => {
  it("fires each due occurrence once, with the scheduled time in the input and a deterministic name", async () => {
    const s = scheduler();
    clock.advance(DAY);
    expect((await s.tick()).map((r) => [r.status, r.executionName])).toEqual([
      ["fired", "daily-one-am-20251231T1800Z"],
    ]);
    expect(await s.tick()).toEqual([]);
    clock.advance(DAY);
    expect((await s.tick()).map((r) => [r.status, r.executionName])).toEqual([
      ["fired", "daily-one-am-20260101T1800Z"],
    ]);
    expect(states.executions.get("daily-one-am-20260101T1800Z")).toEqual({
      stateMachine: "machine-a",
      input: { lookbackDays: 35, scheduledTime: "2026-01-01T18:00:00Z" },
    });
    expect(states.order).toHaveLength(2);
  });

  it("fires several schedules in order of due time", async () => {
    const s = scheduler([daily, hourly]);
    const runs = await s.advance(26 * 3_600_000);
    const hourlyTimes = Array.from({ length: 26 }, (_, i) =>
      new Date(Date.parse("2025-12-31T17:30:00Z") + i * 3_600_000).toISOString(),
    );
    const expected = [...hourlyTimes, "2025-12-31T18:00:00.000Z", "2026-01-01T18:00:00.000Z"].sort();
    expect(runs.map((r) => r.scheduledTime)).toEqual(expected);
    expect(runs.every((r) => r.status === "fired")).toBe(true);
    const starts = states.order.map((name) => states.executions.get(name)!.input.scheduledTime as string);
    expect(starts).toEqual(expected.map((at) => at.replace(".000Z", "Z")));
    expect(states.executions.get("daily-one-am-20251231T1800Z")?.stateMachine).toBe("machine-a");
    expect(states.executions.get("hourly-at-half-20251231T1730Z")?.stateMachine).toBe("machine-b");
  });

  it("on a clock jump fires only the occurrences still younger than maximumEventAgeInSeconds", async () => {
    const s = scheduler([daily, hourly]);
    clock.advance(3 * DAY);
    const runs = await s.tick();
    expect(runs.map((r) => `${r.schedule} ${r.status} ${r.occurrences}`)).toEqual([
      "daily-one-am dead-lettered 2",
      "hourly-at-half dead-lettered 70",
      "daily-one-am fired 1",
      "hourly-at-half fired 1",
      "hourly-at-half fired 1",
    ]);
    expect(states.order).toEqual([
      "daily-one-am-20260102T1800Z",
      "hourly-at-half-20260103T1530Z",
      "hourly-at-half-20260103T1630Z",
    ]);
  });

  it("keeps its state across a restart: nothing is fired twice", async () => {
    const first = scheduler();
    await first.advance(2 * DAY);
    await first.close();
    const second = scheduler();
    expect(await second.tick()).toEqual([]);
    clock.advance(DAY);
    expect((await second.tick()).map((r) => r.executionName)).toEqual(["daily-one-am-20260102T1800Z"]);
    expect(second.runs("daily-one-am").map((r) => r.status)).toEqual(["fired", "fired", "fired"]);
    expect(states.order).toHaveLength(3);
  });

  it("after a 20-day outage catches up the missed run exactly once and dead-letters the expired ones", async () => {
    const first = scheduler();
    clock.advance(DAY); // fires 2026-01-01 01:00 WIB
    expect(await first.tick()).toHaveLength(1);
    await first.close();
    clock.advance(20 * DAY); // down from 2026-01-02 00:00 to 2026-01-22 00:00 WIB
    const second = scheduler();
    const runs = await second.tick();
    expect(runs).toMatchObject([
      {
        status: "dead-lettered",
        occurrences: 19,
        scheduledTime: "2026-01-01T18:00:00.000Z",
        error: expect.stringContaining("maximumEventAgeInSeconds"),
      },
      { status: "fired", executionName: "daily-one-am-20260120T1800Z" },
    ]);
    expect(states.order).toEqual(["daily-one-am-20251231T1800Z", "daily-one-am-20260120T1800Z"]);
    expect(await second.tick()).toEqual([]);
  });

  it("does not double a run whose start landed but whose bookkeeping did not (same name again)", async () => {
    const s = scheduler();
    states.landThenFailOnce();
    clock.advance(DAY);
    expect(await s.tick()).toMatchObject([
      { status: "retrying", attempts: 1, error: expect.stringContaining("NetworkingError") },
    ]);
    clock.advance(60_000);
    expect(await s.tick()).toMatchObject([{ status: "fired", attempts: 2 }]);
    expect(states.order).toEqual(["daily-one-am-20251231T1800Z"]);
  });

  it("retries a failed start with backoff and dead-letters it after maximumRetryAttempts", async () => {
    const s = scheduler();
    states.failTimes(10);
    clock.advance(DAY);
    const attempts: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      for (const r of await s.tick()) attempts.push(`${r.status}:${r.attempts}`);
      clock.advance(10 * 60_000);
    }
    expect(attempts).toEqual(["retrying:1", "retrying:2", "retrying:3", "dead-lettered:4"]);
    expect(states.order).toEqual([]);
  });

  it("advance() stops at every occurrence so each fires at its own time", async () => {
    const s = scheduler([daily]);
    const seen: string[] = [];
    const runs = await s.advance(3 * DAY, async (at) => {
      seen.push(at.toISOString());
    });
    expect(runs.map((r) => r.executionName)).toEqual([
      "daily-one-am-20251231T1800Z",
      "daily-one-am-20260101T1800Z",
      "daily-one-am-20260102T1800Z",
    ]);
    expect(seen).toEqual([
      "2025-12-31T18:00:00.000Z",
      "2026-01-01T18:00:00.000Z",
      "2026-01-02T18:00:00.000Z",
      "2026-01-03T17:00:00.000Z",
    ]);
    expect(clock.now().toISOString()).toBe("2026-01-03T17:00:00.000Z");
  });

  it("refuses bad specs at start with a clear message", () => {
    expect(() =>
      createScheduler({
        specs: [
          { ...daily, expression: "cron(0 1 * *)" },
          { ...hourly, target: { stateMachine: "ghost" } },
        ],
        knownStateMachines: ["machine-a", "machine-b"],
        clock,
        startExecution: states.start,
        db: join(dir, "scheduler.db"),
      }),
    ).toThrow(ScheduleSpecError);
    expect(() =>
      createScheduler({
        specs: [{ ...hourly, target: { stateMachine: "ghost" } }],
        knownStateMachines: ["machine-a", "machine-b"],
        clock,
        startExecution: states.start,
        db: join(dir, "scheduler.db"),
      }),
    ).toThrow(
      /schedule "hourly-at-half", target.stateMachine: unknown state machine "ghost" \(known: machine-a, machine-b\)/,
    );
  });
});
