// Step-handler configuration from the environment, validated once at cold start. The link-signing keyring is not
// part of it: only the handlers that sign links or mail decisions need it (readLinkKeys), so the others cold-start
// without it. In the cloud it comes from the SST secret `LinkSigningKey` bound to those functions; KINERJA_LINK_KEYS
// (the same JSON) overrides it, e.g. for tests, benches or a self-hosted deployment.
import * as v from "valibot";
import type { LinkKeyring } from "@kinerja/core/links/link-signer";
import { parseLinkKeys } from "@kinerja/core/links/link-keys";

/** The environment every step Lambda reads. */
export const StepConfigSchema = v.object({
  KINERJA_TABLE: v.pipe(v.string("KINERJA_TABLE is required"), v.minLength(1, "KINERJA_TABLE is required")),
  DYNAMODB_ENDPOINT: v.optional(v.pipe(v.string(), v.url("DYNAMODB_ENDPOINT must be a URL"))),
  STATES_ENDPOINT: v.optional(v.pipe(v.string(), v.url("STATES_ENDPOINT must be a URL"))),
  KINERJA_BASE_URL: v.pipe(v.string("KINERJA_BASE_URL is required"), v.url("KINERJA_BASE_URL must be a URL")),
  // The stacks always set it; the default (the stacks' own non-production default) passes the same check.
  KINERJA_MAIL_FROM: v.optional(
    v.pipe(v.string(), v.email("KINERJA_MAIL_FROM must be an e-mail address")),
    "kinerja@example.invalid",
  ),
  // The stage's SES configuration set, named on every mail so its bounces and complaints reach the mail-event handler
  // (stacks/mail.ts); only the identity's owner stage would get them through the identity's default set.
  KINERJA_SES_CONFIGURATION_SET: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[A-Za-z0-9_-]{1,64}$/, "KINERJA_SES_CONFIGURATION_SET must be an SES configuration set name"),
    ),
  ),
  AWS_REGION: v.optional(v.string(), "ap-southeast-3"),
  // The mail queue (stacks/mail.ts): set, every mail is queued and the sender Lambda sends it paced to the SES quota;
  // unset (the local runtime, a self-hosted deployment without SQS), mail goes to the provider directly.
  KINERJA_MAIL_QUEUE_URL: v.optional(v.pipe(v.string(), v.url("KINERJA_MAIL_QUEUE_URL must be a URL"))),
  // HR's (pengelola kinerja) mailbox: told when an overdue decision has nobody above to take it (no superior of the
  // appraiser, an objection decision). Without it those notices are not sent (the person asked is still reminded).
  KINERJA_HR_EMAIL: v.optional(
    v.pipe(v.string(), v.trim(), v.email("KINERJA_HR_EMAIL must be an e-mail address")),
  ),
  KINERJA_HR_NAME: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
    "Pengelola Kinerja",
  ),
});

const positiveInt = (name: string, min: number) =>
  v.pipe(
    v.string(`${name} is required`),
    v.transform(Number),
    v.integer(`${name} must be a whole number`),
    v.minValue(min, `${name} must be at least ${min}`),
  );

/** The environment of the queued-mail sender (functions/jobs/send-queued-mail.ts); the stacks set every variable. */
export const MailSenderConfigSchema = v.object({
  ...v.pick(StepConfigSchema, [
    "KINERJA_TABLE",
    "DYNAMODB_ENDPOINT",
    "STATES_ENDPOINT",
    "AWS_REGION",
    "KINERJA_MAIL_FROM",
  ]).entries,
  KINERJA_SES_CONFIGURATION_SET: StepConfigSchema.entries.KINERJA_SES_CONFIGURATION_SET.wrapped,
  KINERJA_MAIL_QUEUE_URL: StepConfigSchema.entries.KINERJA_MAIL_QUEUE_URL.wrapped,
  /** SES's maximum send rate of the account and region (mails a second; 14 when production access is granted). */
  KINERJA_SES_MAX_SEND_RATE: positiveInt("KINERJA_SES_MAX_SEND_RATE", 1),
  /** How many senders run at once (the event source's maximum concurrency, at least SQS's minimum of 2). */
  KINERJA_MAIL_SENDER_CONCURRENCY: positiveInt("KINERJA_MAIL_SENDER_CONCURRENCY", 2),
});

/** Validated sender configuration. */
export type MailSenderConfig = v.InferOutput<typeof MailSenderConfigSchema>;

