// Lambda entry of the HTTP API: the same Hono app as the local dev server, with deps built once at cold start
// from functions/shared (storage, decision service, Step Functions control) and the OIDC settings of the stage.
import { SFNClient } from "@aws-sdk/client-sfn";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { handle } from "hono/aws-lambda";
import * as v from "valibot";
import { systemClock } from "@kinerja/core/clock/clock";
import { createSfnTaskCallbacks } from "@kinerja/core/decision/task-callbacks";
import { createLinkSigner } from "@kinerja/core/links/link-signer";
import { createSesMail } from "@kinerja/core/mail/ses-mail";
import { createSfnWorkflowControl } from "@kinerja/core/services/sfn-workflow-control.adapter";
import { liveDecisionContext } from "@kinerja/core/services/flow-context";
import { createJwtVerifier } from "../packages/web/src/auth/jwt-verifier";
import { createApp } from "../packages/web/src/app";
import { readStepConfig, requireLinkKeys, StepConfigError } from "./shared/config";
import { cloudStepDeps } from "./shared/deps";

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
});

/** Builds the app's deps from the environment (once per cold start); the API verifies links, so it needs the keys. */
export async function cloudApp(env: Record<string, string | undefined> = process.env) {
  const parsed = v.safeParse(ApiConfigSchema, env);
  if (!parsed.success)
    throw new StepConfigError(
      `invalid API configuration: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "env"}: ${i.message}`).join("; ")}`,
    );
  const config = parsed.output;
  const step = readStepConfig(env);
  const keys = await requireLinkKeys(env);
  const deps = await cloudStepDeps();
  const sfn = new SFNClient({
    region: step.AWS_REGION,
    ...(step.STATES_ENDPOINT ? { endpoint: step.STATES_ENDPOINT } : {}),
  });
  const verifier = createJwtVerifier({
    issuer: config.KINERJA_OIDC_ISSUER,
    audience: config.KINERJA_OIDC_AUDIENCE.split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    keys: config.KINERJA_OIDC_JWKS_URL ? { jwksUrl: config.KINERJA_OIDC_JWKS_URL } : { discover: true },
    rolesClaim: config.KINERJA_OIDC_ROLES_CLAIM,
    clock: systemClock,
  });
  const prefix = config.KINERJA_STATE_MACHINE_ARN_PREFIX;
  return createApp({
    decisions: {
      storage: { client: deps.storage.client, tableName: deps.storage.tableName },
      clock: systemClock,
      mail: createSesMail({
        client: new SESv2Client({ region: step.AWS_REGION }),
        from: step.KINERJA_MAIL_FROM,
      }),
      signer: createLinkSigner(keys),
      callbacks: createSfnTaskCallbacks(sfn),
      baseUrl: step.KINERJA_BASE_URL,
      liveContext: (d) => liveDecisionContext(deps, d),
    },
    hr: {
      storage: deps.storage,
      clock: systemClock,
      control: {
        store: deps.store,
        clock: systemClock,
        decisions: deps.decisions,
        control: createSfnWorkflowControl(sfn),
        stateMachines: { appraisal: `${prefix}appraisal`, launchCycle: `${prefix}launch-cycle` },
      },
    },
    auth: { verifier, secureCookies: true },
  });
}

/** API Gateway (HTTP API, payload 2.0) handler. */
export const handler = handle(await cloudApp());
