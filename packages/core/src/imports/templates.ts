// The CSV templates HR downloads: the header row of each import, from the same column constants the imports read, so a
// new column (employment_type, jenjang, cycle_id) shows in the template the moment the import accepts it. Header only:
// an example row imported by mistake would create a fake employee or value.
import {
  ORG_SETTINGS_CSV_COLUMNS,
  ORG_SETTINGS_CSV_OPTIONAL,
  ORG_SETTINGS_CSV_ROLES,
} from "../org/org-settings.service";
import { JF_LEVELS } from "../credit-points/credit-points";
import { labelsOf, type LabelGroup } from "../i18n/labels";
import { EXPORT_COLUMNS, EXPORT_FORMATS, EXPORT_LABELLED_COLUMNS, exportColumns } from "../hr/export-csv";
import { CSV_DELIMITERS, DEFAULT_MAX_ROWS } from "./csv";
import {
  EMPLOYEE_CSV_COLUMN_DOCS,
  EMPLOYEE_CSV_COLUMNS,
  EMPLOYEE_CSV_OPTIONAL_COLUMNS,
} from "./employee-csv";
import {
  ATTENDANCE_CSV_COLUMNS,
  INDICATOR_CSV_COLUMNS,
  INDICATOR_CSV_OPTIONAL_COLUMNS,
  SURVEY_CSV_COLUMNS,
} from "./measurement-csv";

/**
 * The imports HR can download a template for: POST /api/employees/import, /api/imports/<kind> and, for the staffing
 * authority and the appraiser of the top official, /api/org/settings/import.
 */
export const CSV_TEMPLATE_KINDS = [
  "employees",
  "attendance",
  "survey",
  "indicators",
  "org-settings",
] as const;

/** One import kind. */
export type CsvTemplateKind = (typeof CSV_TEMPLATE_KINDS)[number];

/** The columns of each import: required first, then optional ones in their documented order. */
export const CSV_TEMPLATE_COLUMNS: Readonly<
  Record<CsvTemplateKind, { required: readonly string[]; optional: readonly string[] }>
> = {
  employees: { required: EMPLOYEE_CSV_COLUMNS, optional: EMPLOYEE_CSV_OPTIONAL_COLUMNS },
  attendance: { required: ATTENDANCE_CSV_COLUMNS, optional: [] },
  survey: { required: SURVEY_CSV_COLUMNS, optional: [] },
  indicators: { required: INDICATOR_CSV_COLUMNS, optional: INDICATOR_CSV_OPTIONAL_COLUMNS },
  "org-settings": { required: ORG_SETTINGS_CSV_COLUMNS, optional: ORG_SETTINGS_CSV_OPTIONAL },
};

/** True for a kind that has a template. */
export function isCsvTemplateKind(kind: string): kind is CsvTemplateKind {
  return (CSV_TEMPLATE_KINDS as readonly string[]).includes(kind);
}

/** The template of one import: its file name and the header row (CRLF, as spreadsheets write it). */
export function csvTemplate(kind: CsvTemplateKind): { filename: string; csv: string } {
  const { required, optional } = CSV_TEMPLATE_COLUMNS[kind];
  return { filename: `templat-${kind}.csv`, csv: `${[...required, ...optional].join(",")}\r\n` };
}

type ColumnOf<K extends CsvTemplateKind> =
  (typeof CSV_TEMPLATE_COLUMNS)[K]["required"][number] | (typeof CSV_TEMPLATE_COLUMNS)[K]["optional"][number];

/** What each column of each import holds (docs/csv.md); the employee file's come from the import's own text. */
export const CSV_COLUMN_DOCS: { readonly [K in CsvTemplateKind]: Readonly<Record<ColumnOf<K>, string>> } = {
  employees: EMPLOYEE_CSV_COLUMN_DOCS,
  attendance: {
    nip: "NIP of a stored employee (18 digits)",
    month: "month of the figures, YYYY-MM",
    work_days: "working days in the month (whole number, 0 or more)",
    present: "days present (at most work_days)",
    late_minutes: "minutes late in the month (whole number)",
    absent_without_leave: "days absent without a valid reason (present + these at most work_days)",
  },
  survey: {
    unit_id: "id of the stored unit the respondent rated",
    respondent_id: "id of the respondent (one row per respondent and unit)",
    submitted_at: "date or ISO date-time of the answer",
    u1: "score of service element 1 (IKM): 1-4, empty when not answered",
    u2: "score of element 2: 1-4 or empty",
    u3: "score of element 3: 1-4 or empty",
    u4: "score of element 4: 1-4 or empty",
    u5: "score of element 5: 1-4 or empty",
    u6: "score of element 6: 1-4 or empty",
    u7: "score of element 7: 1-4 or empty",
    u8: "score of element 8: 1-4 or empty",
    u9: "score of element 9: 1-4 or empty (at least one element answered per row)",
  },
  indicators: {
    nip: "NIP of a stored employee (18 digits)",
    indicator_id:
      "id of an indicator of the employee's SKP (letters, digits, . _ : -); shown with the SKP in the API",
    period: "period of the value: YYYY, YYYY-MM, YYYY-Qn or YYYY-Sn",
    value: "the value: a number with a decimal comma or point (96,5 or 96.5)",
    source: "the system the value comes from (at most 100 characters)",
    cycle_id:
      "optional: the cycle the value belongs to; without it, the cycle whose period contains the row's",
  },
  "org-settings": {
    role: `${Object.keys(ORG_SETTINGS_CSV_ROLES).join(" | ")}: the staffing authority (Pejabat Pembina Kepegawaian) or the appraiser of the top official (penilai pimpinan tertinggi)`,
    name: "name of the official",
    position: "position of the official",
    email: "e-mail address the official's decision links are sent to",
    nip: "optional: NIP of the official (18 digits)",
  },
};

