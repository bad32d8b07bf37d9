// RecordRealization: stores the employee's realisation and evidence.
import * as v from "valibot";
import { recordRealization } from "@kinerja/core/appraisal-flow/measurement";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId, decided: Schemas.decided });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => recordRealization(deps, input));
