import { describe, expect, it } from "vitest";
import {
  addDays,
  calendarDateIn,
  daysBetween,
  isIsoDate,
  zonedDateTime,
} from "../../../../packages/core/src/period/calendar";
import {
  finalPeriod,
  periodContaining,
  periodicEvaluationDueAt,
  periodsFor,
} from "../../../../packages/core/src/period/period";
import { InvalidPeriodInputError, PeriodError } from "../../../../packages/core/src/period/period.errors";

describe("periodsFor", () => {
  it("rule 39: splits a year into Q1-Q4 plus AKHIR", () => {
    const periods = periodsFor("quarterly", "2026-01-01", "2026-12-31");
    expect(periods.map((p) => p.key)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "AKHIR"]);
    expect(periods[0]).toEqual({
      key: "2026-Q1",
      kind: "periodic",
      label: "Triwulan I",
      labelEn: "Quarter 1",
      start: "2026-01-01",
      end: "2026-03-31",
    });
    expect(periods[3]).toMatchObject({ label: "Triwulan IV", start: "2026-10-01", end: "2026-12-31" });
    expect(periods[4]).toEqual({
      key: "AKHIR",
      kind: "final",
      label: "Akhir",
      labelEn: "Final",
      start: "2026-01-01",
      end: "2026-12-31",
    });
  });

  it("builds monthly periods with Indonesian month names and leap-year ends", () => {
    const periods = periodsFor("monthly", "2028-01-01", "2028-12-31", { includeFinal: false });
    expect(periods).toHaveLength(12);
    expect(periods[0]).toMatchObject({ key: "2028-01", label: "Januari 2028", labelEn: "January 2028" });
    expect(periods[1]).toMatchObject({ start: "2028-02-01", end: "2028-02-29", label: "Februari 2028" });
    expect(periods[11]).toMatchObject({ key: "2028-12", end: "2028-12-31" });
  });

  it("rule 38: teachers' semesters run 1 Jan-30 Jun and 1 Jul-31 Dec", () => {
    expect(periodsFor("semester", "2026-01-01", "2026-12-31", { includeFinal: false })).toMatchObject([
      { key: "2026-S1", label: "Semester I", start: "2026-01-01", end: "2026-06-30" },
      { key: "2026-S2", label: "Semester II", start: "2026-07-01", end: "2026-12-31" },
    ]);
  });

  it("rule 37: clips periods to the cycle so every periodic evaluation falls inside it", () => {
    const periods = periodsFor("quarterly", "2026-02-15", "2026-08-10");
    expect(periods.map((p) => [p.key, p.start, p.end])).toEqual([
      ["2026-Q1", "2026-02-15", "2026-03-31"],
      ["2026-Q2", "2026-04-01", "2026-06-30"],
      ["2026-Q3", "2026-07-01", "2026-08-10"],
      ["AKHIR", "2026-02-15", "2026-08-10"],
    ]);
    for (const p of periods) expect(p.start >= "2026-02-15" && p.end <= "2026-08-10").toBe(true);
  });

  it("adds the year to quarter labels when a cycle spans two years", () => {
    const periods = periodsFor("quarterly", "2026-07-01", "2027-06-30", { includeFinal: false });
    expect(periods.map((p) => p.key)).toEqual(["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]);
    expect(periods[2].label).toBe("Triwulan I 2027");
  });

  it("gives only AKHIR for cadence none and reads instants as Jakarta dates", () => {
    // 2025-12-31T17:00Z is already 1 January 2026 in Jakarta.
    expect(periodsFor("none", new Date("2025-12-31T17:00:00Z"), "2026-12-31")).toEqual([
      finalPeriod("2026-01-01", "2026-12-31"),
    ]);
  });

  it("refuses bad cadences, impossible dates and reversed ranges", () => {
    expect(() => periodsFor("weekly" as never, "2026-01-01", "2026-12-31")).toThrow(/cadence/);
    expect(() => periodsFor("monthly", "2026-02-30", "2026-12-31")).toThrow(/periodStart/);
    expect(() => periodsFor("monthly", "2026-12-31", "2026-01-01")).toThrow(InvalidPeriodInputError);
    expect(() => periodsFor("monthly", "2026-01-01", new Date("nope"))).toThrow(PeriodError);
  });
});

describe("periodicEvaluationDueAt", () => {
  it("is 01:00 Asia/Jakarta on the day after the period ends (18:00 UTC on the last day)", () => {
    const [q1] = periodsFor("quarterly", "2026-01-01", "2026-12-31");
    expect(periodicEvaluationDueAt(q1).toISOString()).toBe("2026-03-31T18:00:00.000Z");
    expect(periodicEvaluationDueAt({ end: "2026-12-31" }).toISOString()).toBe("2026-12-31T18:00:00.000Z");
  });
});

describe("periodContaining", () => {
  it("finds the periodic period of an instant by its Jakarta date", () => {
    const periods = periodsFor("quarterly", "2026-01-01", "2026-12-31");
    expect(periodContaining(periods, new Date("2026-03-31T17:30:00Z"))?.key).toBe("2026-Q2");
    expect(periodContaining(periods, new Date("2026-03-31T16:59:59Z"))?.key).toBe("2026-Q1");
    expect(periodContaining(periods, new Date("2027-01-05T00:00:00Z"))).toBeUndefined();
  });
});

describe("calendar helpers", () => {
  it("compute Jakarta dates and instants", () => {
    expect(calendarDateIn(new Date("2026-01-01T16:59:59Z"))).toBe("2026-01-01");
    expect(calendarDateIn(new Date("2026-01-01T17:00:00Z"))).toBe("2026-01-02");
    // Either side of a daylight-saving change in a zone that has one.
    expect(zonedDateTime("2026-03-07", 12, 0, "America/New_York").toISOString()).toBe(
      "2026-03-07T17:00:00.000Z",
    );
    expect(zonedDateTime("2026-03-08", 12, 0, "America/New_York").toISOString()).toBe(
      "2026-03-08T16:00:00.000Z",
    );
    expect(zonedDateTime("2026-06-01", 0, 0).toISOString()).toBe("2026-05-31T17:00:00.000Z");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(daysBetween("2026-03-01", "2026-03-15")).toBe(14);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(() => calendarDateIn(new Date(), "Mars/Olympus")).toThrow(/time zone/);
  });
});
