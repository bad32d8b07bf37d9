import { describe, expect, it } from "vitest";
import {
  creditPoints,
  formatCreditPoints,
  JF_LEVELS,
  PREDIKAT_MULTIPLIERS,
} from "../../../../packages/core/src/credit-points/credit-points";
import { InvalidCreditPointsInputError } from "../../../../packages/core/src/credit-points/credit-points.errors";
import { PREDIKATS } from "../../../../packages/core/src/rating/rating";

describe("credit points (PermenPANRB 1/2023)", () => {
  it("rule 30: Ahli Pertama earns 18.75 / 12.5 / 9.375 / 6.25 / 3.125 from SB to SK", () => {
    expect(PREDIKATS.map((p) => creditPoints("ahli_pertama", p))).toEqual([18.75, 12.5, 9.375, 6.25, 3.125]);
    expect(["9.38", "3.13"]).toEqual([formatCreditPoints(9.375), formatCreditPoints(3.125)]);
  });

  it.each([
    ["ahli_muda", 25],
    ["ahli_madya", 37.5],
    ["ahli_utama", 50],
    ["terampil", 5],
    ["mahir", 12.5],
    ["penyelia", 25],
    ["pemula", 3.75],
  ] as const)("rule 31: %s earns %d with predikat Baik", (level, points) => {
    expect(creditPoints(level, "baik")).toBe(points);
  });

  it("rule 32: multipliers are 1.5 / 1.0 / 0.75 / 0.5 / 0.25", () => {
    expect(PREDIKATS.map((p) => PREDIKAT_MULTIPLIERS[p])).toEqual([1.5, 1, 0.75, 0.5, 0.25]);
    for (const level of JF_LEVELS)
      expect(creditPoints(level, "sangat_baik")).toBe(creditPoints(level, "baik") * 1.5);
  });

  it("refuses unknown levels and predikats", () => {
    expect(() => creditPoints("ahli_super" as never, "baik")).toThrow(InvalidCreditPointsInputError);
    expect(() => creditPoints("ahli_muda", "cukup" as never)).toThrow(/predikat/);
  });
});
