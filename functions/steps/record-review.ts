// RecordReview: unit-head rule, predikat matrix, distribution check.
import * as v from "valibot";
import { recordReview } from "@kinerja/core/appraisal-flow/review";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId, decided: Schemas.decided });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => recordReview(deps, input));
