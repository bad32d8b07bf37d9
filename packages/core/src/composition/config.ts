// The environment the handlers read, validated once at cold start (Lambda) or at start (the local runtime, which
// reads HR's contact with the same rules). The link-signing keyring and the other SST secrets are not part of it:
// functions/shared/secrets.ts reads those, only in the handlers that need them.
import * as v from "valibot";

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
