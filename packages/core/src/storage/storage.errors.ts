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

/**
 * A temporary fault (throttling, a busy transaction, a lost optimistic-concurrency race, an unreachable table or
 * service): retrying later can succeed. The one class of it: the workflows' Retry and the HR API's 503 know it by this
 * name. Not a StorageError: the Step Functions adapters raise it too.
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
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

/**
 * True when an ElectroDB or SDK error was caused by a failed ConditionExpression (by name, or by the SDK's message
 * when a wrapper kept only that).
 */
export function isConditionFailure(error: unknown): boolean {
  return errorChain(error).some((e) => {
    const named = e as { name?: string; message?: string };
    return (
      named.name === "ConditionalCheckFailedException" ||
      /conditional request failed/i.test(named.message ?? "")
    );
  });
}

/**
 * DynamoDB's cancellation code per item of a cancelled transaction (undefined: that item was fine), whether raw from
 * the SDK or already a TransactionCancelledError, however wrapped; undefined when `error` is no cancelled transaction.
 */
export function cancellationReasons(error: unknown): (string | undefined)[] | undefined {
  for (const e of errorChain(error)) {
    if (e instanceof TransactionCancelledError) return e.reasons;
    const raw = e as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (raw.name === "TransactionCanceledException")
      return (raw.CancellationReasons ?? []).map((r) => (r?.Code && r.Code !== "None" ? r.Code : undefined));
  }
  return undefined;
}

/** A transaction cancelled because one of its conditions did not hold (someone else won the race). */
export function isTransactionConditionFailure(error: unknown): boolean {
  return cancellationReasons(error)?.includes("ConditionalCheckFailed") ?? false;
}

/** A transaction cancelled only because another one touched the same item at the same time (retry it). */
export function isTransactionConflict(error: unknown): boolean {
  return (
    (cancellationReasons(error)?.includes("TransactionConflict") ?? false) ||
    errorChain(error).some((e) => (e as { name?: string }).name === "TransactionConflictException")
  );
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

/**
 * The one translation of a DynamoDB failure (however ElectroDB or the document client wrapped it) into kinerja's
 * storage errors: a cancelled transaction becomes TransactionCancelledError with DynamoDB's reason per item; a throttle,
 * a busy transaction, a server fault or an unreachable table becomes TransientError; anything else, a failed condition
 * included (only the repo knows what its condition meant: see whenConditionHolds), is returned as it is. `cause` keeps
 * the original, so isTransientStorageFailure and the predicates above still see through it.
 */
export function translateDynamoError(error: unknown, what?: string): unknown {
  if (error instanceof StorageError || error instanceof TransientError) return error;
  const context = what ? ` (${what})` : "";
  const reasons = cancellationReasons(error);
  if (reasons)
    return new TransactionCancelledError(
      `transaction cancelled${context}: ${reasons.map((r) => r ?? "-").join(", ")}`,
      reasons,
      { cause: error },
    );
  if (isTransientStorageFailure(error))
    return new TransientError(
      `storage unavailable${context}: ${(error as Error)?.message ?? String(error)}`,
      {
        cause: error,
      },
    );
  return error;
}

/**
 * Runs a conditional write: true when it was written, false when its condition did not hold (another writer got
 * there first, or the item is not in the state the write expects). Any other failure is thrown, translated.
 */
export async function whenConditionHolds(write: () => Promise<unknown>, what?: string): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw translateDynamoError(error, what);
  }
}
