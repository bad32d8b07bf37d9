// One middleware around every step and job: a logger with the invocation's correlation keys (function, cycle,
// appraisal, execution, Lambda request id), one line when it ends (info) or fails (warn for a named workflow error the
// state machine handles, error otherwise), the invocation's business metrics, and the metrics flushed at the end.
import type { MiddlewareObj, Request } from "@middy/core";
import * as v from "valibot";
import { correlationOf, type Logger } from "@kinerja/core/log/logger";
import type { MailPort } from "@kinerja/core/mail/mail.port";
import { FLOW_DECISION_KINDS } from "@kinerja/core/decision/decision-kinds";
import { WorkflowError } from "@kinerja/core/workflow/workflow.errors";
import { PeriodicError } from "@kinerja/core/periodic/periodic.errors";
import { stepFunctions } from "../../workflows/registry";
import { MetricName } from "./metric-names";
import type { MetricsPort, Observability } from "./observability";
import { TransientError } from "@kinerja/core/storage/storage.errors";

/** The decision kinds a Record step may carry (the Kind dimension of DecisionsRecorded). */
const DecisionKind = v.picklist(FLOW_DECISION_KINDS);

/** The steps whose successful run means something failed, and what they count. */
const failureMetrics: Record<string, MetricName> = {
  [stepFunctions.MarkFailedFunction.name]: MetricName.AppraisalsFailed,
  [stepFunctions.MarkLaunchFailedFunction.name]: MetricName.LaunchPagesFailed,
  [stepFunctions.MarkPeriodicEvaluationFailedFunction.name]: MetricName.PeriodicEvaluationsFailed,
};

/**
 * The registry name of the running function: Lambda's `_HANDLER` is the registry's handler path
 * (`functions/steps/mark-failed.handler`); locally the engine passes the function's name in the context.
 */
export function functionNameOf(
  context: { functionName?: string } | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  const handler = env._HANDLER;
  const spec = handler ? Object.values(stepFunctions).find((s) => s.handler === handler) : undefined;
  return spec?.name ?? context?.functionName ?? "unknown";
}

/** The business metrics a successful invocation of `fn` with `input` counts. */
export function invocationMetrics(
  fn: string,
  input: unknown,
): { name: MetricName; dimensions?: Record<string, string> }[] {
  const found: { name: MetricName; dimensions?: Record<string, string> }[] = [];
  const kind = (input as { decided?: { kind?: unknown } } | undefined)?.decided?.kind;
  if (v.is(DecisionKind, kind))
    found.push({ name: MetricName.DecisionsRecorded, dimensions: { Kind: kind } });
  const failure = failureMetrics[fn];
  if (failure) found.push({ name: failure });
  return found;
}

/** A mail port that counts MailsSent / MailsFailed by the mail's kind tag (request, reminder, periodic-digest, ...). */
export function countedMail(mail: MailPort, metrics: MetricsPort): MailPort {
  return {
    async send(msg) {
      const Kind = msg.tags?.mailKind ?? msg.tags?.kind ?? "other";
      try {
        const sent = await mail.send(msg);
        metrics.count(MetricName.MailsSent, { Kind });
        return sent;
      } catch (err) {
        metrics.count(MetricName.MailsFailed, { Kind });
        throw err;
      }
    },
  };
}

interface Invocation {
  logger: Logger;
  fn: string;
  startedAt: number;
}

/** The middleware; register it first so it sees the raw event before parsing and the final error after mapping. */
export function observeInvocation(obs: () => Observability): MiddlewareObj<unknown, unknown> {
  const running = new WeakMap<Request, Invocation>();
  const end = (request: Request) => {
    const invocation = running.get(request);
    running.delete(request);
    return invocation;
  };
  return {
    before(request) {
      const context = request.context as { functionName?: string; awsRequestId?: string } | undefined;
      const fn = functionNameOf(context);
      const logger = obs().logger.child({
        function: fn,
        ...(context?.awsRequestId ? { awsRequestId: context.awsRequestId } : {}),
        ...correlationOf(request.event),
      });
      running.set(request, { logger, fn, startedAt: Date.now() });
    },
    after(request) {
      const invocation = end(request);
      if (!invocation) return;
      const { metrics } = obs();
      for (const m of invocationMetrics(invocation.fn, request.event)) metrics.count(m.name, m.dimensions);
      invocation.logger.info("invocation done", { durationMs: Date.now() - invocation.startedAt });
      metrics.flush();
    },
    onError(request) {
      const invocation = end(request);
      if (!invocation) return;
      const err = request.error;
      // Named workflow errors are the state machine's to catch or retry; anything else is a defect or an outage.
      const handled =
        err instanceof WorkflowError || err instanceof PeriodicError || err instanceof TransientError;
      invocation.logger[handled ? "warn" : "error"]("invocation failed", {
        durationMs: Date.now() - invocation.startedAt,
        errorName: err?.name,
        error: err,
      });
      obs().metrics.flush();
    },
  };
}
