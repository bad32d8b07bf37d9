// The HR API of DESIGN.md section 3 under /api: bearer-token guard, valibot at every edge (bodies, queries,
// params; /openapi.json is generated from the same schemas), problem+json errors, CSV imports and export.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { describeRoute, resolver, validator } from "hono-openapi";
import * as v from "valibot";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { appraisalStory, employeesAtRisk, overdueDecisions } from "@kinerja/core/hr/appraisal-reports";
import {
  cancelAppraisalAsHr,
  cancelCycleAsHr,
  createAndLaunchCycle,
  relaunchCycle,
  retryAppraisalAsHr,
  setOrgRating,
} from "@kinerja/core/hr/cycle-commands";
import {
  cycleDetail,
  exportCycleCsv,
  hrAuditTrail,
  listCycleAppraisals,
  listCycles,
} from "@kinerja/core/hr/cycle-reports";
import { HR_AUDIT_SUBJECTS, type HrActor, type HrDeps } from "@kinerja/core/hr/hr-deps";
import { importJobStatus, appendEmployeeImportPart, runImport } from "@kinerja/core/hr/import-commands";
import { listEmployees, listEmployeePage, listUnits, unitIkm } from "@kinerja/core/hr/org-reports";
import {
  CancelInputSchema,
  CreateCycleInputSchema,
  EmployeesQuerySchema,
  EmployeeImportQuerySchema,
  ExportQuerySchema,
  ImportPartParamSchema,
  IdParamSchema,
  TemplateParamSchema,
  IkmQuerySchema,
  OrgRatingInputSchema,
  OrgSettingsInputSchema,
  ResendLinkInputSchema,
  UnitParamSchema,
} from "@kinerja/core/hr/hr.schema";
import { RESEND_LIMIT_PER_DAY, resendPendingLink } from "@kinerja/core/hr/resend-link";
import type { DecisionDeps } from "@kinerja/core/decision/decision.service";
import { randomUUID } from "node:crypto";
import { OfficialSchema } from "@kinerja/core/org/org-settings";
import { MailProblemSchema } from "@kinerja/core/mail/delivery-problem";
import { getOrgSettings, parseOrgSettingsCsv, setOrgSettings } from "@kinerja/core/org/org-settings.service";
import {
  HrConflictError,
  HrCycleOverlapError,
  HrError,
  HrInputError,
  HrNotFoundError,
} from "@kinerja/core/hr/hr.errors";
import { fieldIssues } from "@kinerja/core/i18n/validate";
import {
  AppraisalNotFoundError,
  CycleNotFoundError,
  InvalidOperationError,
  TransientError,
} from "@kinerja/core/workflow/workflow.errors";
import { ImportWriteError } from "@kinerja/core/imports/imports.errors";
import { SYNC_EMPLOYEE_IMPORT_MAX_ROWS } from "@kinerja/core/imports/employee-import-job";
import { CSV_TEMPLATE_KINDS, csvTemplate } from "@kinerja/core/imports/templates";
import { JF_LEVELS } from "@kinerja/core/credit-points/credit-points";
import { EMPLOYMENT_TYPES } from "@kinerja/core/org/org";
import { POSITION_TYPES } from "@kinerja/core/org/org.schema";
import {
  EMPLOYEE_CSV_COLUMN_DOCS,
  EMPLOYEE_CSV_COLUMNS,
  EMPLOYEE_CSV_OPTIONAL_COLUMNS,
} from "@kinerja/core/imports/employee-csv";
import { OrgError } from "@kinerja/core/org/org.errors";
import { apiAuth, type AuthOptions, type AuthVariables } from "../auth/hr-auth";
import { logOf } from "../log";
import type { Principal } from "../auth/jwt-verifier";
import { parseConfig, t, type Lang, type MessageKey } from "@kinerja/core/i18n/messages";
import { localizeDetails, problem, requestLang, statusTitle, type ProblemDetail } from "../problem";

