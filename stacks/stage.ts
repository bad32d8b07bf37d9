import * as v from "valibot";
import { StackConfigError } from "./errors";

/** Stages whose data must survive a `sst remove` and an accidental delete. */
export const productionStages = ["prod", "production"] as const;

/** Whether a stage holds real data (deletion protection, RETAIN, longer log retention). */
export function isProductionStage(stage: string): boolean {
  return (productionStages as readonly string[]).includes(stage);
}

const httpsUrl = v.pipe(v.string(), v.url(), v.startsWith("https://", "must be an https URL"));

/** Per-stage settings read from the environment (set them in `.env.<stage>`, which SST loads). */
const StageSettingsSchema = v.object({
  /** OIDC issuer of HR tokens; API Gateway fetches its JWKS from `<issuer>/.well-known/openid-configuration`. */
  KINERJA_OIDC_ISSUER: httpsUrl,
  /** Comma-separated audiences an HR token may carry. */
  KINERJA_OIDC_AUDIENCE: v.pipe(v.string(), v.minLength(1)),
  /** Claim holding the roles (`hr`, `viewer`). */
  KINERJA_OIDC_ROLES_CLAIM: v.optional(v.pipe(v.string(), v.minLength(1)), "roles"),
  /** The dashboard's OIDC client (docs/deploy.md "Sign-in (OIDC)"); without it the dashboard takes bearer tokens only. */
  KINERJA_OIDC_CLIENT_ID: v.optional(v.pipe(v.string(), v.minLength(1))),
  /**
   * "true" for a public client that relies on PKCE alone (no DashboardOidcClientSecret bound); the client secret and
   * the session key are SST secrets (docs/deploy.md), never settings.
   */
  KINERJA_OIDC_PUBLIC_CLIENT: v.optional(v.picklist(["true", "false"], 'must be "true" or "false"'), "false"),
  /** How long a dashboard session lasts, in hours (absolute). */
  KINERJA_SESSION_HOURS: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)), "8"),
  /** Verified SES sender domain (or address) mail is sent from. */
  KINERJA_MAIL_FROM: v.pipe(v.string(), v.email()),
  /** HR's (pengelola kinerja) mailbox for overdue decisions nobody in the organisation can take over. */
  KINERJA_HR_EMAIL: v.optional(v.pipe(v.string(), v.email())),
  /** Mailbox (HR/ops) subscribed to the alarm topic; without it the alarms only show in CloudWatch. */
  KINERJA_ALARM_EMAIL: v.optional(v.pipe(v.string(), v.email())),
  /** Public base URL of the links in mails; defaults to the HTTP API URL. */
  KINERJA_BASE_URL: v.optional(httpsUrl),
  /** Steady-state request rate per second API Gateway lets through. */
  KINERJA_API_RATE: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)), "50"),
  /** Burst API Gateway lets through. */
  KINERJA_API_BURST: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)), "100"),
  /**
   * SES's maximum send rate of the account in this region (mails a second): 1 in the sandbox, 14 by default once
   * production access is granted, more on request. The mail queue's senders are paced to it (docs/scale.md).
   */
  KINERJA_SES_MAX_SEND_RATE: v.optional(
    v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)),
    "14",
  ),
  /**
   * The stage that creates the SES identity of the mail domain. An SES identity exists once per account, region and
   * domain: a second stage creating it fails its deploy (and removing that stage would delete the first one's
   * identity), so every other stage on the domain refers to it instead. Set this to the stage that deploys first
   * (e.g. `dev` in an account without production).
   */
  KINERJA_SES_IDENTITY_STAGE: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)), productionStages[0]),
});

