import { describe, expect, it } from "vitest";
import {
  buildPeriodicResult,
  cycleProgressAt,
  dueEvaluations,
  importedValueEnd,
  periodicExecutionName,
  PERIODIC_MAX_ATTEMPTS,
  renderPeriodicDigest,
  type PeriodicCycle,
} from "../../../../packages/core/src/periodic/periodic";

const cycle = (id: string, periodicEvaluation: string, status = "running"): PeriodicCycle => ({
  id,
  name: `Siklus ${id}`,
  kind: "annual",
  periodStart: "2026-01-01",
  periodEnd: "2026-12-31",
  status,
  settings: { periodicEvaluation },
});
const WIB = (local: string) => new Date(`${local}+07:00`);

describe("which periodic evaluations are due", () => {
  it("finds the quarter and the month that ended yesterday at 01:00 WIB on the 1st", () => {
    const completed = new Set(["m#2026-02"]); // February ran on 1 March
    const due = dueEvaluations([cycle("q", "quarterly"), cycle("m", "monthly")], WIB("2026-04-01T01:00:00"), {
      lookbackDays: 35,
      completed,
    });
    expect(due.map((d) => [d.executionName, d.label, d.dueAt])).toEqual([
      ["m-2026-03", "Maret 2026", "2026-03-31T18:00:00.000Z"],
      ["q-2026-Q1", "Triwulan I", "2026-03-31T18:00:00.000Z"],
    ]);
    // had February's run not completed, the look-back would offer it again (its deterministic name makes that safe)
    const again = dueEvaluations([cycle("m", "monthly")], WIB("2026-04-01T01:00:00"), { lookbackDays: 35 });
    expect(again.map((d) => d.periodKey)).toEqual(["2026-02", "2026-03"]);
  });

  it("is not due a minute earlier (00:59 WIB on the 1st)", () => {
    const due = dueEvaluations([cycle("q", "quarterly")], WIB("2026-04-01T00:59:00"), { lookbackDays: 35 });
    expect(due).toEqual([]);
  });

  it("looks back to heal a missed day, but not past the look-back, and skips completed runs", () => {
    const cycles = [cycle("q", "quarterly"), cycle("m", "monthly")];
    const at = WIB("2026-04-13T01:00:00");
    expect(dueEvaluations(cycles, at, { lookbackDays: 35 }).map((d) => d.executionName)).toEqual([
      "m-2026-03",
      "q-2026-Q1",
    ]);
    expect(
      dueEvaluations(cycles, at, { lookbackDays: 35, completed: new Set(["q#2026-Q1"]) }).map(
        (d) => d.executionName,
      ),
    ).toEqual(["m-2026-03"]);
    expect(dueEvaluations(cycles, at, { lookbackDays: 10 })).toEqual([]);
  });

  it("offers a period whose latest run failed again under the next attempt's name, until the attempts are used up", () => {
    const at = WIB("2026-04-02T01:00:00");
    const due = (failed: number) =>
      dueEvaluations([cycle("q", "quarterly")], at, {
        lookbackDays: 35,
        failedAttempts: new Map([["q#2026-Q1", failed]]),
      }).map((d) => [d.executionName, d.attempt]);
    expect(due(0)).toEqual([["q-2026-Q1", 1]]);
    expect(due(1)).toEqual([["q-2026-Q1-r2", 2]]);
    expect(due(PERIODIC_MAX_ATTEMPTS - 1)).toEqual([
      [`q-2026-Q1-r${PERIODIC_MAX_ATTEMPTS}`, PERIODIC_MAX_ATTEMPTS],
    ]);
    expect(due(PERIODIC_MAX_ATTEMPTS)).toEqual([]);
  });

  it("ignores cycles that are not running and cycles without periodic evaluation", () => {
    const at = WIB("2026-04-01T01:00:00");
    expect(
      dueEvaluations(
        [cycle("a", "quarterly", "created"), cycle("b", "quarterly", "cancelled"), cycle("c", "none")],
        at,
        { lookbackDays: 35 },
      ),
    ).toEqual([]);
  });

  it("defaults to quarterly when the cycle does not say", () => {
    const due = dueEvaluations([{ ...cycle("d", "quarterly"), settings: {} }], WIB("2026-07-01T01:00:00"), {
      lookbackDays: 35,
    });
    expect(due.map((d) => d.periodKey)).toEqual(["2026-Q2"]);
  });

  it("treats December's evaluation as due on 1 January of the next year, 01:00 WIB", () => {
    const completed = new Set(["m#2026-11"]);
    const due = dueEvaluations([cycle("m", "monthly"), cycle("q", "quarterly")], WIB("2027-01-01T01:00:00"), {
      lookbackDays: 35,
      completed,
    });
    expect(due.map((d) => [d.executionName, d.dueAt])).toEqual([
      ["m-2026-12", "2026-12-31T18:00:00.000Z"],
      ["q-2026-Q4", "2026-12-31T18:00:00.000Z"],
    ]);
  });
});