/**
 * What each column holds, in Indonesian, for the dashboard's imports page (HR reads it there); the same keys as
 * CSV_COLUMN_DOCS, so a column added to an import without its Indonesian text does not compile.
 */
export const CSV_COLUMN_DOCS_ID: { readonly [K in CsvTemplateKind]: Readonly<Record<ColumnOf<K>, string>> } =
  {
    employees: {
      nip: "18 digit: NIP PNS (tanggal lahir, TMT pengangkatan TTTTBB, jenis kelamin, nomor urut) atau NI PPPK (tanggal lahir, tahun pengangkatan, kode PPPK, jenis kelamin, nomor urut)",
      name: "nama pegawai",
      email: "alamat email tujuan tautan keputusan",
      unit_id: "kode unit kerja pegawai (huruf, angka, . - _)",
      unit_name: "nama unit kerja itu (sama pada setiap baris unit tersebut)",
      position: "nama jabatan",
      position_type: "jenis jabatan: jpt | administrator | pengawas | pelaksana | fungsional",
      superior_nip: "NIP atasan langsung (pejabat penilai kinerja); kosong hanya untuk pimpinan tertinggi",
      unit_head: "true | false: pegawai ini kepala unit unit_id",
      parent_unit_id:
        "opsional: unit induk dari unit_id (kosong untuk unit teratas); tanpa kolom ini induk yang tersimpan tetap",
      employment_type:
        "opsional: pns | pppk; sel kosong atau tanpa kolom diambil dari nomornya (digit 13-14); nilai yang bertentangan dengan nomor ditolak",
      jenjang: `opsional: ${JF_LEVELS.join(" | ")}; bila kolom ada, wajib diisi pada baris fungsional dan kosong pada baris lain; dipakai menghitung angka kredit`,
    },
    attendance: {
      nip: "NIP pegawai yang tersimpan (18 digit)",
      month: "bulan data, TTTT-BB",
      work_days: "hari kerja dalam bulan itu (bilangan bulat, 0 atau lebih)",
      present: "hari hadir (paling banyak work_days)",
      late_minutes: "menit terlambat dalam bulan itu (bilangan bulat)",
      absent_without_leave: "hari tidak masuk tanpa alasan sah (present + kolom ini paling banyak work_days)",
    },
    survey: {
      unit_id: "kode unit kerja yang dinilai responden",
      respondent_id: "kode responden (satu baris per responden dan unit)",
      submitted_at: "tanggal atau tanggal-waktu ISO jawaban",
      u1: "nilai unsur pelayanan 1 (IKM): 1-4, kosong bila tidak dijawab",
      u2: "nilai unsur 2: 1-4 atau kosong",
      u3: "nilai unsur 3: 1-4 atau kosong",
      u4: "nilai unsur 4: 1-4 atau kosong",
      u5: "nilai unsur 5: 1-4 atau kosong",
      u6: "nilai unsur 6: 1-4 atau kosong",
      u7: "nilai unsur 7: 1-4 atau kosong",
      u8: "nilai unsur 8: 1-4 atau kosong",
      u9: "nilai unsur 9: 1-4 atau kosong (setiap baris paling sedikit satu unsur dijawab)",
    },
    indicators: {
      nip: "NIP pegawai yang tersimpan (18 digit)",
      indicator_id: "kode indikator pada SKP pegawai (huruf, angka, . _ : -); tampil bersama SKP",
      period: "periode nilai: TTTT, TTTT-BB, TTTT-Qn (triwulan) atau TTTT-Sn (semester)",
      value: "nilainya: angka dengan koma atau titik desimal (96,5 atau 96.5)",
      source: "sistem asal nilai (paling banyak 100 karakter)",
      cycle_id:
        "opsional: siklus pemilik nilai; tanpa kolom ini, siklus yang periodenya memuat periode baris",
    },
    "org-settings": {
      role: `${Object.keys(ORG_SETTINGS_CSV_ROLES).join(" | ")}: Pejabat Pembina Kepegawaian atau pejabat penilai kinerja pimpinan tertinggi`,
      name: "nama pejabat",
      position: "jabatan pejabat",
      email: "alamat email tujuan tautan keputusan pejabat itu",
      nip: "opsional: NIP pejabat (18 digit)",
    },
  };

