// TakeMeasurementSnapshot: realisation vs target, evidence, attendance and IKM, stored for the review page.
import * as v from "valibot";
import { takeMeasurementSnapshot } from "@kinerja/core/appraisal-flow/measurement";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({ appraisalId: Schemas.appraisalId });

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) =>
  takeMeasurementSnapshot(deps, input),
);
