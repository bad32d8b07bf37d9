import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as v from "valibot";
import {
  causedBy,
  checkDistribution,
  maxPeople,
  minPeople,
  previewReview,
} from "../../../../packages/core/src/distribution/distribution";
import { DistributionThresholdsSchema } from "../../../../packages/core/src/distribution/distribution.schema";
import { InvalidDistributionInputError } from "../../../../packages/core/src/distribution/distribution.errors";
import { ORG_RATINGS, PREDIKATS, type Predikat } from "../../../../packages/core/src/rating/rating";

const counts = (c: Partial<Record<Predikat, number>>) => ({
  sangat_baik: 0,
  baik: 0,
  butuh_perbaikan: 0,
  kurang: 0,
  sangat_kurang: 0,
  ...c,
});
const rules = (w: { rule: string }[]) => w.map((x) => x.rule).sort();

describe("distribution pattern (DOMAIN 6.4, warn-level)", () => {
  it("rule 12: org Sangat Kurang with any Sangat Baik is a violation", () => {
    const w = checkDistribution("sangat_kurang", counts({ sangat_kurang: 7, kurang: 2, sangat_baik: 1 }));
    expect(rules(w)).toEqual(["no-sangat-baik"]);
    expect(w[0]).toMatchObject({ affected: 1, limit: 0, actual: 1, bound: "max" });
    expect(checkDistribution("sangat_kurang", counts({ sangat_kurang: 7, kurang: 2, baik: 1 }))).toEqual([]);
  });

  it("rule 13: org Baik with no Butuh Perbaikan and no Kurang is a violation", () => {
    const w = checkDistribution("baik", counts({ baik: 6, sangat_baik: 4 }));
    expect(rules(w)).toEqual(["requires-butuh-perbaikan-or-kurang"]);
    expect(w[0].affected).toBe(1);
    expect(checkDistribution("baik", counts({ baik: 6, sangat_baik: 3, kurang: 1 }))).toEqual([]);
    expect(checkDistribution("baik", counts({ baik: 6, sangat_baik: 3, butuh_perbaikan: 1 }))).toEqual([]);
  });

  it("rule 14: org Butuh Perbaikan needs >= 60% Butuh Perbaikan and <= 10% Sangat Baik", () => {
    expect(
      checkDistribution("butuh_perbaikan", counts({ butuh_perbaikan: 6, baik: 3, sangat_baik: 1 })),
    ).toEqual([]);
    const w = checkDistribution("butuh_perbaikan", counts({ butuh_perbaikan: 5, baik: 3, sangat_baik: 2 }));
    expect(rules(w)).toEqual(["max-10-sangat-baik", "min-60-butuh-perbaikan"]);
    expect(w.find((x) => x.rule === "min-60-butuh-perbaikan")).toMatchObject({
      affected: 1,
      limit: 6,
      actual: 5,
    });
    expect(w.find((x) => x.rule === "max-10-sangat-baik")).toMatchObject({
      affected: 1,
      limit: 1,
      actual: 2,
    });
  });

  it("rule 15: org Kurang needs >= 60% Kurang, >= 10% Butuh Perbaikan and <= 10% Sangat Baik", () => {
    expect(
      checkDistribution("kurang", counts({ kurang: 6, butuh_perbaikan: 1, baik: 2, sangat_baik: 1 })),
    ).toEqual([]);
    expect(rules(checkDistribution("kurang", counts({ kurang: 5, baik: 3, sangat_baik: 2 })))).toEqual([
      "max-10-sangat-baik",
      "min-10-butuh-perbaikan",
      "min-60-kurang",
    ]);
  });

  it("rule 16: org Istimewa or Baik with the dominant predikat above 70% is a violation", () => {
    const istimewa = checkDistribution("istimewa", counts({ sangat_baik: 8, baik: 2 }));
    expect(istimewa).toHaveLength(1);
    expect(istimewa[0]).toMatchObject({ rule: "max-70-sangat-baik", affected: 1, limit: 7, actual: 8 });
    expect(istimewa[0].message).toMatch(/Sangat Baik.*8 dari 10.*70%/);
    expect(checkDistribution("istimewa", counts({ sangat_baik: 7, baik: 3 }))).toEqual([]);
    expect(rules(checkDistribution("baik", counts({ baik: 8, kurang: 2 })))).toEqual(["max-70-baik"]);
    expect(checkDistribution("baik", counts({ baik: 7, kurang: 3 }))).toEqual([]);
  });

  it("rounds small teams in people: at most 10% of 4 allows 0, at least 10% of 4 needs 1, at least 60% of 4 needs 3", () => {
    expect(maxPeople(10, 4)).toBe(0);
    expect(minPeople(10, 4)).toBe(1);
    expect(minPeople(60, 4)).toBe(3);
    expect(maxPeople(70, 3)).toBe(2);
    expect(minPeople(10, 30)).toBe(3); // 0.1 * 30 in floating point is 3.0000000000000004
    const w = checkDistribution("kurang", counts({ kurang: 2, butuh_perbaikan: 1, sangat_baik: 1 }));
    expect(rules(w)).toEqual(["max-10-sangat-baik", "min-60-kurang"]);
    expect(w.find((x) => x.rule === "min-60-kurang")!.affected).toBe(1);
  });

  it("never warns for an empty unit", () => {
    for (const org of ORG_RATINGS) expect(checkDistribution(org, counts({}))).toEqual([]);
  });

  it("takes configured thresholds, including an optional majority floor for the dominant predikat", () => {
    expect(
      checkDistribution("istimewa", counts({ sangat_baik: 8, baik: 2 }), {
        thresholds: { dominantMaxPct: 80 },
      }),
    ).toEqual([]);
    const w = checkDistribution("istimewa", counts({ sangat_baik: 5, baik: 5 }), {
      thresholds: { dominantMinPct: 51 },
    });
    expect(w).toMatchObject([{ rule: "min-51-sangat-baik", affected: 1 }]);
  });

  it("refuses negative or fractional counts, unknown predikats and bad thresholds", () => {
    expect(() => checkDistribution("baik", counts({ baik: -1 }))).toThrow(/counts.baik/);
    expect(() => checkDistribution("baik", counts({ baik: 1.5 }))).toThrow(InvalidDistributionInputError);
    expect(() => checkDistribution("baik", { luar_biasa: 1 } as never)).toThrow(/luar_biasa/);
    expect(() => checkDistribution("cukup" as never, counts({}))).toThrow(/orgRating/);
    expect(() =>
      checkDistribution("baik", counts({ baik: 1 }), { thresholds: { dominantMaxPct: 170 } }),
    ).toThrow(/dominantMaxPct/);
  });

  it("reports, for every warning, how many people must change and that moving them clears it", () => {
    const predikat = fc.constantFrom(...PREDIKATS);
    fc.assert(
      fc.property(
        fc.constantFrom(...ORG_RATINGS),
        fc.array(predikat, { minLength: 1, maxLength: 40 }),
        (org, people) => {
          const c = counts({});
          for (const p of people) c[p] += 1;
          for (const w of checkDistribution(org, c)) {
            expect(w.affected).toBeGreaterThan(0);
            expect(w.population).toBe(people.length);
            expect(w.bound === "max" ? w.actual - w.limit : w.limit - w.actual).toBe(w.affected);
          }
        },
      ),
    );
  });

  it("with people still unrated, warns only about what they can no longer change", () => {
    // Istimewa, 10 people, 1 reviewed Sangat Baik: at most 7 of 10 may be, so no warning yet (1 of 1 alone would).
    expect(rules(checkDistribution("istimewa", counts({ sangat_baik: 1 })))).toEqual(["max-70-sangat-baik"]);
    expect(checkDistribution("istimewa", counts({ sangat_baik: 1 }), { unrated: 9 })).toEqual([]);
    expect(rules(checkDistribution("istimewa", counts({ sangat_baik: 8 }), { unrated: 2 }))).toEqual([
      "max-70-sangat-baik",
    ]);
    // Kurang, 10 people: 6 Kurang needed; 5 Baik already leave only 5 others, so the minimum cannot be met.
    expect(checkDistribution("kurang", counts({ baik: 4 }), { unrated: 6 })).toEqual([]);
    const w = checkDistribution("kurang", counts({ baik: 5 }), { unrated: 5 });
    expect(rules(w)).toEqual(["min-60-kurang"]);
    expect(w[0]).toMatchObject({ population: 10, limit: 6, actual: 0, affected: 1 });
  });

  it("explains a unit of 1-2 people under Kurang/Sangat Kurang instead of minimums nobody can meet", () => {
    for (const org of ["kurang", "sangat_kurang"] as const)
      for (const n of [1, 2])
        for (const p of PREDIKATS.filter((x) => x !== "sangat_baik")) {
          const w = checkDistribution(org, counts({ [p]: n }));
          expect(
            w.map((x) => x.rule),
            `${org} ${n} ${p}`,
          ).toEqual(["unit-too-small"]);
          expect(w[0]!.message).toMatch(new RegExp(`hanya ${n} pegawai, terlalu kecil`));
          expect(causedBy(w[0]!, p)).toBe(false);
        }
    // Three people can follow the Kurang pattern: 2 Kurang and 1 Butuh Perbaikan.
    expect(checkDistribution("kurang", counts({ kurang: 2, butuh_perbaikan: 1 }))).toEqual([]);
    // Upper bounds still hold in a small unit: no Sangat Baik under Sangat Kurang.
    expect(rules(checkDistribution("sangat_kurang", counts({ sangat_baik: 1 })))).toEqual([
      "no-sangat-baik",
      "unit-too-small",
    ]);
  });

  it("previews, per predikat of one more review, the warnings it would cause or keep", () => {
    // Baik unit of 4: 2 Baik reviewed, 1 unrated; one more Baik makes 3 of 4 > 70% (at most 2).
    const preview = previewReview("baik", counts({ baik: 2 }), { unrated: 1 });
    expect(preview.population).toBe(4);
    expect(preview.byPredikat.baik.caused.map((w) => w.rule)).toEqual(["max-70-baik"]);
    expect(preview.byPredikat.butuh_perbaikan.caused).toEqual([]);
    expect(preview.byPredikat.sangat_baik.caused).toEqual([]);
    // Last of a Baik unit with no Butuh Perbaikan/Kurang yet: anything else keeps rule 13's warning.
    const last = previewReview("baik", counts({ baik: 1, sangat_baik: 1 }));
    expect(last.byPredikat.sangat_baik.caused.map((w) => w.rule)).toEqual([
      "requires-butuh-perbaikan-or-kurang",
    ]);
    expect(last.byPredikat.kurang.caused).toEqual([]);
    // Thresholds change the outcome: 80% lets a third Baik of 4 pass (floor 3.2 = 3).
    expect(
      previewReview("baik", counts({ baik: 2 }), { unrated: 1, thresholds: { dominantMaxPct: 80 } })
        .byPredikat.baik.caused,
    ).toEqual([]);
  });

  it("validates thresholds as HR sends them: whole percentages, minimums that fit together", () => {
    expect(v.parse(DistributionThresholdsSchema, {})).toEqual({
      dominantMaxPct: 70,
      dominantMinPct: 0,
      majorityMinPct: 60,
      minorityMinPct: 10,
      sangatBaikMaxPct: 10,
    });
    expect(v.safeParse(DistributionThresholdsSchema, { dominantMaxPct: 101 }).success).toBe(false);
    expect(v.safeParse(DistributionThresholdsSchema, { majorityMinPct: 60.5 }).success).toBe(false);
    expect(
      v.safeParse(DistributionThresholdsSchema, { majorityMinPct: 95, minorityMinPct: 10 }).success,
    ).toBe(false);
    expect(v.safeParse(DistributionThresholdsSchema, { dominantMinPct: 80 }).success).toBe(false);
    expect(v.safeParse(DistributionThresholdsSchema, { unknown: 1 }).success).toBe(false);
  });
});