/** The columns of one import with their Indonesian meaning, required ones first. */
export function importColumnsId(
  kind: CsvTemplateKind,
): { column: string; required: boolean; meaning: string }[] {
  const { required, optional } = CSV_TEMPLATE_COLUMNS[kind];
  const docs = CSV_COLUMN_DOCS_ID[kind] as Readonly<Record<string, string>>;
  return [
    ...required.map((column) => ({ column, required: true, meaning: docs[column]! })),
    ...optional.map((column) => ({ column, required: false, meaning: docs[column]! })),
  ];
}

/** Code columns of the imports and the label group that names their codes in Indonesian. */
const IMPORT_CODE_COLUMNS: Partial<Record<CsvTemplateKind, Readonly<Record<string, LabelGroup>>>> = {
  employees: { position_type: "positionType", employment_type: "employmentType", jenjang: "jenjang" },
};

const table = (header: string[], rows: string[][]) =>
  [header, header.map(() => "---"), ...rows]
    .map((r) => `| ${r.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`)
    .join("\n");

const codeTable = (codes: Readonly<Record<string, string>>) =>
  table(
    ["code", "Indonesian label"],
    Object.entries(codes).map(([code, label]) => [`\`${code}\``, label]),
  );

/**
 * The generated part of docs/csv.md: every import's columns (required or optional, meaning), the codes of code columns
 * with their Indonesian labels, and the export's columns in both variants; all from the constants the code reads.
 */
export function csvFormatsMarkdown(): string {
  const out: string[] = [];
  out.push(
    `Imports accept ${CSV_DELIMITERS.map((d) => `\`${d}\``).join(" or ")} as the separator (read from the header line), ` +
      `UTF-8 with or without a BOM, LF or CRLF line ends, and at most ${DEFAULT_MAX_ROWS.toLocaleString("en")} data rows ` +
      "per synchronous request (larger employee files go through the paged import).",
  );
  for (const kind of CSV_TEMPLATE_KINDS) {
    const { required, optional } = CSV_TEMPLATE_COLUMNS[kind];
    const docs = CSV_COLUMN_DOCS[kind] as Readonly<Record<string, string>>;
    out.push(`### \`${kind}\``);
    out.push(
      `Template: \`GET /api/imports/templates/${kind}\` (header \`${[...required, ...optional].join(",")}\`).`,
    );
    out.push(
      table(
        ["column", "required", "meaning"],
        [...required, ...optional].map((c) => [`\`${c}\``, required.includes(c) ? "yes" : "no", docs[c]!]),
      ),
    );
    for (const [column, group] of Object.entries(IMPORT_CODE_COLUMNS[kind] ?? {})) {
      out.push(`Codes of \`${column}\` (case-insensitive):`);
      out.push(codeTable(labelsOf(group)));
    }
  }
  out.push("### Results export");
  out.push(
    `\`GET /api/cycles/{id}/export.csv\` with \`format\` one of ${EXPORT_FORMATS.map((f) => `\`${f}\``).join(", ")}. ` +
      `\`excel\` adds a \`<column>_label\` column beside ${Object.keys(EXPORT_LABELLED_COLUMNS)
        .map((c) => `\`${c}\``)
        .join(", ")}.`,
  );
  const meaning = new Map<string, string>(EXPORT_COLUMNS.map(([name, text]) => [name, text]));
  const excel = exportColumns("excel");
  out.push(
    table(
      ["column", "in `csv`", "meaning"],
      excel.map((c) => [
        `\`${c}\``,
        meaning.has(c) ? "yes" : "no",
        meaning.get(c) ?? `Indonesian label of \`${c.replace(/_label$/, "")}\``,
      ]),
    ),
  );
  for (const [column, group] of [
    ...Object.entries(EXPORT_LABELLED_COLUMNS),
    ["predikat", "predikat"],
    ["discipline_sanction", "disciplineSanction"],
  ] as [string, LabelGroup][]) {
    out.push(`Codes of \`${column}\`:`);
    out.push(codeTable(labelsOf(group)));
  }
  return `${out.join("\n\n")}\n`;
}
