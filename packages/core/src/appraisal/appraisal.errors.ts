import type { Actor, Stage } from "./appraisal";

/** Base class of appraisal lifecycle errors. */
export class AppraisalError extends Error {
  /** Creates an appraisal error; `cause` keeps the underlying failure. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppraisalError";
  }
}

/** A stage change that the lifecycle does not allow for this actor. */
export class InvalidStageTransitionError extends AppraisalError {
  /** Creates the error with the refused move. */
  constructor(
    readonly from: Stage,
    readonly to: Stage,
    readonly actor: Actor,
    options?: { cause?: unknown },
  ) {
    super(`${actor} may not move an appraisal from ${from} to ${to}`, options);
    this.name = "InvalidStageTransitionError";
  }
}
