import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EntityItem } from "electrodb";
import type { Clock } from "../clock/clock";
import { batchWrite } from "../storage/batch";
import type { attendanceEntity } from "./attendance.entity";
import type { IMPORT_KINDS, IMPORT_STATUSES, importJobEntity } from "./import-job.entity";
import type { indicatorDataEntity } from "./indicator-data.entity";
import type { surveyResponseEntity } from "./survey-response.entity";

/** A stored import job. */
export type ImportJob = EntityItem<ReturnType<typeof importJobEntity>>;
/** Import kind. */
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Import status. */
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** A stored monthly attendance row. */
export type AttendanceItem = EntityItem<ReturnType<typeof attendanceEntity>>;
/** A stored survey response. */
export type SurveyResponseItem = EntityItem<ReturnType<typeof surveyResponseEntity>>;
/** A stored indicator value. */
export type IndicatorDataItem = EntityItem<ReturnType<typeof indicatorDataEntity>>;

/** A bound of a date range as a sortable ISO instant; date-only bounds are Asia/Jakarta (UTC+7, no DST) days. */
function jakartaInstant(bound: string, side: "start" | "end"): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bound)) return new Date(bound).toISOString();
  const start = Date.parse(`${bound}T00:00:00+07:00`);
  // The end bound compares with "<=" on ISO text, so use the last millisecond of the day.
  return new Date(side === "start" ? start : start + 86_400_000 - 1).toISOString();
}

/** Named access patterns over import jobs and imported measurement data (attendance, survey, indicators). */
export function createImportsRepo(deps: {
  entities: {
    importJob: ReturnType<typeof importJobEntity>;
    attendance: ReturnType<typeof attendanceEntity>;
    surveyResponse: ReturnType<typeof surveyResponseEntity>;
    indicatorData: ReturnType<typeof indicatorDataEntity>;
  };
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
}) {
  const { importJob, attendance, surveyResponse, indicatorData } = deps.entities;
  const now = () => deps.clock.now().toISOString();
  const putAll = (items: Record<string, unknown>[]) =>
    batchWrite(
      deps.client,
      deps.tableName,
      items.map((Item) => ({ PutRequest: { Item } })),
    );

  return {
    /** Opens a job in status `writing`. */
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
    putAttendance: (rows: AttendanceItem[]) => putAll(rows.map((row) => attendance.put(row).params().Item)),

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
    putSurveyResponses: (rows: SurveyResponseItem[]) =>
      putAll(rows.map((row) => surveyResponse.put(row).params().Item)),

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

    /** Stores indicator values (merged by NIP + indicator + period). */
    putIndicatorData: (rows: IndicatorDataItem[]) =>
      putAll(rows.map((row) => indicatorData.put(row).params().Item)),

    /** An employee's imported values, optionally of one indicator. */
    async indicatorDataOf(nip: string, options: { indicatorId?: string } = {}): Promise<IndicatorDataItem[]> {
      const query = options.indicatorId
        ? indicatorData.query.byEmployee({ nip, indicatorId: options.indicatorId })
        : indicatorData.query.byEmployee({ nip });
      return (await query.go({ pages: "all" })).data;
    },
  };
}

/** The imports repo's API. */
export type ImportsRepo = ReturnType<typeof createImportsRepo>;
