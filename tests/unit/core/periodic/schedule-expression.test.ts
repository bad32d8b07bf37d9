import { describe, expect, it } from "vitest";
import {
  nextOccurrence,
  occurrencesBetween,
  parseScheduleExpression,
} from "@kinerja/core/periodic/schedule-expression";
import { InvalidScheduleExpressionError } from "@kinerja/core/periodic/periodic.errors";

const JAKARTA = { timeZone: "Asia/Jakarta" };
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("cron expressions in Asia/Jakarta", () => {
  it("fires the daily 01:00 WIB schedule at 18:00 UTC of the previous day across the year boundary", () => {
    const daily = parseScheduleExpression("cron(0 1 * * ? *)");
    const runs = occurrencesBetween(
      daily,
      new Date("2026-12-30T00:00:00Z"),
      new Date("2027-01-02T00:00:00Z"),
      JAKARTA,
    );
    expect(iso(runs)).toEqual([
      "2026-12-30T18:00:00.000Z",
      "2026-12-31T18:00:00.000Z",
      "2027-01-01T18:00:00.000Z",
    ]);
  });

  it("puts 1 January 01:00 WIB in the previous UTC year (quarterly cron)", () => {
    const quarterly = parseScheduleExpression("cron(0 1 1 1,4,7,10 ? *)");
    const runs = occurrencesBetween(
      quarterly,
      new Date("2026-10-15T00:00:00Z"),
      new Date("2027-12-31T00:00:00Z"),
      JAKARTA,
    );
    expect(iso(runs)).toEqual([
      "2026-12-31T18:00:00.000Z",
      "2027-03-31T18:00:00.000Z",
      "2027-06-30T18:00:00.000Z",
      "2027-09-30T18:00:00.000Z",
    ]);
  });

  it("fires on the last day of each month at 23:00 WIB, which is still that day in UTC", () => {
    const lastDay = parseScheduleExpression("cron(0 23 L * ? *)");
    const runs = occurrencesBetween(
      lastDay,
      new Date("2026-12-01T00:00:00Z"),
      new Date("2027-03-01T00:00:00Z"),
      JAKARTA,
    );
    expect(iso(runs)).toEqual([
      "2026-12-31T16:00:00.000Z",
      "2027-01-31T16:00:00.000Z",
      "2027-02-28T16:00:00.000Z",
    ]);
  });

  it("finds the first Monday of January 2027 in Jakarta, not in UTC", () => {
    const firstMonday = parseScheduleExpression("cron(30 6 ? * MON#1 *)");
    expect(nextOccurrence(firstMonday, new Date("2026-12-31T00:00:00Z"), JAKARTA)?.toISOString()).toBe(
      "2027-01-03T23:30:00.000Z",
    );
  });

  it("is strictly after the given instant (an occurrence at `after` is not repeated)", () => {
    const daily = parseScheduleExpression("cron(0 1 * * ? *)");
    expect(nextOccurrence(daily, new Date("2026-03-31T18:00:00Z"), JAKARTA)?.toISOString()).toBe(
      "2026-04-01T18:00:00.000Z",
    );
  });

  it("stops at the last year of a year range", () => {
    const bounded = parseScheduleExpression("cron(0 1 1 1 ? 2026-2027)");
    const runs = occurrencesBetween(
      bounded,
      new Date("2025-06-01T00:00:00Z"),
      new Date("2030-01-01T00:00:00Z"),
      JAKARTA,
    );
    expect(iso(runs)).toEqual(["2025-12-31T18:00:00.000Z", "2026-12-31T18:00:00.000Z"]);
  });
});

describe("rate and at expressions", () => {
  it("counts rate() from the schedule's creation", () => {
    const rate = parseScheduleExpression("rate(6 hours)");
    const anchor = new Date("2026-01-01T05:00:00Z");
    expect(
      nextOccurrence(rate, new Date("2026-01-01T12:00:00Z"), { ...JAKARTA, anchor })?.toISOString(),
    ).toBe("2026-01-01T17:00:00.000Z");
  });

  it("reads at() as Jakarta wall time and fires once", () => {
    const at = parseScheduleExpression("at(2027-01-01T00:30:00)");
    expect(nextOccurrence(at, new Date("2026-12-31T00:00:00Z"), JAKARTA)?.toISOString()).toBe(
      "2026-12-31T17:30:00.000Z",
    );
    expect(nextOccurrence(at, new Date("2026-12-31T17:30:00Z"), JAKARTA)).toBeNull();
  });
});

describe("invalid expressions are refused with the reason", () => {
  const cases: [string, RegExp][] = [
    ["0 1 * * ? *", /expected cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)/],
    ["cron(0 1 * * ?)", /needs 6 fields.*got 5/],
    ["cron(abc 1 * * ? *)", /field 1 \(minutes\) "abc"/],
    ["cron(0 25 * * ? *)", /25 is not between 0 and 23/],
    ["cron(60 1 * * ? *)", /60 is not between 0 and 59/],
    ["cron(0 1 * * * *)", /exactly one of day-of-month and day-of-week must be \?/],
    ["cron(0 1 ? * ? *)", /exactly one of day-of-month and day-of-week must be \?/],
    ["cron(0 1 * FOO ? *)", /field 4 \(month\) "FOO"/],
    ["cron(0 1 30 2 ? *)", /never fires/],
    ["cron(0 1 31 4,6,9,11 ? *)", /never fires/],
    ["rate(0 days)", /at least 1/],
    ["rate(1 days)", /singular unit/],
    ["rate(5 weeks)", /minute\(s\), hour\(s\) or day\(s\)/],
    ["at(2026-02-30T00:00:00)", /not a real date/],
    ["at(2026-02-01)", /yyyy-mm-ddThh:mm:ss/],
  ];
  it.each(cases)("refuses %s", (expression, reason) => {
    expect(() => parseScheduleExpression(expression)).toThrow(InvalidScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(reason);
  });
});
