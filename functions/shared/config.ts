// Step-handler configuration from the environment, validated once at cold start.
import * as v from "valibot";

/** The environment every step Lambda reads. */
export const StepConfigSchema = v.object({
  KINERJA_TABLE: v.pipe(v.string("KINERJA_TABLE is required"), v.minLength(1, "KINERJA_TABLE is required")),
  DYNAMODB_ENDPOINT: v.optional(v.pipe(v.string(), v.url("DYNAMODB_ENDPOINT must be a URL"))),
  STATES_ENDPOINT: v.optional(v.pipe(v.string(), v.url("STATES_ENDPOINT must be a URL"))),
  KINERJA_BASE_URL: v.pipe(v.string("KINERJA_BASE_URL is required"), v.url("KINERJA_BASE_URL must be a URL")),
  KINERJA_LINK_KEYS: v.pipe(
    v.string("KINERJA_LINK_KEYS is required (the link-signing keyring JSON)"),
    v.minLength(2),
  ),
  KINERJA_MAIL_FROM: v.optional(
    v.pipe(v.string(), v.email("KINERJA_MAIL_FROM must be an e-mail address")),
    "kinerja@localhost",
  ),
  AWS_REGION: v.optional(v.string(), "ap-southeast-3"),
});

/** Validated step configuration. */
export type StepConfig = v.InferOutput<typeof StepConfigSchema>;

/** Raised at cold start when the environment is incomplete; names every bad variable. */
export class StepConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepConfigError";
  }
}

/** Parses the environment (once per cold start; callers cache the result). */
export function readStepConfig(env: Record<string, string | undefined> = process.env): StepConfig {
  const parsed = v.safeParse(StepConfigSchema, env);
  if (!parsed.success) {
    throw new StepConfigError(
      `invalid step configuration: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "env"}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.output;
}
