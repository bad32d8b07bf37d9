// Errors of the local Step Functions engine (API level); ASL runtime errors are StatesError from ./asl/errors.

/** Base class of every engine error, so callers can catch the area at once. */
export class EngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EngineError";
  }
}

/** An API error in AWS's shape: `type` is the `__type` the AWS SDK turns into an exception class (e.g. "TaskTimedOut"). */
export class StatesApiError extends EngineError {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** A `${Name}` placeholder of a definition had no value in the substitution map. */
export class SubstitutionError extends EngineError {
  constructor(readonly missing: string[]) {
    super(`definition substitution missing value(s) for: ${missing.map((m) => "${" + m + "}").join(", ")}`);
    this.name = "SubstitutionError";
  }
}