/** The validated settings of one stage. */
export interface StageSettings {
  stage: string;
  production: boolean;
  oidc: {
    issuer: string;
    audience: string[];
    rolesClaim: string;
    /**
     * The dashboard's sign-in: client id and session hours (API environment); whether the client is confidential,
     * so the API is bound to the DashboardOidcClientSecret secret beside DashboardSessionKey.
     */
    dashboard?: { clientId: string; confidential: boolean; sessionHours: number };
  };
  mailFrom: string;
  mailDomain: string;
  /** Whether this stage creates the mail domain's SES identity (otherwise it uses the one its owner stage created). */
  ownsMailIdentity: boolean;
  hrEmail?: string;
  /** SES's maximum send rate (KINERJA_SES_MAX_SEND_RATE, mails a second). */
  sesMaxSendRate: number;
  /** Who the alarm topic mails (KINERJA_ALARM_EMAIL). */
  alarmEmail?: string;
  baseUrl?: string;
  throttle: { rate: number; burst: number };
}

/**
 * Placeholder settings for stages without a `.env.<stage>`: synthesis and the stack tests work, and a deploy of them
 * is still safe because the issuer below serves no keys, so every HR request is refused until the real values are set.
 */
export const exampleStageEnv: Record<string, string> = {
  KINERJA_OIDC_ISSUER: "https://issuer.example.invalid",
  KINERJA_OIDC_AUDIENCE: "kinerja",
  KINERJA_MAIL_FROM: "kinerja@example.invalid",
};

/** Settings that are SST secrets now: a value here would be written into the template in plain text. */
const MOVED_TO_SECRETS: Record<string, string> = {
  KINERJA_SESSION_KEY: "DashboardSessionKey",
  KINERJA_OIDC_CLIENT_SECRET: "DashboardOidcClientSecret",
};

/**
 * Reads and validates the stage settings once; production stages must set them explicitly,
 * other stages fall back to {@link exampleStageEnv}.
 */
export function readStageSettings(
  stage: string,
  env: Record<string, string | undefined> = process.env,
): StageSettings {
  const production = isProductionStage(stage);
  const source = production ? env : { ...exampleStageEnv, ...definedOnly(env) };
  const parsed = v.safeParse(StageSettingsSchema, source);
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => `${v.getDotPath(i) ?? "?"}: ${i.message}`).join("; ");
    throw new StackConfigError(`stage "${stage}" settings are invalid (${issues})`, { cause: parsed.issues });
  }
  const s = parsed.output;
  for (const [name, secret] of Object.entries(MOVED_TO_SECRETS))
    if (env[name])
      throw new StackConfigError(
        `stage "${stage}": ${name} is a secret now; remove it from the environment and .env.${stage} and run \`npx sst secrets set ${secret} <value> --stage ${stage}\``,
      );
  return {
    stage,
    production,
    oidc: {
      issuer: s.KINERJA_OIDC_ISSUER,
      audience: s.KINERJA_OIDC_AUDIENCE.split(",")
        .map((a) => a.trim())
        .filter(Boolean),
      rolesClaim: s.KINERJA_OIDC_ROLES_CLAIM,
      ...(s.KINERJA_OIDC_CLIENT_ID
        ? {
            dashboard: {
              clientId: s.KINERJA_OIDC_CLIENT_ID,
              confidential: s.KINERJA_OIDC_PUBLIC_CLIENT !== "true",
              sessionHours: s.KINERJA_SESSION_HOURS,
            },
          }
        : {}),
    },
    mailFrom: s.KINERJA_MAIL_FROM,
    mailDomain: s.KINERJA_MAIL_FROM.split("@")[1],
    ownsMailIdentity: s.KINERJA_SES_IDENTITY_STAGE === stage,
    sesMaxSendRate: s.KINERJA_SES_MAX_SEND_RATE,
    ...(s.KINERJA_HR_EMAIL ? { hrEmail: s.KINERJA_HR_EMAIL } : {}),
    ...(s.KINERJA_ALARM_EMAIL ? { alarmEmail: s.KINERJA_ALARM_EMAIL } : {}),
    baseUrl: s.KINERJA_BASE_URL,
    throttle: { rate: s.KINERJA_API_RATE, burst: s.KINERJA_API_BURST },
  };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
  );
}
