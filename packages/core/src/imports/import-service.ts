import { randomUUID } from "node:crypto";
import type { ImportIssue, Unit, Employee } from "../org/org.schema";
import type { Storage } from "../storage/storage";
import { planEmployeeImport } from "./employee-csv";
import { ImportWriteError } from "./imports.errors";
import {
  planAttendanceImport,
  planIndicatorImport,
  planSurveyImport,
  type KnownOrganisation,
} from "./measurement-csv";
import type { ImportKind } from "./imports.repo";

/** Outcome of an employee import. */
export type EmployeeImportResult =
  | { ok: true; importId: string; units: number; employees: number; created: number; updated: number }
  | { ok: false; errors: ImportIssue[] };

/** Outcome of an attendance, survey or indicator import. */
export type DataImportResult =
  { ok: true; importId: string; rows: number } | { ok: false; errors: ImportIssue[] };

/** Options shared by the imports; `now` is the runtime clock's time (NIP plausibility, timestamps). */
export interface ImportOptions {
  now: Date;
  maxRows?: number;
}

const newImportId = (now: Date) =>
  `imp-${now.toISOString().replace(/[-:.]/g, "")}-${randomUUID().slice(0, 8)}`;

/**
 * Imports the employee CSV: validates everything against the merged organisation first (a bad
 * file writes nothing at all), then writes the merged organisation as a new generation and flips
 * the org pointer (see org.repo replaceOrganisation), so no half import is ever visible.
 */
export async function importEmployees(
  storage: Storage,
  csvText: string,
  options: ImportOptions,
): Promise<EmployeeImportResult> {
  const state = await storage.org.currentState();
  const [units, employees]: [Unit[], Employee[]] = state
    ? await Promise.all([storage.org.listUnits(), storage.org.listEmployees()])
    : [[], []];
  const plan = planEmployeeImport(
    csvText,
    { units, employees },
    { today: options.now, maxRows: options.maxRows },
  );
  if (!plan.ok) return plan;
  const importId = newImportId(options.now);
  await storage.imports.startJob(importId, "employees");
  try {
    await storage.org.replaceOrganisation({
      units: plan.units,
      employees: plan.employees,
      importId,
      basedOnGeneration: state?.generation,
    });
  } catch (error) {
    await storage.imports
      .finishJob(importId, { status: "failed", failureReason: (error as Error).message })
      .catch(() => undefined);
    throw error;
  }
  const counts = {
    units: plan.units.length,
    employees: plan.employees.length,
    created: plan.created,
    updated: plan.updated,
    unitsInFile: plan.unitsInFile,
    employeesInFile: plan.employeesInFile,
  };
  await storage.imports.finishJob(importId, { status: "committed", counts });
  return {
    ok: true,
    importId,
    units: counts.units,
    employees: counts.employees,
    created: counts.created,
    updated: counts.updated,
  };
}

async function knownOrganisation(storage: Storage): Promise<KnownOrganisation> {
  const [units, employees] = await Promise.all([storage.org.listUnits(), storage.org.listEmployees()]);
  return { nips: new Set(employees.map((e) => e.nip)), unitIds: new Set(units.map((u) => u.unitId)) };
}

/**
 * Writes validated rows keyed by their natural key (so re-running the same file is idempotent)
 * inside an import job. Bad files write nothing; an infrastructure failure part-way marks the job
 * failed and throws ImportWriteError (re-import the same file to complete it).
 */
async function writeRows(
  storage: Storage,
  kind: ImportKind,
  now: Date,
  rowCount: number,
  write: (importId: string) => Promise<void>,
) {
  const importId = newImportId(now);
  await storage.imports.startJob(importId, kind);
  try {
    await write(importId);
  } catch (error) {
    await storage.imports
      .finishJob(importId, { status: "failed", failureReason: (error as Error).message })
      .catch(() => undefined);
    throw new ImportWriteError(
      `${kind} import ${importId} failed while writing; import the same file again`,
      { cause: error },
    );
  }
  await storage.imports.finishJob(importId, { status: "committed", counts: { rows: rowCount } });
  return { ok: true as const, importId, rows: rowCount };
}

/** Imports monthly attendance (nip,month,work_days,present,late_minutes,absent_without_leave), merged by NIP + month. */
export async function importAttendance(
  storage: Storage,
  csvText: string,
  options: ImportOptions,
): Promise<DataImportResult> {
  const plan = planAttendanceImport(csvText, await knownOrganisation(storage), options);
  if (!plan.ok) return plan;
  return writeRows(storage, "attendance", options.now, plan.rows.length, (importId) =>
    storage.imports.putAttendance(plan.rows.map((r) => ({ ...r, importId }))),
  );
}

/** Imports IKM survey responses (unit_id,respondent_id,submitted_at,u1..u9). */
export async function importSurvey(
  storage: Storage,
  csvText: string,
  options: ImportOptions,
): Promise<DataImportResult> {
  const plan = planSurveyImport(csvText, await knownOrganisation(storage), options);
  if (!plan.ok) return plan;
  return writeRows(storage, "survey", options.now, plan.rows.length, (importId) =>
    storage.imports.putSurveyResponses(plan.rows.map((r) => ({ ...r, importId }))),
  );
}

/** Imports indicator values from source systems (nip,indicator_id,period,value,source). */
export async function importIndicators(
  storage: Storage,
  csvText: string,
  options: ImportOptions,
): Promise<DataImportResult> {
  const plan = planIndicatorImport(csvText, await knownOrganisation(storage), options);
  if (!plan.ok) return plan;
  return writeRows(storage, "indicators", options.now, plan.rows.length, (importId) =>
    storage.imports.putIndicatorData(plan.rows.map((r) => ({ ...r, importId }))),
  );
}
