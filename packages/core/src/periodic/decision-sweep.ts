// The daily redelivery sweep: decided-but-undelivered decisions (a click whose SendTaskSuccess failed) are handed to
// their waiting workflow task again. Without it such a decision would wait for the workflow's next reminder or
// escalation round (openDecision delivers the stored outcome to the new token), i.e. up to reminderAfterDays.
import * as v from "valibot";
import { redeliverPending } from "../decision/decision-delivery";
import type { DecisionDeps } from "../decision/decision-deps";
import { InvalidJobInputError, PeriodicError } from "./periodic.errors";

/** The runtime did not provide what delivering a decision needs (mail, link signer, task callbacks, base URL). */
export class RedeliveryNotConfiguredError extends PeriodicError {}

/** Input of RedeliverPendingDecisions (the schedule's static input plus `scheduledTime`). */
export const RedeliverInputSchema = v.object({
  scheduledTime: v.optional(v.pipe(v.string(), v.isoTimestamp("must be an ISO 8601 timestamp"))),
  limit: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000, "at most 1000 per run")),
    500,
  ),
});

/** RedeliverPendingDecisions: retries delivery of every decided-but-undelivered decision (H5's redeliverPending). */
export async function redeliverUndeliveredDecisions(
  deps: DecisionDeps | undefined,
  input: unknown,
): Promise<{ attempted: number; delivered: number; skipped: number }> {
  const parsed = v.safeParse(RedeliverInputSchema, input);
  if (!parsed.success) {
    throw new InvalidJobInputError(
      `RedeliverPendingDecisions: bad input: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "(input)"}: ${i.message}`).join("; ")}`,
    );
  }
  if (!deps) {
    throw new RedeliveryNotConfiguredError(
      "decision redelivery needs the decision deps (mail, link signer, task callbacks, base URL) in the runtime deps as `decision`",
    );
  }
  return redeliverPending(deps, { limit: parsed.output.limit });
}
