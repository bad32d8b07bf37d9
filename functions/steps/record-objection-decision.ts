// RecordObjectionDecision: the superior's final objection decision.
import * as v from "valibot";
import { recordObjectionDecision } from "@kinerja/core/appraisal-flow/review";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId, decided: Schemas.decided });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) =>
  recordObjectionDecision(deps, input),
);
