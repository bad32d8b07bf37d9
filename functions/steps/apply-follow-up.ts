// ApplyFollowUp: follow-up by predikat; the appraisal is done.
import * as v from "valibot";
import { applyFollowUp } from "@kinerja/core/appraisal-flow/follow-up";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => applyFollowUp(deps, input));
