// AwaitSuperiorSkp (waitForTaskToken): the employee's SKP request waits for the appraiser's SKP approval (rule 27); the
// approval (RecordSkpApproval of the appraiser) resumes the task, which then plans the request afresh.
import * as v from "valibot";
import { awaitSuperiorSkp } from "@kinerja/core/appraisal-flow/targets";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({
  appraisalId: Schemas.appraisalId,
  taskToken: v.pipe(v.string(), v.minLength(1, "taskToken is required"), v.maxLength(1024)),
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => awaitSuperiorSkp(deps, input));
