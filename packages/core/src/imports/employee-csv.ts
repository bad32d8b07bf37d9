import * as v from "valibot";
import { JF_LEVELS } from "../credit-points/credit-points";
import { labelOf } from "../i18n/labels";
import {
  checkHierarchy,
  EMPLOYMENT_TYPES,
  employmentTypeOfNip,
  findUnitCycles,
  NI_PPPK_CODES,
  validateNip,
} from "../org/org";
import { t, type Lang } from "../i18n/messages";
import {
  apiMessage,
  POSITION_TYPES,
  UnitIdSchema,
  type Employee,
  type ImportIssue,
  type Unit,
} from "../org/org.schema";
import { readCsv, validateRow, type CsvRow } from "./csv";

/** Required columns of the employee CSV (DESIGN 3), in their documented order. */
export const EMPLOYEE_CSV_COLUMNS = [
  "nip",
  "name",
  "email",
  "unit_id",
  "unit_name",
  "position",
  "position_type",
  "superior_nip",
  "unit_head",
] as const;

/** Optional columns of the employee CSV (DESIGN 3.1), in their documented order. */
export const EMPLOYEE_CSV_OPTIONAL_COLUMNS = ["parent_unit_id", "employment_type", "jenjang"] as const;

/** What each column of the employee CSV holds (the OpenAPI of the import and the template HR downloads). */
export const EMPLOYEE_CSV_COLUMN_DOCS: Readonly<
  Record<(typeof EMPLOYEE_CSV_COLUMNS)[number] | (typeof EMPLOYEE_CSV_OPTIONAL_COLUMNS)[number], string>
> = {
  nip: `18 digits: a PNS NIP (birth date, appointment YYYYMM, gender, sequence) or an NI PPPK (birth date, year of appointment, code ${Object.keys(NI_PPPK_CODES).join(" or ")}, gender, sequence)`,
  name: "name of the employee",
  email: "e-mail address the decision links are sent to",
  unit_id: "id of the employee's unit (letters, digits, . - _)",
  unit_name: "name of that unit (the same on every row of the unit)",
  position: "name of the position (jabatan)",
  position_type: "jpt | administrator | pengawas | pelaksana | fungsional",
  superior_nip: "NIP of the direct superior (the appraising official); empty only for the top official",
  unit_head: "true | false: the employee heads unit_id",
  parent_unit_id:
    "optional: parent of unit_id (empty for the top unit); without the column stored parents stay",
  employment_type:
    "optional: pns | pppk; an empty cell or no column takes it from the number (digits 13-14: a month 01-12 is PNS, an NI PPPK code is PPPK); a value that contradicts the number is refused",
  jenjang: `optional column: ${JF_LEVELS.join(" | ")}; when the column is present it is required on every fungsional row and must be empty on the others; without the column stored employees keep theirs. Credit points (angka kredit) are computed from it`,
};

// Messages come from the dictionary in the language `validateRow` asks for (English unless asked).
const required = () => v.pipe(v.string(), v.nonEmpty(apiMessage("csvRequired")));
const atMost = (max: number) =>
  v.maxLength<string, number, (issue: v.BaseIssue<unknown>) => string>(
    max,
    apiMessage("csvTooLong", { max: String(max) }),
  );

const EmployeeRowSchema = v.object({
  nip: required(),
  name: v.pipe(required(), atMost(200)),
  email: v.pipe(required(), v.email(apiMessage("csvEmail")), v.maxLength(254)),
  unit_id: UnitIdSchema,
  unit_name: v.pipe(required(), atMost(200)),
  position: v.pipe(required(), atMost(200)),
  position_type: v.pipe(
    v.string(),
    v.transform((t) => t.toLowerCase()),
    v.picklist(POSITION_TYPES, apiMessage("oneOf", { options: POSITION_TYPES.join(", ") })),
  ),
  superior_nip: v.pipe(v.string(), v.regex(/^(\d{18})?$/, apiMessage("csvSuperiorNip"))),
  unit_head: v.pipe(
    v.string(),
    v.transform((t) => t.toLowerCase()),
    v.picklist(["true", "false"], apiMessage("csvBoolean")),
    v.transform((t) => t === "true"),
  ),
  parent_unit_id: v.optional(v.union([v.literal(""), UnitIdSchema], apiMessage("csvParentUnitId"))),
  employment_type: v.optional(
    v.pipe(
      v.string(),
      v.transform((t) => t.toLowerCase()),
      v.picklist(["", ...EMPLOYMENT_TYPES], apiMessage("oneOf", { options: EMPLOYMENT_TYPES.join(", ") })),
    ),
  ),
  // "Ahli Pertama" and "ahli-pertama" read as ahli_pertama; anything else (however long) is refused by the picklist.
  jenjang: v.optional(
    v.pipe(
      v.string(),
      v.transform((t) => t.toLowerCase().replace(/[\s-]+/g, "_")),
      v.picklist(["", ...JF_LEVELS], apiMessage("oneOf", { options: JF_LEVELS.join(", ") })),
    ),
  ),
});

