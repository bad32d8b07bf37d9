/** Base class of SKP (Sasaran Kinerja Pegawai) errors. */
export class SkpError extends Error {
  /** Creates an SKP error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SkpError";
  }
}

/** The SKP proposal body does not have the expected shape. */
export class InvalidSkpProposalError extends SkpError {
  /** Creates the error with every field problem found (dot paths such as "rhk.0.indicators.1.target.min"). */
  constructor(
    readonly issues: readonly { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(
      `invalid SKP proposal: ${issues.map((i) => `${i.path || "body"}: ${i.message}`).join("; ")}`,
      options,
    );
    this.name = "InvalidSkpProposalError";
  }
}
