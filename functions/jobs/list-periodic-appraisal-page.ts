// ListPeriodicAppraisalPage: one page of a cycle's live appraisals.
import { AppraisalPageInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { listAppraisalPage } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(AppraisalPageInputSchema, (deps, input) =>
  listAppraisalPage(deps, input),
);
