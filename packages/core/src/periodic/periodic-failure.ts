// A failed periodic evaluation as HR reads it (issue 17): the failed page of a cycle lists its periods whose latest
// run failed, with the reason's Indonesian label (i18n/labels.ts `failureError`, shared with the appraisals' failures)
// and what HR can do: nothing while the daily run still retries it, else pass the reason to IT.
import { PERIODIC_MAX_ATTEMPTS } from "./periodic";
import type { PeriodicStore } from "./periodic-store";

/** The error name a run gets when its execution ended where nothing could record why (findDueEvaluations). */
export const PERIODIC_RUN_STALLED = "PeriodicRunStalled";

/** One period of a cycle whose latest periodic run failed. */
export interface FailedPeriodicRun {
  periodKey: string;
  label: string;
  /** Which attempt failed (1 for the first run of the period). */
  attempt: number;
  startedAt: string;
  /** The run's last sign of life. */
  lastSignAt: string;
  /** The error name (a `failureError` label code when known) and its technical detail. */
  error: string;
  cause: string;
  /** The next daily run starts another attempt (fewer than PERIODIC_MAX_ATTEMPTS failed). */
  willRetry: boolean;
}

/** Splits a stored failure reason (`<ErrorName>: <cause>`, as markPeriodicEvaluationFailed writes it). */
export function splitFailureReason(reason: string | undefined): { error: string; cause: string } {
  const text = reason ?? "";
  const at = text.indexOf(":");
  const error = (at < 0 ? text : text.slice(0, at)).trim();
  // A name is one word (States.Timeout, TransientError); anything else is a free text reason.
  return /^[A-Za-z][\w.]*$/.test(error)
    ? { error, cause: at < 0 ? "" : text.slice(at + 1).trim() }
    : { error: "Error", cause: text.trim() };
}

/** The cycle's periods whose latest periodic run failed, by period. */
export async function failedPeriodicRuns(
  store: Pick<PeriodicStore, "listRuns">,
  cycleId: string,
): Promise<FailedPeriodicRun[]> {
  return (await store.listRuns(cycleId))
    .filter((run) => run.status === "failed")
    .map((run) => {
      const attempt = run.attempt ?? 1;
      return {
        periodKey: run.periodKey,
        label: run.label,
        attempt,
        startedAt: run.startedAt,
        lastSignAt: run.heartbeatAt ?? run.startedAt,
        ...splitFailureReason(run.failureReason),
        willRetry: attempt < PERIODIC_MAX_ATTEMPTS,
      };
    })
    .sort((a, b) => a.periodKey.localeCompare(b.periodKey));
}
