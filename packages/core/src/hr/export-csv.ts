// The results export of a cycle as CSV (pure): one row per appraisal, the columns the national system's upload
// and the allowance (TPP / tunjangan kinerja) calculation need. See EXPORT_COLUMNS for what each column means.
import { PREDIKAT_LABELS, isPredikat, type OrgRating } from "../rating/rating";
import { DISCIPLINE_SANCTION_LABELS, DISCIPLINE_SANCTIONS } from "../discipline/discipline";
import { JF_LEVELS } from "../credit-points/credit-points";
import { stringify } from "csv-stringify/sync";
import { labelOf, type LabelGroup } from "../i18n/labels";

/** Columns of the export, in order, with their meaning (documented for the people who load the file). */
export const EXPORT_COLUMNS = [
  ["cycle_id", "id of the cycle"],
  ["cycle_name", "name of the cycle"],
  ["period_start", "first day of the appraisal period (YYYY-MM-DD)"],
  ["period_end", "last day of the appraisal period (YYYY-MM-DD)"],
  ["nip", "NIP of the employee (18 digits)"],
  ["name", "name of the employee at launch"],
  ["unit_id", "unit of the employee at launch"],
  ["unit_name", "name of that unit"],
  ["position_type", "jpt | administrator | pengawas | pelaksana | fungsional"],
  ["employment_type", "pns | pppk (at launch)"],
  ["jenjang", `functional level at launch (${JF_LEVELS.join(" | ")}), empty for other positions`],
  ["appraiser_nip", "NIP of the appraising official (pejabat penilai kinerja)"],
  ["appraiser_name", "name of the appraising official"],
  ["stage", "stage of the appraisal (done when final)"],
  ["hasil_kerja", "results rating: above | meets | below (empty until reviewed)"],
  ["perilaku", "behaviour rating: above | meets | below (empty until reviewed)"],
  ["predikat", "sangat_baik | baik | butuh_perbaikan | kurang | sangat_kurang (empty until reviewed)"],
  ["predikat_label", "the predikat in Bahasa Indonesia"],
  ["org_rating", "organisation rating of the unit (istimewa ... sangat_kurang), empty if not set"],
  ["objection", "none | pending | upheld | rejected"],
  [
    "final",
    "true when the result is final (appraisal done, no objection pending): only then use it for allowances",
  ],
  [
    "follow_up",
    "recognition | development | coaching | sanction-review (PNS) | contract-review (PPPK) (empty until follow-up)",
  ],
  ["consecutive_poor", "poor annual results in a row, this one included"],
  [
    "angka_kredit",
    "credit points of a functional official for this period: months/12 x predikat % x the jenjang's coefficient (2 decimals)",
  ],
  ["angka_kredit_months", "months of performance the credit points count (12 for a whole year)"],
  [
    "absent_days",
    "days absent without a valid reason in the calendar year up to the period end (attendance import; empty without data)",
  ],
  ["discipline_sanction", `PP 94/2021 sanction those days call for: ${DISCIPLINE_SANCTIONS.join(" | ")}`],
  ["discipline_sanction_label", "that sanction in Bahasa Indonesia"],
] as const;

/** One appraisal as the export reads it. */
export interface ExportAppraisal {
  nip: string;
  name: string;
  unitId: string;
  positionType?: string;
  employmentType?: string;
  jenjang?: string;
  appraiserNip?: string;
  appraiserName?: string;
  stage: string;
  ratings?: { hasilKerja?: string; perilaku?: string };
  predikat?: string;
  objection?: { decision?: { outcome?: string } } | null;
  followUp?: {
    kind?: string;
    consecutivePoor?: number;
    creditPoints?: { months?: number; pointsText?: string };
  } | null;
  discipline?: { absentDays?: number; sanction?: { code?: string } } | null;
}

/** The cycle and lookups the export needs. */
export interface ExportInput {
  cycle: { id: string; name: string; periodStart: string; periodEnd: string };
  appraisals: ExportAppraisal[];
  unitNames: ReadonlyMap<string, string>;
  orgRatingOf: (unitId: string) => OrgRating | undefined;
}

/** One column of the export. */
export type ExportColumn = (typeof EXPORT_COLUMNS)[number][0];

/**
 * The export's variants: `csv` (comma, no BOM: what the national system's upload and existing clients read) and
 * `excel` (semicolon and a UTF-8 BOM, as Excel in an Indonesian locale opens a file on a double click; every text
 * field and the NIP quoted, decimal commas, an Indonesian label beside every code). Both end lines with CRLF.
 */
export const EXPORT_FORMATS = ["csv", "excel"] as const;

/** One variant of the export. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Code columns the Excel variant follows with `<column>_label`, the code's Indonesian label (predikat and the
 * discipline sanction carry theirs in both variants).
 */
