// FindDuePeriodicEvaluations: the cycle periods whose periodic evaluation is due by the scheduled time.
import { FindDueInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { findDueEvaluations } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(FindDueInputSchema, (deps, input) =>
  findDueEvaluations(deps, input),
);
