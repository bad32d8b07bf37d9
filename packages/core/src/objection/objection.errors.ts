/** Base class of objection (keberatan) errors. */
export class ObjectionError extends Error {
  /** Creates an objection error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ObjectionError";
  }
}

/** The objection window has closed (or the result was not yet received). */
export class ObjectionWindowClosedError extends ObjectionError {
  /** Creates the error with the window's exclusive end. */
  constructor(
    readonly deadline: Date,
    options?: { cause?: unknown },
  ) {
    super(`the objection window closed at ${deadline.toISOString()}`, options);
    this.name = "ObjectionWindowClosedError";
  }
}

/** An objection on this evaluation already exists; only one is allowed (rule 34). */
export class ObjectionAlreadyFiledError extends ObjectionError {
  /** Creates the error. */
  constructor(options?: { cause?: unknown }) {
    super("an objection has already been filed on this evaluation", options);
    this.name = "ObjectionAlreadyFiledError";
  }
}

/** The objection was already decided; the decision is final (rule 34). */
export class ObjectionAlreadyDecidedError extends ObjectionError {
  /** Creates the error. */
  constructor(options?: { cause?: unknown }) {
    super("the objection has already been decided and the decision is final", options);
    this.name = "ObjectionAlreadyDecidedError";
  }
}

/** Someone other than the superior of the appraising official tried to decide (rule 35). */
export class NotObjectionDeciderError extends ObjectionError {
  /** Creates the error. */
  constructor(
    message = "only the superior of the appraising official may decide an objection",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "NotObjectionDeciderError";
  }
}

/** The objection filing or decision body is invalid. */
export class InvalidObjectionInputError extends ObjectionError {
  /** Creates the error with the field problems found. */
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "InvalidObjectionInputError";
  }
}
