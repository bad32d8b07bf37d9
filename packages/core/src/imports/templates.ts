// The CSV templates HR downloads: the header row of each import, from the same column constants the imports read, so a
// new column (employment_type, jenjang, cycle_id) shows in the template the moment the import accepts it. Header only:
// an example row imported by mistake would create a fake employee or value.
import { ORG_SETTINGS_CSV_COLUMNS, ORG_SETTINGS_CSV_OPTIONAL } from "../org/org-settings.service";
import { EMPLOYEE_CSV_COLUMNS, EMPLOYEE_CSV_OPTIONAL_COLUMNS } from "./employee-csv";
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
