/** Base class of local-scheduler errors; sets `name` and keeps `cause`. */
export class SchedulerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The scheduler was used after close(). */
export class SchedulerClosedError extends SchedulerError {
  constructor() {
    super("the scheduler is closed");
  }
}
