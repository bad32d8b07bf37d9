// The paged (asynchronous) employee import: HR's upload is stored as chunks and answered 202 at once; the
// import-employees workflow then validates every row (all errors at once), stores the merged organisation as
// chunks, writes it page by page into a new, invisible generation (progress on the job) and flips the org pointer.
import { randomUUID } from "node:crypto";
import type { Lang } from "../i18n/messages";
import type { Employee, ImportIssue, Unit } from "../org/org.schema";
import type { Storage } from "../storage/storage";
import { employeeImportCounts, planEmployeeImport } from "./employee-csv";
import { IMPORTS_AUDIT_SUBJECT } from "./import-service";
import { sliceRows, type ImportChunkText, type ImportJob } from "./imports.repo";

/**
 * Files up to this many data rows are imported within the HTTP request, as DESIGN 3.1 promises (200 with the counts,
 * or 400 with every row error): a regency's whole organisation (~5,000 ASN) fits. Larger files answer 202 and run
 * in the import-employees workflow, far from API Gateway's 29 s.
 */
export const SYNC_EMPLOYEE_IMPORT_MAX_ROWS = 5_000;

/** Upper bound of a paged import (a national file): the validation step holds the file in one Lambda's memory. */
export const PAGED_EMPLOYEE_IMPORT_MAX_ROWS = 2_000_000;

/** Characters of CSV text per upload chunk (at most ~300 KB of UTF-8 for Indonesian text; items hold 400 KB). */
const UPLOAD_CHUNK_CHARS = 100_000;

/** JSON bytes per chunk of validated rows or errors. */
const ROW_CHUNK_BYTES = 300 * 1024;

/**
 * Employee chunks written by one page (one WriteEmployeeImportPage step): about 1,200 employees, a few seconds of
 * BatchWriteItem in the cloud, and fine-grained progress; 7 history events a page keep 2,000,000 rows below 12,000.
 */
export const CHUNKS_PER_PAGE = 1;

/** How long the chunks of a paged import are kept (DynamoDB TTL), as long as the staged rows of the other imports. */
const CHUNK_RETENTION_MS = 30 * 86_400_000;

/** Rough count of data rows (lines after the header) that decides between the synchronous and the paged path. */
export function roughRowCount(csvText: string): number {
  let lines = 0;
  for (let i = csvText.indexOf("\n"); i >= 0; i = csvText.indexOf("\n", i + 1)) lines++;
  return csvText.endsWith("\n") ? lines - 1 : lines;
}

/**
 * Bytes of CSV per part when a client sends a large employee file in parts: under the 6 MB a synchronous Lambda
 * invocation accepts behind API Gateway (with room for headers), ~28,000 rows a part.
 */
export const UPLOAD_PART_BYTES = 5 * 1024 * 1024;

/**
 * Cuts a CSV file into parts of at most `maxBytes` at line ends (the header stays in the first part; later parts
 * continue the file), as `POST /api/employees/import?parts=N` and `POST /api/imports/{id}/parts/{n}` take them.
 */
export function splitCsvParts(text: string, maxBytes = UPLOAD_PART_BYTES): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const size = Buffer.byteLength(line);
    if (current.length > 0 && bytes + size > maxBytes) {
      parts.push(current.join(""));
      current = [];
      bytes = 0;
    }
    current.push(line);
    bytes += size;
  }
  if (current.length > 0) parts.push(current.join(""));
  return parts;
}

/** Cuts CSV text into chunks at line ends (a chunk ends inside a line only when that line is longer than a chunk). */
export function chunkText(text: string, maxChars = UPLOAD_CHUNK_CHARS): ImportChunkText[] {
  const chunks: ImportChunkText[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + maxChars, text.length);
    if (end < text.length) {
      const newline = text.lastIndexOf("\n", end - 1);
      if (newline >= at) end = newline + 1;
      else if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1; // never split a surrogate pair
    }
    chunks.push({ text: text.slice(at, end), count: end - at });
    at = end;
  }
  return chunks;
}

