// HR API: cycles. Create and launch, list, one cycle with its appraisals, overdue decisions, employees at risk,
// relaunch, cancel, HR's audit trail and the results export.
import type { Hono } from "hono";
import * as v from "valibot";
import { cancelCycleAsHr, createAndLaunchCycle, relaunchCycle } from "@kinerja/core/hr/cycle-commands";
import {
  cycleDetail,
  exportCycleCsv,
  hrAuditTrail,
  listCycleAppraisals,
  listCycles,
} from "@kinerja/core/hr/cycle-reports";
import { employeesAtRisk, overdueDecisions } from "@kinerja/core/hr/appraisal-reports";
import { HR_AUDIT_SUBJECTS, type HrDeps } from "@kinerja/core/hr/hr-deps";
import {
  CancelInputSchema,
  CreateCycleInputSchema,
  ExportQuerySchema,
  IdParamSchema,
} from "@kinerja/core/hr/hr.schema";
import { actorOf, type AuthVariables } from "../auth/hr-auth";
import { doc, json, problems } from "./openapi-docs";
import { body, limitJson, param, query } from "./validate";

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

/** Registers the cycle routes on the HR API app. */
export function registerCycleRoutes(app: Hono<{ Variables: AuthVariables }>, deps: HrDeps) {
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
}