describe("execution names", () => {
  it("are <cycleId>-<periodKey>, restricted to the characters and length Step Functions accepts", () => {
    expect(periodicExecutionName("annual-2026", "2026-Q1")).toBe("annual-2026-2026-Q1");
    expect(periodicExecutionName("siklus 2026/salor", "2026-01")).toBe("siklus_2026_salor-2026-01");
    const long = periodicExecutionName("x".repeat(120), "2026-Q3");
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith("-2026-Q3")).toBe(true);
    expect(periodicExecutionName("x".repeat(120), "2026-Q3")).toBe(long);
    expect(periodicExecutionName(`${"x".repeat(119)}y`, "2026-Q3")).not.toBe(long);
  });

  it("carry the attempt after the first (-r2, -r3), within 80 characters even for long cycle ids", () => {
    expect(periodicExecutionName("annual-2026", "2026-Q1", 1)).toBe("annual-2026-2026-Q1");
    expect(periodicExecutionName("annual-2026", "2026-Q1", 2)).toBe("annual-2026-2026-Q1-r2");
    const long = periodicExecutionName("x".repeat(120), "2026-Q3", 3);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith("-r3")).toBe(true);
    expect(long).not.toBe(periodicExecutionName("x".repeat(120), "2026-Q3", 2));
    expect(periodicExecutionName("x".repeat(74), "2026-Q3", 2)).toMatch(/^x{59}-.*-r2$/);
  });
});

describe("imported indicator values and cycle progress", () => {
  it("reads the end of a value's period in every format the indicator CSV uses", () => {
    expect(importedValueEnd("2026-02")).toBe("2026-02-28");
    expect(importedValueEnd("2026-12")).toBe("2026-12-31");
    expect(importedValueEnd("2026-Q1")).toBe("2026-03-31");
    expect(importedValueEnd("2026-Q4")).toBe("2026-12-31");
    expect(importedValueEnd("2026-S1")).toBe("2026-06-30");
    expect(importedValueEnd("2026")).toBe("2026-12-31");
    expect(importedValueEnd("2026-05-17")).toBe("2026-05-17");
    expect(importedValueEnd("2026-13")).toBeNull();
    expect(importedValueEnd("kuartal satu")).toBeNull();
  });

  it("measures progress as the share of the cycle elapsed at the period end", () => {
    expect(
      cycleProgressAt({ periodStart: "2026-01-01", periodEnd: "2026-12-31" }, { end: "2026-12-31" }),
    ).toBe(1);
    expect(
      cycleProgressAt({ periodStart: "2026-01-01", periodEnd: "2026-12-31" }, { end: "2026-03-31" }),
    ).toBeCloseTo(90 / 365, 6);
  });
});

describe("the digest mail", () => {
  const period = {
    key: "2026-Q1",
    kind: "periodic" as const,
    label: "Triwulan I",
    labelEn: "Quarter 1",
    start: "2026-01-01",
    end: "2026-03-31",
  };
  const noSkp = buildPeriodicResult({
    period,
    stage: "target-setting",
    evaluatedAt: WIB("2026-04-01T01:00:00"),
    appraiserNip: "P1",
    summary: null,
  });

  it("flags an employee without an approved SKP at risk and opens a coaching dialogue due in 14 days", () => {
    expect(noSkp).toMatchObject({
      atRisk: true,
      overallAchievementPct: null,
      coaching: { status: "opened", dueBy: "2026-04-15", appraiserNip: "P1" },
    });
    expect(noSkp.riskReasons[0]).toContain("SKP belum disetujui");
  });

  it("puts those needing coaching first, escapes names in HTML, and has an English version", () => {
    const members = [
      {
        nip: "198001012005011001",
        name: "Ani <b>",
        result: {
          ...noSkp,
          atRisk: false,
          coaching: null,
          riskReasons: [],
          overallAchievementPct: 98.5,
          attendanceRate: 0.95,
        },
      },
      { nip: "198001012005011002", name: "Budi", result: noSkp },
    ];
    const id = renderPeriodicDigest({
      appraiser: { nip: "P1", name: "Bu Sari" },
      cycleName: "Tahunan 2026",
      period,
      members,
    });
    expect(id.subject).toBe(
      "Evaluasi kinerja periodik Triwulan I: ringkasan tim Anda (2 pegawai, 1 perlu pembinaan)",
    );
    const [coaching, team] = id.text.split("Seluruh tim:");
    expect(coaching).toContain("Budi (NIP 198001012005011002)");
    expect(coaching).not.toContain("Ani");
    expect(team).toContain("Ani <b> (NIP 198001012005011001): capaian 98,5%, kehadiran 95% - sesuai jalur");
    expect(id.html).toContain("Ani &lt;b&gt;");
    expect(id.html).not.toContain("Ani <b>");
    const en = renderPeriodicDigest({
      appraiser: { nip: "P1", name: "Bu Sari" },
      cycleName: "Tahunan 2026",
      period,
      members,
      locale: "en",
    });
    expect(en.subject).toBe(
      "Periodic performance evaluation Quarter 1: your team (2 employees, 1 need coaching)",
    );
    expect(en.text).toContain("achievement 98.5%, attendance 95% - on track");
  });

  it("says so when nobody needs coaching", () => {
    const ok = { ...noSkp, atRisk: false, coaching: null, riskReasons: [] };
    const mail = renderPeriodicDigest({
      appraiser: { nip: "P1", name: "Bu Sari" },
      cycleName: "T",
      period,
      members: [{ nip: "1", name: "Ani", result: ok }],
    });
    expect(mail.text).toContain("Tidak ada pegawai yang perlu pembinaan pada periode ini.");
  });
});
