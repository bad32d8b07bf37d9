import * as v from "valibot";
import { IkmNoDataError, InvalidIkmInputError } from "./ikm.errors";
import { IkmOptionsSchema, IkmResponsesSchema, type IkmOptions } from "./ikm.schema";

/** The 9 service elements (unsur) of PermenPANRB 14/2017, in column order u1..u9 (rule 22). */
export const IKM_ELEMENTS: readonly {
  readonly code: string;
  readonly label: string;
  readonly labelEn: string;
}[] = [
  { code: "u1", label: "Persyaratan", labelEn: "Requirements" },
  { code: "u2", label: "Sistem, mekanisme, dan prosedur", labelEn: "Systems, mechanisms and procedures" },
  { code: "u3", label: "Waktu penyelesaian", labelEn: "Completion time" },
  { code: "u4", label: "Biaya/tarif", labelEn: "Cost / tariff" },
  {
    code: "u5",
    label: "Produk spesifikasi jenis pelayanan",
    labelEn: "Product specification by service type",
  },
  { code: "u6", label: "Kompetensi pelaksana", labelEn: "Staff competence" },
  { code: "u7", label: "Perilaku pelaksana", labelEn: "Staff behaviour" },
  {
    code: "u8",
    label: "Penanganan pengaduan, saran dan masukan",
    labelEn: "Handling of complaints, suggestions and input",
  },
  { code: "u9", label: "Sarana dan prasarana", labelEn: "Facilities and infrastructure" },
];

/** Weight of each element: exactly 1/9, or the 0.11 printed in the regulation text (DOMAIN 9.1). */
export const IKM_WEIGHTS = { exact: 1 / 9, "regulation-0.11": 0.11 } as const;

/** Service-quality grade (mutu pelayanan). */
export type IkmGrade = "A" | "B" | "C" | "D";

/** Grade table of PermenPANRB 14/2017 on the converted 25-100 scale (lower bounds, inclusive). */
export const IKM_GRADES: readonly {
  grade: IkmGrade;
  minConverted: number;
  label: string;
  labelEn: string;
}[] = [
  { grade: "A", minConverted: 88.31, label: "Sangat Baik", labelEn: "Very good" },
  { grade: "B", minConverted: 76.61, label: "Baik", labelEn: "Good" },
  { grade: "C", minConverted: 65.0, label: "Kurang Baik", labelEn: "Less good" },
  { grade: "D", minConverted: 25.0, label: "Tidak Baik", labelEn: "Not good" },
];

/** The computed index of a unit. */
export interface IkmResult {
  /** Responses with at least one answered element (fully empty rows are ignored). */
  readonly respondents: number;
  /** Average score per element: sum / number who answered that element. */
  readonly nrr: readonly number[];
  /** Weighted index on the 1-4 scale, unrounded. */
  readonly ikm: number;
  /** ikm x 25, rounded to 2 decimals (25-100). */
  readonly converted: number;
  readonly grade: IkmGrade;
  /** Unit performance label in Bahasa Indonesia ("Sangat Baik" ... "Tidak Baik"). */
  readonly gradeLabel: string;
  readonly gradeLabelEn: string;
  readonly weighting: "exact" | "regulation-0.11";
}

/** Rounds half away from zero to 2 decimals, immune to binary noise such as 88.30999999. */
export function round2(x: number): number {
  const scaled = Number((x * 100).toPrecision(12));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 100;
}

/** Converts a 1-4 index to the 25-100 scale, rounded to 2 decimals. */
export function convertIkm(ikm: number): number {
  return round2(ikm * 25);
}

/** Grade of a converted (25-100, 2-decimal) value (rule 19). */
export function gradeForConverted(converted: number): (typeof IKM_GRADES)[number] {
  if (!Number.isFinite(converted) || converted < 25 || converted > 100) {
    throw new InvalidIkmInputError(`converted: must be between 25 and 100, got ${converted}`);
  }
  return IKM_GRADES.find((g) => converted >= g.minConverted) ?? IKM_GRADES[IKM_GRADES.length - 1];
}

/** Grade of a raw 1-4 index, via its converted value, so both published tables agree (rule 20). */
export function gradeForIkm(ikm: number): (typeof IKM_GRADES)[number] {
  return gradeForConverted(convertIkm(ikm));
}

/**
 * Computes a unit's IKM (PermenPANRB 14/2017, DOMAIN 9.1, rules 17-22): per element NRR = sum of
 * scores / respondents who answered it (empty = unanswered), IKM = sum(NRR x weight), converted =
 * IKM x 25 rounded to 2 decimals, graded A-D. Exact 1/9 weights by default; "regulation-0.11" uses
 * the rounded weight printed in the regulation (which lowers the index by 1%).
 */
export function computeIkm(
  responses: readonly { scores: readonly (1 | 2 | 3 | 4 | null)[] }[],
  options: IkmOptions = {},
): IkmResult {
  const parsedResponses = v.safeParse(IkmResponsesSchema, responses);
  const parsedOptions = v.safeParse(IkmOptionsSchema, options);
  const issues = [
    ...(parsedResponses.success
      ? []
      : parsedResponses.issues.map((i) => ({
          path: `responses.${v.getDotPath(i) ?? ""}`,
          message: i.message,
        }))),
    ...(parsedOptions.success
      ? []
      : parsedOptions.issues.map((i) => ({ path: `options.${v.getDotPath(i) ?? ""}`, message: i.message }))),
  ];
  if (!parsedResponses.success || !parsedOptions.success) {
    throw new InvalidIkmInputError(
      `invalid survey input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      issues,
    );
  }
  const weighting = parsedOptions.output.weighting;
  const sums = new Array<number>(9).fill(0);
  const answered = new Array<number>(9).fill(0);
  let respondents = 0;
  for (const { scores } of parsedResponses.output) {
    if (scores.every((s) => s === null)) continue;
    respondents += 1;
    scores.forEach((score, u) => {
      if (score === null) return;
      sums[u] += score;
      answered[u] += 1;
    });
  }
  const missing = answered.flatMap((count, u) => (count === 0 ? [u + 1] : []));
  if (missing.length > 0) throw new IkmNoDataError(missing);
  const nrr = sums.map((sum, u) => sum / answered[u]);
  const totalNrr = nrr.reduce((a, b) => a + b, 0);
  // With the exact weight, divide once rather than multiply by 1/9 so 4.0 stays exactly 4.
  const ikm = weighting === "exact" ? totalNrr / 9 : totalNrr * IKM_WEIGHTS["regulation-0.11"];
  const converted = convertIkm(ikm);
  const grade = gradeForConverted(Math.max(25, converted));
  return {
    respondents,
    nrr,
    ikm,
    converted,
    grade: grade.grade,
    gradeLabel: grade.label,
    gradeLabelEn: grade.labelEn,
    weighting,
  };
}
