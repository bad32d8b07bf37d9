// HR's imports: one CSV file run (a large employee file is accepted in chunks for the import-employees workflow),
// the next part of a file sent in parts, and an import job's status. Every file is audited (hr-deps.ts).
import { indicatorScopesOf } from "../appraisal-flow/measurement";
import type { Lang } from "../i18n/messages";
import {
  appendEmployeeUploadPart,
  pagedImportErrors,
  roughRowCount,
  stageEmployeeUpload,
  SYNC_EMPLOYEE_IMPORT_MAX_ROWS,
  type PagedImportAccepted,
} from "../imports/employee-import-job";
import {
  importAttendance,
  importEmployees,
  importIndicators,
  importSurvey,
  type DataImportResult,
  type EmployeeImportResult,
} from "../imports/import-service";
import { audit, HR_AUDIT_SUBJECTS, type HrActor, type HrDeps } from "./hr-deps";
import { HrConflictError, HrInputError, HrNotFoundError } from "./hr.errors";

/** Runs one CSV import and audits it (rejected files too: who tried what, and how many rows were wrong). */
export async function runImport(
  deps: HrDeps,
  kind: "employees" | "attendance" | "survey" | "indicators",
  csvText: string,
  actor: HrActor,
  lang?: Lang,
  parts = 1,
): Promise<EmployeeImportResult | DataImportResult | PagedImportAccepted> {
  // `lang`: the language of the row messages (English by default). `parts` > 1: an employee file sent in parts.
  const options = { now: deps.clock.now(), ...(lang ? { lang } : {}) };
  if (kind === "employees" && (parts > 1 || roughRowCount(csvText) > SYNC_EMPLOYEE_IMPORT_MAX_ROWS))
    return acceptPagedEmployeeImport(deps, csvText, actor, { ...options, parts });
  const result =
    kind === "employees"
      ? await importEmployees(deps.storage, csvText, options)
      : kind === "attendance"
        ? await importAttendance(deps.storage, csvText, options)
        : kind === "survey"
          ? await importSurvey(deps.storage, csvText, options)
          : await importIndicators(deps.storage, csvText, options, indicatorScopesOf(deps.control.store));
  const { ok: _ok, ...summary } = result as Record<string, unknown>;
  // "import-accepted": every row is staged and the import will complete (resumeImports logs its "import-committed").
  const action = !result.ok
    ? "import-rejected"
    : "status" in result && result.status === "applying"
      ? "import-accepted"
      : "import-committed";
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.imports,
    actor,
    action,
    {
      kind,
      bytes: Buffer.byteLength(csvText),
      ...(result.ok ? summary : { errors: result.errors.length, firstError: result.errors[0] ?? null }),
    },
    // An accepted file is its job; a rejected one left no job, so it is this upload (its request time).
    result.ok ? `${result.importId}#${action}` : `${action}#${kind}#${options.now.toISOString()}`,
  );
  return result;
}

/**
 * A large employee file (over SYNC_EMPLOYEE_IMPORT_MAX_ROWS rows): stored as chunks, then the import-employees
 * workflow validates and writes it (execution named by the import id); HR watches `GET /api/imports/{id}`.
 */
async function acceptPagedEmployeeImport(
  deps: HrDeps,
  csvText: string,
  actor: HrActor,
  options: { now: Date; lang?: Lang; parts: number },
): Promise<PagedImportAccepted> {
  const machine = deps.control.stateMachines.importEmployees;
  if (!machine)
    throw new HrInputError("hrImportTooLargeHere", { max: String(SYNC_EMPLOYEE_IMPORT_MAX_ROWS) }, [
      { path: "file", key: "hrImportTooLargeHere", params: { max: String(SYNC_EMPLOYEE_IMPORT_MAX_ROWS) } },
    ]);
  const accepted = await stageEmployeeUpload(deps.storage, csvText, options);
  if (options.parts === 1)
    await deps.control.control.start(machine, accepted.importId, { importId: accepted.importId });
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.imports,
    actor,
    "import-accepted",
    {
      kind: "employees",
      bytes: Buffer.byteLength(csvText),
      importId: accepted.importId,
      rows: accepted.rows,
    },
    `${accepted.importId}#import-accepted`,
  );
  return accepted;
}

/**
 * `POST /api/imports/{id}/parts/{part}`: the next part of an employee file announced with `?parts=`; the last part
 * starts the import-employees workflow. A part out of order (or sent twice) is refused with 409, changing nothing.
 */
export async function appendEmployeeImportPart(
  deps: HrDeps,
  importId: string,
  part: number,
  csvText: string,
): Promise<PagedImportAccepted> {
  const machine = deps.control.stateMachines.importEmployees;
  const out = await appendEmployeeUploadPart(deps.storage, importId, part, csvText);
  if (!out.ok) {
    if (out.refusal === "unknown") throw new HrNotFoundError("hrImportNotFound", { importId });
    const job = await deps.storage.imports.getJob(importId);
    throw new HrConflictError("hrImportPartRefused", {
      part: String(part),
      expected: String((job?.partsReceived ?? 1) + 1),
      parts: String(job?.uploadParts ?? 1),
    });
  }
  if (out.complete && machine) await deps.control.control.start(machine, importId, { importId });
  const job = await deps.storage.imports.getJob(importId);
  return {
    ok: true,
    importId,
    status: "validating",
    rows: out.rows,
    partsExpected: job?.uploadParts ?? part,
  };
}

/**
 * One import job as `GET /api/imports/{id}` (and `/api/imports/jobs/{id}`) shows it: `status` is `staging` |
 * `applying` (accepted, finishing by itself) | `committed` | `failed`; employee imports: `writing` | `committed` |
 * `failed`, and a large file also `validating` | `rejected`, with `progress` ({rowsDone, rowsTotal}) and, when
 * rejected, every row error (`errors: [{line, field, message}]`, `errorCount`).
 */
export async function importJobStatus(deps: HrDeps, importId: string) {
  const job = await deps.storage.imports.getJob(importId);
  if (!job) throw new HrNotFoundError("hrImportNotFound", { importId });
  const paged = job.kind === "employees" && (job.uploadChunks !== undefined || job.status === "validating");
  return {
    importId: job.importId,
    kind: job.kind,
    status: job.status,
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.counts ? { counts: job.counts as Record<string, number> } : {}),
    ...(job.failureReason ? { failureReason: job.failureReason } : {}),
    ...((job.uploadParts ?? 1) > 1
      ? { upload: { partsReceived: job.partsReceived ?? 1, parts: job.uploadParts } }
      : {}),
    ...(paged
      ? {
          progress: {
            rowsDone: job.status === "committed" ? (job.rowsTotal ?? 0) : (job.rowsDone ?? 0),
            rowsTotal: job.rowsTotal ?? null,
          },
        }
      : {}),
    ...(job.status === "rejected"
      ? { errorCount: job.errorCount ?? 0, errors: await pagedImportErrors(deps.storage, job) }
      : {}),
  };
}
