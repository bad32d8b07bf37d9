/** Base class of IKM (public satisfaction index) errors. */
export class IkmError extends Error {
  /** Creates an IKM error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IkmError";
  }
}

/** The survey responses or options are malformed. */
export class InvalidIkmInputError extends IkmError {
  /** Creates the error with the field problems found. */
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "InvalidIkmInputError";
  }
}

/** Some element has no answers at all, so its NRR and the index cannot be computed. */
export class IkmNoDataError extends IkmError {
  /** Creates the error naming the unanswered elements (1-based). */
  constructor(
    readonly elements: readonly number[],
    options?: { cause?: unknown },
  ) {
    super(
      elements.length === 9
        ? "no survey answers: the IKM cannot be computed without respondents"
        : `no answers for element(s) ${elements.map((e) => `u${e}`).join(", ")}: the IKM needs all 9 elements`,
      options,
    );
    this.name = "IkmNoDataError";
  }
}
