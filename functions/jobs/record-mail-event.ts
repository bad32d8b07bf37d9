// RecordMailEvent: SES's bounce, complaint, reject and delivery-delay events (EventBridge rule on the configuration
// set's events, stacks/mail.ts; locally the outbox's simulated events) recorded against the appraisal and decision
// the mail was about. Needs only the table: no link keys, no mail, no Step Functions.
import * as v from "valibot";
import { systemClock, type Clock } from "@kinerja/core/clock/clock";
import { createStorage, type Storage } from "@kinerja/core/storage/storage";
import { recordMailEvent, type MailEventOutcome } from "@kinerja/core/mail/delivery-problem";

/** What the handler needs (the local runtime passes its step deps, which have both). */
export interface MailEventRuntimeDeps {
  storage: Storage;
  clock: Clock;
}

const EnvSchema = v.object({
  KINERJA_TABLE: v.pipe(v.string("KINERJA_TABLE is required"), v.minLength(1, "KINERJA_TABLE is required")),
  DYNAMODB_ENDPOINT: v.optional(v.pipe(v.string(), v.url("DYNAMODB_ENDPOINT must be a URL"))),
  AWS_REGION: v.optional(v.string(), "ap-southeast-3"),
});

let cloud: MailEventRuntimeDeps | undefined;

/** The cloud deps: the table only, from the environment validated at cold start. */
function cloudDeps(): MailEventRuntimeDeps {
  if (!cloud) {
    const env = v.parse(EnvSchema, process.env);
    cloud = {
      storage: createStorage({
        tableName: env.KINERJA_TABLE,
        endpoint: env.DYNAMODB_ENDPOINT,
        region: env.AWS_REGION,
        clock: systemClock,
      }),
      clock: systemClock,
    };
  }
  return cloud;
}

// Dropped events are logged as one JSON line (CloudWatch Logs Insights reads the fields).
const warn = (message: string, data: Record<string, unknown>) =>
  console.warn(
    JSON.stringify({ level: "WARN", service: "kinerja", handler: "record-mail-event", message, ...data }),
  );

/** `createHandler(deps)` for the local runtime and tests; `handler` for Lambda. */
export function createHandler(
  getDeps: () => MailEventRuntimeDeps | Promise<MailEventRuntimeDeps>,
): (event: unknown, context?: object) => Promise<MailEventOutcome> {
  return async (event) => {
    const deps = await getDeps();
    return recordMailEvent({ storage: deps.storage, clock: deps.clock, warn }, event);
  };
}

/** The Lambda handler (EventBridge target). */
export const handler = createHandler(cloudDeps);
