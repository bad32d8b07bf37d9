import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidRatingInputError, RatingError } from "../../../../packages/core/src/rating/rating.errors";
import {
  aggregatePerilaku,
  applyUnitHeadRule,
  BERAKHLAK,
  BERAKHLAK_KEYS,
  compareRating,
  comparePredikat,
  ORG_RATINGS,
  parseRating,
  PREDIKAT_LABELS,
  PREDIKATS,
  predikatFor,
  RATING_LABELS,
  RATINGS,
  type BerakhlakKey,
  type Rating,
} from "../../../../packages/core/src/rating/rating";
import * as v from "valibot";
import { PerilakuDetailSchema } from "../../../../packages/core/src/rating/rating.schema";

const detail = (fill: Rating, overrides: Partial<Record<BerakhlakKey, Rating>> = {}) =>
  ({ ...Object.fromEntries(BERAKHLAK_KEYS.map((k) => [k, fill])), ...overrides }) as Record<
    BerakhlakKey,
    Rating
  >;

describe("predikat quadrant (DOMAIN 6.3)", () => {
  it.each([
    [1, "above", "above", "sangat_baik"],
    [2, "above", "meets", "baik"],
    [3, "above", "below", "kurang"],
    [4, "meets", "above", "baik"],
    [5, "meets", "meets", "baik"],
    [6, "meets", "below", "kurang"],
    [7, "below", "above", "butuh_perbaikan"],
    [8, "below", "meets", "butuh_perbaikan"],
    [9, "below", "below", "sangat_kurang"],
  ] as const)("rule %i: hasil kerja %s and perilaku %s give %s", (_rule, hasil, perilaku, expected) => {
    expect(predikatFor(hasil, perilaku)).toBe(expected);
  });

  it("rule 10: has exactly 5 predikats ordered SB > B > BP > K > SK and 3 ratings", () => {
    expect(PREDIKATS).toEqual(["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]);
    expect(RATINGS).toHaveLength(3);
    expect([...PREDIKATS].reverse().sort(comparePredikat)).toEqual([...PREDIKATS]);
    expect(comparePredikat("sangat_baik", "kurang")).toBeLessThan(0);
    expect(comparePredikat("kurang", "kurang")).toBe(0);
  });

  it("is monotone: a better results or behaviour rating never gives a worse predikat", () => {
    const rating = fc.constantFrom(...RATINGS);
    fc.assert(
      fc.property(rating, rating, rating, rating, (h1, p1, h2, p2) => {
        if (compareRating(h1, h2) <= 0 && compareRating(p1, p2) <= 0) {
          expect(comparePredikat(predikatFor(h1, p1), predikatFor(h2, p2))).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it("caps the predikat at Kurang when behaviour is below, and needs both above for Sangat Baik", () => {
    for (const h of RATINGS) {
      expect(comparePredikat(predikatFor(h, "below"), "kurang")).toBeGreaterThanOrEqual(0);
      for (const p of RATINGS)
        expect(predikatFor(h, p) === "sangat_baik").toBe(h === "above" && p === "above");
    }
  });

  it("refuses unknown rating codes with a typed error naming the field", () => {
    expect(() => predikatFor("excellent" as Rating, "meets")).toThrow(InvalidRatingInputError);
    expect(() => predikatFor("meets", "bad" as Rating)).toThrow(/perilaku/);
    expect(() => comparePredikat("great" as never, "baik")).toThrow(RatingError);
  });

  it("has Indonesian and English labels for every code", () => {
    for (const p of PREDIKATS) expect(PREDIKAT_LABELS[p].id && PREDIKAT_LABELS[p].en).toBeTruthy();
    for (const r of RATINGS) expect(RATING_LABELS[r].id).toMatch(/Ekspektasi$/);
    expect(PREDIKAT_LABELS.kurang.id).toBe("Kurang/Misconduct");
  });
});

describe("BerAKHLAK", () => {
  it("rule 23: has exactly 7 values in B-A-K-H-L-A-K order, each with 3 guidance lines (21 in total)", () => {
    expect(BERAKHLAK.map((b) => b.key)).toEqual([
      "berorientasiPelayanan",
      "akuntabel",
      "kompeten",
      "harmonis",
      "loyal",
      "adaptif",
      "kolaboratif",
    ]);
    expect(BERAKHLAK.map((b) => b.label[0]).join("")).toBe("BAKHLAK");
    expect(BERAKHLAK.flatMap((b) => b.guidance)).toHaveLength(21);
    expect(new Set(BERAKHLAK.flatMap((b) => b.guidance)).size).toBe(21);
  });

  it("keeps the official guidance wording", () => {
    const akuntabel = BERAKHLAK.find((b) => b.key === "akuntabel")!;
    expect(akuntabel.guidance[2]).toBe("Tidak menyalahgunakan kewenangan jabatan");
    expect(BERAKHLAK[0].guidance[0]).toBe("Memahami dan memenuhi kebutuhan masyarakat");
  });
});

describe("aggregatePerilaku (default: any below -> below; >= 4 above -> above; else meets)", () => {
  it("gives below as soon as one value is below, even with six above", () => {
    expect(aggregatePerilaku(detail("above", { loyal: "below" }))).toBe("below");
  });
  it("gives above with four values above and meets with three", () => {
    expect(
      aggregatePerilaku(
        detail("meets", { akuntabel: "above", kompeten: "above", harmonis: "above", loyal: "above" }),
      ),
    ).toBe("above");
    expect(
      aggregatePerilaku(detail("meets", { akuntabel: "above", kompeten: "above", harmonis: "above" })),
    ).toBe("meets");
  });
  it("follows a configured rule", () => {
    const lenient = { belowWhenAtLeast: 3, aboveWhenAtLeast: 7 };
    expect(aggregatePerilaku(detail("meets", { loyal: "below", adaptif: "below" }), lenient)).toBe("meets");
    expect(aggregatePerilaku(detail("above", { loyal: "meets" }), lenient)).toBe("meets");
    expect(aggregatePerilaku(detail("above"), lenient)).toBe("above");
  });
  it("refuses a detail missing a value, with an unknown key, or a bad rule, naming each", () => {
    const missing = detail("meets") as Partial<Record<BerakhlakKey, Rating>>;
    delete missing.kolaboratif;
    expect(() => aggregatePerilaku(missing as Record<BerakhlakKey, Rating>)).toThrow(/kolaboratif/);
    expect(() => aggregatePerilaku({ ...detail("meets"), jujur: "meets" } as never)).toThrow(/jujur/);
    expect(() => aggregatePerilaku(detail("meets"), { belowWhenAtLeast: 0, aboveWhenAtLeast: 4 })).toThrow(
      /belowWhenAtLeast/,
    );
  });
  it("rule 24: the detail schema accepts one rating per value and nothing else", () => {
    expect(v.safeParse(PerilakuDetailSchema, detail("meets")).success).toBe(true);
    expect(v.safeParse(PerilakuDetailSchema, { ...detail("meets"), extra: "meets" }).success).toBe(false);
  });
});

describe("unit-head rule", () => {
  it.each([
    ["istimewa", "above"],
    ["baik", "meets"],
    ["butuh_perbaikan", "below"],
    ["kurang", "below"],
    ["sangat_kurang", "below"],
  ] as const)(
    "rule 11: a unit head under org rating %s gets hasil kerja %s whatever was submitted",
    (org, expected) => {
      // Every other rating the appraiser could submit is overridden (submitting the expected one would prove nothing).
      for (const submitted of RATINGS.filter((r) => r !== expected)) {
        const result = applyUnitHeadRule({ isUnitHead: true, orgRating: org, submitted });
        expect(result, submitted).toMatchObject({ hasilKerja: expected, overridden: true });
      }
      expect(applyUnitHeadRule({ isUnitHead: true, orgRating: org, submitted: expected })).toEqual({
        hasilKerja: expected,
        overridden: false,
      });
    },
  );
  it("overrides a different submitted rating and notes it in Bahasa Indonesia", () => {
    const result = applyUnitHeadRule({ isUnitHead: true, orgRating: "istimewa", submitted: "meets" });
    expect(result).toMatchObject({ hasilKerja: "above", overridden: true });
    expect(result.note).toMatch(/Istimewa/);
  });
  it("keeps the submitted rating for non-heads and when no org rating is set", () => {
    expect(applyUnitHeadRule({ isUnitHead: false, orgRating: "sangat_kurang", submitted: "above" })).toEqual({
      hasilKerja: "above",
      overridden: false,
    });
    expect(applyUnitHeadRule({ isUnitHead: true, submitted: "meets" })).toEqual({
      hasilKerja: "meets",
      overridden: false,
    });
  });
  it("refuses unknown codes", () => {
    expect(() =>
      applyUnitHeadRule({ isUnitHead: true, orgRating: "cukup" as never, submitted: "meets" }),
    ).toThrow(/orgRating/);
    expect(ORG_RATINGS).toHaveLength(5);
  });
});

describe("parseRating", () => {
  it("normalises the label variants seen in public e-Kinerja sheets", () => {
    expect(parseRating("Di Atas Ekspektasi")).toBe("above");
    expect(parseRating("diatas")).toBe("above");
    expect(parseRating("DI_BAWAH")).toBe("below");
    expect(parseRating(" sesuai ekspektasi ")).toBe("meets");
    expect(() => parseRating("luar biasa")).toThrow(InvalidRatingInputError);
  });
});
