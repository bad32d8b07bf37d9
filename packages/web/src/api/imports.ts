// HR API: imports. The employee file (in parts when large), the attendance, survey and indicator files, their
// templates, the import jobs and the imports' audit trail.
import type { Hono } from "hono";
import { appendEmployeeImportPart, importJobStatus, runImport } from "@kinerja/core/hr/import-commands";
import { hrAuditTrail } from "@kinerja/core/hr/cycle-reports";
import { HR_AUDIT_SUBJECTS, type HrDeps } from "@kinerja/core/hr/hr-deps";
import {
  EmployeeImportQuerySchema,
  IdParamSchema,
  ImportPartParamSchema,
  TemplateParamSchema,
} from "@kinerja/core/hr/hr.schema";
import { SYNC_EMPLOYEE_IMPORT_MAX_ROWS } from "@kinerja/core/imports/employee-import-job";
import { CSV_TEMPLATE_KINDS, csvTemplate } from "@kinerja/core/imports/templates";
import { actorOf, type AuthVariables } from "../auth/hr-auth";
import { requestLang } from "../problem";
import { importResponse, limitCsv, readCsv } from "./csv-body";
import { csvBody, doc, employeeCsvBody, problems } from "./openapi-docs";
import { param, query } from "./validate";

/** Registers the import routes on the HR API app. */
export function registerImportRoutes(app: Hono<{ Variables: AuthVariables }>, deps: HrDeps) {
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
}
