/** Base class of the HR services' errors (the web layer maps them to HTTP statuses). */
export class HrError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A cycle, appraisal or unit HR named does not exist (404). */
export class HrNotFoundError extends HrError {}

/** The request conflicts with the current state (a cycle id already taken, a rating for a finished cycle): 409. */
export class HrConflictError extends HrError {}

/** Input that passed the schema but not the data (an unknown unit in unitIds, no organisation yet): 400 with the field. */
export class HrInputError extends HrError {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
