// ListDigestRecipients: the appraising officials with results in the period.
import { CyclePeriodInputSchema } from "@kinerja/core/services/periodic/periodic.schema";
import { listDigestRecipients } from "@kinerja/core/services/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(CyclePeriodInputSchema, (deps, input) =>
  listDigestRecipients(deps, input),
);
