import { describe, expect, it } from "vitest";
import { schedules, validateSchedules, type ScheduleSpec } from "../../workflows/schedules";
import { stateMachines } from "../../workflows/registry";
import { ScheduleSpecError } from "@kinerja/core/periodic/periodic.errors";

const good: ScheduleSpec = {
  name: "nightly",
  description: "test",
  expression: "cron(0 1 * * ? *)",
  timezone: "Asia/Jakarta",
  target: { stateMachine: "periodic-dispatch" },
  input: {},
  retry: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
};

describe("schedule specs", () => {
  it("accepts the project's schedules against the registered state machines", () => {
    expect(() =>
      validateSchedules(
        schedules,
        Object.values(stateMachines).map((m) => m.name),
      ),
    ).not.toThrow();
  });

  it("refuses the project's schedules when a target state machine is not registered", () => {
    expect(() => validateSchedules(schedules, ["periodic-dispatch"])).toThrow(
      /schedule "decision-redelivery-daily", target.stateMachine: unknown state machine "sweep-redeliver-decisions"/,
    );
  });

  it("runs the periodic evaluation daily at 01:00 Asia/Jakarta", () => {
    const daily = schedules.find((s) => s.target.stateMachine === "periodic-dispatch");
    expect(daily).toMatchObject({ expression: "cron(0 1 * * ? *)", timezone: "Asia/Jakarta" });
  });

  it("refuses an invalid cron, an unknown target and a duplicate name, listing every bad spec at once", () => {
    const specs = [
      good,
      { ...good, name: "bad-cron", expression: "cron(0 1 * * * *)" },
      { ...good, name: "bad-target", target: { stateMachine: "no-such-machine" } },
      { ...good },
    ];
    let error: unknown;
    try {
      validateSchedules(specs, ["periodic-dispatch"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleSpecError);
    const issues = (error as ScheduleSpecError).issues;
    expect(issues).toEqual([
      {
        schedule: "bad-cron",
        field: "expression",
        message: expect.stringContaining("exactly one of day-of-month and day-of-week"),
      },
      {
        schedule: "bad-target",
        field: "target.stateMachine",
        message: expect.stringContaining('unknown state machine "no-such-machine"'),
      },
      { schedule: "nightly", field: "name", message: "duplicate schedule name" },
    ]);
    expect((error as Error).message).toContain(
      'schedule "bad-target", target.stateMachine: unknown state machine "no-such-machine"',
    );
  });

  it("refuses a bad shape with the field named (name, time zone, retry limits, static scheduledTime)", () => {
    const specs = [
      { ...good, name: "Not_Kebab" },
      { ...good, name: "utc", timezone: "UTC" as "Asia/Jakarta" },
      { ...good, name: "retry", retry: { maximumRetryAttempts: 500, maximumEventAgeInSeconds: 10 } },
      { ...good, name: "input", input: { scheduledTime: "2026-01-01T00:00:00Z" } },
    ];
    expect(() => validateSchedules(specs, ["periodic-dispatch"])).toThrow(ScheduleSpecError);
    try {
      validateSchedules(specs, ["periodic-dispatch"]);
    } catch (e) {
      const fields = (e as ScheduleSpecError).issues.map((i) => `${i.schedule}:${i.field}`);
      expect(fields).toEqual([
        "Not_Kebab:name",
        "utc:timezone",
        "retry:retry.maximumRetryAttempts",
        "retry:retry.maximumEventAgeInSeconds",
        "input:input.scheduledTime",
      ]);
    }
  });
});
