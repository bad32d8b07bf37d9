// RecordMailEvent: SES's bounce, complaint, reject and delivery-delay events (EventBridge rule on the configuration
// set's events, stacks/mail.ts; locally the outbox's simulated events) recorded against the appraisal and decision
// the mail was about. Needs only the table: no link keys, no mail, no Step Functions.
import * as v from "valibot";
import { systemClock, type Clock } from "@kinerja/core/clock/clock";
import { createStorage, type Storage } from "@kinerja/core/storage/storage";
import { recordMailEvent, type MailEventOutcome } from "@kinerja/core/mail/delivery-problem";
import { cloudObservability, localObservabilityOnce, type Observability } from "../shared/observability";

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

/**
 * `createHandler(deps)` for the local runtime and tests; `handler` for Lambda. Dropped events are logged through the
 * logger port (one JSON line in Lambda, which CloudWatch Logs Insights reads; quiet locally).
 */
export function createHandler(
  getDeps: () => MailEventRuntimeDeps | Promise<MailEventRuntimeDeps>,
  obs: () => Observability = localObservabilityOnce(),
): (event: unknown, context?: object) => Promise<MailEventOutcome> {
  return async (event) => {
    const deps = await getDeps();
    const log = obs().logger.child({ function: "record-mail-event" });
    return recordMailEvent(
      { storage: deps.storage, clock: deps.clock, warn: (message, data) => log.warn(message, data) },
      event,
    );
  };
}

/** The Lambda handler (EventBridge target). */
export const handler = createHandler(cloudDeps, cloudObservability);
