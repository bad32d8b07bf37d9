// MarkPeriodicEvaluationFailed: records why a periodic evaluation failed.
import { MarkFailedInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { markPeriodicEvaluationFailed } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(MarkFailedInputSchema, (deps, input) =>
  markPeriodicEvaluationFailed(deps, input),
);
