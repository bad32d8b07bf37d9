// PrepareParticipantPage: one page of the cycle's participants, their appraisal records created idempotently.
import * as v from "valibot";
import { prepareParticipantPage } from "@kinerja/core/launch/launch";
import { defineStep } from "../shared/step";

const Input = v.object({
  cycleId: v.pipe(v.string(), v.minLength(1, "cycleId is required")),
  cursor: v.nullable(v.string()),
  // Optional: a launch execution started before this field existed continues without it.
  appraisalStateMachineArn: v.optional(v.pipe(v.string(), v.startsWith("arn:", "not a state machine ARN"))),
  // Participants per page: the launch ASL sets it (one source for both runtimes).
  pageSize: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
});

/** Step handler (see defineStep). */
export const { createHandler, handler } = defineStep(Input, (deps, input) =>
  prepareParticipantPage(deps, input),
);
