/** An error the CLI reports in one clear line (no stack trace) and exits with code 1. */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No dev runtime answers at the address the data dir names. */
export class RuntimeNotRunningError extends CliError {}
