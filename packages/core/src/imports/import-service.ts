import { randomUUID } from "node:crypto";
import type { Lang } from "../i18n/messages";
import type { ImportIssue, Unit, Employee } from "../org/org.schema";
import type { Storage } from "../storage/storage";
import { isTransientStorageFailure } from "../storage/storage.errors";
import { readCsv } from "./csv";
import { employeeImportCounts, planEmployeeImport } from "./employee-csv";
import { ImportResumeError, ImportWriteError } from "./imports.errors";
import {
  INDICATOR_CSV_COLUMNS,
  INDICATOR_CSV_OPTIONAL_COLUMNS,
  planAttendanceImport,
  planIndicatorImport,
  planSurveyImport,
  type IndicatorScope,
  type KnownIndicators,
  type KnownOrganisation,
} from "./measurement-csv";
import type { ImportJob, StagedImportKind } from "./imports.repo";

/** Outcome of an employee import. */
export type EmployeeImportResult =
  | { ok: true; importId: string; units: number; employees: number; created: number; updated: number }
  | { ok: false; errors: ImportIssue[] };

/**
 * Outcome of an attendance, survey or indicator import: committed (every row live), accepted (`status:
 * "applying"`: past the commit point, every row staged; a fault interrupted applying them and resumeImports
 * finishes the job, nothing to send again), or rejected with per-row errors (nothing written).
 */
export type DataImportResult =
  | { ok: true; importId: string; rows: number }
  | { ok: true; importId: string; rows: number; status: "applying"; interruptedBy: string }
  | { ok: false; errors: ImportIssue[] };

/** The audit subject of imports (HR's `GET /api/imports/audit` reads this trail). */
export const IMPORTS_AUDIT_SUBJECT = "imports";

/** How long staged rows are kept (DynamoDB TTL): far beyond the next daily dispatch or import that resumes them. */
export const STAGED_ROWS_RETENTION_MS = 30 * 86_400_000;

/** A job still `staging` after this long was abandoned (its process died): resumeImports marks it failed. */
export const STAGING_ABANDONED_AFTER_MS = 60 * 60_000;

