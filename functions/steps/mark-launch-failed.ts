// MarkLaunchFailed: records on the cycle why the launch stopped.
import * as v from "valibot";
import { markLaunchFailed } from "@kinerja/core/launch/launch";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({
  cycleId: v.pipe(v.string(), v.minLength(1, "cycleId is required")),
  error: Schemas.error,
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, async (deps, input) => {
  await markLaunchFailed(deps, {
    cycleId: input.cycleId,
    error: { Error: input.error.Error, Cause: input.error.Cause ?? undefined },
  });
  return { marked: true };
});
