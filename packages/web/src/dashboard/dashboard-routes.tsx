// The HR dashboard under /dashboard. Sign-in is OpenID Connect (auth/sign-in-routes.tsx): the session is an
// encrypted HttpOnly cookie scoped to /dashboard holding the principal and its expiry, checked on every page with
// the API's role rule (viewer reads only; its actions get the 403 page). Everything it says is Indonesian (the
// dictionary's `id` texts, whatever the browser's Accept-Language). Forms post only to us (CSP form-action,
// Origin check), so no other site can act with the cookie. The /api routes never accept the cookie.
import { csvTemplate, isCsvTemplateKind } from "@kinerja/core/imports/templates";
import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import * as v from "valibot";
import { ORG_RATINGS } from "@kinerja/core/rating/rating";
import { UnitIdSchema } from "@kinerja/core/org/org.schema";
import { parseConfig } from "@kinerja/core/i18n/messages";
import { appraisalStory, employeesAtRisk, overdueDecisions } from "@kinerja/core/hr/appraisal-reports";
import {
  cycleDetail,
  cycleMailProblems,
  exportCycleCsv,
  listCycleAppraisals,
} from "@kinerja/core/hr/cycle-reports";
import { setOrgRating } from "@kinerja/core/hr/cycle-commands";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import { HrConflictError } from "@kinerja/core/hr/hr.errors";
import { cycleProgress } from "@kinerja/core/hr/cycle-progress";
import { ExportQuerySchema } from "@kinerja/core/hr/hr.schema";
import { noStore, pageSecurityHeaders } from "../middleware/security-headers";
import { actorOf, pageAuth, type AuthOptions, type AuthVariables } from "../auth/hr-auth";
import { answersAs } from "../errors/on-error";
import { LOGIN_PATH } from "../auth/oidc-sign-in";
import { signInRoutes } from "../auth/sign-in-routes";
import { DASHBOARD_CSS } from "./dashboard-css";
import { registerCycleForm } from "./cycle-form";
import { registerImportRoutes } from "./import-routes";
import { registerOverduePage } from "./overdue-page";
import { actionNotice } from "./appraisal-actions";
import { registerAppraisalActions } from "./action-routes";
import { registerFailedPage } from "./failed-page";
import { cycleOverviews } from "@kinerja/core/hr/cycle-overview";
import type { DecisionDeps } from "@kinerja/core/decision/decision-deps";
import { AppraisalPage } from "./appraisal-page";
import { CyclePage } from "./cycle-page";
import { CyclesPage } from "./cycles-page";
import { ForbiddenPage } from "./error-pages";

/** Options of the dashboard routes. */
export interface DashboardOptions {
  hr: HrDeps;
  auth: AuthOptions;
  /** The link service's deps: HR's resend of a pending link mails with them (action-routes.tsx). */
  decisions?: DecisionDeps;
}

const OrgRatingFormSchema = v.object({
  unitId: UnitIdSchema,
  rating: v.picklist(ORG_RATINGS, "pilih salah satu capaian organisasi dari daftar"),
});
// The form's fields as the page names them (messages name fields by label, never by path).
const ORG_RATING_FIELDS: Record<string, string> = { unitId: "Unit", rating: "Capaian organisasi" };

/** Builds the dashboard routes (mounted at /dashboard by createApp). */
export function dashboardRoutes(options: DashboardOptions) {
  const { hr, auth } = options;
  const app = new Hono<{ Variables: AuthVariables }>();
  // Sign-in and sign-out redirect from our forms to the identity provider, so its origin is a form-action too.
  const idp = auth.signIn ? [new URL(auth.signIn.options.issuer).origin] : [];
  // Errors are answered as Indonesian pages by errors/on-error.tsx (csrf()'s refusal of a form posted from another
  // origin included).
  app.use("*", answersAs("dashboard"), pageSecurityHeaders({ formActions: idp }), noStore(), csrf());

  app.get("/assets/dashboard.css", (c) =>
    c.body(DASHBOARD_CSS, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=3600",
    }),
  );

  app.route("/", signInRoutes(auth));

  app.use(
    "*",
    pageAuth(auth, LOGIN_PATH, (c, message) =>
      c.html(<ForbiddenPage principal={c.get("principal")} message={message} />, 403),
    ),
  );

  app.get("/", async (c) =>
    c.html(<CyclesPage principal={c.get("principal")} cycles={await cycleOverviews(hr)} />),
  );

  const cyclePage = async (
    c: Context<{ Variables: AuthVariables }>,
    notice?: string,
    status: 200 | 400 | 409 = 200,
  ) => {
    const id = c.req.param("id")!;
    const [cycle, appraisals, overdue, atRisk, mailProblems, progress] = await Promise.all([
      cycleDetail(hr, id),
      listCycleAppraisals(hr, id),
      overdueDecisions(hr, id),
      employeesAtRisk(hr, id),
      cycleMailProblems(hr, id),
      cycleProgress(hr, id),
    ]);
    const principal = c.get("principal");
    return c.html(
      <CyclePage
        principal={principal}
        cycle={cycle}
        appraisals={appraisals}
        overdue={overdue}
        atRisk={atRisk}
        mailProblems={mailProblems}
        notice={notice}
        canWrite={principal.roles.includes("hr")}
        progress={progress}
      />,
      status,
    );
  };

  // Before /cycles/:id, which would take "new" for a cycle id.
  registerCycleForm(app, hr);
  app.get("/cycles/:id", (c) => cyclePage(c, actionNotice(c)));

  app.post("/cycles/:id/org-rating", async (c) => {
    const parsed = v.safeParse(OrgRatingFormSchema, await c.req.parseBody(), parseConfig("id"));
    if (!parsed.success)
      return cyclePage(
        c,
        `Capaian organisasi tidak disimpan: ${parsed.issues.map((i) => `${ORG_RATING_FIELDS[v.getDotPath(i) ?? ""] ?? "Isian"}: ${i.message}`).join("; ")}`,
        400,
      );
    const principal = c.get("principal");
    try {
      await setOrgRating(
        hr,
        { cycleId: c.req.param("id"), unitId: parsed.output.unitId, rating: parsed.output.rating },
        actorOf(principal),
      );
    } catch (err) {
      if (err instanceof HrConflictError)
        return cyclePage(c, `Capaian organisasi tidak disimpan: ${err.text("id")}`, 409);
      throw err;
    }
    return c.redirect(`/dashboard/cycles/${encodeURIComponent(c.req.param("id"))}#distribusi`, 303);
  });

  registerAppraisalActions(app, { hr, ...(options.decisions ? { decisions: options.decisions } : {}) });
  registerFailedPage(app, hr);

  registerImportRoutes(app, hr);

  registerOverduePage(app, hr);

  app.get("/cycles/:id/export.csv", async (c) => {
    const query = v.safeParse(ExportQuerySchema, c.req.query());
    if (!query.success) return c.notFound();
    const { filename, csv } = await exportCycleCsv(hr, c.req.param("id"), query.output.format);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
    });
  });

  app.get("/templates/:kind", (c) => {
    const kind = c.req.param("kind").replace(/\.csv$/, "");
    if (!isCsvTemplateKind(kind)) return c.notFound();
    const { filename, csv } = csvTemplate(kind);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
    });
  });

  app.get("/appraisals/:id", async (c) =>
    c.html(
      <AppraisalPage
        principal={c.get("principal")}
        story={await appraisalStory(hr, c.req.param("id"))}
        notice={actionNotice(c)}
        now={hr.clock.now()}
      />,
    ),
  );

  return app;
}
