import { Hono } from "hono";
import type { AppDeps } from "./deps";
import { outboxRoutes } from "./links/outbox-routes";
import { PAGE_CSS } from "./pages/styles";
import { problem } from "./problem";
import { linkRoutes } from "./links/link-routes";
import { onError } from "./errors/on-error";
import { AuthConfigError } from "./auth/auth.errors";
import { devIssuerRoutes } from "./auth/dev-issuer";
import { dashboardRoutes } from "./dashboard/dashboard-routes";
import { openApiHandler } from "./openapi";
import { hrRoutes } from "./api/hr-routes";
import { defaultWebLogger, provideLogger } from "./log";

/** Builds the kinerja Hono app; the same app runs in the API Lambda and the local dev server. */
export function createApp(deps: AppDeps = {}) {
  const app = new Hono();
  app.use("*", provideLogger(deps.log ?? defaultWebLogger()));
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/assets/kinerja.css", (c) =>
    c.body(PAGE_CSS, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    }),
  );
  if (deps.decisions) {
    app.route("/l", linkRoutes({ decisions: deps.decisions, rateLimit: deps.linkRateLimit }));
  }
  if (deps.outbox) app.route("/_local/mail", outboxRoutes(deps.outbox));
  if (deps.hr && !deps.auth)
    throw new AuthConfigError(
      "createApp: deps.hr needs deps.auth (the HR routes are never mounted without the JWT check)",
    );
  if (deps.hr && deps.auth) {
    app.route("/api", hrRoutes(deps.hr, deps.auth, deps.decisions));
    app.route(
      "/dashboard",
      dashboardRoutes({
        hr: deps.hr,
        auth: deps.auth,
        ...(deps.decisions ? { decisions: deps.decisions } : {}),
      }),
    );
    app.get("/", (c) => c.redirect("/dashboard", 302));
  }
  if (deps.devIssuer) app.route("/_local", devIssuerRoutes(deps.devIssuer));
  app.get("/openapi.json", openApiHandler(app as never));
  app.notFound((c) => problem(c, 404, "Not found"));
  app.onError(onError);
  return app;
}

/** The cloud's HR auth (OIDC bearer check and dashboard sign-in), built by the API Lambda (functions/api.ts). */
export { oidcAuth, type OidcAuthSettings } from "./auth/oidc-auth";
