/** Base class of import errors (bad input is not an error: it comes back as per-row issues). */
export class ImportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Writing a validated import failed part-way (infrastructure); the import job is marked failed. */
export class ImportWriteError extends ImportError {}

/** An accepted import (past its commit point) could not be finished now; it stays `applying` for the next try. */
export class ImportResumeError extends ImportError {}
