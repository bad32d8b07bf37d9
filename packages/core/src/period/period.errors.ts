/** Base class of period and calendar errors. */
export class PeriodError extends Error {
  /** Creates a period error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PeriodError";
  }
}

/** A date, range, cadence or time zone given to the period functions is not usable. */
export class InvalidPeriodInputError extends PeriodError {
  /** Creates the error naming the offending field. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidPeriodInputError";
  }
}
