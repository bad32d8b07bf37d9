// ListDigestRecipients: one page of the appraising officials with results in the period.
import { DigestRecipientPageInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { listDigestRecipients } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(DigestRecipientPageInputSchema, (deps, input) =>
  listDigestRecipients(deps, input),
);
