/** Base class of follow-up (tindak lanjut) errors. */
export class FollowUpError extends Error {
  /** Creates a follow-up error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FollowUpError";
  }
}

/** The predikat, history or configuration given to followUpFor is not usable. */
export class InvalidFollowUpInputError extends FollowUpError {
  /** Creates the error naming the field. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidFollowUpInputError";
  }
}
