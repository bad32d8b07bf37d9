/** Base class of discipline (PP 94/2021) errors. */
export class DisciplineError extends Error {
  /** Creates a discipline error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DisciplineError";
  }
}

/** The absence counts are not usable. */
export class InvalidDisciplineInputError extends DisciplineError {
  /** Creates the error naming the field. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidDisciplineInputError";
  }
}
