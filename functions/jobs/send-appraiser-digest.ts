// SendAppraiserDigest: ONE digest mail per appraising official and period.
import { SendDigestInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { sendAppraiserDigest } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(SendDigestInputSchema, (deps, input) =>
  sendAppraiserDigest(deps, input),
);
