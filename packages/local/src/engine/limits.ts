// AWS Step Functions quotas the local engine enforces, so a local run fails where the cloud would.
import { ERROR, StatesError } from "./asl/errors";

/** AWS's limits the engine enforces (the one place they are written). */
export const ENGINE_LIMITS = {
  /** Every payload: execution input, state input/output, parameters, task results, SendTaskSuccess output. */
  payloadBytes: 262_144,
  historyEvents: 25_000,
  executionDurationMs: 365 * 24 * 3600 * 1000,
  taskTokenMaxLength: 1024,
  nameMaxLength: 80,
  definitionBytes: 1_048_576,
} as const;

/** UTF-8 length of a string, the unit of AWS's payload limits. */
export const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Serialises a payload a state produced; over the payload limit it is States.DataLimitExceeded. */
export function stringifyPayload(value: unknown, what: string): string {
  const text = JSON.stringify(value === undefined ? null : value);
  if (utf8Bytes(text) > ENGINE_LIMITS.payloadBytes) {
    throw new StatesError(
      ERROR.DataLimitExceeded,
      `The state/task returned a result with a size exceeding the maximum number of bytes service limit (${what}).`,
    );
  }
  return text;
}
