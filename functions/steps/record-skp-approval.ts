// RecordSkpApproval: locks the SKP or records the return comment.
import * as v from "valibot";
import { recordSkpApproval } from "@kinerja/core/appraisal-flow/targets";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId, decided: Schemas.decided });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => recordSkpApproval(deps, input));