const jsonChunks = (rows: readonly unknown[]): ImportChunkText[] =>
  sliceRows(rows, ROW_CHUNK_BYTES).map((slice) => ({ text: JSON.stringify(slice), count: slice.length }));

const parseRows = <T>(chunks: readonly ImportChunkText[]): T[] =>
  chunks.flatMap((chunk) => JSON.parse(chunk.text) as T[]);

const chunksExpireAt = (now: Date) => new Date(Math.max(now.getTime(), Date.now()) + CHUNK_RETENTION_MS);

const newPagedImportId = (now: Date) =>
  `imp-${now.toISOString().replace(/[-:.]/g, "")}-${randomUUID().slice(0, 8)}`;

/** A file accepted for the paged import: 202 with the job to watch. */
export interface PagedImportAccepted {
  ok: true;
  importId: string;
  status: "validating";
  rows: number;
  /** Parts announced (1: the whole file came at once and the workflow runs). */
  partsExpected: number;
}

/** Stores an uploaded employee file as chunks of a new `validating` job (the caller then starts the workflow). */
export async function stageEmployeeUpload(
  storage: Storage,
  csvText: string,
  options: { now: Date; lang?: Lang; parts?: number },
): Promise<PagedImportAccepted> {
  const importId = newPagedImportId(options.now);
  await storage.imports.startPagedJob(importId, options.lang ?? "en");
  const parts = options.parts ?? 1;
  // Later parts continue the file: the first must end its last line.
  const chunks = chunkText(parts > 1 && !csvText.endsWith("\n") ? `${csvText}\n` : csvText);
  await storage.imports.putChunks(importId, "upload", chunks, chunksExpireAt(options.now));
  await storage.imports.updatePagedJob(
    importId,
    { uploadChunks: chunks.length, uploadParts: parts, partsReceived: 1 },
    { status: "validating" },
  );
  return { ok: true, importId, status: "validating", rows: roughRowCount(csvText), partsExpected: parts };
}

/** Why a part of a file sent in parts was refused (the route answers 404 for an unknown import, else 409). */
export type UploadPartRefusal = "unknown" | "not-uploading" | "out-of-order";

/**
 * Appends part `part` (2..parts, in order; the text continues the file, no header) of a file announced in parts, so
 * a file larger than one request (Lambda takes 6 MB) is still one import. Answers whether the file is now complete
 * (the caller then starts the workflow) or why the part was refused; a part sent twice is refused, changing nothing.
 */
export async function appendEmployeeUploadPart(
  storage: Storage,
  importId: string,
  part: number,
  text: string,
): Promise<{ ok: true; complete: boolean; rows: number } | { ok: false; refusal: UploadPartRefusal }> {
  const job = await storage.imports.getJob(importId);
  if (!job || job.kind !== "employees") return { ok: false, refusal: "unknown" };
  const received = job.partsReceived ?? 1;
  if (job.status !== "validating" || received >= (job.uploadParts ?? 1))
    return { ok: false, refusal: "not-uploading" };
  if (part !== received + 1) return { ok: false, refusal: "out-of-order" };
  const chunks = chunkText(text.endsWith("\n") ? text : `${text}\n`);
  const first = job.uploadChunks ?? 0;
  await storage.imports.putChunks(importId, "upload", chunks, chunksExpireAt(storage.clock.now()), first);
  const moved = await storage.imports.updatePagedJob(
    importId,
    { uploadChunks: first + chunks.length, partsReceived: part },
    { status: "validating", partsReceived: received },
  );
  if (!moved) return { ok: false, refusal: "out-of-order" };
  return { ok: true, complete: part === job.uploadParts, rows: roughRowCount(`\n${text}`) };
}

/** Raised when a step meets a job that is missing or not in the state the step needs (a defect: not retried). */
export class PagedImportStateError extends Error {
  override name = "PagedImportStateError";
}

