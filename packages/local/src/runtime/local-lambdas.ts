// The local Lambda loader: the registry's step, job and event functions resolved by their deployed names to the real
// handler modules, imported lazily into this process and called as Lambda would call them (with its timeout).
import { randomUUID } from "node:crypto";
import {
  APP_NAME,
  deployedName,
  eventFunctions,
  handlerModulePath,
  stepFunctions,
  type StepFunctionSpec,
} from "../../../../workflows/registry";

/** A Lambda handler as the local engine calls it. */
export type LocalLambda = (
  event: unknown,
  context: { functionName: string; awsRequestId: string; getRemainingTimeInMillis(): number },
) => Promise<unknown>;

/** Wraps a real handler (tests inject transient or permanent faults this way). */
export type LambdaWrapper = (functionName: string, handler: LocalLambda) => LocalLambda;

/** Options of the local lambda resolver. */
export interface LocalLambdaResolverOptions<Deps> {
  /** Builds (once) the dependencies every step handler receives locally: storage, clock, mail, callbacks, ... */
  deps: () => Deps | Promise<Deps>;
  prefix?: string;
  /** Optional hook around each real handler. */
  wrap?: LambdaWrapper;
  /**
   * Multiplies every registry timeout (default: KINERJA_LAMBDA_TIMEOUT_SCALE, else 1). Locally all handlers share one
   * process and one DynamoDB Local, so a run that floods it (a fault test, a 20,000-employee bench) may allow more
   * wall time than Lambda's own sandbox per invocation needs; a hanging handler still fails.
   */
  timeoutScale?: number;
}

/** KINERJA_LAMBDA_TIMEOUT_SCALE: a number of at least 1 (a run may relax the timeouts, never tighten them). */
export function lambdaTimeoutScale(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KINERJA_LAMBDA_TIMEOUT_SCALE;
  if (raw === undefined || raw === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale < 1)
    throw new Error(`KINERJA_LAMBDA_TIMEOUT_SCALE must be a number of at least 1, not "${raw}"`);
  return scale;
}

/** A step module: each exports `createHandler(deps)` (and `handler` for the cloud). */
interface StepModule<Deps> {
  createHandler(deps: () => Deps | Promise<Deps>): LocalLambda;
}

/** A local function: its handler and the timeout the engine enforces, as Lambda does in the cloud. */
export interface LocalFunction {
  handler: LocalLambda;
  timeoutSeconds: number;
}

/**
 * Resolves local function names to the real step handler modules, imported lazily in-process, sharing one set of
 * deps; each carries its registry timeout, so a handler running longer fails locally as it would in Lambda.
 */
export function localLambdaResolver<Deps>(
  options: LocalLambdaResolverOptions<Deps>,
): (functionName: string) => LocalFunction | undefined {
  const prefix = options.prefix ?? APP_NAME;
  const byName = new Map<string, StepFunctionSpec>(
    [...Object.values(stepFunctions), ...Object.values(eventFunctions)].map((s) => [
      deployedName(s.name, prefix),
      s,
    ]),
  );
  const scale = options.timeoutScale ?? lambdaTimeoutScale();
  const loaded = new Map<string, Promise<LocalLambda>>();
  const load = (spec: StepFunctionSpec): Promise<LocalLambda> => {
    let handler = loaded.get(spec.name);
    if (!handler) {
      handler = (import(handlerModulePath(spec)) as Promise<StepModule<Deps>>).then((m) =>
        m.createHandler(options.deps),
      );
      loaded.set(spec.name, handler);
    }
    return handler;
  };
  return (functionName) => {
    const spec = byName.get(functionName.split(":").pop() ?? functionName);
    if (!spec) return undefined;
    const real: LocalLambda = async (event, context) => (await load(spec))(event, context);
    return {
      handler: options.wrap ? options.wrap(spec.name, real) : real,
      timeoutSeconds: spec.timeoutSeconds * scale,
    };
  };
}

/** Invokes an event function in-process as its cloud event source would (the outbox's simulated SES mail events). */
export async function invokeEventFunction(
  resolve: (functionName: string) => LocalLambda | { handler: LocalLambda } | undefined,
  key: keyof typeof eventFunctions,
  event: unknown,
  prefix = APP_NAME,
): Promise<unknown> {
  const spec = eventFunctions[key];
  const fn = resolve(deployedName(spec.name, prefix));
  if (!fn) throw new Error(`no local function ${deployedName(spec.name, prefix)}`);
  const deadline = Date.now() + spec.timeoutSeconds * 1000;
  return (typeof fn === "function" ? fn : fn.handler)(event, {
    functionName: deployedName(spec.name, prefix),
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  });
}
