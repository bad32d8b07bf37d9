/** Base class of distribution-check errors. */
export class DistributionError extends Error {
  /** Creates a distribution error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DistributionError";
  }
}

/** The counts or thresholds given to the distribution check are not usable. */
export class InvalidDistributionInputError extends DistributionError {
  /** Creates the error naming the offending field. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidDistributionInputError";
  }
}
