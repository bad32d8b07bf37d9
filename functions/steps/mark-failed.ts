// MarkFailed: the appraisal stops in `failed` with the reason, so HR sees why and can retry.
import * as v from "valibot";
import { markFailed } from "@kinerja/core/appraisal-flow/appraisal-flow";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({
  appraisalId: Schemas.appraisalId,
  error: Schemas.error,
  executionArn: v.optional(v.string()),
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, async (deps, input) => {
  await markFailed(deps, {
    appraisalId: input.appraisalId,
    error: { Error: input.error.Error, Cause: input.error.Cause ?? undefined },
    executionArn: input.executionArn,
  });
  return { marked: true };
});