/** Largest CSV an import accepts (the employee file of a whole province fits). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

type HrEnv = { Variables: AuthVariables };

/** A field-level problem list from standard-schema issues (`path` is the dotted field path). */
export function issuesToDetails(issues: readonly StandardSchemaV1.Issue[]): ProblemDetail[] {
  return issues.map((issue) => ({
    path:
      (issue.path ?? [])
        .map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p))
        .join(".") || "(body)",
    message: issue.message,
  }));
}

const INVALID_TITLES: Record<string, MessageKey> = {
  body: "problemInvalidBody",
  path: "problemInvalidPath",
  query: "problemInvalidQuery",
  header: "problemInvalidHeader",
};

/**
 * The field problems of an input in `lang`: English keeps the validator's issues (the schemas' English messages);
 * Indonesian parses the input again with the dictionary's Indonesian messages, so each field gets the schema's own
 * message (e.g. "Harus sesudah awal periode") rather than a generic one.
 */
function invalidDetails(
  schema: v.GenericSchema,
  data: unknown,
  issues: readonly StandardSchemaV1.Issue[],
  lang: Lang,
): ProblemDetail[] {
  const details = issuesToDetails(issues);
  if (lang === "en") return details;
  const again = v.safeParse(schema, data, parseConfig(lang));
  if (again.success) return localizeDetails(details, issues, lang);
  return fieldIssues(again.issues).map((i) => ({ path: i.path || "(body)", message: i.message }));
}

// One hook per validator: 400 problem+json naming each bad field (Indonesian when the request asks for it).
const onInvalid =
  (schema: v.GenericSchema) =>
  (
    result: { success: boolean; error?: readonly StandardSchemaV1.Issue[]; target: string; data?: unknown },
    c: Context,
  ) => {
    if (!result.success) {
      const where = result.target === "json" ? "body" : result.target === "param" ? "path" : result.target;
      const lang = requestLang(c);
      const details = invalidDetails(schema, result.data, result.error ?? [], lang);
      if (lang === "en") return problem(c, 400, `Invalid request ${where}`, details);
      return problem(c, 400, t(INVALID_TITLES[where] ?? "problem400", lang), details, {
        detail: t("problemInvalidDetail", lang),
      });
    }
  };

/** What a problem says: its English text (the API's default) and, when known, the dictionary's text in `lang`. */
interface Said {
  en: string;
  in?: (lang: Lang) => string;
  errors?: (lang: Lang) => ProblemDetail[];
  /** Extension members (RFC 9457), the same in every language. */
  extra?: Record<string, unknown>;
}

/**
 * A problem whose title is the English text; in another language the status's dictionary title, the dictionary's
 * message as `detail` (when there is one) and the English text kept as `reason` for support.
 */
function say(c: Context, status: ContentfulStatusCode, said: Said) {
  const lang: Lang = requestLang(c);
  const errors = said.errors?.(lang) ?? [];
  if (lang === "en") return problem(c, status, said.en, errors, said.extra);
  return problem(c, status, statusTitle(status, lang), errors, {
    ...said.extra,
    ...(said.in ? { detail: said.in(lang) } : {}),
    reason: said.en,
  });
}

/** A dictionary message as a problem's text (English title by default, Indonesian detail when asked). */
const dictionary = (key: MessageKey, params: Record<string, string> = {}): Said => ({
  en: t(key, "en", params),
  in: (lang) => t(key, lang, params),
});

const body = <S extends v.GenericSchema>(schema: S) => validator("json", schema, onInvalid(schema));
const query = <S extends v.GenericSchema>(schema: S) => validator("query", schema, onInvalid(schema));
const param = <S extends v.GenericSchema>(schema: S) => validator("param", schema, onInvalid(schema));

/** A CSV sent with another content type (415). */
class CsvContentTypeError extends Error {
  constructor(readonly type: string) {
    super(t("hrCsvContentType", "en", { type: type || t("hrNoContentType", "en") }));
  }
}

const ProblemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.number(),
  detail: v.optional(v.string()),
  errors: v.optional(
    v.array(
      v.object({
        path: v.optional(v.string()),
        line: v.optional(v.number()),
        field: v.optional(v.string()),
        message: v.string(),
      }),
    ),
  ),
});
const CycleCreatedSchema = v.object({ id: v.string(), status: v.string() });
const AppraisalRowSchema = v.object({
  id: v.string(),
  nip: v.string(),
  name: v.string(),
  unitId: v.string(),
  stage: v.string(),
  ratings: v.optional(v.object({ hasilKerja: v.optional(v.string()), perilaku: v.optional(v.string()) })),
  predikat: v.optional(v.string()),
});
/** An employee as `GET /api/employees` answers (employment type and jenjang: issue 15 items 3 and 10). */
const EmployeeRowSchema = v.object({
  nip: v.string(),
  name: v.string(),
  email: v.string(),
  unitId: v.string(),
  position: v.string(),
  positionType: v.picklist(POSITION_TYPES),
  superiorNip: v.optional(v.string()),
  unitHead: v.boolean(),
  employmentType: v.pipe(
    v.picklist(EMPLOYMENT_TYPES),
    v.description("pns | pppk: the import's employment_type column, else what the NIP / NI PPPK says"),
  ),
  jenjang: v.optional(
    v.pipe(v.picklist(JF_LEVELS), v.description("functional level of a fungsional position (credit points)")),
  ),
});
const IkmResultSchema = v.object({
  unitId: v.string(),
  respondents: v.number(),
  nrr: v.array(v.number()),
  ikm: v.number(),
  converted: v.number(),
  grade: v.picklist(["A", "B", "C", "D"]),
});

const OrgSettingsViewSchema = v.object({
  configured: v.boolean(),
  pejabatPembinaKepegawaian: v.nullable(OfficialSchema),
  topOfficialAppraiser: v.nullable(OfficialSchema),
  topAppraisedBy: v.nullable(v.picklist(["pejabatPembinaKepegawaian", "topOfficialAppraiser"])),
  updatedAt: v.nullable(v.string()),
  updatedBy: v.nullable(v.string()),
  audit: v.array(
    v.object({
      at: v.string(),
      actor: v.string(),
      action: v.string(),
      detail: v.record(v.string(), v.unknown()),
    }),
  ),
});

const json = (schema: v.GenericSchema, description: string) => ({
  description,
  content: { "application/json": { schema: resolver(schema) } },
});
const problems = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: PROBLEM_TEXT[code] ?? "Problem",
        content: { "application/problem+json": { schema: resolver(ProblemSchema) } },
      },
    ]),
  );
const PROBLEM_TEXT: Record<number, string> = {
  400: "Invalid input: errors name each field (or CSV line and column)",
  401: "No token, or a token that does not verify",
  403: "The token's role does not allow this (viewer on a write route)",
  404: "Not found",
  409: "Conflicts with the current state",
  413: "Body too large",
  415: "Wrong content type",
  503: "Storage unavailable before the import's commit point: nothing was imported; send the file again",
};
const csvBody = { required: true, content: { "text/csv": { schema: { type: "string" as const } } } };
/** The employee CSV's columns, from the one constant the import and HR's template use. */
const employeeCsvBody = {
  ...csvBody,
  description:
    `Header row required. Columns: ${EMPLOYEE_CSV_COLUMNS.join(",")}; optional: ${EMPLOYEE_CSV_OPTIONAL_COLUMNS.join(",")}. ` +
    Object.entries(EMPLOYEE_CSV_COLUMN_DOCS)
      .map(([name, text]) => `\`${name}\`: ${text}.`)
      .join(" "),
};
const doc = (summary: string, extra: Parameters<typeof describeRoute>[0] = {}) =>
  describeRoute({
    tags: ["HR"],
    summary,
    security: [{ bearer: [] }],
    ...extra,
    responses: { ...problems(401, 403), ...(extra.responses ?? {}) },
  });

const actorOf = (principal: Principal): HrActor => ({
  subject: principal.subject,
  ...(principal.name ? { name: principal.name } : {}),
});

const STATUS_OF_HR_ERROR = (err: HrError): ContentfulStatusCode =>
  err instanceof HrInputError ? 400 : err instanceof HrNotFoundError ? 404 : 409;

