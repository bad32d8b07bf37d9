// What the parts of the DynamoDB FlowStore (flow-store.dynamo.ts) share: the storage, the workflow's entities and
// the clock, and how a failed write is classified for the ASL.
import type { Storage } from "../storage/storage";
import {
  isTransientStorageFailure,
  TransactionCancelledError,
  TransientError,
  translateDynamoError,
} from "../storage/storage.errors";
import type { cascadeWaiterEntity } from "./cascade-waiter.entity";
import type { appraisalFlowEntity, distributionWarningsEntity, launchPageEntity } from "./flow.entity";
import type { launchSkipEntity } from "../launch/launch-skip.entity";
import { PermanentStorageError } from "../workflow/workflow.errors";

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
 * PermanentStorageError (marked failed). The storage translator reads through ElectroDB's wrapping of the SDK's errors.
 */
export function classifyStorageError(err: unknown, what: string): Error {
  const message = `${what} failed: ${(err as Error).message}`;
  const translated = translateDynamoError(err);
  if (
    translated instanceof TransactionCancelledError ||
    translated instanceof TransientError ||
    isTransientStorageFailure(err)
  )
    return new TransientError(message, { cause: err });
  return new PermanentStorageError(message, { cause: err });
}
