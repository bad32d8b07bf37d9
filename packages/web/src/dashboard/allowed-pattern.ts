// What an organisation rating allows (DOMAIN 6.4), as lines people can read beside the chart, with the limits in
// whole people for the unit's size (same rounding as the distribution checker: maxPeople / minPeople).
import {
  DEFAULT_DISTRIBUTION_THRESHOLDS as T,
  maxPeople,
  minPeople,
} from "@kinerja/core/distribution/distribution";
import { PREDIKAT_LABELS, type OrgRating, type Predikat } from "@kinerja/core/rating/rating";

/** One bound of the pattern: at most / at least `pct`% (= `people`) of the given predikats. */
export interface PatternLine {
  predikats: Predikat[];
  bound: "max" | "min";
  pct: number;
  people: number;
  text: string;
}

const label = (ps: Predikat[]) => ps.map((p) => PREDIKAT_LABELS[p].id).join(" dan/atau ");

/** The bounds the organisation rating sets for a unit of `n` rated people. */
export function allowedPattern(orgRating: OrgRating, n: number): PatternLine[] {
  const max = (ps: Predikat[], pct: number): PatternLine => ({
    predikats: ps,
    bound: "max",
    pct,
    people: maxPeople(pct, n),
    text:
      pct === 0
        ? `Tidak boleh ada ${label(ps)}`
        : `${label(ps)} paling banyak ${pct}% (${maxPeople(pct, n)} dari ${n} orang)`,
  });
  const min = (ps: Predikat[], pct: number, floor = 0): PatternLine => {
    const people = Math.max(minPeople(pct, n), floor);
    return {
      predikats: ps,
      bound: "min",
      pct,
      people,
      text:
        pct === 0
          ? `Harus ada ${label(ps)} (paling sedikit ${people} orang)`
          : `${label(ps)} paling sedikit ${pct}% (${people} dari ${n} orang)`,
    };
  };
  switch (orgRating) {
    case "istimewa":
      return [max(["sangat_baik"], T.dominantMaxPct)];
    case "baik":
      return [max(["baik"], T.dominantMaxPct), min(["butuh_perbaikan", "kurang"], 0, 1)];
    case "butuh_perbaikan":
      return [min(["butuh_perbaikan"], T.majorityMinPct), max(["sangat_baik"], T.sangatBaikMaxPct)];
    case "kurang":
      return [
        min(["kurang"], T.majorityMinPct),
        min(["butuh_perbaikan"], T.minorityMinPct),
        max(["sangat_baik"], T.sangatBaikMaxPct),
      ];
    case "sangat_kurang":
      return [
        min(["sangat_kurang"], T.majorityMinPct),
        min(["kurang", "butuh_perbaikan"], T.minorityMinPct),
        max(["sangat_baik"], 0),
      ];
  }
}
