import { ERROR } from "./errors";
import type { CatcherDefinition, RetrierDefinition } from "./types";

/** AWS's defaults for omitted retrier fields. */
export const RETRY_DEFAULTS = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

/**
 * Whether an error name is matched by an ErrorEquals list: exact names match, States.ALL matches everything and
 * States.TaskFailed everything except States.Timeout; neither wildcard catches States.DataLimitExceeded, and
 * States.Runtime is never retried or caught. `States.HeartbeatTimeout` is the engine's name for a missed heartbeat
 * while it is matched: AWS reports it as States.Timeout (history, execution error, Error of a catcher's output), so
 * States.Timeout matches it too, States.TaskFailed does not, and only a heartbeat timeout matches
 * States.HeartbeatTimeout.
 */
export function errorMatches(errorEquals: string[], error: string): boolean {
  if (error === ERROR.Runtime) return false;
  if (error === ERROR.HeartbeatTimeout)
    return errorEquals.some((e) => e === ERROR.HeartbeatTimeout || e === ERROR.Timeout || e === ERROR.ALL);
  if (errorEquals.includes(error)) return true;
  if (error === ERROR.DataLimitExceeded) return false;
  if (errorEquals.includes(ERROR.ALL)) return true;
  return errorEquals.includes(ERROR.TaskFailed) && error !== ERROR.Timeout;
}

/**
 * Decides whether to retry: the first retrier matching the error applies (later ones are not consulted even when it
 * is exhausted); returns its index and the delay, or null. The caller increments attemptsSoFar[retrierIndex].
 */
export function nextRetry(
  retriers: RetrierDefinition[] | undefined,
  error: string,
  attemptsSoFar: number[],
  random: () => number = Math.random,
): { retrierIndex: number; delayMs: number } | null {
  if (!retriers) return null;
  const retrierIndex = retriers.findIndex((retrier) => errorMatches(retrier.ErrorEquals, error));
  if (retrierIndex < 0) return null;
  const retrier = retriers[retrierIndex] as RetrierDefinition;
  const attempts = attemptsSoFar[retrierIndex] ?? 0;
  if (attempts >= (retrier.MaxAttempts ?? RETRY_DEFAULTS.MaxAttempts)) return null;
  const interval = retrier.IntervalSeconds ?? RETRY_DEFAULTS.IntervalSeconds;
  const backoff = retrier.BackoffRate ?? RETRY_DEFAULTS.BackoffRate;
  let delaySeconds = interval * Math.pow(backoff, attempts);
  if (retrier.MaxDelaySeconds !== undefined) delaySeconds = Math.min(delaySeconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === "FULL") delaySeconds = random() * delaySeconds;
  return { retrierIndex, delayMs: Math.round(delaySeconds * 1000) };
}

/** Finds the first catcher whose ErrorEquals matches the error. */
export function findCatcher(
  catchers: CatcherDefinition[] | undefined,
  error: string,
): { Next: string; ResultPath?: string | null } | null {
  const catcher = catchers?.find((candidate) => errorMatches(candidate.ErrorEquals, error));
  if (!catcher) return null;
  return catcher.ResultPath === undefined
    ? { Next: catcher.Next }
    : { Next: catcher.Next, ResultPath: catcher.ResultPath };
}
