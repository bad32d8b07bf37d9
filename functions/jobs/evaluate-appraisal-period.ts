// EvaluateAppraisalPeriod: snapshot, periodic result (once per period) and coaching dialogue of one appraisal.
import { EvaluateAppraisalInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { evaluateAppraisal } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(EvaluateAppraisalInputSchema, (deps, input) =>
  evaluateAppraisal(deps, input),
);
