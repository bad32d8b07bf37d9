// PlanMeasurementWait: how long this execution waits for the period end (capped to stay under one year).
import * as v from "valibot";
import { planMeasurementWait } from "@kinerja/core/appraisal-flow/measurement";
import { defineStep, Schemas } from "../shared/step";

const Input = v.object({
  appraisalId: Schemas.appraisalId,
  executionStartTime: v.pipe(v.string(), v.minLength(1)),
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) =>
  planMeasurementWait(deps, input),
);
