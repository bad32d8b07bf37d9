// Named errors the step handlers raise and the ASL catches by name (class name = error name).

/** Base of every workflow step error; sets `name` to the class name so Step Functions sees it as the error name. */
export class WorkflowError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The appraisal record does not exist. */
export class AppraisalNotFoundError extends WorkflowError {}

/** The cycle does not exist. */
export class CycleNotFoundError extends WorkflowError {}

/** The appraisal (or its cycle) was cancelled: the execution ends quietly. */
export class AppraisalCancelledError extends WorkflowError {}

/** The record is in a stage this step cannot act on (and the step was not already applied). */
export class StageConflictError extends WorkflowError {}

/** A step received input that does not match its schema (names the field). */
export class InvalidStepInputError extends WorkflowError {}

/** Data the step needs is missing (an employee, the appraiser, the SKP, ...). */
export class MissingDataError extends WorkflowError {}

/** A decision's content cannot be applied (e.g. an upheld objection without revised ratings). */
export class DecisionRejectedError extends WorkflowError {}

/** HR asked for something the appraisal's state does not allow (retry of a live appraisal, cancel of a finished one). */
export class InvalidOperationError extends WorkflowError {}

/** Storage refused a write for a reason retrying cannot fix (a bug or bad data): the appraisal is marked failed. */
export class PermanentStorageError extends WorkflowError {}
