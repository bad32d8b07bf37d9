// The custom metrics kinerja's Lambdas publish (CloudWatch embedded metric format) and the names they are published
// under: the handlers (functions/shared/observability.ts) and the alarms (stacks/monitoring.ts) both read them here.
import { APP_NAME } from "../../workflows/registry";

/** CloudWatch namespace of kinerja's own metrics. */
export const METRICS_NAMESPACE = "Kinerja";

/** The service name (POWERTOOLS_SERVICE_NAME): the logger's `service` key and the metrics' `service` dimension. */
export const SERVICE_NAME = APP_NAME;

/** Every custom metric (all counts). */
export const MetricName = {
  /** A decision reached its Record step (dimension Kind: skp-proposal, review, ...). */
  DecisionsRecorded: "DecisionsRecorded",
  /** An appraisal was marked failed (HR must look at it and retry). */
  AppraisalsFailed: "AppraisalsFailed",
  /** A launch page was marked failed (the cycle's launch stopped part-way). */
  LaunchPagesFailed: "LaunchPagesFailed",
  /** A periodic evaluation run was marked failed. */
  PeriodicEvaluationsFailed: "PeriodicEvaluationsFailed",
  /** The mail provider accepted a mail (dimension Kind: the mail's kind tag). */
  MailsSent: "MailsSent",
  /** The mail provider refused a mail or could not be reached (dimension Kind). */
  MailsFailed: "MailsFailed",
} as const;

/** A custom metric's name. */
export type MetricName = (typeof MetricName)[keyof typeof MetricName];

/** The dimensions every metric carries (besides its own): the service and the stage; alarms name both. */
export function baseDimensions(stage: string): Record<string, string> {
  return { service: SERVICE_NAME, Stage: stage };
}
