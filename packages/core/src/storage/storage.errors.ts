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

/** The error and what it wraps (ElectroDB keeps the SDK error in `originalError`, others in `cause`), outermost first. */
export function errorChain(error: unknown, maxDepth = 8): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && typeof current === "object" && chain.length < maxDepth && !chain.includes(current)) {
    chain.push(current);
    const wrapped = current as { originalError?: unknown; cause?: unknown };
    current = wrapped.originalError ?? wrapped.cause;
  }
  return chain;
}

/** True when an ElectroDB or SDK error was caused by a failed ConditionExpression. */
export function isConditionFailure(error: unknown): boolean {
  return errorChain(error).some((e) => (e as { name?: string }).name === "ConditionalCheckFailedException");
}

// DynamoDB's retryable error names (throttling, a busy transaction, a server fault) and the socket errors of an
// unreachable or restarting endpoint ("socket hang up" is ECONNRESET).
const TRANSIENT_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TransactionConflictException",
  "TransactionInProgressException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);
const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * True when a storage error (however ElectroDB or the SDK wrapped it) is a throttle, a busy transaction, a server
 * fault or an unreachable endpoint: retrying later can succeed. A failed condition is not transient by itself.
 */
export function isTransientStorageFailure(error: unknown): boolean {
  return errorChain(error).some((e) => {
    const named = e as {
      name?: string;
      code?: string | number;
      $metadata?: { httpStatusCode?: number };
      $retryable?: unknown;
      message?: string;
    };
    const status = named.$metadata?.httpStatusCode ?? 0;
    return (
      TRANSIENT_NAMES.has(named.name ?? "") ||
      TRANSIENT_CODES.has(String(named.code ?? "")) ||
      status === 429 ||
      status >= 500 ||
      named.$retryable !== undefined ||
      /socket hang up/i.test(named.message ?? "")
    );
  });
}
