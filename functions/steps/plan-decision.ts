// PlanDecision: plans this round of a human decision (request, reminder, escalation, or time is up).
import * as v from "valibot";
import { planDecision } from "@kinerja/core/appraisal-flow/appraisal-flow";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({
  appraisalId: Schemas.appraisalId,
  kind: Schemas.decisionKind,
  round: v.pipe(v.number(), v.integer(), v.minValue(1, "round starts at 1")),
  executionStartTime: v.pipe(v.string(), v.minLength(1, "executionStartTime is required")),
  // The whole `$.decision`: after the first round it carries the deadline that round fixed.
  decision: v.optional(v.object({ dueAt: v.optional(Schemas.isoTime) })),
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, { decision, ...input }) =>
  planDecision(deps, { ...input, dueAt: decision?.dueAt }),
);
