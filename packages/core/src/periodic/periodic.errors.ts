/** Base class of every error raised by the scheduling and periodic-evaluation area; sets `name` and keeps `cause`. */
export class PeriodicError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A schedule expression (cron/rate/at) that EventBridge Scheduler would refuse. */
export class InvalidScheduleExpressionError extends PeriodicError {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`invalid schedule expression "${expression}": ${reason}`);
  }
}

/** One or more schedule specs are unusable; `issues` lists every bad spec, not just the first. */
export class ScheduleSpecError extends PeriodicError {
  constructor(readonly issues: { schedule: string; field: string; message: string }[]) {
    super(
      `${issues.length} problem(s) in the schedule specs:\n` +
        issues.map((i) => `  - schedule "${i.schedule}", ${i.field}: ${i.message}`).join("\n"),
    );
  }
}

/** The requested period is not one of the cycle's periodic-evaluation periods. */
export class PeriodNotInCycleError extends PeriodicError {
  constructor(
    readonly cycleId: string,
    readonly periodKey: string,
  ) {
    super(`period ${periodKey} is not a periodic-evaluation period of cycle ${cycleId}`);
  }
}

/** A step received input that does not match its schema (names the field). */
export class InvalidJobInputError extends PeriodicError {}
