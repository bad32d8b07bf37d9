import {
  InvalidTaskTokenError,
  TaskCallbackTransientError,
  TaskDoesNotExistError,
  TaskTimedOutError,
  type DecisionError,
} from "./decision.errors";

/** The port through which a decision resumes its waiting workflow task (SendTaskSuccess / SendTaskFailure). */
export interface TaskCallbacks {
  /** Completes the waiting task with `output`. */
  succeed(token: string, output: object): Promise<void>;
  /** Fails the waiting task with a named error and a human-readable cause. */
  fail(token: string, error: string, cause: string): Promise<void>;
}

/** Tells whether a callback error means the token will never accept a result (so retrying that token is pointless). */
export function isDeadTokenError(
  err: unknown,
): err is TaskTimedOutError | TaskDoesNotExistError | InvalidTaskTokenError {
  return (
    err instanceof TaskTimedOutError ||
    err instanceof TaskDoesNotExistError ||
    err instanceof InvalidTaskTokenError
  );
}

/** Maps an SDK error of SendTask* to the named decision errors. */
export function mapSfnError(err: unknown): DecisionError {
  const name = (err as { name?: string })?.name ?? "";
  const message = (err as { message?: string })?.message ?? String(err);
  if (name === "TaskTimedOut") return new TaskTimedOutError(message, { cause: err });
  if (name === "TaskDoesNotExist") return new TaskDoesNotExistError(message, { cause: err });
  if (name === "InvalidToken") return new InvalidTaskTokenError(message, { cause: err });
  return new TaskCallbackTransientError(`task callback failed: ${name || message}`, { cause: err });
}
