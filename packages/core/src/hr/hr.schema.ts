// Valibot schemas of the HR API's inputs (bodies, queries, params). The web routes validate with them and
// /openapi.json is generated from them, so the contract has one source. Messages come from the dictionary: English
// by default (the API's contract), Indonesian when the parse asks for it (`parseConfig("id")`).
import * as v from "valibot";
import { CYCLE_KINDS } from "../cycle/cycle.entity";
import { apiMessage, UnitIdSchema } from "../org/org.schema";
import { CSV_TEMPLATE_KINDS } from "../imports/templates";
import { EXPORT_FORMATS } from "./export-csv";
import { daysBetween, isIsoDate, jakartaDayBound } from "../period/calendar";
import { CADENCES } from "../period/period";
import { ORG_RATINGS } from "../rating/rating";
import { PerilakuAggregationRuleSchema } from "../rating/rating.schema";
import { DistributionThresholdsSchema } from "../distribution/distribution.schema";

const IsoDateSchema = v.pipe(
  v.string(apiMessage("hrDate")),
  v.check((text) => isIsoDate(text), apiMessage("hrRealDate")),
);

/** How long a period of each cycle kind may be, in days (calendar months and quarters vary). */
export const PERIOD_DAYS: Readonly<Record<(typeof CYCLE_KINDS)[number], readonly [number, number]>> = {
  annual: [364, 365],
  quarterly: [88, 91],
  monthly: [27, 30],
};

/** Cycle settings as HR sends them (all optional; defaults of DESIGN 3.1 apply). */
export const CycleSettingsInputSchema = v.pipe(
  v.strictObject({
    periodicEvaluation: v.optional(v.picklist(CADENCES, apiMessage("hrPeriodicEvaluation"))),
    reminderAfterDays: v.optional(
      v.pipe(
        v.number(apiMessage("number")),
        v.integer(apiMessage("wholeNumber")),
        v.minValue(1),
        v.maxValue(90),
      ),
    ),
    escalateAfterDays: v.optional(
      v.pipe(
        v.number(apiMessage("number")),
        v.integer(apiMessage("wholeNumber")),
        v.minValue(1),
        v.maxValue(180),
      ),
    ),
    objectionWindowDays: v.optional(
      v.pipe(
        v.number(apiMessage("number")),
        v.integer(apiMessage("wholeNumber")),
        v.minValue(1),
        v.maxValue(90),
      ),
    ),
    /** How the 7 BerAKHLAK ratings give the overall behaviour rating; a review that differs needs a justification. */
    perilakuAggregation: v.optional(PerilakuAggregationRuleSchema),
    /** The distribution pattern's percentages, each optional (defaults: 70% dominant, 60%/10% shares, 10% Sangat Baik). */
    distributionThresholds: v.optional(DistributionThresholdsSchema),
  }),
  v.forward(
    v.check(
      (s) => s.escalateAfterDays === undefined || s.escalateAfterDays > (s.reminderAfterDays ?? 3),
      apiMessage("hrEscalateAfterReminder"),
    ),
    ["escalateAfterDays"],
  ),
);

