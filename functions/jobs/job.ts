// The shape of every periodic job handler: middy-wrapped, the event parsed with valibot (a bad event is a named,
// non-retried InvalidJobInputError), one core call, a small typed result. Same contract as functions/steps.
import middy, { type MiddlewareObj } from "@middy/core";
import * as v from "valibot";
import type { Clock } from "@kinerja/core/clock/clock";
import type { Storage } from "@kinerja/core/storage/storage";
import { createOutboxMail } from "@kinerja/core/mail/outbox-mail";
import type { MailPort } from "@kinerja/core/mail/mail.port";
import type { FlowStore } from "@kinerja/core/appraisal-flow/flow-store";
import { InvalidJobInputError, PeriodicError } from "@kinerja/core/periodic/periodic.errors";
import { isTransientStorageFailure, TransientError } from "@kinerja/core/storage/storage.errors";
import { createPeriodicStore } from "@kinerja/core/periodic/periodic.repo";
import { resumeImports } from "@kinerja/core/imports/import-service";
import type { PeriodicDeps } from "@kinerja/core/periodic/periodic.service";
import { decisionDepsOf, type DecisionParts } from "@kinerja/core/composition/step-deps";
import { cloudPartsOnce } from "../shared/deps";
import { observeInvocation } from "../shared/invocation";
import { cloudObservability, localObservabilityOnce, type Observability } from "../shared/observability";

/**
 * What the local runtime hands every handler (the step deps: storage, clock, flow store, ...). `mail` is used when
 * present; otherwise the digest goes to the local outbox in the same table, which is what the local runtime reads.
 */
export interface JobRuntimeDeps {
  storage: Storage;
  clock: Clock;
  store?: FlowStore;
  mail?: MailPort;
  /** What delivering a decision needs besides storage and clock (the redelivery sweep); the cloud always has it. */
  decision?: DecisionParts;
}

const adapted = new WeakMap<object, PeriodicDeps>();

/** Builds (once per runtime deps object) the periodic services' deps from the runtime's deps. */
export function periodicDepsFrom(deps: JobRuntimeDeps): PeriodicDeps {
  let periodic = adapted.get(deps);
  if (!periodic) {
    periodic = {
      store: createPeriodicStore(deps.storage, deps.store),
      mail: deps.mail ?? createOutboxMail(deps.storage, deps.clock),
      clock: deps.clock,
      // The dispatch finishes accepted measurement imports before it starts evaluations that read their data.
      resumeImports: () => resumeImports(deps.storage),
      // The appraising officials' periodic rating links (opened with the digest, followed up daily).
      ...(deps.decision ? { decisions: decisionDepsOf({ ...deps, decision: deps.decision }) } : {}),
    };
    adapted.set(deps, periodic);
  }
  return periodic;
}

let cloud: Promise<JobRuntimeDeps> | undefined;

/** The cloud deps of a job: the cloud parts the steps share (built once per cold start); mail through SES. */
export function cloudJobDeps(): Promise<JobRuntimeDeps> {
  cloud ??= cloudPartsOnce().then((parts) => ({ ...parts, mail: parts.decision.mail }));
  return cloud;
}

/** Middleware factory: replaces the event with its parsed form or throws InvalidJobInputError naming the fields. */
export function parseJobEvent<S extends v.GenericSchema>(schema: S): MiddlewareObj<unknown, unknown> {
  return {
    before: (request) => {
      const parsed = v.safeParse(schema, request.event);
      if (!parsed.success) {
        throw new InvalidJobInputError(
          `invalid job input: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "event"}: ${i.message}`).join("; ")}`,
        );
      }
      request.event = parsed.output;
    },
  };
}

/** Middleware: an unnamed transient storage error becomes TransientError, the name the workflows retry. */
export const transientJobStorageErrors: MiddlewareObj<unknown, unknown> = {
  onError: (request) => {
    const err = request.error;
    if (
      err &&
      !(err instanceof PeriodicError || err instanceof TransientError) &&
      isTransientStorageFailure(err)
    )
      request.error = new TransientError(`storage unavailable: ${err.message}`, { cause: err });
  },
};

/** A job handler as Lambda and the local engine call it. */
export type JobHandler = (event: unknown, context: object) => Promise<unknown>;

/** Defines a job that needs the runtime deps themselves rather than the periodic services' deps. */
export function defineRuntimeJob<S extends v.GenericSchema, R>(
  schema: S,
  run: (deps: JobRuntimeDeps, input: v.InferOutput<S>) => Promise<R>,
) {
  const createHandler = (
    getDeps: () => JobRuntimeDeps | Promise<JobRuntimeDeps>,
    obs: () => Observability = localObservabilityOnce(),
  ): JobHandler => {
    const wrapped = middy<unknown, R>()
      .use(observeInvocation(obs))
      .use(parseJobEvent(schema))
      .use(transientJobStorageErrors)
      .handler(async (event) => run(await getDeps(), event as v.InferOutput<S>));
    return (event, context) => wrapped(event, context as never);
  };
  return { createHandler, handler: createHandler(cloudJobDeps, cloudObservability) };
}

/** Defines a job: `createHandler(deps)` for the local runtime and tests, `handler` (cloud deps) for Lambda. */
export function defineJob<S extends v.GenericSchema, R>(
  schema: S,
  run: (deps: PeriodicDeps, input: v.InferOutput<S>) => Promise<R>,
) {
  const createHandler = (
    getDeps: () => JobRuntimeDeps | Promise<JobRuntimeDeps>,
    obs: () => Observability = localObservabilityOnce(),
  ): JobHandler => {
    const wrapped = middy<unknown, R>()
      .use(observeInvocation(obs))
      .use(parseJobEvent(schema))
      .use(transientJobStorageErrors)
      .handler(async (event) => run(periodicDepsFrom(await getDeps()), event as v.InferOutput<S>));
    return (event, context) => wrapped(event, context as never);
  };
  return { createHandler, handler: createHandler(cloudJobDeps, cloudObservability) };
}
