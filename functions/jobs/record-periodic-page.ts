// RecordPeriodicPage: one page's counts of a periodic-evaluation run, and what comes next (continue-as-new included).
import { RecordPageInputSchema } from "@kinerja/core/periodic/periodic.schema";
import { recordPeriodicPage } from "@kinerja/core/periodic/periodic.service";
import { defineJob } from "./job";

/** Job handler (see defineJob). */
export const { createHandler, handler } = defineJob(RecordPageInputSchema, (deps, input) =>
  recordPeriodicPage(deps, input),
);
