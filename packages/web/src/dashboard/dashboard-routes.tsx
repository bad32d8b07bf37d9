// The HR dashboard under /dashboard. Session flow (bearer-less, for browsers): the login page takes an HR token
// (the same OIDC JWT the API takes; locally the dev issuer mints one on a click), verifies it, and stores it in
// an HttpOnly, SameSite=Strict cookie scoped to /dashboard; every page verifies that cookie exactly as the API
// verifies a bearer token (issuer, audience, signature, expiry, role). Everything it says is Indonesian (the
// dictionary's `id` texts, whatever the browser's Accept-Language). Forms post only to us (CSP form-action,
// Origin check), so no other site can act with the cookie. The /api routes never accept the cookie.
import { csvTemplate, isCsvTemplateKind } from "@kinerja/core/imports/templates";
import { Hono, type Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import * as v from "valibot";
import { ORG_RATINGS } from "@kinerja/core/rating/rating";
import { UnitIdSchema } from "@kinerja/core/org/org.schema";
import { parseConfig, t } from "@kinerja/core/i18n/messages";
import {
  appraisalStory,
  cycleDetail,
  cycleMailProblems,
  employeesAtRisk,
  exportCycleCsv,
  listCycleAppraisals,
  overdueDecisions,
  setOrgRating,
  type HrDeps,
} from "@kinerja/core/services/hr/hr.service";
import { HrConflictError, HrNotFoundError } from "@kinerja/core/services/hr/hr.errors";
import { cycleProgress } from "@kinerja/core/services/hr/cycle-progress";
import { ExportQuerySchema } from "@kinerja/core/services/hr/hr.schema";
import { noStore, pageSecurityHeaders } from "../middleware/security-headers";
import { authorize, pageAuth, SESSION_COOKIE, type AuthOptions, type AuthVariables } from "../auth/hr-auth";
import { AuthConfigError, ForbiddenError, UnauthenticatedError } from "../auth/auth.errors";
import type { DevIssuer } from "../auth/dev-issuer";
import { DASHBOARD_CSS } from "./dashboard-css";
import { actionNotice, registerAppraisalActions } from "./appraisal-actions";
import type { DecisionDeps } from "@kinerja/core/decision/decision.service";
import { cycleOverviews } from "@kinerja/core/services/hr/cycle-overview";
import { registerCycleForm } from "./cycle-form";
import { registerImportPages } from "./import-pages";
import { AppraisalPage, CyclePage, CyclesPage, DashboardLayout, LoginPage } from "./pages";

/** Where the login page lives. */
export const LOGIN_PATH = "/dashboard/login";

/** How long a dashboard session cookie lives in the browser (the JWT's own expiry is checked on every request). */
export const SESSION_MAX_AGE_SECONDS = 8 * 3600;

/** Options of the dashboard routes. */
export interface DashboardOptions {
  hr: HrDeps;
  auth: AuthOptions;
  /** The link service's deps: HR's resend of a pending link mails with them (appraisal-actions.tsx). */
  decisions?: DecisionDeps;
  devIssuer?: DevIssuer;
}

// Only a path inside the dashboard may be a post-login target (no open redirect).
function safeNext(next: unknown): string {
  return typeof next === "string" &&
    /^\/dashboard(\/[A-Za-z0-9._~%/-]*)?(\?[A-Za-z0-9._~%&=-]*)?$/.test(next) &&
    !next.startsWith("//")
    ? next
    : "/dashboard";
}

function startSession(c: Context, options: AuthOptions, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/dashboard",
    secure: options.secureCookies ?? new URL(c.req.url).protocol === "https:",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

const NotFoundPage = (props: { message: string; title?: string }) => (
  <DashboardLayout title={props.title ?? "Tidak ditemukan"}>
    <h1>{props.title ?? "Tidak ditemukan"}</h1>
    <p class="notice">{props.message}</p>
    <p>
      <a href="/dashboard">Kembali ke dasbor</a>
    </p>
  </DashboardLayout>
);

const OrgRatingFormSchema = v.object({
  unitId: UnitIdSchema,
  rating: v.picklist(ORG_RATINGS, "pilih salah satu capaian organisasi dari daftar"),
});
// The form's fields as the page names them (messages name fields by label, never by path).
const ORG_RATING_FIELDS: Record<string, string> = { unitId: "Unit", rating: "Capaian organisasi" };

/** Builds the dashboard routes (mounted at /dashboard by createApp). */
export function dashboardRoutes(options: DashboardOptions) {
  const { hr, auth, devIssuer } = options;
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use("*", pageSecurityHeaders(), noStore(), csrf());
  app.onError((err, c) => {
    if (err instanceof HrNotFoundError) return c.html(<NotFoundPage message={err.text("id")} />, 404);
    // csrf() refuses a form posted from another origin with a bare 403; say why instead of falling through to a 500.
    if (err instanceof HTTPException && err.status === 403)
      return c.html(
        <NotFoundPage title="Permintaan ditolak" message={t("dashCrossSiteRefused", "id")} />,
        403,
      );
    if (err instanceof HTTPException) return err.getResponse();
    throw err;
  });

  app.get("/assets/dashboard.css", (c) =>
    c.body(DASHBOARD_CSS, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=3600",
    }),
  );

  app.get("/login", (c) => c.html(<LoginPage next={safeNext(c.req.query("next"))} dev={!!devIssuer} />));

  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const token = typeof form.token === "string" ? form.token.trim() : "";
    try {
      await authorize(auth.verifier, token || undefined, "GET");
    } catch (err) {
      if (err instanceof UnauthenticatedError || err instanceof ForbiddenError) {
        return c.html(
          <LoginPage
            next={next}
            dev={!!devIssuer}
            error={t("authRejected", "id", { reason: err.text("id") })}
          />,
          err instanceof ForbiddenError ? 403 : 401,
        );
      }
      if (err instanceof AuthConfigError)
        return c.html(
          <LoginPage next={next} dev={!!devIssuer} error={t("authKeysUnavailable", "id")} />,
          503,
        );
      throw err;
    }
    startSession(c, auth, token);
    return c.redirect(next, 303);
  });

  if (devIssuer) {
    // Local runtime only: mint a dev token for the chosen role and start the session with it.
    app.post("/login/dev", async (c) => {
      const form = await c.req.parseBody();
      const role = form.role === "viewer" ? "viewer" : "hr";
      startSession(c, auth, await devIssuer.sign({ role, ttl: "12h" }));
      return c.redirect(safeNext(form.next), 303);
    });
  }

  app.post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/dashboard" });
    return c.redirect(LOGIN_PATH, 303);
  });

  app.use("*", pageAuth(auth, LOGIN_PATH));

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
        { subject: principal.subject, ...(principal.name ? { name: principal.name } : {}) },
      );
    } catch (err) {
      if (err instanceof HrConflictError)
        return cyclePage(c, `Capaian organisasi tidak disimpan: ${err.text("id")}`, 409);
      throw err;
    }
    return c.redirect(`/dashboard/cycles/${encodeURIComponent(c.req.param("id"))}#distribusi`, 303);
  });

  registerImportPages(app, hr);

  registerAppraisalActions(app, { hr, ...(options.decisions ? { decisions: options.decisions } : {}) });

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