/** Body of `POST /api/cycles`. */
export const CreateCycleInputSchema = v.pipe(
  v.strictObject({
    /** Optional caller-chosen id, so a retried request cannot open the same cycle twice. */
    id: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{2,39}$/, apiMessage("hrCycleIdFormat")))),
    name: v.pipe(
      v.string(apiMessage("required")),
      v.trim(),
      v.nonEmpty(apiMessage("required")),
      v.maxLength(200, apiMessage("csvTooLong", { max: "200" })),
    ),
    kind: v.picklist(CYCLE_KINDS, apiMessage("oneOf", { options: CYCLE_KINDS.join(", ") })),
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
    unitIds: v.optional(
      v.pipe(
        v.array(UnitIdSchema, apiMessage("hrUnitIdList")),
        v.minLength(1, apiMessage("hrAtLeastOneUnit")),
        v.maxLength(500),
      ),
    ),
    settings: v.optional(CycleSettingsInputSchema),
    allowOverlap: v.optional(
      v.pipe(
        v.boolean(apiMessage("hrBoolean")),
        v.description(
          "Open the cycle although a cycle of the same kind (not cancelled) already covers an overlapping period " +
            "for some of the same employees (same or overlapping units, or the whole organisation); without it " +
            "such a request answers 409 naming the existing cycle. An annual cycle and the quarterly or monthly " +
            "cycles of its year never count as overlapping each other.",
        ),
      ),
    ),
    confirmPast: v.optional(
      v.pipe(
        v.boolean(apiMessage("hrBoolean")),
        v.description(
          "Confirm a cycle whose whole period is in the past (periodEnd before today in Asia/Jakarta); without " +
            "it such a request answers 409.",
        ),
      ),
    ),
  }),
  // The cross-field rules read the dates only when both are real dates: an impossible date is named once, on its
  // own field, and never reaches date arithmetic (which would throw: a 500 before issue 15 item 11).
  v.forward(
    v.check(
      (c) => !isIsoDate(c.periodStart) || !isIsoDate(c.periodEnd) || c.periodEnd > c.periodStart,
      apiMessage("hrPeriodEndAfterStart"),
    ),
    ["periodEnd"],
  ),
  v.forward(
    v.check((c) => {
      if (!isIsoDate(c.periodStart) || !isIsoDate(c.periodEnd) || c.periodEnd <= c.periodStart) return true;
      if (!Object.hasOwn(PERIOD_DAYS, c.kind)) return true;
      const [min, max] = PERIOD_DAYS[c.kind];
      const days = daysBetween(c.periodStart, c.periodEnd);
      return days >= min && days <= max;
    }, apiMessage("hrPeriodKindMismatch")),
    ["periodEnd"],
  ),
);

/** A validated create-cycle request. */
export type CreateCycleInput = v.InferOutput<typeof CreateCycleInputSchema>;

/** Body of `PUT /api/org/settings`: the staffing authority and the appraiser of the top (defined with the settings). */
export { OrgSettingsInputSchema } from "../org/org-settings";

/** Body of `PUT /api/units/{unitId}/org-rating`. */
export const OrgRatingInputSchema = v.strictObject({
  cycleId: v.pipe(v.string(apiMessage("required")), v.nonEmpty(apiMessage("required")), v.maxLength(100)),
  rating: v.picklist(ORG_RATINGS, apiMessage("oneOf", { options: ORG_RATINGS.join(", ") })),
});

/** Body of the cancel routes (the reason goes to the audit trail and the people's pages). */
export const CancelInputSchema = v.strictObject({
  reason: v.pipe(
    v.string(apiMessage("required")),
    v.trim(),
    v.nonEmpty(apiMessage("required")),
    v.maxLength(500, apiMessage("csvTooLong", { max: "500" })),
  ),
});

/**
 * `POST /api/appraisals/{id}/resend-link` (and the dashboard's resend form): which pending decision and recipient
 * (optional when there is one), a corrected address (optional) and a request id that makes a repeat harmless.
 */
export const ResendLinkInputSchema = v.strictObject({
  decisionId: v.optional(
    v.pipe(
      v.string(apiMessage("required")),
      v.trim(),
      v.nonEmpty(apiMessage("required")),
      v.maxLength(64, apiMessage("csvTooLong", { max: "64" })),
      v.description(
        "the pending decision (decisions[].decisionId of GET /api/appraisals/{id}); optional when only one waits",
      ),
    ),
  ),
  recipientNip: v.optional(
    v.pipe(
      v.string(apiMessage("required")),
      v.trim(),
      v.regex(/^[0-9A-Za-z._-]{1,32}$/, apiMessage("hrAfterNip")),
      v.description("the recipient of that decision; default the person first asked"),
    ),
  ),
  email: v.optional(
    v.pipe(
      v.string(apiMessage("hrEmailInvalid")),
      v.trim(),
      v.maxLength(254, apiMessage("csvTooLong", { max: "254" })),
      v.email(apiMessage("hrEmailInvalid")),
      v.description(
        "a corrected address: the link goes there and the running appraisal mails this person there from now on",
      ),
    ),
  ),
  requestId: v.optional(
    v.pipe(
      v.string(apiMessage("required")),
      v.regex(/^[A-Za-z0-9_-]{8,64}$/, apiMessage("required")),
      v.description("idempotency key: the same requestId mails once; without it every request mails"),
    ),
  ),
});

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant a bound of a date range stands for, or undefined when `text` is neither a real calendar date
 * (YYYY-MM-DD, a Jakarta day: its first millisecond as `start`, its last as `end`) nor an ISO instant with a real
 * date and an offset. `Date.parse` alone is not enough: it reads 2027-02-30 as 2 March.
 */
