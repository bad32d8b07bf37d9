// The results export of a cycle as CSV (pure): one row per appraisal, the columns the national system's upload
// and the allowance (TPP / tunjangan kinerja) calculation need. See EXPORT_COLUMNS for what each column means.
import { PREDIKAT_LABELS, isPredikat, type OrgRating } from "../../rating/rating";
import { DISCIPLINE_SANCTION_LABELS, DISCIPLINE_SANCTIONS } from "../../discipline/discipline";
import { JF_LEVELS } from "../../credit-points/credit-points";

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

// Free text is written as text: a leading = + - @ would make a spreadsheet run it as a formula (CSV injection).
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string | number | boolean | undefined | null): string {
  const s = value === undefined || value === null ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Whether an appraisal's objection is open, decided either way, or absent. */
export function objectionState(
  a: Pick<ExportAppraisal, "objection">,
): "none" | "pending" | "upheld" | "rejected" {
  if (!a.objection) return "none";
  const outcome = a.objection.decision?.outcome;
  return outcome === "uphold" ? "upheld" : outcome === "reject" ? "rejected" : "pending";
}

/** Builds the export (header row first, CRLF line ends as RFC 4180 asks), ordered by unit then NIP. */
export function buildResultsCsv(input: ExportInput): string {
  const rows = [...input.appraisals].sort(
    (a, b) => a.unitId.localeCompare(b.unitId) || a.nip.localeCompare(b.nip),
  );
  const lines = [EXPORT_COLUMNS.map(([name]) => name).join(",")];
  for (const a of rows) {
    const objection = objectionState(a);
    const predikat = a.predikat && isPredikat(a.predikat) ? a.predikat : undefined;
    const code = a.discipline?.sanction?.code;
    const sanction = DISCIPLINE_SANCTIONS.find((c) => c === code);
    const values = [
      input.cycle.id,
      text(input.cycle.name),
      input.cycle.periodStart,
      input.cycle.periodEnd,
      a.nip,
      text(a.name),
      a.unitId,
      text(input.unitNames.get(a.unitId) ?? ""),
      a.positionType ?? "",
      a.employmentType ?? "",
      a.jenjang ?? "",
      a.appraiserNip ?? "",
      text(a.appraiserName ?? ""),
      a.stage,
      a.ratings?.hasilKerja ?? "",
      a.ratings?.perilaku ?? "",
      predikat ?? "",
      predikat ? PREDIKAT_LABELS[predikat].id : "",
      input.orgRatingOf(a.unitId) ?? "",
      objection,
      a.stage === "done" && objection !== "pending" && predikat !== undefined,
      a.followUp?.kind ?? "",
      a.followUp?.consecutivePoor ?? "",
      a.followUp?.creditPoints?.pointsText ?? "",
      a.followUp?.creditPoints?.months ?? "",
      a.discipline?.absentDays ?? "",
      sanction ?? "",
      sanction ? DISCIPLINE_SANCTION_LABELS[sanction].id : "",
    ];
    lines.push(values.map(cell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