function mapError(err: unknown, c: Context) {
  if (err instanceof HrInputError)
    return say(c, 400, { en: err.message, in: (l) => err.text(l), errors: (l) => err.issuesIn(l) });
  if (err instanceof HrCycleOverlapError)
    return say(c, 409, {
      en: err.message,
      in: (l) => err.text(l),
      extra: { existingCycleId: err.existing.cycleId },
    });
  if (err instanceof HrError)
    return say(c, STATUS_OF_HR_ERROR(err), { en: err.message, in: (l) => err.text(l) });
  if (err instanceof OrgError) return say(c, 409, { en: err.message, in: (l) => err.text(l) });
  // Workflow errors carry English text only; the route's own id names what was not found.
  const id = c.req.param("id");
  if (err instanceof AppraisalNotFoundError || err instanceof CycleNotFoundError) {
    const appraisal = err instanceof AppraisalNotFoundError;
    return say(c, 404, {
      en: err.message,
      ...(id
        ? {
            in: (l: Lang) =>
              appraisal
                ? t("hrAppraisalNotFound", l, { appraisalId: id })
                : t("hrCycleNotFound", l, { cycleId: id }),
          }
        : {}),
    });
  }
  if (err instanceof InvalidOperationError) return say(c, 409, { en: err.message });
  if (err instanceof ImportWriteError) {
    // Nothing of the file is live (a fault before its commit point, or an earlier import still pending).
    logOf(c).error("import not written", { route: c.req.routePath, status: 503, error: err });
    c.header("retry-after", "5");
    return say(c, 503, { en: err.message });
  }
  if (err instanceof TransientError) {
    logOf(c).warn("transient failure", { route: c.req.routePath, status: 503, error: err });
    return say(c, 503, { en: `${err.message}; try again` });
  }
  if (err instanceof CsvContentTypeError)
    return say(c, 415, {
      en: err.message,
      in: (l) => t("hrCsvContentType", l, { type: err.type || t("hrNoContentType", l) }),
    });
  if (err instanceof HTTPException)
    return say(c, err.status as ContentfulStatusCode, { en: err.message || "Bad request" });
  return undefined;
}

async function readCsv(c: Context): Promise<string> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!["text/csv", "text/plain", "application/csv"].includes(type)) throw new CsvContentTypeError(type);
  const text = await c.req.text();
  if (text.trim() === "") throw new HrInputError("hrFileEmpty");
  return text;
}

function importResponse(
  c: Context,
  result: { ok: boolean; errors?: { line: number; field: string; message: string }[] } & Record<
    string,
    unknown
  >,
) {
  if (!result.ok)
    return problem(
      c,
      400,
      t("csvInvalidRows", requestLang(c), { count: String(result.errors!.length) }),
      result.errors!,
    );
  const { ok: _ok, ...rest } = result;
  // 202 + where to look: a large employee file is stored and the import-employees workflow validates and writes it
  // (DESIGN 3.1 keeps the synchronous answer up to SYNC_EMPLOYEE_IMPORT_MAX_ROWS rows); a measurement import past its
  // commit point has every row staged and finishes by itself (resumeImports).
  const accepted =
    rest.status === "validating"
      ? {
          job: c.req.path.replace(
            /\/(employees\/import|imports\/[^/]+\/parts\/\d+)$/,
            `/imports/${String(rest.importId)}`,
          ),
          key: "hrImportQueued" as const,
        }
      : rest.status === "applying"
        ? {
            job: c.req.path.replace(/\/imports\/[^/]+$/, `/imports/jobs/${String(rest.importId)}`),
            key: "hrImportAccepted" as const,
          }
        : undefined;
  if (accepted) {
    c.header("location", accepted.job);
    return c.json(
      {
        importId: rest.importId,
        rows: rest.rows,
        status: rest.status,
        job: accepted.job,
        message: t(accepted.key, requestLang(c), {
          rows: String(rest.rows),
          job: accepted.job,
        }),
      },
      202,
    );
  }
  return c.json(rest, 200);
}

