// The shape of every step handler: middy-wrapped, the event parsed with valibot (a bad event is a named,
// non-retried InvalidStepInputError), one core call, a small typed result.
import middy, { type MiddlewareObj } from "@middy/core";
import * as v from "valibot";
import { FLOW_DECISION_KINDS } from "@kinerja/core/decision/decision-kinds";
import { isTransientStorageFailure, TransientError } from "@kinerja/core/storage/storage.errors";
import { InvalidStepInputError, WorkflowError } from "@kinerja/core/workflow/workflow.errors";
import type { StepDeps } from "@kinerja/core/composition/step-deps";
import { cloudStepDeps } from "./deps";
import { observeInvocation } from "./invocation";
import { cloudObservability, localObservabilityOnce, type Observability } from "./observability";

/** Middleware factory: replaces the event with its parsed form or throws InvalidStepInputError naming the fields. */
export function parseEvent<S extends v.GenericSchema>(schema: S): MiddlewareObj<unknown, unknown> {
  return {
    before: (request) => {
      const parsed = v.safeParse(schema, request.event);
      if (!parsed.success) {
        throw new InvalidStepInputError(
          `invalid step input: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "event"}: ${i.message}`).join("; ")}`,
        );
      }
      request.event = parsed.output;
    },
  };
}

/**
 * Middleware: a storage error that escaped the core unnamed (a read ElectroDB wrapped, a network error of an
 * unreachable table) becomes TransientError, the name the ASL retries, instead of an unknown name it would not.
 */
export const transientStorageErrors: MiddlewareObj<unknown, unknown> = {
  onError: (request) => {
    const err = request.error;
    if (
      err &&
      !(err instanceof WorkflowError || err instanceof TransientError) &&
      isTransientStorageFailure(err)
    )
      request.error = new TransientError(`storage unavailable: ${err.message}`, { cause: err });
  },
};

/** A step handler as Lambda and the local engine call it. */
export type StepHandler = (event: unknown, context: object) => Promise<unknown>;

/**
 * Defines a step: `createHandler(deps)` for the local runtime and tests (quiet logs, no metrics), `handler` (cloud
 * deps, Powertools logs and metrics) for Lambda.
 */
export function defineStep<S extends v.GenericSchema, R>(
  schema: S,
  run: (deps: StepDeps, input: v.InferOutput<S>) => Promise<R>,
) {
  const createHandler = (
    getDeps: () => StepDeps | Promise<StepDeps>,
    obs: () => Observability = localObservabilityOnce(),
  ): StepHandler => {
    const wrapped = middy<unknown, R>()
      .use(observeInvocation(obs))
      .use(parseEvent(schema))
      .use(transientStorageErrors)
      .handler(async (event) => run(await getDeps(), event as v.InferOutput<S>));
    return (event, context) => wrapped(event, context as never);
  };
  return { createHandler, handler: createHandler(cloudStepDeps, cloudObservability) };
}

/** Schemas shared by several steps. */
export const Schemas = {
  appraisalId: v.pipe(
    v.string("appraisalId must be text"),
    v.minLength(1, "appraisalId is required"),
    v.maxLength(200),
  ),
  isoTime: v.pipe(v.string(), v.isoTimestamp("must be an ISO time")),
  decisionKind: v.picklist(FLOW_DECISION_KINDS, "unknown decision kind"),
  decided: v.looseObject({
    kind: v.string(),
    decision: v.record(v.string(), v.unknown(), "decision must be an object"),
    decidedBy: v.optional(v.object({ nip: v.string(), name: v.string(), role: v.string() })),
    linkId: v.optional(v.string()),
    decidedAt: v.string("decidedAt is required"),
    automatic: v.optional(v.boolean()),
  }),
  error: v.looseObject({ Error: v.string(), Cause: v.optional(v.nullable(v.string())) }),
};