/** The stored organisation the file is merged into. */
export interface ExistingOrganisation {
  units: Unit[];
  employees: Employee[];
}

/** A valid file merged into the organisation, with what changed. */
export interface EmployeeImportPlan {
  ok: true;
  units: Unit[];
  employees: Employee[];
  created: number;
  updated: number;
  unitsInFile: number;
  employeesInFile: number;
}

/** What an employee import job records when it commits (the synchronous and the paged import alike). */
export function employeeImportCounts(plan: EmployeeImportPlan) {
  return {
    units: plan.units.length,
    employees: plan.employees.length,
    created: plan.created,
    updated: plan.updated,
    unitsInFile: plan.unitsInFile,
    employeesInFile: plan.employeesInFile,
  };
}

/**
 * Parses and validates an employee CSV and merges it into the existing organisation (employees by
 * NIP, units by unit_id). Returns the whole merged organisation, or every issue found
 * (`{line, field, message}`, header = line 1). Pure: writes nothing. Messages are the dictionary's in
 * `options.lang` (English unless asked).
 */
export function planEmployeeImport(
  csvText: string,
  existing: ExistingOrganisation,
  options: { today: Date; maxRows?: number; lang?: Lang },
): EmployeeImportPlan | { ok: false; errors: ImportIssue[] } {
  const lang = options.lang ?? "en";
  const read = readCsv(csvText, {
    required: EMPLOYEE_CSV_COLUMNS,
    optional: EMPLOYEE_CSV_OPTIONAL_COLUMNS,
    maxRows: options.maxRows,
    lang,
  });
  if (!read.ok) return read;
  const hasParentColumn = read.columns.includes("parent_unit_id");
  const hasJenjangColumn = read.columns.includes("jenjang");
  const stored = new Map(existing.employees.map((e) => [e.nip, e]));
  const errors: ImportIssue[] = [];
  const fileEmployees = new Map<string, Employee & { line: number }>();
  const fileUnits = new Map<string, { unit: Unit; line: number }>();
  // What refused rows name: the hierarchy checks below run on the valid rows in the same answer, and must not add
  // "unknown superior/unit" for a NIP or unit whose own row is already reported.
  const refusedNips = new Set<string>();
  const refusedUnits = new Set<string>();

  for (const row of read.rows) {
    const before = errors.length;
    checkRow(row);
    if (errors.length > before) {
      refusedNips.add(row.record.nip);
      refusedUnits.add(row.record.unit_id);
    }
  }
  function checkRow(row: CsvRow): void {
    const checked = validateRow(EmployeeRowSchema, row, lang);
    const nipIssues = row.record.nip ? validateNip(row.record.nip, { today: options.today, lang }) : [];
    for (const issue of nipIssues) errors.push({ line: row.line, field: "nip", message: issue.message });
    if (!checked.ok) {
      errors.push(...checked.errors);
      return;
    }
    if (nipIssues.length > 0) return;
    const r = checked.value;
    const previous = fileEmployees.get(r.nip);
    if (previous) {
      errors.push({
        line: row.line,
        field: "nip",
        message: t("csvDuplicateNip", lang, { nip: r.nip, line: String(previous.line) }),
      });
      return;
    }
    // The number is valid here, so it names its type; a column that says otherwise is a mistake in one of them.
    const derived = employmentTypeOfNip(r.nip)!;
    if (r.employment_type && r.employment_type !== derived) {
      errors.push({
        line: row.line,
        field: "employment_type",
        message: t("csvEmploymentTypeMismatch", lang, {
          nip: r.nip,
          digits: r.nip.slice(12, 14),
          derived: labelOf("employmentType", derived, lang),
        }),
      });
      return;
    }
    // Jenjang: required on fungsional rows and refused on others when the column is there; without the column a
    // stored fungsional employee keeps theirs (older files and templates carry no jenjang).
    let jenjang = r.jenjang || undefined;
    if (hasJenjangColumn && r.position_type === "fungsional" && !jenjang) {
      errors.push({
        line: row.line,
        field: "jenjang",
        message: t("csvJenjangRequired", lang, { options: JF_LEVELS.join(", ") }),
      });
      return;
    }
    if (jenjang && r.position_type !== "fungsional") {
      errors.push({
        line: row.line,
        field: "jenjang",
        message: t("csvJenjangNotFungsional", lang, { positionType: r.position_type }),
      });
      return;
    }
    if (!hasJenjangColumn && r.position_type === "fungsional") jenjang = stored.get(r.nip)?.jenjang;
    fileEmployees.set(r.nip, {
      line: row.line,
      nip: r.nip,
      name: r.name,
      email: r.email.toLowerCase(),
      unitId: r.unit_id,
      position: r.position,
      positionType: r.position_type,
      superiorNip: r.superior_nip || undefined,
      unitHead: r.unit_head,
      employmentType: derived,
      ...(jenjang ? { jenjang } : {}),
    });
    const unitRow = fileUnits.get(r.unit_id);
    const parentUnitId = hasParentColumn ? r.parent_unit_id || undefined : undefined;
    if (!unitRow) {
      fileUnits.set(r.unit_id, {
        unit: { unitId: r.unit_id, name: r.unit_name, parentUnitId },
        line: row.line,
      });
    } else if (unitRow.unit.name !== r.unit_name) {
      errors.push({
        line: row.line,
        field: "unit_name",
        message: t("csvUnitNameConflict", lang, {
          unitId: r.unit_id,
          name: unitRow.unit.name,
          line: String(unitRow.line),
        }),
      });
    } else if (hasParentColumn && unitRow.unit.parentUnitId !== parentUnitId) {
      errors.push({
        line: row.line,
        field: "parent_unit_id",
        message: t("csvUnitParentConflict", lang, {
          unitId: r.unit_id,
          parent: unitRow.unit.parentUnitId ?? "",
          line: String(unitRow.line),
        }),
      });
    }
  }
  // Merge: file rows win; without a parent_unit_id column, stored units keep their parent.
  const units = new Map(existing.units.map((u) => [u.unitId, { ...u }]));
  for (const { unit } of fileUnits.values()) {
    const stored = units.get(unit.unitId);
    units.set(unit.unitId, {
      unitId: unit.unitId,
      name: unit.name,
      parentUnitId: hasParentColumn ? unit.parentUnitId : stored?.parentUnitId,
    });
  }
  const employees = new Map(existing.employees.map((e) => [e.nip, e]));
  let created = 0;
  for (const { line: _line, ...employee } of fileEmployees.values()) {
    if (!employees.has(employee.nip)) created += 1;
    employees.set(employee.nip, employee);
  }

  for (const { unit, line } of fileUnits.values()) {
    if (unit.parentUnitId && !units.has(unit.parentUnitId) && !refusedUnits.has(unit.parentUnitId)) {
      errors.push({
        line,
        field: "parent_unit_id",
        message: t("csvUnknownParentUnit", lang, { unitId: unit.parentUnitId }),
      });
    }
  }
  for (const cycle of findUnitCycles(units.values())) {
    const anchor = cycle.map((id) => fileUnits.get(id)).find(Boolean);
    errors.push({
      line: anchor?.line ?? 1,
      field: "parent_unit_id",
      message: t("csvUnitCycle", lang, { path: [...cycle, cycle[0]].join(" -> ") }),
    });
  }
  const lineOf = (nip: string) => fileEmployees.get(nip)?.line;
  // A refused row's NIP stands in as a node without a superior: its subordinates are not reported a second time.
  const placeholders = [...refusedNips].filter((nip) => !employees.has(nip)).map((nip) => ({ nip }));
  for (const issue of checkHierarchy(
    [
      ...[...employees.values()].map((e) => ({
        nip: e.nip,
        superiorNip: e.superiorNip,
        line: lineOf(e.nip),
      })),
      ...placeholders,
    ],
    lang,
  )) {
    errors.push({ line: issue.line ?? 1, field: issue.field, message: issue.message });
  }
  const headsByUnit = new Map<string, string[]>();
  for (const e of employees.values()) {
    if (!units.has(e.unitId) && !refusedUnits.has(e.unitId)) {
      errors.push({
        line: lineOf(e.nip) ?? 1,
        field: "unit_id",
        message: t("csvEmployeeUnknownUnit", lang, { nip: e.nip, unitId: e.unitId }),
      });
    }
    if (e.unitHead) headsByUnit.set(e.unitId, [...(headsByUnit.get(e.unitId) ?? []), e.nip]);
    // The top official is appraised outside the system (DESIGN 3.1); only a unit head can be at the top.
    if (!e.superiorNip && !e.unitHead && fileEmployees.has(e.nip)) {
      errors.push({
        line: lineOf(e.nip)!,
        field: "superior_nip",
        message: t("csvTopNotHead", lang),
      });
    }
  }
  for (const [unitId, heads] of headsByUnit) {
    if (heads.length > 1) {
      const inFile = heads.filter((nip) => fileEmployees.has(nip));
      const line = Math.max(...inFile.map((nip) => lineOf(nip)!));
      errors.push({
        line,
        field: "unit_head",
        message: t("csvManyHeads", lang, { unitId, nips: heads.join(", ") }),
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors: sortIssues(errors) };

  const mergedUnits = [...units.values()].map((u) => {
    const head = headsByUnit.get(u.unitId)?.[0];
    const unit: Unit = { unitId: u.unitId, name: u.name };
    if (u.parentUnitId) unit.parentUnitId = u.parentUnitId;
    if (head) unit.headNip = head;
    return unit;
  });
  return {
    ok: true,
    units: mergedUnits,
    employees: [...employees.values()],
    created,
    updated: fileEmployees.size - created,
    unitsInFile: fileUnits.size,
    employeesInFile: fileEmployees.size,
  };
}

/** Issues in file order (line, then field), so a reader can fix the file top to bottom. */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
}
