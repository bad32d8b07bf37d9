// RedeliverPendingDecisions: the daily sweep handing decided-but-undelivered decisions to their waiting tasks.
import { RedeliverInputSchema, redeliverUndeliveredDecisions } from "@kinerja/core/periodic/decision-sweep";
import { decisionDepsOf } from "@kinerja/core/composition/step-deps";
import { defineRuntimeJob } from "./job";

/** Job handler (see defineRuntimeJob). */
export const { createHandler, handler } = defineRuntimeJob(RedeliverInputSchema, (deps, input) =>
  redeliverUndeliveredDecisions(
    deps.decision ? decisionDepsOf({ ...deps, decision: deps.decision }) : undefined,
    input,
  ),
);
