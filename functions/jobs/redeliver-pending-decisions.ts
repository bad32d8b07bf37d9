// RedeliverPendingDecisions: the daily sweep handing decided-but-undelivered decisions to their waiting tasks.
import {
  RedeliverInputSchema,
  redeliverUndeliveredDecisions,
} from "@kinerja/core/periodic/decision-sweep";
import { defineRuntimeJob } from "./job";

/** Job handler (see defineRuntimeJob). */
export const { createHandler, handler } = defineRuntimeJob(RedeliverInputSchema, (deps, input) =>
  redeliverUndeliveredDecisions(
    deps.decision
      ? {
          ...deps.decision,
          storage: { client: deps.storage.client, tableName: deps.storage.tableName },
          clock: deps.clock,
        }
      : undefined,
    input,
  ),
);
