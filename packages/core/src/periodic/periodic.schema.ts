// valibot schemas of the periodic jobs' inputs (the edge between the state machines and the core services).
import * as v from "valibot";

const Id = v.pipe(
  v.string("must be a string"),
  v.minLength(1, "must not be empty"),
  v.maxLength(200, "at most 200 characters"),
);
const PeriodKey = v.pipe(
  v.string("must be a string"),
  v.regex(/^\d{4}-(?:\d{2}|Q[1-4]|S[12])$/, 'must look like "2026-03", "2026-Q1" or "2026-S1"'),
);

/** Input of FindDuePeriodicEvaluations (the schedule's static input plus `scheduledTime`). */
export const FindDueInputSchema = v.object({
  scheduledTime: v.pipe(v.string("must be a string"), v.isoTimestamp("must be an ISO 8601 timestamp")),
  lookbackDays: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1),
      v.maxValue(80, "at most 80 (Step Functions keeps names 90 days)"),
    ),
    35,
  ),
});

const Attempt = v.pipe(v.number(), v.integer(), v.minValue(1));
const PageNumber = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Input naming one cycle period (and, once known, the run's attempt). */
export const CyclePeriodInputSchema = v.object({
  cycleId: Id,
  periodKey: PeriodKey,
  executionName: v.optional(v.string()),
  attempt: v.optional(v.nullable(Attempt)),
});

/** Input of StartPeriodicEvaluation: the first execution of a run has no attempt yet; a continuation carries it. */
export const StartRunInputSchema = v.object({
  cycleId: Id,
  periodKey: PeriodKey,
  executionName: v.optional(v.string()),
  attempt: v.nullable(Attempt),
  generation: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/** Input of ListDigestRecipients: one page of officials after the cursor (the last official of the page before). */
export const DigestRecipientPageInputSchema = v.object({
  cycleId: Id,
  periodKey: PeriodKey,
  cursor: v.nullable(Id),
  pageSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)), 100),
});

/** Input of RecordPeriodicPage: where the run is and what the page's Map returned per item. */
export const RecordPageInputSchema = v.object({
  cycleId: Id,
  periodKey: PeriodKey,
  attempt: Attempt,
  generation: v.pipe(v.number(), v.integer(), v.minValue(1)),
  phase: v.picklist(["evaluate", "digest"]),
  page: v.pipe(v.number(), v.integer(), v.minValue(1)),
  pagesInExecution: PageNumber,
  /** Pages per execution (the ASL's default 20): a page of 100 costs about 720 history events, so at most 25. */
  pagesPerExecution: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(25)),
  nextCursor: v.nullable(v.string()),
  outcomes: v.array(
    v.object({
      atRisk: v.optional(v.boolean()),
      evaluated: v.optional(v.boolean()),
      sent: v.optional(v.boolean()),
    }),
  ),
});

/** Input of ListPeriodicAppraisalPage. */
export const AppraisalPageInputSchema = v.object({
  cycleId: Id,
  periodKey: PeriodKey,
  cursor: v.nullable(v.string()),
  pageSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)), 100),
});

/** Input of EvaluateAppraisalPeriod. */
export const EvaluateAppraisalInputSchema = v.object({ cycleId: Id, periodKey: PeriodKey, appraisalId: Id });

/** Input of SendAppraiserDigest. */
export const SendDigestInputSchema = v.object({ cycleId: Id, periodKey: PeriodKey, appraiserNip: Id });

/** Input of MarkPeriodicEvaluationFailed (the caught error as Step Functions passes it). */
export const MarkFailedInputSchema = v.object({
  cycleId: Id,
  periodKey: v.string(),
  attempt: v.optional(v.nullable(Attempt)),
  error: v.optional(v.object({ Error: v.optional(v.string()), Cause: v.optional(v.string()) }), {}),
});

/** Input of RemindPeriodicRatings (the dispatch passes its scheduled time; the runtime clock decides what is due). */
export const RemindRatingsInputSchema = v.object({
  scheduledTime: v.optional(
    v.pipe(v.string("must be a string"), v.isoTimestamp("must be an ISO 8601 timestamp")),
  ),
});