export const EXPORT_LABELLED_COLUMNS = {
  position_type: "positionType",
  employment_type: "employmentType",
  jenjang: "jenjang",
  stage: "stage",
  hasil_kerja: "rating",
  perilaku: "rating",
  org_rating: "orgRating",
  objection: "objectionState",
  follow_up: "followUpKind",
} as const satisfies Partial<Record<ExportColumn, LabelGroup>>;

/** The header of a variant, in order. */
export function exportColumns(format: ExportFormat): string[] {
  return EXPORT_COLUMNS.flatMap(([name]) =>
    format === "excel" && name in EXPORT_LABELLED_COLUMNS ? [name, `${name}_label`] : [name],
  );
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection; OWASP ASVS 1.2.10): = + - @ and a
 * leading tab, carriage return or NUL.
 */
const FORMULA_START = /[=+\-@\t\r\0]/;

/**
 * Neutralises formulas in a cell wherever a cell could start: at the start of the field and after any separator or
 * line break inside it (a spreadsheet that splits "Lestari;=1+1" at the ";" sees a cell "=1+1"). A `'` goes before
 * each such character, as OWASP recommends, so the spreadsheet shows the text instead of running it.
 */
export function neutraliseFormulas(value: string): string {
  return value.replace(new RegExp(`(?<=^|[,;\\r\\n])(?=${FORMULA_START.source})`, "g"), "'");
}

/** Whether an appraisal's objection is open, decided either way, or absent. */
export function objectionState(
  a: Pick<ExportAppraisal, "objection">,
): "none" | "pending" | "upheld" | "rejected" {
  if (!a.objection) return "none";
  const outcome = a.objection.decision?.outcome;
  return outcome === "uphold" ? "upheld" : outcome === "reject" ? "rejected" : "pending";
}

/**
 * Builds the export (header row first, CRLF line ends as RFC 4180 asks), ordered by unit then NIP, in the variant
 * asked (`csv` unless told). Every text cell is passed through `neutraliseFormulas`; csv-stringify quotes.
 */
export function buildResultsCsv(input: ExportInput, format: ExportFormat = "csv"): string {
  const rows = [...input.appraisals].sort(
    (a, b) => a.unitId.localeCompare(b.unitId) || a.nip.localeCompare(b.nip),
  );
  const excel = format === "excel";
  const columns = exportColumns(format);
  const records = rows.map((a) => {
    const objection = objectionState(a);
    const predikat = a.predikat && isPredikat(a.predikat) ? a.predikat : undefined;
    const code = a.discipline?.sanction?.code;
    const sanction = DISCIPLINE_SANCTIONS.find((c) => c === code);
    const points = a.followUp?.creditPoints?.pointsText ?? "";
    const values: Record<ExportColumn, string | number | boolean> = {
      cycle_id: input.cycle.id,
      cycle_name: input.cycle.name,
      period_start: input.cycle.periodStart,
      period_end: input.cycle.periodEnd,
      nip: a.nip,
      name: a.name,
      unit_id: a.unitId,
      unit_name: input.unitNames.get(a.unitId) ?? "",
      position_type: a.positionType ?? "",
      employment_type: a.employmentType ?? "",
      jenjang: a.jenjang ?? "",
      appraiser_nip: a.appraiserNip ?? "",
      appraiser_name: a.appraiserName ?? "",
      stage: a.stage,
      hasil_kerja: a.ratings?.hasilKerja ?? "",
      perilaku: a.ratings?.perilaku ?? "",
      predikat: predikat ?? "",
      predikat_label: predikat ? PREDIKAT_LABELS[predikat].id : "",
      org_rating: input.orgRatingOf(a.unitId) ?? "",
      objection,
      final: a.stage === "done" && objection !== "pending" && predikat !== undefined,
      follow_up: a.followUp?.kind ?? "",
      consecutive_poor: a.followUp?.consecutivePoor ?? "",
      // The points are text with a decimal point; Excel in an Indonesian locale reads a decimal comma.
      angka_kredit: excel ? points.replace(".", ",") : points,
      angka_kredit_months: a.followUp?.creditPoints?.months ?? "",
      absent_days: a.discipline?.absentDays ?? "",
      discipline_sanction: sanction ?? "",
      discipline_sanction_label: sanction ? DISCIPLINE_SANCTION_LABELS[sanction].id : "",
    };
    const cells: Record<string, string | number | boolean> = { ...values };
    if (excel)
      for (const [column, group] of Object.entries(EXPORT_LABELLED_COLUMNS)) {
        const value = String(values[column as ExportColumn]);
        cells[`${column}_label`] = value === "" ? "" : labelOf(group, value);
      }
    return columns.map((c) => {
      const cell = cells[c]!;
      return typeof cell === "string" ? neutraliseFormulas(cell) : cell;
    });
  });
  return stringify(records, {
    header: true,
    columns,
    delimiter: excel ? ";" : ",",
    bom: excel,
    record_delimiter: "windows",
    quoted_string: excel,
    cast: { boolean: (b) => (b ? "true" : "false") },
  });
}
