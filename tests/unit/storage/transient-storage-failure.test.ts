// Storage errors are classed by what they wrap: ElectroDB keeps the SDK's error in `originalError`, so a network
// error of an unreachable table, a throttle or a busy transaction is transient however deep it sits; a failed
// condition or a validation error is not. The step handlers turn such an escaped error into TransientError.
import { describe, expect, it } from "vitest";
import * as v from "valibot";
import { defineStep } from "../../../functions/shared/step";
import { createStorage } from "../../../packages/core/src/storage/storage";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import {
  isConditionFailure,
  isTransientStorageFailure,
} from "../../../packages/core/src/storage/storage.errors";

const sdkError = (name: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });
const socketError = (code: string, message = code) => Object.assign(new Error(message), { code });
/** Wraps like ElectroDB does (originalError), and once more in a plain cause. */
const electro = (inner: unknown) =>
  Object.assign(new Error("Error thrown by DynamoDB client"), {
    name: "ElectroError",
    code: 4001,
    originalError: inner,
  });

describe("isTransientStorageFailure", () => {
  it.each([
    ["ECONNREFUSED", socketError("ECONNREFUSED")],
    ["socket hang up", socketError("ECONNRESET", "socket hang up")],
    ["a timeout", Object.assign(new Error("timed out"), { name: "TimeoutError" })],
    ["ThrottlingException", sdkError("ThrottlingException", 400)],
    ["ProvisionedThroughputExceeded", sdkError("ProvisionedThroughputExceededException", 400)],
    ["InternalServerError", sdkError("InternalServerError", 500)],
    ["TransactionConflict", sdkError("TransactionConflictException", 400)],
  ])("is true for %s wrapped by ElectroDB and again in a cause", (_, inner) => {
    expect(isTransientStorageFailure(inner)).toBe(true);
    expect(isTransientStorageFailure(electro(inner))).toBe(true);
    expect(isTransientStorageFailure(new Error("outer", { cause: electro(inner) }))).toBe(true);
  });

  it("is false for a failed condition, a validation error and a plain bug", () => {
    const condition = sdkError("ConditionalCheckFailedException", 400);
    expect(isTransientStorageFailure(electro(condition))).toBe(false);
    expect(isConditionFailure(electro(condition))).toBe(true);
    expect(isTransientStorageFailure(sdkError("ValidationException", 400))).toBe(false);
    expect(
      isTransientStorageFailure(
        Object.assign(new Error("bad attribute"), { name: "ElectroValidationError", code: 3001 }),
      ),
    ).toBe(false);
    expect(isTransientStorageFailure(new TypeError("x is undefined"))).toBe(false);
  });

  it("stops on a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = new Error("b", { cause: a });
    expect(isTransientStorageFailure(a)).toBe(false);
  });
});

describe("storage errors at the workflow's edge", () => {
  // Port 1 refuses every connection: the table is unreachable.
  const storage = createStorage({ tableName: "kinerja", endpoint: "http://127.0.0.1:1" });
  const store = createDynamoFlowStore(storage);

  it("a write ElectroDB wrapped is a TransientError, not a PermanentStorageError", async () => {
    // The table goes away between the read and the write: reads answer "no item", writes are refused.
    const flaky = createStorage({ tableName: "kinerja", endpoint: "http://127.0.0.1:1" });
    flaky.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "GetItemCommand")
          return { output: { $metadata: {} } as never, response: {} };
        if (context.commandName === "PutItemCommand" || context.commandName === "UpdateItemCommand")
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" });
        return next(args);
      },
      { step: "initialize", name: "outageBetweenReadAndWrite" },
    );
    const err = await createDynamoFlowStore(flaky)
      .updateDistributionWarnings("c", "u", async () => [])
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe("TransientError");
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it("an unreachable table on a step's read is retried by name (TransientError)", async () => {
    const step = defineStep(v.object({}), () => store.getAppraisal("a-1"));
    const thrown = await step
      .createHandler(() => ({}) as never)({}, {})
      .catch((e: unknown) => e);
    expect((thrown as Error).name).toBe("TransientError");
  });

  it("a saved state lost to an unreachable table is a TransientError", async () => {
    const err = await store
      .saveAppraisal({ id: "a-1", version: 2, nip: "1", cycleId: "c", stage: "review" } as never)
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe("TransientError");
  });

  it("a step's own named error passes through unchanged", async () => {
    const step = defineStep(v.object({}), () => {
      throw Object.assign(new Error("no"), { name: "MissingDataError" });
    });
    const thrown = await step
      .createHandler(() => ({}) as never)({}, {})
      .catch((e: unknown) => e);
    expect((thrown as Error).name).toBe("MissingDataError");
  });
});
