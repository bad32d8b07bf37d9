/** Base class of credit-point (angka kredit) errors. */
export class CreditPointsError extends Error {
  /** Creates a credit-points error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CreditPointsError";
  }
}

/** The functional level or predikat is not known. */
export class InvalidCreditPointsInputError extends CreditPointsError {
  /** Creates the error naming the field. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidCreditPointsInputError";
  }
}
