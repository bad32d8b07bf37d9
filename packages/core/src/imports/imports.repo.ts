import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EntityItem } from "electrodb";
import type { Clock } from "../clock/clock";
import type { AuditRepo } from "../audit/audit.repo";
import { jakartaDayBound } from "../period/calendar";
import { batchWrite } from "../storage/batch";
import { cancellationReasons, whenConditionHolds } from "../storage/storage.errors";
import { transactWrite, updateItem } from "../storage/transact";
import type { attendanceEntity } from "./attendance.entity";
import {
  UNFINISHED_IMPORT_STATUSES,
  type IMPORT_KINDS,
  type IMPORT_STATUSES,
  type importJobEntity,
} from "./import-job.entity";
import type { importStagedRowsEntity, STAGED_IMPORT_KINDS } from "./import-staged-rows.entity";
import type { IMPORT_CHUNK_STREAMS, importChunkEntity } from "./import-chunk.entity";
import type { indicatorDataEntity } from "./indicator-data.entity";
import type { surveyResponseEntity } from "./survey-response.entity";

/** A stored import job. */
export type ImportJob = EntityItem<ReturnType<typeof importJobEntity>>;
/** Import kind. */
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Import status. */
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** A stream of a paged import's chunks. */
export type ImportChunkStream = (typeof IMPORT_CHUNK_STREAMS)[number];
/** One chunk to store: its text and how many rows (or errors) it holds. */
export interface ImportChunkText {
  text: string;
  count: number;
}
/** What a paged import job records as it goes (see import-job.entity.ts). */
export type ImportJobProgress = Partial<
  Pick<
    ImportJob,
    | "status"
    | "counts"
    | "errors"
    | "errorCount"
    | "failureReason"
    | "finishedAt"
    | "uploadChunks"
    | "uploadParts"
    | "partsReceived"
    | "unitChunks"
    | "employeeChunks"
    | "errorChunks"
    | "pagesTotal"
    | "pagesDone"
    | "rowsTotal"
    | "rowsDone"
    | "generation"
    | "basedOnGeneration"
  >
>;
/** A measurement kind (staged, then applied). */
export type StagedImportKind = (typeof STAGED_IMPORT_KINDS)[number];
/** A stored monthly attendance row. */
export type AttendanceItem = EntityItem<ReturnType<typeof attendanceEntity>>;
/** A stored survey response. */
export type SurveyResponseItem = EntityItem<ReturnType<typeof surveyResponseEntity>>;
/** A stored indicator value. */
export type IndicatorDataItem = EntityItem<ReturnType<typeof indicatorDataEntity>>;

/** A bound of a date range as a sortable ISO instant; date-only bounds are Asia/Jakarta (UTC+7, no DST) days. */
function jakartaInstant(bound: string, side: "start" | "end"): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bound)) return new Date(bound).toISOString();
  // The end bound compares with "<=" on ISO text: the day's last millisecond.
  return new Date(jakartaDayBound(bound, side)).toISOString();
}

/** Largest JSON text of one staged item, in bytes (DynamoDB items hold 400 KB; 25 of these fit a BatchWriteItem). */
const STAGED_SLICE_BYTES = 96 * 1024;

