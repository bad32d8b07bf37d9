// HR API: the organisation. Units, employees, a unit's IKM and organisation rating, the organisation settings
// (staffing authority and the top official's appraiser).
import type { Hono } from "hono";
import * as v from "valibot";
import { listEmployeePage, listEmployees, listUnits, unitIkm } from "@kinerja/core/hr/org-reports";
import { setOrgRating } from "@kinerja/core/hr/cycle-commands";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import {
  EmployeesQuerySchema,
  IkmQuerySchema,
  OrgRatingInputSchema,
  OrgSettingsInputSchema,
  UnitParamSchema,
} from "@kinerja/core/hr/hr.schema";
import { OfficialSchema } from "@kinerja/core/org/org-settings";
import { getOrgSettings, parseOrgSettingsCsv, setOrgSettings } from "@kinerja/core/org/org-settings.service";
import { JF_LEVELS } from "@kinerja/core/credit-points/credit-points";
import { EMPLOYMENT_TYPES } from "@kinerja/core/org/org";
import { POSITION_TYPES } from "@kinerja/core/org/org.schema";
import { actorOf, type AuthVariables } from "../auth/hr-auth";
import { requestLang } from "../problem";
import { importResponse, limitCsv, readCsv } from "./csv-body";
import { csvBody, doc, json, problems } from "./openapi-docs";
import { body, limitJson, param, query } from "./validate";

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

/** Registers the organisation routes on the HR API app. */
export function registerOrgRoutes(app: Hono<{ Variables: AuthVariables }>, deps: HrDeps) {
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
}
