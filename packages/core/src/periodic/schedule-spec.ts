// The schedule spec shape shared by the Schedules stack (cloud) and the local scheduler, and its validation.
import * as v from "valibot";
import { JAKARTA } from "../period/calendar";
import { ScheduleSpecError } from "./periodic.errors";
import { parseScheduleExpression } from "./schedule-expression";

/** valibot schema of one schedule spec (EventBridge Scheduler limits: retry attempts 0-185, event age 60-86400 s, flexible window 1-1440 min). */
export const ScheduleSpecSchema = v.object({
  name: v.pipe(
    v.string(),
    v.maxLength(64, "at most 64 characters"),
    v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, single hyphens)"),
  ),
  description: v.pipe(v.string(), v.minLength(1, "must not be empty")),
  expression: v.string(),
  timezone: v.literal(JAKARTA, `must be "${JAKARTA}"`),
  target: v.object({ stateMachine: v.pipe(v.string(), v.minLength(1, "must name a state machine")) }),
  input: v.record(v.string(), v.unknown()),
  flexibleWindowMinutes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1440, "at most 1440 minutes")),
  ),
  retry: v.object({
    maximumRetryAttempts: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(0),
      v.maxValue(185, "at most 185 (EventBridge Scheduler limit)"),
    ),
    maximumEventAgeInSeconds: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(60, "at least 60 seconds"),
      v.maxValue(86_400, "at most 86400 seconds (EventBridge Scheduler limit)"),
    ),
  }),
});

/** One schedule: when (EventBridge Scheduler expression in Asia/Jakarta), which state machine it starts, and with what input. */
export interface ScheduleSpec {
  /** kebab-case, unique, at most 64 characters. */
  name: string;
  description: string;
  /** EventBridge Scheduler expression: "cron(0 1 * * ? *)" | "rate(1 day)" | "at(2026-01-01T00:00:00)". */
  expression: string;
  /** ScheduleExpressionTimezone. */
  timezone: typeof JAKARTA;
  /** A state machine NAME from workflows/registry.ts. */
  target: { stateMachine: string };
  /** Static input; both runtimes add the scheduled time as `scheduledTime` (<aws.scheduler.scheduled-time>). */
  input: Record<string, unknown>;
  /** 0/undefined = OFF. */
  flexibleWindowMinutes?: number;
  retry: { maximumRetryAttempts: number; maximumEventAgeInSeconds: number };
}

/** Throws ScheduleSpecError listing every bad spec: shape, invalid expression, unknown target, duplicate name. */
export function validateScheduleSpecs(
  specs: readonly unknown[],
  knownStateMachines: readonly string[],
): asserts specs is ScheduleSpec[] {
  const issues: { schedule: string; field: string; message: string }[] = [];
  const seen = new Set<string>();
  const known = new Set(knownStateMachines);
  specs.forEach((raw, index) => {
    const label =
      typeof raw === "object" && raw !== null && typeof (raw as { name?: unknown }).name === "string"
        ? (raw as { name: string }).name
        : `#${index}`;
    const result = v.safeParse(ScheduleSpecSchema, raw);
    if (!result.success) {
      for (const issue of result.issues)
        issues.push({ schedule: label, field: v.getDotPath(issue) ?? "(spec)", message: issue.message });
      return;
    }
    const spec = result.output;
    if (seen.has(spec.name))
      issues.push({ schedule: label, field: "name", message: "duplicate schedule name" });
    seen.add(spec.name);
    try {
      parseScheduleExpression(spec.expression);
    } catch (error) {
      issues.push({ schedule: label, field: "expression", message: (error as Error).message });
    }
    if (!known.has(spec.target.stateMachine))
      issues.push({
        schedule: label,
        field: "target.stateMachine",
        message: `unknown state machine "${spec.target.stateMachine}" (known: ${[...known].sort().join(", ") || "none"})`,
      });
    if ("scheduledTime" in spec.input)
      issues.push({
        schedule: label,
        field: "input.scheduledTime",
        message: "is added by the scheduler; do not set it statically",
      });
  });
  if (issues.length > 0) throw new ScheduleSpecError(issues);
}
