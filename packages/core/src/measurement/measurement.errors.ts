/** Base class of measurement-summary errors. */
export class MeasurementError extends Error {
  /** Creates a measurement error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MeasurementError";
  }
}

/** The indicators, realisations or attendance given to the summary are not usable. */
export class InvalidMeasurementInputError extends MeasurementError {
  /** Creates the error with every field problem found. */
  constructor(
    readonly issues: readonly { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(
      `invalid measurement input: ${issues.map((i) => `${i.path || "input"}: ${i.message}`).join("; ")}`,
      options,
    );
    this.name = "InvalidMeasurementInputError";
  }
}
