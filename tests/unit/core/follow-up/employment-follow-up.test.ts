// The PPPK follow-up branch, pro-rated credit points and the discipline finding from monthly attendance (issue 15
// items 3 and 10), as pure rules; tests/workflows/employment-follow-up.test.ts runs them inside the workflow.
import { describe, expect, it } from "vitest";
import {
  creditPointsForPeriod,
  monthsOfPerformance,
} from "../../../../packages/core/src/credit-points/credit-points";
import { disciplineFindingFromAttendance } from "../../../../packages/core/src/discipline/discipline";
import { followUpFor } from "../../../../packages/core/src/follow-up/follow-up";

describe("follow-up: the PPPK branch (DOMAIN 8)", () => {
  it("sends a PPPK's first poor annual result to a contract review, never the PNS demotion path", () => {
    const pppk = followUpFor({
      predikat: "butuh_perbaikan",
      positionType: "pelaksana",
      employmentType: "pppk",
    });
    expect(pppk).toMatchObject({ kind: "contract-review", contractReview: true, sanctionReview: false });
    const text = pppk.recommendations.join(" ");
    expect(text).toMatch(/perjanjian kerja/);
    expect(text).toMatch(/PP 49\/2018/);
    expect(text).not.toMatch(/jabatan lebih rendah|tempatkan sementara/);
    const pns = followUpFor({
      predikat: "butuh_perbaikan",
      positionType: "pelaksana",
      employmentType: "pns",
    });
    expect(pns).toMatchObject({ kind: "coaching", contractReview: false, sanctionReview: false });
  });

  it("keeps a PPPK's two poor years in the contract branch, while a PNS gets the sanction review", () => {
    const previousPredikats = ["kurang"] as const;
    expect(
      followUpFor({
        predikat: "kurang",
        positionType: "fungsional",
        employmentType: "pppk",
        previousPredikats,
      }),
    ).toMatchObject({ kind: "contract-review", sanctionReview: false, consecutivePoor: 2 });
    expect(
      followUpFor({
        predikat: "kurang",
        positionType: "fungsional",
        employmentType: "pns",
        previousPredikats,
      }),
    ).toMatchObject({ kind: "sanction-review", sanctionReview: true, contractReview: false });
  });

  it("only coaches a periodic result, PPPK or not", () => {
    for (const employmentType of ["pns", "pppk"] as const)
      expect(
        followUpFor({
          predikat: "sangat_kurang",
          positionType: "pelaksana",
          employmentType,
          resultKind: "periodic",
          config: { consecutivePoorThreshold: 1 },
        }),
      ).toMatchObject({ kind: "coaching", sanctionReview: false, contractReview: false });
  });
});

describe("credit points pro-rated (rules 30-32, Peraturan BKN 3/2023)", () => {
  it("rule 30/31: a whole year as Ahli Pertama with Baik earns 12.5; half a year earns 6.25", () => {
    expect(creditPointsForPeriod({ jenjang: "ahli_pertama", predikat: "baik", months: 12 })).toMatchObject({
      points: 12.5,
      pointsText: "12.50",
      coefficient: 12.5,
      multiplier: 1,
    });
    expect(creditPointsForPeriod({ jenjang: "ahli_pertama", predikat: "baik", months: 6 }).points).toBe(6.25);
  });

  it("matches BKN's example: 2 months Baik as Ahli Pertama = 2.08; rule 32 multipliers apply", () => {
    expect(creditPointsForPeriod({ jenjang: "ahli_pertama", predikat: "baik", months: 2 }).pointsText).toBe(
      "2.08",
    );
    expect(creditPointsForPeriod({ jenjang: "ahli_muda", predikat: "sangat_baik", months: 12 }).points).toBe(
      37.5,
    );
    expect(() => creditPointsForPeriod({ jenjang: "ahli_muda", predikat: "baik", months: 13 })).toThrow(
      /months/,
    );
  });

  it("counts the months of the period, from the month someone joined when that is inside it", () => {
    expect(monthsOfPerformance({ start: "2027-01-01", end: "2027-12-31" })).toBe(12);
    expect(monthsOfPerformance({ start: "2027-01-01", end: "2027-06-30" })).toBe(6);
    expect(monthsOfPerformance({ start: "2027-01-01", end: "2027-12-31" }, "2027-10")).toBe(3);
    expect(monthsOfPerformance({ start: "2027-01-01", end: "2027-12-31" }, "2015-03")).toBe(12);
    expect(monthsOfPerformance({ start: "2027-01-01", end: "2027-03-31" }, "2028-01")).toBe(0);
  });
});

describe("discipline finding from monthly attendance (rule 36)", () => {
  const month = (m: string, absent: number, workDays = 21) => ({
    month: m,
    workDays,
    absentWithoutLeave: absent,
  });

  it("rule 36: 11 days in the year -> tunjangan kinerja cut 25% for 6 months", () => {
    const finding = disciplineFindingFromAttendance(
      [month("2027-02", 4), month("2027-05", 4), month("2027-11", 3)],
      "2027-12",
    );
    expect(finding).toMatchObject({
      year: 2027,
      absentDays: 11,
      monthsWithData: 3,
      provenConsecutiveDays: 0,
      sanction: { code: "tunjangan-cut-6-months", tunjanganCut: { percent: 25, months: 6 } },
    });
  });

  it("counts the calendar year of the period end only, up to that month", () => {
    const rows = [month("2026-12", 20), month("2027-01", 3), month("2027-07", 10)];
    expect(disciplineFindingFromAttendance(rows, "2027-06")).toMatchObject({
      absentDays: 3,
      sanction: { code: "verbal-warning" },
    });
  });

  it("a whole month absent proves consecutive working days: 10 or more is dismissal", () => {
    const finding = disciplineFindingFromAttendance([month("2027-03", 12, 12)], "2027-12");
    expect(finding).toMatchObject({ provenConsecutiveDays: 12, sanction: { code: "dismissal" } });
  });

  it("no attendance rows is no finding, never 'no absence'", () => {
    expect(disciplineFindingFromAttendance([], "2027-12")).toBeUndefined();
  });
});
