import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  computeIkm,
  convertIkm,
  gradeForConverted,
  gradeForIkm,
  IKM_ELEMENTS,
} from "../../../../packages/core/src/ikm/ikm";
import { IkmNoDataError, InvalidIkmInputError } from "../../../../packages/core/src/ikm/ikm.errors";

type Score = 1 | 2 | 3 | 4 | null;
const all = (score: Score, n: number) =>
  Array.from({ length: n }, () => ({ scores: Array<Score>(9).fill(score) }));

describe("IKM (PermenPANRB 14/2017)", () => {
  it("rule 17: all 4s give 100.00, grade A", () => {
    expect(computeIkm(all(4, 5))).toMatchObject({
      respondents: 5,
      ikm: 4,
      converted: 100,
      grade: "A",
      gradeLabel: "Sangat Baik",
    });
  });

  it("rule 18: all 1s give 25.00, grade D", () => {
    expect(computeIkm(all(1, 3))).toMatchObject({ converted: 25, grade: "D", gradeLabel: "Tidak Baik" });
  });

  it.each([
    [88.31, "A"],
    [88.3, "B"],
    [76.61, "B"],
    [76.6, "C"],
    [65.0, "C"],
    [64.99, "D"],
  ] as const)("rule 19: converted %d is grade %s", (converted, grade) => {
    expect(gradeForConverted(converted).grade).toBe(grade);
  });

  it.each([
    [3.5324, "A"],
    [3.532, "B"],
    [3.0644, "B"],
    [3.064, "C"],
    [2.6, "C"],
    [2.5996, "D"],
  ] as const)("rule 20: raw index %d is grade %s", (ikm, grade) => {
    expect(gradeForIkm(ikm).grade).toBe(grade);
  });

  it("rule 21: 955 points from 29 respondents over 9 elements give 91.48 (exact) or 90.56 (0.11), both A", () => {
    // 29 respondents x 9 elements = 261 answers summing to 955: 172 fours and 89 threes.
    const scores: Score[] = [...Array<Score>(172).fill(4), ...Array<Score>(89).fill(3)];
    const responses = Array.from({ length: 29 }, (_, r) => ({ scores: scores.slice(r * 9, r * 9 + 9) }));
    expect(scores.reduce((s, x) => s + (x ?? 0), 0)).toBe(955);
    const exact = computeIkm(responses, { weighting: "exact" });
    expect(exact.ikm).toBeCloseTo(955 / 261, 10);
    expect(exact).toMatchObject({ respondents: 29, converted: 91.48, grade: "A" });
    expect(computeIkm(responses, { weighting: "regulation-0.11" })).toMatchObject({
      converted: 90.56,
      grade: "A",
    });
  });

  it("rule 22: nine elements weigh 1/9 each: the same low score on any one element gives the same index", () => {
    expect(IKM_ELEMENTS).toHaveLength(9);
    const oneLow = (i: number) => ({ scores: Array.from({ length: 9 }, (_, j) => (j === i ? 1 : 4)) });
    const results = IKM_ELEMENTS.map((_, i) => computeIkm([oneLow(i), oneLow(i)]));
    // (8 x 4 + 1) / 9 = 3.6667 -> 91.67: every element counts exactly one ninth, whichever it is.
    for (const r of results) expect(r).toMatchObject({ converted: 91.67, grade: "A", respondents: 2 });
    expect(new Set(results.map((r) => r.ikm)).size).toBe(1);
    expect(results[0]!.nrr).toEqual([1, 4, 4, 4, 4, 4, 4, 4, 4]);
    // A tenth score or a missing ninth is not an IKM response.
    expect(() => computeIkm([{ scores: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4] as never }])).toThrow();
    expect(() => computeIkm([{ scores: [4, 4, 4, 4, 4, 4, 4, 4] as never }])).toThrow();
  });

  it("averages each element over those who answered it; an empty cell is unanswered", () => {
    const result = computeIkm([
      { scores: [4, 4, 4, 4, 4, 4, 4, 4, null] },
      { scores: [2, 2, 2, 2, 2, 2, 2, 2, 3] },
      { scores: [null, null, null, null, null, null, null, null, null] },
    ]);
    expect(result.respondents).toBe(2);
    expect(result.nrr).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(result.converted).toBe(75);
    expect(result.grade).toBe("C");
  });

  it("refuses an element nobody answered, and an empty survey", () => {
    expect(() => computeIkm([{ scores: [4, 4, 4, null, 4, 4, 4, 4, 4] }])).toThrow(/u4/);
    expect(() => computeIkm([])).toThrow(IkmNoDataError);
  });

  it("refuses scores outside 1-4, rows without 9 scores and unknown weightings, naming the row", () => {
    expect(() => computeIkm([{ scores: [5, 4, 4, 4, 4, 4, 4, 4, 4] as never }])).toThrow(
      /responses\.0\.scores\.0/,
    );
    expect(() => computeIkm([{ scores: [4, 4, 4] as never }])).toThrow(InvalidIkmInputError);
    expect(() => computeIkm(all(4, 1), { weighting: "0.1" as never })).toThrow(/weighting/);
  });

  it("stays within 25-100 and the 0.11 weight gives exactly 0.99 of the exact index", () => {
    const score = fc.constantFrom<Score>(1, 2, 3, 4);
    fc.assert(
      fc.property(
        fc.array(fc.array(score, { minLength: 9, maxLength: 9 }), { minLength: 1, maxLength: 30 }),
        (rows) => {
          const responses = rows.map((scores) => ({ scores }));
          const exact = computeIkm(responses);
          const reg = computeIkm(responses, { weighting: "regulation-0.11" });
          expect(exact.converted).toBeGreaterThanOrEqual(25);
          expect(exact.converted).toBeLessThanOrEqual(100);
          expect(reg.ikm).toBeCloseTo(exact.ikm * 0.99, 10);
          expect(exact.converted).toBe(convertIkm(exact.ikm));
        },
      ),
    );
  });
});