async function requireJob(storage: Storage, importId: string): Promise<ImportJob> {
  const job = await storage.imports.getJob(importId);
  if (!job || job.kind !== "employees")
    throw new PagedImportStateError(`employee import ${importId} does not exist`);
  return job;
}

/** Where the workflow goes after validation. */
export interface ValidatedImport {
  importId: string;
  valid: boolean;
  pagesTotal: number;
}

/**
 * Validates every row of the stored file against the current organisation. A bad file: every row error is stored
 * (chunks) and the job ends `rejected`, nothing written. A good one: the merged units and employees are stored as
 * chunks and the job moves to `writing` with `rowsTotal`. A retry after either answers the recorded outcome.
 */
export async function validateEmployeeImport(storage: Storage, importId: string): Promise<ValidatedImport> {
  const job = await requireJob(storage, importId);
  if (job.status === "rejected") return { importId, valid: false, pagesTotal: 0 };
  if (job.status !== "validating") return { importId, valid: true, pagesTotal: job.pagesTotal ?? 0 };
  if ((job.partsReceived ?? 1) < (job.uploadParts ?? 1))
    throw new PagedImportStateError(`employee import ${importId} has not received all its parts`);
  const now = storage.clock.now();
  const upload = await storage.imports.readChunks(importId, "upload", 0, job.uploadChunks ?? 0);
  const state = await storage.org.currentState();
  const [units, employees]: [Unit[], Employee[]] = state
    ? await Promise.all([storage.org.listUnits(), storage.org.listEmployees()])
    : [[], []];
  const plan = planEmployeeImport(
    upload.map((c) => c.text).join(""),
    { units, employees },
    { today: now, maxRows: PAGED_EMPLOYEE_IMPORT_MAX_ROWS, lang: job.lang ?? "en" },
  );
  const expiresAt = chunksExpireAt(now);
  if (!plan.ok) {
    const errorChunks = jsonChunks(plan.errors);
    await storage.imports.putChunks(importId, "errors", errorChunks, expiresAt);
    await storage.imports.updatePagedJob(
      importId,
      {
        status: "rejected",
        errorCount: plan.errors.length,
        errorChunks: errorChunks.length,
        errors: plan.errors.slice(0, 20),
        finishedAt: storage.clock.now().toISOString(),
      },
      { status: "validating" },
    );
    await storage.audit.appendAudit({
      appraisalId: IMPORTS_AUDIT_SUBJECT,
      eventId: `${importId}#import-rejected`,
      actor: "system",
      action: "import-rejected",
      detail: { kind: "employees", importId, errors: plan.errors.length, firstError: plan.errors[0] ?? null },
    });
    return { importId, valid: false, pagesTotal: 0 };
  }
  const unitChunks = jsonChunks(plan.units);
  const employeeChunks = jsonChunks(plan.employees);
  await storage.imports.putChunks(importId, "units", unitChunks, expiresAt);
  await storage.imports.putChunks(importId, "employees", employeeChunks, expiresAt);
  const pagesTotal = Math.ceil(employeeChunks.length / CHUNKS_PER_PAGE);
  await storage.imports.updatePagedJob(
    importId,
    {
      status: "writing",
      unitChunks: unitChunks.length,
      employeeChunks: employeeChunks.length,
      pagesTotal,
      pagesDone: 0,
      rowsTotal: plan.employees.length,
      rowsDone: 0,
      generation: storage.org.newGenerationId(),
      ...(state ? { basedOnGeneration: state.generation } : {}),
      counts: employeeImportCounts(plan),
    },
    { status: "validating" },
  );
  return { importId, valid: true, pagesTotal };
}

/** Where the page loop goes next. */
export interface WrittenPage {
  importId: string;
  page: number;
  done: boolean;
}

/**
 * Writes page `page` of the employees into the new generation (not visible yet) and counts it on the job, once:
 * a retried page writes the same items again and finds the count already moved on.
 */
