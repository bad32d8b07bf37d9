// OpenDecision (waitForTaskToken): opens or re-opens the pending decision and mails the link; the task
// completes when the person decides through the link (SendTaskSuccess by the decision service).
import * as v from "valibot";
import { openDecisionRound } from "@kinerja/core/appraisal-flow/appraisal-flow";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({
  appraisalId: Schemas.appraisalId,
  taskToken: v.pipe(v.string(), v.minLength(1, "taskToken is required"), v.maxLength(1024)),
  kind: Schemas.decisionKind,
  round: v.pipe(v.number(), v.integer(), v.minValue(1)),
  mailKind: v.picklist(["request", "reminder", "escalation"]),
  dueAt: Schemas.isoTime,
  expiresAt: Schemas.isoTime,
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => openDecisionRound(deps, input));
