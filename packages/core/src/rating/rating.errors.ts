/** Base class of every rating error, so callers can catch the whole area at once. */
export class RatingError extends Error {
  /** Creates a rating error; `cause` keeps the underlying failure for logs. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RatingError";
  }
}

/** A rating, predikat or BerAKHLAK detail was not one of the known codes or was incomplete. */
export class InvalidRatingInputError extends RatingError {
  /** Creates the error with the list of problems found (path + message). */
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "InvalidRatingInputError";
  }
}
