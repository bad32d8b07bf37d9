// StartPeriodicEvaluation: checks the cycle and period and records the run as running.
import { CyclePeriodInputSchema } from "@kinerja/core/services/periodic/periodic.schema";
import { startPeriodicEvaluation } from "@kinerja/core/services/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(CyclePeriodInputSchema, (deps, input) =>
  startPeriodicEvaluation(deps, input),
);
