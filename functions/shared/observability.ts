// Logs and metrics of the Lambdas: the core's logger port implemented with Powertools Logger (one JSON line per
// entry, service from POWERTOOLS_SERVICE_NAME, secrets redacted) and a small metrics port on Powertools Metrics
// (CloudWatch EMF). The step/job wrappers and the API use them in the cloud; the local runtime and tests get the quiet
// console logger and no metrics, so `npm start` prints no JSON.
import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import {
  createConsoleLogger,
  localLogLevel,
  isSecretKey,
  redactSecrets,
  type LogFields,
  type Logger,
} from "@kinerja/core/log/logger";
import { METRICS_NAMESPACE, SERVICE_NAME, type MetricName } from "./metric-names";

/** Counts a metric (with a few low-cardinality dimensions); `flush` publishes what the invocation counted. */
export interface MetricsPort {
  count(name: MetricName, dimensions?: Record<string, string>, value?: number): void;
  flush(): void;
}

/** Counts nothing (local runtime, tests). */
export const noMetrics: MetricsPort = { count: () => undefined, flush: () => undefined };

/** What a handler observes itself with. */
export interface Observability {
  logger: Logger;
  metrics: MetricsPort;
}

/** The local runtime's: readable lines on stderr only when KINERJA_LOG_LEVEL asks (steps stay silent by default). */
export function localObservability(env: Record<string, string | undefined> = process.env): Observability {
  return { logger: createConsoleLogger({ level: localLogLevel("silent", env) }), metrics: noMetrics };
}

/** The local observability, built on the first invocation (KINERJA_LOG_LEVEL is read then). */
export function localObservabilityOnce(): () => Observability {
  let obs: Observability | undefined;
  return () => (obs ??= localObservability());
}

/** Powertools' replacer: every string redacted, secret keys dropped, at any depth of the serialised entry. */
const redactingReplacer = (key: string, value: unknown): unknown =>
  isSecretKey(key) ? "[redacted]" : typeof value === "string" ? redactSecrets(value) : value;

/** The port over one Powertools logger; `child` makes a Powertools child logger with the extra keys. */
export function powertoolsLogger(logger: PowertoolsLogger): Logger {
  const fields = (extra?: LogFields): LogFields[] => (extra ? [extra] : []);
  return {
    debug: (message, extra) => logger.debug(message, ...fields(extra)),
    info: (message, extra) => logger.info(message, ...fields(extra)),
    warn: (message, extra) => logger.warn(message, ...fields(extra)),
    error: (message, extra) => logger.error(message, ...fields(extra)),
    child(keys) {
      const child = logger.createChild();
      child.appendKeys(keys);
      return powertoolsLogger(child);
    },
  };
}

/** A Powertools logger for kinerja: the service name, level from POWERTOOLS_LOG_LEVEL (default INFO), redaction. */
export function createPowertoolsLogger(
  options: { serviceName?: string; logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT" } = {},
): PowertoolsLogger {
  return new PowertoolsLogger({
    serviceName: options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    jsonReplacerFn: redactingReplacer,
  });
}

/** Whether a dimension value is one of a small set of names (anything else is counted as `other`). */
const DIMENSION_VALUE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The metrics port over Powertools Metrics: counts are summed per metric and dimension set during the invocation and
 * published by `flush` as one EMF line per dimension set (with the service and stage dimensions).
 */
export function powertoolsMetrics(metrics: Metrics): MetricsPort {
  const pending = new Map<string, { dimensions: Record<string, string>; counts: Map<MetricName, number> }>();
  return {
    count(name, dimensions = {}, value = 1) {
      const safe = Object.fromEntries(
        Object.entries(dimensions).map(([k, v]) => [k, DIMENSION_VALUE.test(v) ? v : "other"]),
      );
      const key = JSON.stringify(Object.entries(safe).sort());
      let group = pending.get(key);
      if (!group) pending.set(key, (group = { dimensions: safe, counts: new Map() }));
      group.counts.set(name, (group.counts.get(name) ?? 0) + value);
    },
    flush() {
      for (const { dimensions, counts } of pending.values()) {
        metrics.addDimensions(dimensions);
        for (const [name, value] of counts) metrics.addMetric(name, MetricUnit.Count, value);
        metrics.publishStoredMetrics();
      }
      pending.clear();
    },
  };
}

/** The Metrics instance of a kinerja Lambda: namespace, service and the stage (KINERJA_STAGE) as default dimension. */
export function createPowertoolsMetrics(env: Record<string, string | undefined> = process.env): Metrics {
  return new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME,
    defaultDimensions: { Stage: env.KINERJA_STAGE ?? "unknown" },
  });
}

let cloud: (Observability & { root: PowertoolsLogger }) | undefined;

/** The cloud's observability, built once per cold start. */
export function cloudObservability(): Observability & { root: PowertoolsLogger } {
  if (!cloud) {
    const root = createPowertoolsLogger();
    cloud = { root, logger: powertoolsLogger(root), metrics: powertoolsMetrics(createPowertoolsMetrics()) };
  }
  return cloud;
}