/** Parses the sender's environment (once per cold start). */
export function readMailSenderConfig(
  env: Record<string, string | undefined> = process.env,
): MailSenderConfig {
  const parsed = v.safeParse(MailSenderConfigSchema, env);
  if (!parsed.success)
    throw new StepConfigError(`invalid mail sender configuration: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

/** Validated step configuration. */
export type StepConfig = v.InferOutput<typeof StepConfigSchema>;

/** Raised at cold start when the environment is incomplete; names every bad variable. */
export class StepConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StepConfigError";
  }
}

/** One line per bad variable; a missing one says so (valibot's own text for a missing key is generic). */
function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .map((i) => {
      const name = v.getDotPath(i) ?? "env";
      return i.input === undefined ? `${name}: ${name} is required` : `${name}: ${i.message}`;
    })
    .join("; ");
}

/** HR's contact from a validated configuration, or undefined when KINERJA_HR_EMAIL is not set. */
export function hrContactOf(config: Pick<StepConfig, "KINERJA_HR_EMAIL" | "KINERJA_HR_NAME">) {
  return config.KINERJA_HR_EMAIL
    ? { name: config.KINERJA_HR_NAME, email: config.KINERJA_HR_EMAIL }
    : undefined;
}

/** The HR contact the local runtime uses when KINERJA_HR_EMAIL is not set (the demo regency's staffing office). */
export const LOCAL_HR_EMAIL = "kepegawaian@salorkab.go.id";

/**
 * Reads HR's contact for the local runtime: KINERJA_HR_EMAIL (and KINERJA_HR_NAME) validated like the cloud's, else
 * {@link LOCAL_HR_EMAIL}. A bad value is a StepConfigError naming the variable.
 */
export function readLocalHrContact(env: Record<string, string | undefined> = process.env) {
  const schema = v.object({
    KINERJA_HR_EMAIL: v.optional(StepConfigSchema.entries.KINERJA_HR_EMAIL.wrapped, LOCAL_HR_EMAIL),
    KINERJA_HR_NAME: StepConfigSchema.entries.KINERJA_HR_NAME,
  });
  const parsed = v.safeParse(schema, {
    KINERJA_HR_EMAIL: env.KINERJA_HR_EMAIL || undefined,
    KINERJA_HR_NAME: env.KINERJA_HR_NAME || undefined,
  });
  if (!parsed.success)
    throw new StepConfigError(`invalid step configuration: ${describeIssues(parsed.issues)}`);
  return { name: parsed.output.KINERJA_HR_NAME, email: parsed.output.KINERJA_HR_EMAIL };
}

/** Parses the environment (once per cold start; callers cache the result). */
export function readStepConfig(env: Record<string, string | undefined> = process.env): StepConfig {
  const parsed = v.safeParse(StepConfigSchema, env);
  if (!parsed.success)
    throw new StepConfigError(`invalid step configuration: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

/**
 * The names of the stage's SST secrets (`npx sst secrets set <name> <value> --stage <stage>`, docs/deploy.md); the
 * stacks create and bind them under these names and the functions read them by these names.
 */
export const SECRET_NAMES = {
  linkSigningKey: "LinkSigningKey",
  dashboardSessionKey: "DashboardSessionKey",
  dashboardClientSecret: "DashboardOidcClientSecret",
} as const;

/** The variable SST v2 sets on a function bound to the Config.Secret `name` (SST_<construct>_<prop>_<id>). */
export const secretEnv = (name: string) => `SST_Secret_value_${name}`;

/** The variable of the bound `LinkSigningKey` secret. */
export const LINK_SECRET_ENV = secretEnv(SECRET_NAMES.linkSigningKey);

/** Reads a bound secret's value; SST's sst/node/config fetches "__FETCH_FROM_SSM__" values from SSM on import. */
export type SecretLoader = (name: string) => Promise<string | undefined>;

const loadSstSecret: SecretLoader = async (name) => {
  const { Config } = (await import("sst/node/config")) as unknown as {
    Config: Record<string, string | undefined>;
  };
  return Config[name];
};

/** How errors name a bound secret. */
export const secretSource = (name: string) => `the ${name} secret (${secretEnv(name)})`;

/**
 * The value of the Config.Secret `name` bound to this function (read once at cold start by the caller): undefined
 * when the function is not bound to it; outside a deployed function (sst dev, tests) the value itself may be in the
 * variable. A secret that cannot be fetched is a StepConfigError naming it.
 */
export async function readBoundSecret(
  name: string,
  env: Record<string, string | undefined> = process.env,
  loadSecret: SecretLoader = loadSstSecret,
): Promise<string | undefined> {
  const raw = env[secretEnv(name)];
  if (raw === undefined) return undefined;
  if (raw && !raw.startsWith("__FETCH_FROM_")) return raw;
  try {
    return await loadSecret(name);
  } catch (err) {
    throw new StepConfigError(`${secretSource(name)} could not be read: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * The link-signing keyring, from KINERJA_LINK_KEYS or else the bound SST secret `LinkSigningKey`; undefined when
 * neither is configured (a handler that does not sign links). A value that is there but unusable is a StepConfigError
 * naming its source.
 */
export async function readLinkKeys(
  env: Record<string, string | undefined> = process.env,
  loadSecret: SecretLoader = loadSstSecret,
): Promise<LinkKeyring | undefined> {
  let source: string;
  let text: string | undefined;
  if (env.KINERJA_LINK_KEYS !== undefined && env.KINERJA_LINK_KEYS !== "") {
    source = "KINERJA_LINK_KEYS";
    text = env.KINERJA_LINK_KEYS;
  } else if (env[LINK_SECRET_ENV] !== undefined) {
    source = secretSource(SECRET_NAMES.linkSigningKey);
    text = await readBoundSecret(SECRET_NAMES.linkSigningKey, env, loadSecret);
    if (!text)
      throw new StepConfigError(`${source} is empty; set it with \`npx sst secrets set LinkSigningKey\``);
  } else return undefined;
  try {
    return parseLinkKeys(text);
  } catch (err) {
    throw new StepConfigError(`${source}: ${(err as Error).message}`, { cause: err });
  }
}

/** readLinkKeys for a handler that signs links or mails decisions: neither source configured is a StepConfigError. */
export async function requireLinkKeys(
  env: Record<string, string | undefined> = process.env,
  loadSecret: SecretLoader = loadSstSecret,
): Promise<LinkKeyring> {
  const keys = await readLinkKeys(env, loadSecret);
  if (!keys)
    throw new StepConfigError(
      `link-signing keys are missing: set KINERJA_LINK_KEYS or bind the LinkSigningKey secret (${LINK_SECRET_ENV}) to this function`,
    );
  return keys;
}
