import type { LinkView } from "./link-view";

/** Base class of every pending-decision error; sets `name` to the subclass name and keeps `cause`. */
export class DecisionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No pending decision exists under the given key. */
export class DecisionNotFoundError extends DecisionError {}

/** The link token is unknown (no such link id). */
export class LinkNotFoundError extends DecisionError {}

/** The link token was altered, truncated, or signed with an unknown key. */
export class LinkTamperedError extends DecisionError {}

/** The link passed its expiry, or its decision was expired or superseded. */
export class LinkGoneError extends DecisionError {
  constructor(
    message: string,
    readonly reason: "link-expired" | "expired" | "superseded",
    readonly detail: { closedReason?: string; closedBy?: string; closedAt?: string } = {},
    /** The link as the refusal read it (decide()), so a page shows it read-only without opening the link again. */
    readonly view?: LinkView,
  ) {
    super(message);
  }
}

/** The decision was already taken (first valid decision wins). */
export class AlreadyDecidedError extends DecisionError {
  constructor(
    message: string,
    readonly decidedBy: { nip: string; name: string; role: string },
    readonly decidedAt: string,
    /** The link as the refusal read it (decide()), so a page shows what was decided without opening it again. */
    readonly view?: LinkView,
  ) {
    super(message);
  }
}

/** The body of a decision does not fit its kind; `issues` name each field. */
export class InvalidDecisionBodyError extends DecisionError {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** The task token is no longer waiting (Step Functions `TaskTimedOut`). */
export class TaskTimedOutError extends DecisionError {}

/** Step Functions does not know the task token (`TaskDoesNotExist`). */
export class TaskDoesNotExistError extends DecisionError {}

/** The task token is malformed (`InvalidToken`). */
export class InvalidTaskTokenError extends DecisionError {}

/** A callback failed for a reason that may pass (throttling, network); the decision stays undelivered and is retried. */
export class TaskCallbackTransientError extends DecisionError {}

/** openDecision/closeDecision got an input that does not fit the contract; `issues` name each field. */
export class InvalidDecisionInputError extends DecisionError {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** The decision mail could not be handed to the mail provider; the step should retry. */
export class DecisionMailError extends DecisionError {}
