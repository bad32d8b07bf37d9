// LoadAppraisal: records the running execution on the appraisal and says where to resume.
import * as v from "valibot";
import { loadAppraisal } from "@kinerja/core/appraisal-flow/appraisal-flow";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({
  appraisalId: Schemas.appraisalId,
  executionArn: v.pipe(v.string(), v.minLength(1, "executionArn is required")),
  executionStartTime: v.optional(v.string()),
  generation: v.optional(v.number()),
  decision: v.nullable(
    v.object({
      kind: Schemas.decisionKind,
      round: v.pipe(v.number(), v.integer(), v.minValue(1)),
      // The deadline the decision's first round fixed, kept across continue-as-new.
      dueAt: v.optional(Schemas.isoTime),
    }),
  ),
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => loadAppraisal(deps, input));
