import { describe, expect, it } from "vitest";
import { disciplineSanctionFor } from "../../../../packages/core/src/discipline/discipline";
import { InvalidDisciplineInputError } from "../../../../packages/core/src/discipline/discipline.errors";

const sanction = (days: number, consecutive = 0) =>
  disciplineSanctionFor({ absentDaysInYear: days, maxConsecutiveAbsentDays: consecutive });

describe("discipline sanctions for unauthorised absence (PP 94/2021)", () => {
  it("rule 36: 3 days -> verbal warning; 11 -> 25% cut for 6 months; 21 -> demotion 12 months; 28 -> dismissal; 10 consecutive -> dismissal", () => {
    expect(sanction(3)).toMatchObject({ code: "verbal-warning", level: "ringan", label: "Teguran lisan" });
    expect(sanction(11)).toMatchObject({
      code: "tunjangan-cut-6-months",
      level: "sedang",
      tunjanganCut: { percent: 25, months: 6 },
    });
    expect(sanction(21)).toMatchObject({ code: "demotion-12-months", level: "berat", durationMonths: 12 });
    expect(sanction(28)).toMatchObject({ code: "dismissal", level: "berat" });
    expect(sanction(10, 10)).toMatchObject({ code: "dismissal" });
    expect(sanction(10, 10).reason).toMatch(/berturut-turut/);
  });

  it.each([
    [0, "none"],
    [2, "none"],
    [4, "written-warning"],
    [6, "written-warning"],
    [7, "written-dissatisfaction"],
    [10, "written-dissatisfaction"],
    [13, "tunjangan-cut-6-months"],
    [14, "tunjangan-cut-9-months"],
    [16, "tunjangan-cut-9-months"],
    [17, "tunjangan-cut-12-months"],
    [20, "tunjangan-cut-12-months"],
    [24, "demotion-12-months"],
    [25, "removed-to-pelaksana-12-months"],
    [27, "removed-to-pelaksana-12-months"],
    [200, "dismissal"],
  ] as const)("maps %d days in the year to %s at the table boundaries", (days, code) => {
    expect(sanction(days).code).toBe(code);
  });

  it("does not dismiss for 9 consecutive days", () => {
    expect(sanction(9, 9).code).toBe("written-dissatisfaction");
  });

  it("refuses negative, fractional or inconsistent counts", () => {
    expect(() => sanction(-1)).toThrow(/absentDaysInYear/);
    expect(() => sanction(2.5)).toThrow(InvalidDisciplineInputError);
    expect(() => sanction(3, 5)).toThrow(/cannot exceed/);
    expect(() => sanction(400)).toThrow(/366/);
  });
});
