// What the parts of the DynamoDB FlowStore (flow-store.dynamo.ts) share: the storage, the workflow's entities and
// the clock, and how a failed write is classified for the ASL.
import type { Storage } from "../storage/storage";
import {
  isConditionFailure,
  isTransientStorageFailure,
  TransactionCancelledError,
} from "../storage/storage.errors";
import type { cascadeWaiterEntity } from "./cascade-waiter.entity";
import type { appraisalFlowEntity, distributionWarningsEntity, launchPageEntity } from "./flow.entity";
import type { launchSkipEntity } from "../launch/launch-skip.entity";
import { PermanentStorageError, TransientError } from "../workflow/workflow.errors";

/** The storage, the workflow's entities bound to its table and the current instant (ISO), built once per store. */
export interface FlowStoreContext {
  storage: Storage;
  flow: ReturnType<typeof appraisalFlowEntity>;
  launchPage: ReturnType<typeof launchPageEntity>;
  warnings: ReturnType<typeof distributionWarningsEntity>;
  launchSkip: ReturnType<typeof launchSkipEntity>;
  cascade: ReturnType<typeof cascadeWaiterEntity>;
  now: () => string;
}

/**
 * A lost race or a throttled/unreachable table is transient (the ASL retries TransientError); anything else is a
 * PermanentStorageError (marked failed). The cause chain is walked because ElectroDB wraps the SDK's network errors.
 */
export function classifyStorageError(err: unknown, what: string): Error {
  const message = `${what} failed: ${(err as Error).message}`;
  if (err instanceof TransactionCancelledError || isTransientStorageFailure(err))
    return new TransientError(message, { cause: err });
  return new PermanentStorageError(message, { cause: err });
}

/** A failed condition (another writer got in first), however ElectroDB wrapped it. */
export function lostRace(err: unknown): boolean {
  let current = err as
    { name?: string; cause?: unknown; originalError?: unknown; message?: string } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (
      isConditionFailure(current) ||
      current.name === "ConditionalCheckFailedException" ||
      /conditional request failed/i.test(current.message ?? "")
    )
      return true;
    current = (current.originalError ?? current.cause) as typeof current;
  }
  return false;
}
