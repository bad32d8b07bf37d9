/** The error names Step Functions reserves for itself, as they appear in ErrorEquals and history events. */
export const ERROR = {
  ALL: "States.ALL",
  Timeout: "States.Timeout",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  TaskFailed: "States.TaskFailed",
  Runtime: "States.Runtime",
  DataLimitExceeded: "States.DataLimitExceeded",
  ResultPathMatchFailure: "States.ResultPathMatchFailure",
  ParameterPathFailure: "States.ParameterPathFailure",
  IntrinsicFailure: "States.IntrinsicFailure",
  NoChoiceMatched: "States.NoChoiceMatched",
  BranchFailed: "States.BranchFailed",
  ItemReaderFailed: "States.ItemReaderFailed",
  Permissions: "States.Permissions",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
} as const;

/** One of the reserved `States.*` error names. */
export type StatesErrorName = (typeof ERROR)[keyof typeof ERROR];

/** A failure inside a state, carrying the ASL error name and cause exactly as the execution history reports them. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause?: string,
  ) {
    super(cause ?? error);
    // The name is the ASL error so logs and `instanceof`-free checks read like AWS history.
    this.name = error;
  }
}

/** Shorthand for the errors this module raises while evaluating paths and templates. */
export function statesError(error: StatesErrorName, cause: string): StatesError {
  return new StatesError(error, cause);
}