export async function writeEmployeeImportPage(
  storage: Storage,
  importId: string,
  page: number,
): Promise<WrittenPage> {
  const job = await requireJob(storage, importId);
  const total = job.pagesTotal ?? 0;
  const next = { importId, page: page + 1, done: page + 1 >= total };
  if (job.status !== "writing" || !job.generation)
    throw new PagedImportStateError(`employee import ${importId} is ${job.status}, not writing`);
  if ((job.pagesDone ?? 0) > page) return next;
  const from = page * CHUNKS_PER_PAGE;
  const chunks = await storage.imports.readChunks(
    importId,
    "employees",
    from,
    Math.min(from + CHUNKS_PER_PAGE, job.employeeChunks ?? 0),
  );
  const employees = parseRows<Employee>(chunks);
  await storage.org.writeGeneration(job.generation, { employees });
  await storage.imports.updatePagedJob(
    importId,
    { pagesDone: page + 1, rowsDone: (job.rowsDone ?? 0) + employees.length },
    { status: "writing", pagesDone: page },
  );
  return next;
}

/** Writes the units and makes the new generation visible (the import's commit point); idempotent once committed. */
export async function commitEmployeeImport(storage: Storage, importId: string): Promise<{ committed: true }> {
  const job = await requireJob(storage, importId);
  if (job.status === "committed") return { committed: true };
  if (job.status !== "writing" || !job.generation || (job.pagesDone ?? 0) < (job.pagesTotal ?? 0))
    throw new PagedImportStateError(`employee import ${importId} is ${job.status} and not fully written`);
  const units = parseRows<Unit>(await storage.imports.readChunks(importId, "units", 0, job.unitChunks ?? 0));
  await storage.org.writeGeneration(job.generation, { units });
  const counts = job.counts as { units: number; employees: number };
  await storage.org.flipGeneration({
    generation: job.generation,
    importId,
    basedOnGeneration: job.basedOnGeneration,
    unitCount: counts.units,
    employeeCount: counts.employees,
  });
  await storage.imports.updatePagedJob(
    importId,
    { status: "committed", finishedAt: storage.clock.now().toISOString() },
    { status: "writing" },
  );
  await storage.audit.appendAudit({
    appraisalId: IMPORTS_AUDIT_SUBJECT,
    eventId: `${importId}#import-committed`,
    actor: "system",
    action: "import-committed",
    detail: { kind: "employees", importId, ...counts },
  });
  return { committed: true };
}

/**
 * Ends a paged import that could not finish (any error after the retries): the half-written generation is
 * removed (it was never visible) and the job says why. A committed or rejected job stays as it is.
 */
export async function failEmployeeImport(
  storage: Storage,
  importId: string,
  error: { error?: string; cause?: string },
): Promise<{ failed: boolean }> {
  const job = await storage.imports.getJob(importId);
  if (!job || (job.status !== "validating" && job.status !== "writing")) return { failed: false };
  if (job.generation && job.status === "writing") await storage.org.discardGeneration(job.generation);
  const reason = `${error.error ?? "Error"}: ${causeText(error.cause)}; nothing of the file is live, send it again`;
  const failed = await storage.imports.updatePagedJob(
    importId,
    { status: "failed", failureReason: reason, finishedAt: storage.clock.now().toISOString() },
    { status: job.status },
  );
  return { failed };
}

/** The message of a Lambda error cause (JSON `{errorMessage}`), or the cause as it is. */
function causeText(cause: string | undefined): string {
  if (!cause) return "no cause given";
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === "string" ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}

/** Every row error of a rejected paged import, in file order. */
export async function pagedImportErrors(storage: Storage, job: ImportJob): Promise<ImportIssue[]> {
  if (job.status !== "rejected" || !job.errorChunks) return (job.errors as ImportIssue[] | undefined) ?? [];
  return parseRows<ImportIssue>(await storage.imports.readChunks(job.importId, "errors", 0, job.errorChunks));
}