export function rangeBoundInstant(text: string, side: "start" | "end"): number | undefined {
  if (isIsoDate(text)) return jakartaDayBound(text, side);
  const match = ISO_INSTANT.exec(text);
  if (!match || !isIsoDate(match[1])) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

const RangeBoundSchema = v.pipe(
  v.string(),
  v.check((t) => rangeBoundInstant(t, "start") !== undefined, apiMessage("hrDateOrTime")),
);

/** Query of `GET /api/units/{unitId}/ikm`: date (YYYY-MM-DD, Jakarta days) or ISO instant bounds, optional weighting. */
export const IkmQuerySchema = v.pipe(
  v.object({
    from: v.optional(RangeBoundSchema),
    to: v.optional(RangeBoundSchema),
    weighting: v.optional(v.picklist(["exact", "regulation-0.11"], apiMessage("hrWeighting"))),
  }),
  // Bounds compare as instants (a date bound covers its whole Jakarta day), so a date and a time compare right.
  v.forward(
    v.check((q) => {
      const from = q.from === undefined ? undefined : rangeBoundInstant(q.from, "start");
      const to = q.to === undefined ? undefined : rangeBoundInstant(q.to, "end");
      return from === undefined || to === undefined || from <= to;
    }, apiMessage("hrToNotBeforeFrom")),
    ["to"],
  ),
);

const partsMessage = apiMessage("hrPartsCount");
const partNumber = v.pipe(
  v.string(),
  v.regex(/^\d{1,4}$/, partsMessage),
  v.transform(Number),
  v.minValue(2, partsMessage),
  v.maxValue(1000, partsMessage),
);

/** Query of `POST /api/employees/import`: `parts` announces a file sent in parts (this body is part 1, with the header). */
export const EmployeeImportQuerySchema = v.object({ parts: v.optional(partNumber) });

/**
 * Query of `GET /api/cycles/{id}/export.csv`: `format=excel` asks for the spreadsheet variant (`;`, UTF-8 BOM, quoted
 * text and NIP, Indonesian labels beside codes); without it the comma file existing clients read.
 */
export const ExportQuerySchema = v.object({
  format: v.optional(v.picklist(EXPORT_FORMATS, apiMessage("oneOf", { options: EXPORT_FORMATS.join(", ") }))),
});

/** Path of `POST /api/imports/{id}/parts/{part}`: the next part (2..parts) of an employee file sent in parts. */
export const ImportPartParamSchema = v.object({
  id: v.pipe(v.string(), v.nonEmpty(apiMessage("required")), v.maxLength(200)),
  part: partNumber,
});

/** Largest page of `GET /api/employees?limit=`. */
export const EMPLOYEE_PAGE_MAX = 1000;

/** Query of `GET /api/employees`. */
export const EmployeesQuerySchema = v.object({
  unit: v.optional(UnitIdSchema),
  /** `true` includes the sub-units of `unit`. */
  subUnits: v.optional(v.picklist(["true", "false"], apiMessage("hrTrueFalse"))),
  /** Page size: with it the answer is `{items, nextAfter}` (the whole organisation in NIP order), without it the list. */
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, apiMessage("hrPageLimit", { max: EMPLOYEE_PAGE_MAX })),
      v.transform(Number),
      v.minValue(1, apiMessage("hrPageLimit", { max: EMPLOYEE_PAGE_MAX })),
      v.maxValue(EMPLOYEE_PAGE_MAX, apiMessage("hrPageLimit", { max: EMPLOYEE_PAGE_MAX })),
    ),
  ),
  /** The previous page's `nextAfter`: the NIP of its last employee. */
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,18}$/, apiMessage("hrAfterNip")))),
});

/** Path parameter of an id (cycle, appraisal). */
export const IdParamSchema = v.object({
  id: v.pipe(v.string(), v.nonEmpty(apiMessage("required")), v.maxLength(200)),
});

/** Path parameter of a unit. */
export const UnitParamSchema = v.object({ unitId: UnitIdSchema });

/** Path parameter of a CSV template download: the import kind. */
export const TemplateParamSchema = v.object({
  kind: v.picklist(CSV_TEMPLATE_KINDS, apiMessage("oneOf", { options: CSV_TEMPLATE_KINDS.join(", ") })),
});
