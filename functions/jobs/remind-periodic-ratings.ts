// RemindPeriodicRatings: the daily follow-up of the appraising officials' periodic rating links (reminder, expiry).
import { RemindRatingsInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { remindPeriodicRatings } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(RemindRatingsInputSchema, (deps, input) =>
  remindPeriodicRatings(deps, input),
);