/** Options shared by the imports; `now` is the runtime clock's time (NIP plausibility, timestamps). */
export interface ImportOptions {
  now: Date;
  maxRows?: number;
  /** Language of the row messages of every import; English by default. */
  lang?: Lang;
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
    { today: options.now, maxRows: options.maxRows, lang: options.lang },
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
  const counts = employeeImportCounts(plan);
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

/** The stored NIPs and unit ids the measurement imports check their rows against (the import and its preview). */
export async function knownOrganisation(storage: Storage): Promise<KnownOrganisation> {
  const [units, employees] = await Promise.all([storage.org.listUnits(), storage.org.listEmployees()]);
  return { nips: new Set(employees.map((e) => e.nip)), unitIds: new Set(units.map((u) => u.unitId)) };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why an applying job was ended: a fault no retry passes; part of its rows may be live. */
const notApplicable = (error: unknown) =>
  `could not be applied (${messageOf(error)}); some rows may be live: correct the file and import it again`;

/** Summary of one resumeImports pass. */
export interface ResumeImportsResult {
  /** Jobs that were applying and are now committed (by this pass). */
  committed: string[];
  /** Jobs ended as failed: abandoned while staging, or staged rows no longer complete. */
  failed: { importId: string; reason: string }[];
}

/**
 * Finishes every measurement import that passed its commit point (`applying`): re-applies its staged rows (same
 * natural keys, so applying twice is harmless) and marks it committed, oldest first. A job left `staging` for over
 * an hour (its process died before the commit point) is marked failed: nothing of it is live. Stops at the first
 * job it cannot finish for a transient reason and throws ImportResumeError (cause kept): a newer import must not
 * be applied before an older one, or the older rows would win later. A job that fails for a reason no retry
 * passes (a defect) is marked failed instead of blocking every later import and evaluation. Idempotent; safe to
 * run from several places at once (the commit is conditional, applying twice writes the same rows).
 */
export async function resumeImports(storage: Storage): Promise<ResumeImportsResult> {
  const result: ResumeImportsResult = { committed: [], failed: [] };
  let jobs: ImportJob[];
  try {
    jobs = await storage.imports.listUnfinishedJobs();
  } catch (error) {
    throw new ImportResumeError(`could not list unfinished imports: ${messageOf(error)}`, { cause: error });
  }
  for (const job of jobs) {
    try {
      if (job.status === "staging") {
        const age = storage.clock.now().getTime() - Date.parse(job.createdAt);
        const reason = "abandoned while staging (nothing of it is live); import the same file again";
        if (
          age > STAGING_ABANDONED_AFTER_MS &&
          (await storage.imports.markFailed(job.importId, "staging", reason))
        )
          result.failed.push({ importId: job.importId, reason });
        continue;
      }
      const outcome = await applyStaged(storage, job);
      if (outcome.committed) result.committed.push(job.importId);
      if (outcome.failed) result.failed.push({ importId: job.importId, reason: outcome.failed });
    } catch (error) {
      const reason = notApplicable(error);
      if (
        !isTransientStorageFailure(error) &&
        (await storage.imports.markFailed(job.importId, "applying", reason).catch(() => false))
      ) {
        result.failed.push({ importId: job.importId, reason });
        continue;
      }
      throw new ImportResumeError(
        `${job.kind} import ${job.importId} is accepted but could not be finished yet: ${messageOf(error)}`,
        { cause: error },
      );
    }
  }
  return result;
}

/** Re-applies one `applying` job from its staged rows and commits it (with an audit event, atomically). */
async function applyStaged(
  storage: Storage,
  job: ImportJob,
): Promise<{ committed?: boolean; failed?: string }> {
  const staged = await storage.imports.stagedRowsOf(job.importId);
  const expected = job.stagedItems ?? 0;
  if (!staged || staged.items !== expected) {
    // Only TTL (30 days unresumed) or a manual delete loses staged rows; the job cannot complete, so say so.
    const reason = `staged rows incomplete (${staged?.items ?? 0} of ${expected} items left); import the same file again`;
    return (await storage.imports.markFailed(job.importId, "applying", reason)) ? { failed: reason } : {};
  }
  await storage.imports.applyRows(staged.kind, job.importId, staged.rows);
  const counts = { rows: staged.rows.length };
  const committed = await storage.imports.markCommitted(job.importId, counts, {
    appraisalId: IMPORTS_AUDIT_SUBJECT,
    eventId: `${job.importId}#import-committed`,
    actor: "system",
    action: "import-committed",
    detail: { kind: job.kind, importId: job.importId, rows: counts.rows, resumed: true },
  });
  return { committed };
}

/**
 * Writes a validated measurement file without ever leaving it half-imported (issue 9), rolling forward:
 * 1. (the callers) finish older accepted imports first (resumeImports), so this newer file is applied last and wins;
 * 2. job `staging`: rows batch-written as staged items in the job's partition (TTL ~30 days), nothing live;
 *    a fault here marks the job failed and throws ImportWriteError (send the same file again);
 * 3. commit point: `staging` -> `applying` in one conditional write; from here the import completes;
 * 4. rows batch-put live under their natural keys (idempotent), then `applying` -> `committed`.
 * A fault in step 4 leaves the job `applying` and answers "accepted" (`status: "applying"`): resumeImports, run at
 * the next import and by the daily periodic dispatch before evaluations, re-applies the staged rows.
 */
async function importMeasurements(
  storage: Storage,
  kind: StagedImportKind,
  rows: readonly object[],
  now: Date,
): Promise<DataImportResult> {
  const importId = newImportId(now);
  let stagedItems: number;
  try {
    await storage.imports.startStagedJob(importId, kind);
    stagedItems = await storage.imports.stageRows(importId, kind, rows, stagedUntil(now));
  } catch (error) {
    await storage.imports.markFailed(importId, "staging", messageOf(error)).catch(() => undefined);
    throw new ImportWriteError(
      `${kind} import ${importId} failed while staging its rows: nothing was imported; send the same file again`,
      { cause: error },
    );
  }
  let passed: boolean;
  try {
    passed = await storage.imports.markApplying(importId, { rows: rows.length, stagedItems });
  } catch (error) {
    // The write may have landed although its answer was lost: the job itself says whether it passed.
    const job = await storage.imports.getJob(importId).catch(() => undefined);
    passed = job?.status === "applying" || job?.status === "committed";
    if (!passed) {
      await storage.imports.markFailed(importId, "staging", messageOf(error)).catch(() => undefined);
      throw new ImportWriteError(
        `${kind} import ${importId} could not be committed: it is not imported; send the same file again (twice is harmless)`,
        { cause: error },
      );
    }
  }
  if (!passed)
    throw new ImportWriteError(
      `${kind} import ${importId} was ended while staging (taken for abandoned): nothing was imported; send the same file again`,
    );
  try {
    await storage.imports.applyRows(kind, importId, rows);
    if (await storage.imports.markCommitted(importId, { rows: rows.length }))
      return { ok: true, importId, rows: rows.length };
  } catch (error) {
    if (isTransientStorageFailure(error))
      return { ok: true, importId, rows: rows.length, status: "applying", interruptedBy: messageOf(error) };
    // A fault that a retry cannot pass (a defect, not an outage) would block every later import: end the job.
    await storage.imports.markFailed(importId, "applying", notApplicable(error)).catch(() => undefined);
    throw error;
  }
  // Not applying any more: a concurrent resume committed it (or found it broken); report what the job says.
  const job = await storage.imports.getJob(importId);
  if (job?.status === "committed") return { ok: true, importId, rows: rows.length };
  throw new ImportWriteError(
    `${kind} import ${importId} ended ${job?.status ?? "missing"}: ${job?.failureReason ?? ""}`,
  );
}

/**
 * When staged rows expire: 30 days after the later of the runtime clock and real time (DynamoDB TTL deletes by
 * real time, so a runtime clock set in the past must not make fresh staged rows look expired).
 */
function stagedUntil(now: Date): Date {
  return new Date(Math.max(now.getTime(), Date.now()) + STAGED_ROWS_RETENTION_MS);
}

/** Resumes accepted imports before a new one; failing that, refuses the new file before writing any of it. */
async function resumeBeforeImport(storage: Storage, kind: StagedImportKind): Promise<void> {
  try {
    await resumeImports(storage);
  } catch (error) {
    throw new ImportWriteError(
      `an earlier accepted import could not be finished yet, so this ${kind} file was not imported (nothing written); send it again later`,
      { cause: error },
    );
  }
}

/** Imports monthly attendance (nip,month,work_days,present,late_minutes,absent_without_leave), merged by NIP + month. */
export async function importAttendance(
  storage: Storage,
  csvText: string,
  options: ImportOptions,
): Promise<DataImportResult> {
  await resumeBeforeImport(storage, "attendance");
  const plan = planAttendanceImport(csvText, await knownOrganisation(storage), options);
  if (!plan.ok) return plan;
  return importMeasurements(storage, "attendance", plan.rows, options.now);
}

/** Imports IKM survey responses (unit_id,respondent_id,submitted_at,u1..u9). */
export async function importSurvey(
  storage: Storage,
  csvText: string,
  options: ImportOptions,
): Promise<DataImportResult> {
  await resumeBeforeImport(storage, "survey");
  const plan = planSurveyImport(csvText, await knownOrganisation(storage), options);
  if (!plan.ok) return plan;
  return importMeasurements(storage, "survey", plan.rows, options.now);
}

/** The appraisals each employee's imported indicator values may feed (from the workflow's records). */
export type IndicatorScopesOf = (
  nips: readonly string[],
) => Promise<ReadonlyMap<string, readonly IndicatorScope[]>>;

/**
 * Imports indicator values from source systems (nip,indicator_id,period,value,source[,cycle_id]); every row must name
 * an indicator of the SKP of an appraisal of that employee in a cycle covering the period (`scopesOf` answers which).
 */
export async function importIndicators(
  storage: Storage,
  csvText: string,
  options: ImportOptions,
  scopesOf: IndicatorScopesOf,
): Promise<DataImportResult> {
  await resumeBeforeImport(storage, "indicators");
  const plan = planIndicatorImport(
    csvText,
    await knownIndicators(storage, csvText, options, scopesOf),
    options,
  );
  if (!plan.ok) return plan;
  return importMeasurements(storage, "indicators", plan.rows, options.now);
}

/** What an indicator file is checked against: the organisation and the appraisals of the employees it names. */
export async function knownIndicators(
  storage: Storage,
  csvText: string,
  options: Pick<ImportOptions, "maxRows">,
  scopesOf: IndicatorScopesOf,
): Promise<KnownIndicators> {
  // The employees the file names, so only their appraisals are read (a malformed file is reported by the plan).
  const read = readCsv(csvText, {
    required: INDICATOR_CSV_COLUMNS,
    optional: INDICATOR_CSV_OPTIONAL_COLUMNS,
    maxRows: options.maxRows,
  });
  const nips = read.ok ? [...new Set(read.rows.map((r) => r.record.nip ?? "").filter(Boolean))] : [];
  return { ...(await knownOrganisation(storage)), scopes: await scopesOf(nips) };
}
