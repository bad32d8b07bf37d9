import { describe, expect, it } from "vitest";
import { buildResultsCsv, EXPORT_COLUMNS, objectionState } from "../../../packages/core/src/hr/export-csv";
import { effectiveOrgRating } from "../../../packages/core/src/rating/rating";
import { allowedPattern } from "../../../packages/web/src/dashboard/allowed-pattern";
import { checkDistribution } from "../../../packages/core/src/distribution/distribution";
import type { OrgRating } from "../../../packages/core/src/rating/rating";

const cycle = { id: "annual-2027", name: "Tahunan 2027", periodStart: "2027-01-01", periodEnd: "2027-12-31" };
const base = {
  nip: "197001012005011001",
  name: "Ani",
  unitId: "u1",
  stage: "done",
  ratings: { hasilKerja: "meets", perilaku: "meets" },
  predikat: "baik",
};

describe("results export", () => {
  it("marks a result final only when the appraisal is done and no objection is pending", () => {
    const csv = buildResultsCsv({
      cycle,
      appraisals: [
        { ...base, nip: "1" },
        { ...base, nip: "2", objection: {} },
        { ...base, nip: "3", objection: { decision: { outcome: "uphold" } } },
        { ...base, nip: "4", stage: "feedback" },
      ],
      unitNames: new Map([["u1", "Unit Satu"]]),
      orgRatingOf: () => "baik",
    });
    const rows = csv
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(","));
    const finalIndex = EXPORT_COLUMNS.findIndex(([name]) => name === "final");
    const objectionIndex = EXPORT_COLUMNS.findIndex(([name]) => name === "objection");
    expect(rows.map((r) => [r[4], r[objectionIndex], r[finalIndex]])).toEqual([
      ["1", "none", "true"],
      ["2", "pending", "false"],
      ["3", "upheld", "true"],
      ["4", "none", "false"],
    ]);
  });

  it("quotes commas and quotes, and neutralises spreadsheet formulas in free text", () => {
    const csv = buildResultsCsv({
      cycle: { ...cycle, name: 'Siklus "A", 2027' },
      appraisals: [{ ...base, name: "=HYPERLINK(1)" }],
      unitNames: new Map(),
      orgRatingOf: () => undefined,
    });
    const line = csv.split("\r\n")[1]!;
    expect(line).toContain('"Siklus ""A"", 2027"');
    expect(line).toContain(",'=HYPERLINK(1),");
    expect(objectionState({ objection: null })).toBe("none");
  });
});

describe("organisation rating of a unit", () => {
  it("uses the unit's own rating, else the nearest ancestor's", () => {
    const parents = new Map<string, string | undefined>([
      ["a", undefined],
      ["b", "a"],
      ["c", "b"],
    ]);
    expect(effectiveOrgRating("c", new Map([["a", "baik"]]), parents)).toEqual({ rating: "baik", from: "a" });
    expect(
      effectiveOrgRating(
        "c",
        new Map<string, OrgRating>([
          ["a", "baik"],
          ["b", "istimewa"],
        ]),
        parents,
      ),
    ).toEqual({ rating: "istimewa", from: "b" });
    expect(effectiveOrgRating("c", new Map(), parents)).toBeUndefined();
  });
});

describe("what the org rating allows, as shown beside the chart", () => {
  it("states the same people limits the distribution checker enforces", () => {
    // 6 people: Istimewa allows at most floor(70% x 6) = 4 Sangat Baik; the checker warns at 5, not at 4.
    expect(allowedPattern("istimewa", 6)).toEqual([expect.objectContaining({ bound: "max", people: 4 })]);
    expect(checkDistribution("istimewa", { sangat_baik: 4, baik: 2 })).toEqual([]);
    expect(checkDistribution("istimewa", { sangat_baik: 5, baik: 1 })).toHaveLength(1);
    // Kurang with 10 people: at least 6 Kurang and 1 Butuh Perbaikan, at most 1 Sangat Baik.
    expect(allowedPattern("kurang", 10).map((l) => [l.bound, l.people])).toEqual([
      ["min", 6],
      ["min", 1],
      ["max", 1],
    ]);
    expect(checkDistribution("kurang", { kurang: 6, butuh_perbaikan: 1, sangat_baik: 1, baik: 2 })).toEqual(
      [],
    );
  });
});
