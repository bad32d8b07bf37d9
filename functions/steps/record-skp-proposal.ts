// RecordSkpProposal: stores the proposed SKP as a new version.
import * as v from "valibot";
import { recordSkpProposal } from "@kinerja/core/appraisal-flow/targets";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId, decided: Schemas.decided });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) => recordSkpProposal(deps, input));
