// StartPeriodicEvaluation: checks the cycle and period and records the run as running.
import { StartRunInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { startPeriodicEvaluation } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(StartRunInputSchema, (deps, input) =>
  startPeriodicEvaluation(deps, input),
);
