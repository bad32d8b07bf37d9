/** Base error of the deployment stacks: a source (registry, schedules, stage settings) cannot be deployed as given. */
export class StackConfigError extends Error {
  /** Builds the error; `cause` keeps the underlying validation failure when there is one. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StackConfigError";
  }
}

/** An ASL file uses a ${Placeholder} the registry does not map to a deployed function or state machine. */
export class UnknownPlaceholderError extends StackConfigError {
  /** Names the file and every placeholder that cannot be substituted. */
  constructor(file: string, placeholders: string[]) {
    super(
      `${file}: no function or state machine for placeholder(s) ${placeholders.map((p) => "${" + p + "}").join(", ")}`,
    );
    this.name = "UnknownPlaceholderError";
  }
}
