// FinishPeriodicEvaluation: closes the run with its counts.
import { CyclePeriodInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { finishPeriodicEvaluation } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(CyclePeriodInputSchema, (deps, input) =>
  finishPeriodicEvaluation(deps, input),
);
