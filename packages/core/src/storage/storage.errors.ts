/** Base class of errors raised by the DynamoDB adapters (repos); `cause` keeps the SDK/ElectroDB error. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An item that must exist was not found. */
export class ItemNotFoundError extends StorageError {}

/** An item that must not exist yet (create) already exists. */
export class ItemAlreadyExistsError extends StorageError {}

/** Optimistic concurrency: the item changed since it was read (its `version` is not the expected one). */
export class StaleVersionError extends StorageError {}

/** A guard written as a DynamoDB condition was not met (e.g. a stage transition from the wrong stage). */
export class GuardFailedError extends StorageError {}

/** A multi-item transaction was cancelled; `reasons` holds DynamoDB's cancellation code per item (in order). */
export class TransactionCancelledError extends StorageError {
  constructor(
    message: string,
    readonly reasons: (string | undefined)[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when an ElectroDB or SDK error was caused by a failed ConditionExpression. */
export function isConditionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const named = current as { name?: string; code?: string | number; cause?: unknown };
    if (named.name === "ConditionalCheckFailedException") return true;
    current = named.cause;
  }
  return false;
}
