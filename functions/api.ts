// Lambda entry of the HTTP API: the same Hono app as the local dev server, its services built once at cold start by
// the composition root (packages/core/src/composition) from the shared cloud parts (functions/shared/deps.ts), plus
// the OIDC settings of the stage. Its one mail is HR resending a pending link, queued through the shared parts' mail
// port (KINERJA_MAIL_QUEUE_URL).
import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";
import * as v from "valibot";
import { systemClock } from "@kinerja/core/clock/clock";
import { createAppServices } from "@kinerja/core/composition/app-deps";
import { readStepConfig, StepConfigError } from "@kinerja/core/composition/config";
import type { Logger } from "@kinerja/core/log/logger";
import { createApp, oidcAuth } from "@kinerja/web/app";
import { stateMachines } from "../workflows/registry";
import { cloudPartsOnce, cloudStepDeps } from "./shared/deps";
import { cloudObservability } from "./shared/observability";
import {
  readBoundSecret,
  requireLinkKeys,
  SECRET_NAMES,
  secretSource,
  type SecretLoader,
} from "./shared/secrets";

/** The API's own environment (beside the step configuration): OIDC issuer, audience, roles claim, machine ARNs. */
export const ApiConfigSchema = v.object({
  KINERJA_STATE_MACHINE_ARN_PREFIX: v.pipe(
    v.string("KINERJA_STATE_MACHINE_ARN_PREFIX is required"),
    v.startsWith("arn:", "KINERJA_STATE_MACHINE_ARN_PREFIX must be an ARN prefix"),
  ),
  KINERJA_OIDC_ISSUER: v.pipe(
    v.string("KINERJA_OIDC_ISSUER is required"),
    v.url("KINERJA_OIDC_ISSUER must be a URL"),
  ),
  KINERJA_OIDC_AUDIENCE: v.pipe(
    v.string("KINERJA_OIDC_AUDIENCE is required"),
    v.minLength(1, "KINERJA_OIDC_AUDIENCE is required"),
  ),
  KINERJA_OIDC_ROLES_CLAIM: v.optional(v.pipe(v.string(), v.minLength(1)), "roles"),
  /** Optional: the JWKS URL; without it the issuer's OIDC discovery document names it. */
  KINERJA_OIDC_JWKS_URL: v.optional(v.pipe(v.string(), v.url("KINERJA_OIDC_JWKS_URL must be a URL"))),
  /** The dashboard's OIDC client (docs/deploy.md "Sign-in (OIDC)"); without it /dashboard takes bearer tokens only. */
  KINERJA_OIDC_CLIENT_ID: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Scopes the dashboard asks for (default `openid profile email`; Keycloak/Entra put roles in the ID token). */
  KINERJA_OIDC_SCOPES: v.optional(v.pipe(v.string(), v.minLength(1))),
  KINERJA_SESSION_HOURS: v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.integer("KINERJA_SESSION_HOURS must be whole hours"),
      v.minValue(1),
    ),
    "8",
  ),
});

/**
 * The dashboard's secrets, read once at cold start from the SST secrets bound to the API (stacks/api.ts): the session
 * key, and the client secret when the stage's client is confidential (not bound for a public client with PKCE alone).
 */
export async function readDashboardSecrets(
  env: Record<string, string | undefined> = process.env,
  loadSecret?: SecretLoader,
): Promise<{ sessionKey?: string; clientSecret?: string }> {
  const sessionKey = await readBoundSecret(SECRET_NAMES.dashboardSessionKey, env, loadSecret);
  const clientSecret = await readBoundSecret(SECRET_NAMES.dashboardClientSecret, env, loadSecret);
  return {
    ...(sessionKey ? { sessionKey } : {}),
    ...(clientSecret ? { clientSecret } : {}),
  };
}

/** Builds the app's deps from the environment (once per cold start); the API verifies links, so it needs the keys. */
export async function cloudApp(
  env: Record<string, string | undefined> = process.env,
  log: Logger = cloudObservability().logger,
) {
  const parsed = v.safeParse(ApiConfigSchema, env);
  if (!parsed.success)
    throw new StepConfigError(
      `invalid API configuration: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "env"}: ${i.message}`).join("; ")}`,
    );
  const config = parsed.output;
  const step = readStepConfig(env);
  // Refused at cold start without keys: the API verifies every link (the shared parts' signer uses the same keys).
  await requireLinkKeys(env);
  const dashboardSecrets = await readDashboardSecrets(env);
  const parts = await cloudPartsOnce();
  const prefix = config.KINERJA_STATE_MACHINE_ARN_PREFIX;
  // The shared parts' mail port (the mail queue): only HR's resend of a pending link mails through it.
  const services = createAppServices(
    { ...parts, stateMachineArn: (machine) => `${prefix}${stateMachines[machine].name}` },
    await cloudStepDeps(),
  );
  const auth = oidcAuth(
    {
      issuer: config.KINERJA_OIDC_ISSUER,
      audience: config.KINERJA_OIDC_AUDIENCE.split(",")
        .map((a) => a.trim())
        .filter(Boolean),
      ...(config.KINERJA_OIDC_JWKS_URL ? { jwksUrl: config.KINERJA_OIDC_JWKS_URL } : {}),
      rolesClaim: config.KINERJA_OIDC_ROLES_CLAIM,
      clock: systemClock,
      ...(config.KINERJA_OIDC_CLIENT_ID
        ? {
            dashboard: {
              clientId: config.KINERJA_OIDC_CLIENT_ID,
              ...(dashboardSecrets.clientSecret ? { clientSecret: dashboardSecrets.clientSecret } : {}),
              ...(config.KINERJA_OIDC_SCOPES ? { scopes: config.KINERJA_OIDC_SCOPES } : {}),
              ...(dashboardSecrets.sessionKey ? { sessionKey: dashboardSecrets.sessionKey } : {}),
              sessionKeySource: secretSource(SECRET_NAMES.dashboardSessionKey),
              sessionSeconds: config.KINERJA_SESSION_HOURS * 3600,
              baseUrl: step.KINERJA_BASE_URL,
            },
          }
        : {}),
    },
    log,
  );
  return createApp({ decisions: services.decisions, hr: services.hr, auth, log });
}

const app = handle(await cloudApp());

/**
 * API Gateway (HTTP API, payload 2.0) handler: every log line of the request carries API Gateway's request id (the
 * access log's `requestId`), the Lambda request id and the route key (never the path: it may hold a link token).
 */
export async function handler(event: LambdaEvent, context: LambdaContext) {
  const { root } = cloudObservability();
  root.resetKeys();
  root.appendKeys({
    requestId:
      event.requestContext && "requestId" in event.requestContext
        ? event.requestContext.requestId
        : undefined,
    awsRequestId: context.awsRequestId,
    routeKey: "routeKey" in event ? event.routeKey : undefined,
  });
  return app(event, context);
}