const ResendLinkResultSchema = v.object({
  appraisalId: v.string(),
  decisionId: v.string(),
  kind: v.string(),
  recipient: v.object({ nip: v.string(), name: v.string(), role: v.string() }),
  to: v.pipe(v.string(), v.description("the address the link was mailed to")),
  previousEmail: v.string(),
  linkId: v.string(),
  emailRecorded: v.pipe(
    v.boolean(),
    v.description("the corrected address now stands on the running appraisal"),
  ),
  repeated: v.boolean(),
});

/** Builds the HR routes (mounted at /api by createApp); `decisions` (the link service's deps) mails resent links. */
export function hrRoutes(deps: HrDeps, auth: AuthOptions, decisions?: DecisionDeps) {
  const app = new Hono<HrEnv>();
  app.onError((err, c) => {
    const mapped = mapError(err, c);
    if (mapped) return mapped;
    logOf(c).error("unhandled error", {
      method: c.req.method,
      route: c.req.routePath,
      status: 500,
      error: err,
    });
    return problem(c, 500, statusTitle(500, requestLang(c)));
  });
  app.use("*", apiAuth(auth));
  const limitCsv = bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: (c) => say(c, 413, dictionary("hrFileTooLarge", { mb: String(MAX_IMPORT_BYTES / 1024 / 1024) })),
  });
  const limitJson = bodyLimit({
    maxSize: 256 * 1024,
    onError: (c) => say(c, 413, dictionary("hrBodyTooLarge", { kb: "256" })),
  });

  app.post(
    "/employees/import",
    doc("Import the organisation (employee CSV); nothing is written unless every row is valid", {
      requestBody: employeeCsvBody,
      responses: {
        200: { description: "Imported: counts of units and employees" },
        202: {
          description: `Accepted (files over ${SYNC_EMPLOYEE_IMPORT_MAX_ROWS} rows): the import-employees workflow validates every row and writes the file in pages; watch GET /api/imports/{importId} (Location) for progress and all row errors`,
        },
        ...problems(400, 409, 413, 415),
      },
    }),
    limitCsv,
    query(EmployeeImportQuerySchema),
    async (c) =>
      importResponse(
        c,
        (await runImport(
          deps,
          "employees",
          await readCsv(c),
          actorOf(c.get("principal")),
          requestLang(c),
          c.req.valid("query").parts,
        )) as never,
      ),
  );

  app.post(
    "/imports/:id/parts/:part",
    doc(
      "The next part (2..parts, in order, no header: the text continues the file) of an employee file announced with POST /api/employees/import?parts=N; the last part starts the import-employees workflow",
      {
        requestBody: csvBody,
        responses: {
          202: { description: "Part stored (Location: the import job)" },
          ...problems(400, 404, 409, 413, 415),
        },
      },
    ),
    limitCsv,
    param(ImportPartParamSchema),
    async (c) => {
      const { id, part } = c.req.valid("param");
      return importResponse(c, (await appendEmployeeImportPart(deps, id, part, await readCsv(c))) as never);
    },
  );

  for (const kind of ["attendance", "survey", "indicators"] as const) {
    app.post(
      `/imports/${kind}`,
      doc(`Import ${kind} data (CSV); nothing is written unless every row is valid`, {
        requestBody: csvBody,
        responses: {
          200: { description: "Imported: row count and import id" },
          202: {
            description:
              "Accepted: every row is staged, applying was interrupted and finishes by itself (Location: the job)",
          },
          ...problems(400, 413, 415, 503),
        },
      }),
      limitCsv,
      async (c) =>
        importResponse(
          c,
          (await runImport(
            deps,
            kind,
            await readCsv(c),
            actorOf(c.get("principal")),
            requestLang(c),
          )) as never,
        ),
    );
  }

  app.get("/units", doc("Every unit of the organisation"), async (c) => c.json(await listUnits(deps)));

  app.get(
    "/employees",
    doc(
      "Employees, optionally of one unit (`subUnits=true` adds its sub-units); with `limit` (and `after`), one page of the whole organisation in NIP order: `{items, nextAfter}`",
      {
        responses: {
          200: json(
            v.union([
              v.array(EmployeeRowSchema),
              v.object({ items: v.array(EmployeeRowSchema), nextAfter: v.nullable(v.string()) }),
            ]),
            "The employees, or one page of them",
          ),
          ...problems(400, 404),
        },
      },
    ),
    query(EmployeesQuerySchema),
    async (c) => {
      const q = c.req.valid("query");
      if (q.limit !== undefined && !q.unit)
        return c.json(
          await listEmployeePage(deps, { limit: q.limit, ...(q.after ? { after: q.after } : {}) }),
        );
      return c.json(await listEmployees(deps, { unit: q.unit, subUnits: q.subUnits === "true" }));
    },
  );

  app.get(
    "/units/:unitId/ikm",
    doc("IKM of a unit over the survey responses in [from, to] (DESIGN 3.1)", {
      responses: { 200: json(IkmResultSchema, "The unit's IKM"), ...problems(400, 404, 409) },
    }),
    param(UnitParamSchema),
    query(IkmQuerySchema),
    async (c) => {
      const { unitId } = c.req.valid("param");
      const result = await unitIkm(deps, unitId, c.req.valid("query"));
      return c.json({
        unitId: result.unitId,
        from: result.from,
        to: result.to,
        respondents: result.respondents,
        nrr: result.nrr,
        ikm: result.ikm,
        converted: result.converted,
        grade: result.grade,
        gradeLabel: result.gradeLabel,
        weighting: result.weighting,
      });
    },
  );

  app.put(
    "/units/:unitId/org-rating",
    doc("Set a unit's organisation rating in a cycle", {
      description:
        "Sub-units without a rating of their own follow it. A unit head reviewed before it was set (or changed) is " +
        "re-evaluated at once while in feedback (rule 11: hasil kerja follows the rating, predikat from the matrix, " +
        "audited, the head mailed; the objection window does not restart): `headsRevised` lists them. Refused with " +
        "409 naming the head when their objection was decided or follow-up ran and their hasil kerja would change " +
        "(the previous rating stays).",
      responses: {
        200: { description: "The rating as stored, with the unit heads it revised (headsRevised)" },
        ...problems(400, 404, 409),
      },
    }),
    limitJson,
    param(UnitParamSchema),
    body(OrgRatingInputSchema),
    async (c) => {
      const { unitId } = c.req.valid("param");
      const input = c.req.valid("json");
      return c.json(
        await setOrgRating(
          deps,
          { unitId, cycleId: input.cycleId, rating: input.rating },
          actorOf(c.get("principal")),
        ),
      );
    },
  );

  app.get(
    "/org/settings",
    doc(
      "The organisation settings: staffing authority and appraiser of the top official, with their history",
      {
        responses: {
          200: json(OrgSettingsViewSchema, "The settings (configured: false before HR set them)"),
        },
      },
    ),
    async (c) => c.json(await getOrgSettings(deps.storage)),
  );

  app.put(
    "/org/settings",
    doc("Set the staffing authority and the appraiser of the top official (replaces the settings; audited)", {
      description:
        "The staffing authority (Pejabat Pembina Kepegawaian) decides objections whose appraising official has no " +
        "superior in the organisation; once set, cycles for the whole organisation also appraise the top of the " +
        "hierarchy (the employee with an empty superior_nip) by `topOfficialAppraiser`, or by the staffing authority " +
        "when it is absent. Officials are outside the employee list: decision links are mailed to their email and " +
        "pages name them by position and name.",
      responses: {
        200: json(OrgSettingsViewSchema, "The settings as stored"),
        ...problems(400, 409),
      },
    }),
    limitJson,
    body(OrgSettingsInputSchema),
    async (c) => c.json(await setOrgSettings(deps.storage, c.req.valid("json"), actorOf(c.get("principal")))),
  );

  app.post(
    "/org/settings/import",
    doc("Set the organisation settings from a CSV (role,name,position,email[,nip]; one row per official)", {
      description:
        "`role` is `pejabat_pembina_kepegawaian` (required row) or `penilai_pimpinan_tertinggi` (optional row: the " +
        "appraiser of the top official when not the staffing authority); `nip` may be empty. Replaces the settings " +
        "as PUT /api/org/settings does; nothing is written unless every row is valid.",
      requestBody: csvBody,
      responses: {
        200: json(OrgSettingsViewSchema, "The settings as stored"),
        ...problems(400, 409, 413, 415),
      },
    }),
    limitCsv,
    async (c) => {
      const parsed = parseOrgSettingsCsv(await readCsv(c), requestLang(c));
      if (!parsed.ok) return importResponse(c, parsed);
      return c.json(await setOrgSettings(deps.storage, parsed.settings, actorOf(c.get("principal")), "csv"));
    },
  );

  app.post(
    "/cycles",
    doc("Create and launch a cycle", {
      description:
        "Refused with 409 when a live cycle of the same kind covers an overlapping period for some of the same " +
        "employees (the problem names it; `existingCycleId`) unless `allowOverlap: true`, and when the whole period " +
        "is before today (Asia/Jakarta) unless `confirmPast: true`. An impossible date is a 400 naming the field.",
      responses: {
        202: json(CycleCreatedSchema, "Created; the launch runs in the background"),
        ...problems(400, 409),
      },
    }),
    limitJson,
    body(CreateCycleInputSchema),
    async (c) => {
      const created = await createAndLaunchCycle(deps, c.req.valid("json"), actorOf(c.get("principal")));
      return c.json(created, 202, { location: `/api/cycles/${created.id}` });
    },
  );

  app.get("/cycles", doc("Every cycle, newest first, with counts per stage"), async (c) =>
    c.json(await listCycles(deps)),
  );

  app.get(
    "/cycles/:id",
    doc("A cycle: status, counts per stage, predikat distribution per unit with warnings, HR audit trail", {
      responses: {
        200: json(
          v.looseObject({
            id: v.string(),
            mailProblems: v.pipe(
              v.number(),
              v.description(
                "How many of the cycle's mails SES could not deliver (bounce, complaint, reject, delay)",
              ),
            ),
          }),
          "The cycle (further fields as listed in DESIGN 3)",
        ),
        ...problems(404),
      },
    }),
    param(IdParamSchema),
    async (c) => c.json(await cycleDetail(deps, c.req.valid("param").id)),
  );

  app.get(
    "/cycles/:id/appraisals",
    doc("The cycle's appraisals", {
      responses: { 200: json(v.array(AppraisalRowSchema), "One row per appraisal"), ...problems(404) },
    }),
    param(IdParamSchema),
    async (c) => c.json(await listCycleAppraisals(deps, c.req.valid("param").id)),
  );

  app.get(
    "/cycles/:id/overdue",
    doc("Pending decisions past their due time: who is waited for, since when", { responses: problems(404) }),
    param(IdParamSchema),
    async (c) => c.json(await overdueDecisions(deps, c.req.valid("param").id)),
  );

  app.get(
    "/cycles/:id/at-risk",
    doc("Employees flagged at risk by the periodic evaluations", { responses: problems(404) }),
    param(IdParamSchema),
    async (c) => c.json(await employeesAtRisk(deps, c.req.valid("param").id)),
  );

  app.get(
    "/cycles/:id/export.csv",
    doc("Results of the cycle as CSV (for the national system's upload and the allowance calculation)", {
      responses: {
        200: {
          description:
            "CSV, one row per appraisal; with format=excel separated by ';' with a UTF-8 BOM, text and NIP quoted, an Indonesian label beside each code (docs/csv.md)",
          content: { "text/csv": { schema: { type: "string" } } },
        },
        ...problems(404),
      },
    }),
    param(IdParamSchema),
    query(ExportQuerySchema),
    async (c) => {
      const { filename, csv } = await exportCycleCsv(
        deps,
        c.req.valid("param").id,
        c.req.valid("query").format,
      );
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      });
    },
  );

  app.post(
    "/cycles/:id/launch",
    doc("Start the launch again (idempotent), e.g. after a failed start", {
      responses: { 202: json(CycleCreatedSchema, "Launch started"), ...problems(404, 409) },
    }),
    param(IdParamSchema),
    async (c) => c.json(await relaunchCycle(deps, c.req.valid("param").id, actorOf(c.get("principal"))), 202),
  );

  app.post(
    "/cycles/:id/cancel",
    doc("Cancel a cycle and every live appraisal in it", { responses: problems(400, 404, 409) }),
    limitJson,
    param(IdParamSchema),
    body(CancelInputSchema),
    async (c) =>
      c.json(
        await cancelCycleAsHr(
          deps,
          c.req.valid("param").id,
          c.req.valid("json").reason,
          actorOf(c.get("principal")),
        ),
      ),
  );

  app.get(
    "/cycles/:id/audit",
    doc("HR's audit trail of a cycle (creation, launch, org ratings, cancellation)", {
      responses: problems(404),
    }),
    param(IdParamSchema),
    async (c) => c.json(await hrAuditTrail(deps, HR_AUDIT_SUBJECTS.cycle(c.req.valid("param").id))),
  );

  app.get(
    "/imports/templates/:kind",
    doc(
      `The CSV template of an import (${CSV_TEMPLATE_KINDS.join(", ")}): its header row, required columns then optional ones`,
      {
        responses: {
          200: {
            description: "text/csv attachment",
            content: { "text/csv": { schema: { type: "string" } } },
          },
          ...problems(400),
        },
      },
    ),
    param(TemplateParamSchema),
    (c) => {
      const { filename, csv } = csvTemplate(c.req.valid("param").kind);
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
      });
    },
  );

  app.get("/imports/audit", doc("HR's audit trail of imports (committed and rejected files)"), async (c) =>
    c.json(await hrAuditTrail(deps, HR_AUDIT_SUBJECTS.imports)),
  );

  for (const path of ["/imports/jobs/:id", "/imports/:id"])
    app.get(
      path,
      doc(
        "One import job: status staging | applying | committed | failed (employees: validating | writing | rejected), counts, reason; a large employee file also progress {rowsDone, rowsTotal} and, when rejected, every row error",
        {
          responses: problems(404),
        },
      ),
      param(IdParamSchema),
      async (c) => c.json(await importJobStatus(deps, c.req.valid("param").id)),
    );

  app.get(
    "/appraisals/:id",
    doc("One appraisal: the whole record, its decisions and its audit trail", {
      responses: {
        200: json(
          v.looseObject({
            id: v.string(),
            mailProblems: v.pipe(
              v.array(MailProblemSchema),
              v.description("Mails of this appraisal SES could not deliver, newest first"),
            ),
          }),
          "The appraisal (further fields as listed in DESIGN 3)",
        ),
        ...problems(404),
      },
    }),
    param(IdParamSchema),
    async (c) => c.json(await appraisalStory(deps, c.req.valid("param").id)),
  );

  app.post(
    "/appraisals/:id/cancel",
    doc("Cancel one appraisal", { responses: problems(400, 404, 409) }),
    limitJson,
    param(IdParamSchema),
    body(CancelInputSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      const out = await cancelAppraisalAsHr(
        deps,
        id,
        c.req.valid("json").reason,
        actorOf(c.get("principal")),
      );
      return c.json({ id, ...out });
    },
  );

  app.post(
    "/appraisals/:id/resend-link",
    doc(
      `Mail a pending decision's link again (a fresh, equivalent link), optionally to a corrected address that the running appraisal then uses; audited link-resent; at most ${RESEND_LIMIT_PER_DAY} per decision and recipient a day`,
      {
        responses: {
          200: json(
            ResendLinkResultSchema,
            "What was mailed (repeated: the same requestId had already mailed)",
          ),
          ...problems(400, 404, 409),
        },
      },
    ),
    limitJson,
    param(IdParamSchema),
    body(ResendLinkInputSchema),
    async (c) => {
      if (!decisions) throw new HrConflictError("hrResendUnavailable");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return c.json(
        await resendPendingLink(
          deps,
          decisions,
          { appraisalId: id, ...input, requestId: input.requestId ?? randomUUID() },
          actorOf(c.get("principal")),
        ),
      );
    },
  );

  app.post(
    "/appraisals/:id/retry",
    doc("Retry a failed appraisal from the stage it failed in", { responses: problems(404, 409) }),
    param(IdParamSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ id, ...(await retryAppraisalAsHr(deps, id, actorOf(c.get("principal")))) }, 202);
    },
  );

  return app;
}
