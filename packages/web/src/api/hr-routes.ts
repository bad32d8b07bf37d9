// The HR API of DESIGN.md section 3 under /api: the bearer-token guard, then the routes per resource family
// (cycles.ts, imports.ts, org.ts, appraisals.ts). Valibot at every edge (validate.ts; /openapi.json is generated
// from the same schemas, openapi-docs.ts); errors are thrown and answered as problem+json by errors/on-error.tsx.
import { Hono } from "hono";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import type { DecisionDeps } from "@kinerja/core/decision/decision-deps";
import { apiAuth, type AuthOptions, type AuthVariables } from "../auth/hr-auth";
import { registerAppraisalRoutes } from "./appraisals";
import { registerCycleRoutes } from "./cycles";
import { registerImportRoutes } from "./imports";
import { registerOrgRoutes } from "./org";

/** Builds the HR routes (mounted at /api by createApp); `decisions` (the link service's deps) mails resent links. */
export function hrRoutes(deps: HrDeps, auth: AuthOptions, decisions?: DecisionDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use("*", apiAuth(auth));
  registerImportRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerCycleRoutes(app, deps);
  registerAppraisalRoutes(app, deps, decisions);
  return app;
}
