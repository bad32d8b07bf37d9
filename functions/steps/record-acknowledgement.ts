// RecordAcknowledgement: acknowledgement (explicit or automatic) or objection.
import * as v from "valibot";
import { recordAcknowledgement } from "@kinerja/core/appraisal-flow/review";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId, decided: Schemas.decided });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) =>
  recordAcknowledgement(deps, input),
);
