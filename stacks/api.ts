import { Stack } from "aws-cdk-lib";
import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import { Api as SstApi, use, type StackContext } from "sst/constructs";
import { StackConfigError } from "./errors";
import { createKinerjaFunction } from "./functions";
import { Mail } from "./mail";
import { stateMachineArnPrefix } from "./naming";
import { Secrets } from "./secrets";
import { useDeploySources } from "./sources";
import { readStageSettings, type StageSettings } from "./stage";
import { Storage } from "./storage";

/** Route keys of the HTTP API; HR routes sit behind the JWT authorizer, link routes are capability URLs. */
export const apiRoutes = {
  hr: ["ANY /api/{proxy+}"],
  links: ["GET /l/{token}", "HEAD /l/{token}", "POST /l/{token}"],
  public: ["GET /healthz", "GET /openapi.json"],
  /**
   * Everything else (the HR dashboard pages) reaches the app, which checks its own session cookie: API Gateway's
   * JWT authorizer reads only the Authorization header, which a browser page navigation does not send.
   */
  fallback: ["$default"],
} as const;

/**
 * The access log line of the HTTP API (JSON). It names the route key (`GET /l/{token}`), never the path: SST's default
 * format logs `$context.path`, which holds every signed link token, and the log is kept for a year in production.
 */
export const accessLogFormat = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  routeKey: "$context.routeKey",
  httpMethod: "$context.httpMethod",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationStatus: "$context.integrationStatus",
  sourceIp: "$context.identity.sourceIp",
  error: "$context.error.message",
  authorizerError: "$context.authorizer.error",
});

/** The HTTP API (API Gateway v2) in front of the one Hono Lambda. */
export function Api({ stack, app }: StackContext) {
  const settings = readStageSettings(app.stage);
  const { table } = use(Storage);
  const { linkSigningKey, dashboardSessionKey, dashboardClientSecret } = use(Secrets);
  const { mail } = use(Mail);
  const sources = useDeploySources();
  const machines = sources.stateMachines.map((m) => m.name);

  const handler = createKinerjaFunction(
    stack,
    "ApiHandler",
    {
      handler: sources.apiHandler,
      description: "kinerja HTTP API (Hono): HR API, link pages, dashboard",
      timeoutSeconds: 29,
      memoryMB: 1024,
      // The API launches and cancels cycles and decides links (task tokens). Its one mail is HR resending a pending
      // link (core hr/resend-link.ts): queued like the steps' mails (sqs:SendMessage on the mail queue only), so
      // it holds no ses:SendEmail; the sender alone calls SES.
      permissions: {
        table: "read-write",
        startExecution: machines,
        stopExecution: machines,
        sendTaskResponse: machines,
        sendEmail: true,
        linkSigningKey: true,
      },
    },
    { table, stage: app.stage, linkSigningKey, mail },
    {
      KINERJA_STAGE: app.stage,
      KINERJA_TABLE: table.tableName,
      KINERJA_STATE_MACHINE_ARN_PREFIX: stateMachineArnPrefix(Stack.of(stack), app.stage),
      KINERJA_OIDC_ISSUER: settings.oidc.issuer,
      KINERJA_OIDC_AUDIENCE: settings.oidc.audience.join(","),
      KINERJA_OIDC_ROLES_CLAIM: settings.oidc.rolesClaim,
      ...dashboardSignInEnv(settings.oidc.dashboard),
      KINERJA_MAIL_FROM: mail.from,
      KINERJA_SES_CONFIGURATION_SET: mail.configurationSetName,
      KINERJA_MAIL_QUEUE_URL: mail.queueUrl,
    },
  );

  // The dashboard's secrets, bound like the link-signing key: the template holds their names, the function gets
  // ssm:GetParameters on their parameters and reads the values at cold start (functions/api.ts).
  const dashboard = settings.oidc.dashboard;
  if (dashboard)
    handler.bind(
      dashboard.confidential ? [dashboardSessionKey, dashboardClientSecret] : [dashboardSessionKey],
    );

  const route = (authorizer: "oidc" | "none") => ({ function: handler, authorizer });
  const api = new SstApi(stack, "Http", {
    // Same-origin app: no browser on another origin may call it.
    cors: false,
    accessLog: {
      format: accessLogFormat,
      retention: settings.production ? "one_year" : "one_month",
    },
    authorizers: {
      oidc: { type: "jwt", jwt: { issuer: settings.oidc.issuer, audience: settings.oidc.audience } },
    },
    defaults: { throttle: settings.throttle },
    routes: Object.fromEntries([
      ...apiRoutes.hr.map((r) => [r, route("oidc")]),
      ...[...apiRoutes.links, ...apiRoutes.public, ...apiRoutes.fallback].map((r) => [r, route("none")]),
    ]),
  });

  for (const key of [...apiRoutes.links, ...apiRoutes.public, ...apiRoutes.fallback]) {
    const route = findRoute(api, key);
    NagSuppressions.addResourceSuppressions(
      route,
      [{ id: "AwsSolutions-APIG4", reason: publicRouteReason(key) }],
      true,
    );
  }

  const baseUrl = settings.baseUrl ?? api.url;
  handler.addEnvironment("KINERJA_BASE_URL", baseUrl);
  stack.addOutputs({ ApiUrl: api.url, BaseUrl: baseUrl });
  return { api, apiHandler: handler, baseUrl };
}

/** The dashboard's OIDC client settings as the API function reads them (functions/api.ts); none without a client. */
function dashboardSignInEnv(dashboard: StageSettings["oidc"]["dashboard"]): Record<string, string> {
  if (!dashboard) return {};
  return {
    KINERJA_OIDC_CLIENT_ID: dashboard.clientId,
    KINERJA_SESSION_HOURS: String(dashboard.sessionHours),
  };
}

function publicRouteReason(key: string): string {
  if (key.includes("/l/"))
    return "Link routes are capability URLs (DESIGN section 4): a random id plus an HMAC signature checked by the app; approvers have no account.";
  if (key === "$default")
    return "Dashboard pages: the app runs the OIDC sign-in and verifies its own encrypted session cookie; API Gateway's JWT authorizer reads only the Authorization header.";
  return "Health check and OpenAPI document are public by design and expose no data.";
}

/** SST names each route construct `Route_<method>_<path with / as -->`, a child of the Api construct. */
function findRoute(api: { node: IConstruct["node"] }, key: string): IConstruct {
  const id = key === "$default" ? "Route_default" : `Route_${key.replace(" ", "_").replaceAll("/", "--")}`;
  const route = api.node.tryFindChild(id);
  if (!route) throw new StackConfigError(`route ${key} was not created (looked for ${id})`);
  return route;
}
