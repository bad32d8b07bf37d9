// RecordLaunchPage: counts one page's started / already-existing executions and plans the next page.
import * as v from "valibot";
import { recordLaunchPage } from "@kinerja/core/launch/launch";
import { defineStep } from "../shared/step";

const Input = v.object({
  cycleId: v.pipe(v.string(), v.minLength(1, "cycleId is required")),
  launchName: v.pipe(v.string(), v.minLength(1, "launchName is required")),
  cursor: v.nullable(v.string()),
  nextCursor: v.nullable(v.string()),
  outcomes: v.array(v.object({ outcome: v.picklist(["started", "already-exists"]) })),
  pagesInExecution: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => recordLaunchPage(deps, input));
