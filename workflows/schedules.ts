// The schedule specs: the one definition the Schedules stack (EventBridge Scheduler) and the local scheduler both run.
//
// Design: one schedule fires every day at 01:00 Asia/Jakarta and starts the `periodic-dispatch` workflow. It finds
// every periodic-evaluation period (monthly, quarterly or semester, per the cycle's `periodicEvaluation` setting)
// whose due time (01:00 Jakarta on the day after the period ends, DESIGN.md 3.1) is at or before the scheduled time,
// within `lookbackDays`, and not yet evaluated, and starts one `periodic-evaluation` execution per cycle and period with the
// deterministic name `<cycleId>-<periodKey>`. A daily trigger (rather than one on the 1st of each month) serves cycles
// whose periods end on any date, and the look-back makes a missed day (an outage, an event dropped after
// maximumEventAgeInSeconds) heal on the next run without doubling anything.
//
// Reminders and escalations are NOT scheduled here: each human decision in the appraisal workflow is a
// waitForTaskToken task with TimeoutSeconds from the cycle settings (reminderAfterDays, escalateAfterDays,
// objectionWindowDays), so the workflow's own timers send them and no step waits without a bound. What those timers
// leave open is a click decided but not delivered (SendTaskSuccess failed): it would wait for the next reminder
// round, so a daily sweep at 02:00 WIB redelivers such decisions.
import { JAKARTA } from "@kinerja/core/period/calendar";
import { validateScheduleSpecs, type ScheduleSpec } from "@kinerja/core/periodic/schedule-spec";
import { stateMachines } from "./registry";

export type { ScheduleSpec } from "@kinerja/core/periodic/schedule-spec";

/** Every schedule kinerja runs, in the cloud and locally. */
export const schedules: ScheduleSpec[] = [
  {
    name: "periodic-evaluation-daily",
    description:
      "Every day at 01:00 WIB: start one periodic evaluation per cycle and period that ended the day before (or earlier, if a run was missed).",
    expression: "cron(0 1 * * ? *)",
    timezone: JAKARTA,
    target: { stateMachine: stateMachines.periodicDispatch.name },
    input: { lookbackDays: 35 },
    retry: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 },
  },
  {
    name: "decision-redelivery-daily",
    description:
      "Every day at 02:00 WIB: hand decided-but-undelivered decisions (a click whose delivery to the workflow failed) to their waiting task.",
    expression: "cron(0 2 * * ? *)",
    timezone: JAKARTA,
    target: { stateMachine: stateMachines.sweepRedeliverDecisions.name },
    input: { limit: 500 },
    retry: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 21_600 },
  },
];

/** Throws ScheduleSpecError listing every bad spec (invalid expression via aws-cron-parser, unknown target, duplicate name). */
export function validateSchedules(specs: ScheduleSpec[], knownStateMachines: string[]): void {
  validateScheduleSpecs(specs, knownStateMachines);
}