/** Cuts rows into consecutive slices whose JSON text stays under `maxBytes` (a slice holds at least one row). */
export function sliceRows(rows: readonly unknown[], maxBytes = STAGED_SLICE_BYTES): unknown[][] {
  const slices: unknown[][] = [];
  let current: unknown[] = [];
  let bytes = 2;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      slices.push(current);
      current = [];
      bytes = 2;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

/** The validated rows of a staged import, read back in file order. */
export interface StagedRows {
  kind: StagedImportKind;
  rows: Record<string, unknown>[];
  /** Staged items found (compare with the job's `stagedItems`: fewer means some expired or were lost). */
  items: number;
}

/** Named access patterns over import jobs and imported measurement data (attendance, survey, indicators). */
export function createImportsRepo(deps: {
  entities: {
    importJob: ReturnType<typeof importJobEntity>;
    importStagedRows: ReturnType<typeof importStagedRowsEntity>;
    importChunk: ReturnType<typeof importChunkEntity>;
    attendance: ReturnType<typeof attendanceEntity>;
    surveyResponse: ReturnType<typeof surveyResponseEntity>;
    indicatorData: ReturnType<typeof indicatorDataEntity>;
  };
  audit: Pick<AuditRepo, "transactWithAudit">;
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
}) {
  const { importJob, importStagedRows, importChunk, attendance, surveyResponse, indicatorData } =
    deps.entities;
  const now = () => deps.clock.now().toISOString();
  const putAll = (items: Record<string, unknown>[]) =>
    batchWrite(
      deps.client,
      deps.tableName,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
  const putAttendance = (rows: AttendanceItem[]) =>
    putAll(rows.map((row) => attendance.put(row).params().Item));
  const putSurveyResponses = (rows: SurveyResponseItem[]) =>
    putAll(rows.map((row) => surveyResponse.put(row).params().Item));
  const putIndicatorData = (rows: IndicatorDataItem[]) =>
    putAll(rows.map((row) => indicatorData.put(row).params().Item));

  return {
    /** Opens an employee import job in status `writing`. */
    async startJob(importId: string, kind: ImportKind): Promise<ImportJob> {
      return (await importJob.create({ importId, kind, status: "writing", createdAt: now() }).go()).data;
    },

    /** Closes a job as committed (with counts) or failed (with the reason). */
    async finishJob(
      importId: string,
      outcome: { status: "committed"; counts: object } | { status: "failed"; failureReason: string },
    ) {
      const set =
        outcome.status === "committed" ? { status: outcome.status, counts: outcome.counts } : outcome;
      return (
        await importJob
          .patch({ importId })
          .set({ ...set, finishedAt: now() })
          .go({ response: "all_new" })
      ).data;
    },

    /** Opens a paged employee import job in status `validating` (the workflow takes it from there). */
    async startPagedJob(importId: string, lang: "id" | "en"): Promise<ImportJob> {
      return (
        await importJob
          .create({ importId, kind: "employees", status: "validating", lang, createdAt: now() })
          .go()
      ).data;
    },

    /**
     * Records a paged import's progress; with `from`, only while the job is in that status and (with `pagesDone`)
     * at that page, so a retried step never counts a page twice. False when the condition did not hold.
     */
    async updatePagedJob(
      importId: string,
      set: ImportJobProgress,
      when: { status?: ImportStatus; pagesDone?: number; partsReceived?: number } = {},
    ): Promise<boolean> {
      const patch = importJob.patch({ importId }).set(set);
      const guarded =
        when.status === undefined
          ? patch
          : patch.where((a, op) =>
              when.pagesDone !== undefined
                ? `${op.eq(a.status, when.status!)} AND ${op.eq(a.pagesDone, when.pagesDone)}`
                : when.partsReceived !== undefined
                  ? `${op.eq(a.status, when.status!)} AND ${op.eq(a.partsReceived, when.partsReceived)}`
                  : op.eq(a.status, when.status!),
            );
      return whenConditionHolds(() => guarded.go());
    },

    /** Stores a paged import's stream as numbered chunks (each its own partition); TTL at `expiresAt`. */
    async putChunks(
      importId: string,
      stream: ImportChunkStream,
      chunks: readonly ImportChunkText[],
      expiresAt: Date,
      firstSeq = 0,
    ): Promise<void> {
      const ttl = Math.ceil(expiresAt.getTime() / 1000);
      await putAll(
        chunks.map(
          (chunk, i) =>
            importChunk
              .put({ importId, stream, seq: firstSeq + i, count: chunk.count, text: chunk.text, ttl })
              .params().Item,
        ),
      );
    },

    /** Chunks [from, to) of a stream in order, read by key; throws when one is missing (expired or deleted). */
    async readChunks(
      importId: string,
      stream: ImportChunkStream,
      from: number,
      to: number,
    ): Promise<ImportChunkText[]> {
      if (to <= from) return [];
      const keys = Array.from({ length: to - from }, (_, i) => ({ importId, stream, seq: from + i }));
      const result = await importChunk.get(keys).go({ consistent: true });
      if (result.unprocessed.length > 0 || result.data.length !== keys.length)
        throw new Error(
          `import ${importId}: ${keys.length - result.data.length} ${stream} chunks are missing`,
        );
      return result.data
        .sort((a, b) => a.seq - b.seq)
        .map((item) => ({ text: item.text, count: item.count }));
    },

    /** Opens a measurement import job in status `staging` (it is listed by listUnfinishedJobs until it ends). */
    async startStagedJob(importId: string, kind: StagedImportKind): Promise<ImportJob> {
      return (await importJob.create({ importId, kind, status: "staging", createdAt: now() }).go()).data;
    },

    /**
     * Writes the validated rows as staged items in the job's partition (nothing live changes), each expiring at
     * `expiresAt` (DynamoDB TTL) and holding up to `sliceBytes` of row JSON. Returns how many items were written.
     */
    async stageRows(
      importId: string,
      kind: StagedImportKind,
      rows: readonly object[],
      expiresAt: Date,
      options: { sliceBytes?: number } = {},
    ): Promise<number> {
      const ttl = Math.ceil(expiresAt.getTime() / 1000);
      const slices = sliceRows(rows, options.sliceBytes);
      await putAll(
        slices.map(
          (slice, index) =>
            importStagedRows
              .put({ importId, slice: index, kind, rowCount: slice.length, rows: JSON.stringify(slice), ttl })
              .params().Item,
        ),
      );
      return slices.length;
    },

    /** A job's staged rows in file order. */
    async stagedRowsOf(importId: string): Promise<StagedRows | undefined> {
      const items = (await importStagedRows.query.byImport({ importId }).go({ pages: "all" })).data;
      if (items.length === 0) return undefined;
      items.sort((a, b) => a.slice - b.slice);
      return {
        kind: items[0].kind,
        rows: items.flatMap((item) => JSON.parse(item.rows) as Record<string, unknown>[]),
        items: items.length,
      };
    },

    /**
     * The commit point of a measurement import: `staging` -> `applying` in one conditional write. Returns false
     * when the job was no longer staging (e.g. marked failed meanwhile): then it must not be applied.
     */
    async markApplying(importId: string, staged: { rows: number; stagedItems: number }): Promise<boolean> {
      return whenConditionHolds(() =>
        importJob
          .patch({ importId })
          .set({ status: "applying", stagedItems: staged.stagedItems, counts: { rows: staged.rows } })
          .where((a, op) => op.eq(a.status, "staging"))
          .go(),
      );
    },

    /**
     * `applying` -> `committed` (with the counts), in one transaction with the audit event when one is given.
     * Returns false when the job was not applying (another resume committed it first): nothing is written then.
     */
    async markCommitted(
      importId: string,
      counts: object,
      audit?: Parameters<AuditRepo["appendAudit"]>[0],
    ): Promise<boolean> {
      const update = importJob
        .patch({ importId })
        .set({ status: "committed", counts, finishedAt: now() })
        .where((a, op) => op.eq(a.status, "applying"));
      try {
        return await whenConditionHolds(async () => {
          if (audit)
            await deps.audit.transactWithAudit(
              (items) => transactWrite(deps.client, items),
              [updateItem(update.params())],
              audit,
            );
          else await update.go();
        });
      } catch (error) {
        // The job's own condition (the first item) failed inside the transaction with its audit event.
        if (cancellationReasons(error)?.[0] === "ConditionalCheckFailed") return false;
        throw error;
      }
    },

    /** Ends a job that is still in `from` as failed, with the reason; false when it had moved on meanwhile. */
    async markFailed(
      importId: string,
      from: "staging" | "applying",
      failureReason: string,
    ): Promise<boolean> {
      return whenConditionHolds(() =>
        importJob
          .patch({ importId })
          .set({ status: "failed", failureReason, finishedAt: now() })
          .where((a, op) => op.eq(a.status, from as ImportStatus))
          .go(),
      );
    },

    /** Measurement imports still staging or applying, oldest first (the import id starts with its time). */
    async listUnfinishedJobs(): Promise<ImportJob[]> {
      const lists = await Promise.all(
        UNFINISHED_IMPORT_STATUSES.map(
          async (status) => (await importJob.query.byUnfinished({ status }).go({ pages: "all" })).data,
        ),
      );
      return lists.flat().sort((a, b) => a.importId.localeCompare(b.importId));
    },

    /** Writes a measurement import's rows live under its import id (natural keys: a second write is idempotent). */
    async applyRows(kind: StagedImportKind, importId: string, rows: readonly object[]): Promise<void> {
      const items = rows.map((row) => ({ ...row, importId }));
      if (kind === "attendance") await putAttendance(items as AttendanceItem[]);
      else if (kind === "survey") await putSurveyResponses(items as SurveyResponseItem[]);
      else await putIndicatorData(items as IndicatorDataItem[]);
    },

    /** One job, or undefined. */
    async getJob(importId: string): Promise<ImportJob | undefined> {
      return (await importJob.get({ importId }).go({ consistent: true })).data ?? undefined;
    },

    /** Jobs of one kind, newest first. */
    async listJobs(kind: ImportKind, options: { limit?: number } = {}): Promise<ImportJob[]> {
      const query = importJob.query.byKind({ kind });
      return (
        await query.go(
          options.limit ? { order: "desc", limit: options.limit } : { order: "desc", pages: "all" },
        )
      ).data;
    },

    /** Stores attendance rows (merged by NIP + month). */
    putAttendance,

    /** One employee's attendance for months in [from, to] (YYYY-MM, inclusive). */
    async attendanceOf(nip: string, range: { from: string; to: string }): Promise<AttendanceItem[]> {
      return (
        await attendance.query
          .byEmployee({ nip })
          .between({ month: range.from }, { month: range.to })
          .go({ pages: "all" })
      ).data;
    },

    /** Everyone's attendance for one month. */
    async attendanceForMonth(month: string): Promise<AttendanceItem[]> {
      return (await attendance.query.byMonth({ month }).go({ pages: "all" })).data;
    },

    /** Stores survey responses (merged by unit + submitted time + respondent). */
    putSurveyResponses,

    /**
     * A unit's survey responses submitted in [from, to]. Date-only bounds (YYYY-MM-DD) are whole
     * days in Asia/Jakarta, as HR means them; full ISO instants are taken as they are.
     */
    async surveyResponsesOf(
      unitId: string,
      range: { from?: string; to?: string } = {},
    ): Promise<SurveyResponseItem[]> {
      const query = surveyResponse.query.byUnit({ unitId });
      const from = range.from ? jakartaInstant(range.from, "start") : undefined;
      const to = range.to ? jakartaInstant(range.to, "end") : undefined;
      const ranged =
        from && to
          ? query.between({ submittedAt: from }, { submittedAt: to })
          : from
            ? query.gte({ submittedAt: from })
            : to
              ? query.lte({ submittedAt: to })
              : query;
      return (await ranged.go({ pages: "all" })).data;
    },

    /** Stores indicator values (merged by NIP + cycle + indicator + period). */
    putIndicatorData,

    /** An employee's imported values in one cycle, optionally of one indicator. */
    async indicatorDataOf(
      nip: string,
      scope: { cycleId: string; indicatorId?: string },
    ): Promise<IndicatorDataItem[]> {
      const query = indicatorData.query.byEmployee({
        nip,
        cycleId: scope.cycleId,
        ...(scope.indicatorId ? { indicatorId: scope.indicatorId } : {}),
      });
      return (await query.go({ pages: "all" })).data;
    },
  };
}

/** The imports repo's API. */
export type ImportsRepo = ReturnType<typeof createImportsRepo>;
