// batchWrite on DynamoDB Local: every item lands; unprocessed items are retried; and when one call fails, nothing of
// the write goes on in the background after the promise rejected (import staging relies on that before it retries).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { batchWrite, type WriteRequest } from "../../../packages/core/src/storage/batch";
import { StorageError } from "../../../packages/core/src/storage/storage.errors";
import { freshTable, scanAll, type FreshTable } from "../../setup/dynamo";

const items = (n: number, prefix = "i"): WriteRequest[] =>
  Array.from({ length: n }, (_, i) => ({ PutRequest: { Item: { pk: `${prefix}#${i}`, sk: "x", n: i } } }));

/** Watches BatchWriteItem calls of a client: counts them, can fail or slow the nth, or answer all items unprocessed. */
function watchBatchWrites(client: DynamoDBDocumentClient) {
  const state = {
    started: 0,
    finished: 0,
    failNth: 0,
    unprocessedFirst: 0,
    delayMs: 0,
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!/^BatchWrite(Item)?Command$/.test(context.commandName ?? "")) return next(args);
      const call = ++state.started;
      try {
        if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
        if (call === state.failNth) {
          throw Object.assign(new Error("injected fault: service unavailable"), {
            name: "ServiceUnavailable",
            $metadata: { httpStatusCode: 503 },
          });
        }
        const result = await next(args);
        if (call <= state.unprocessedFirst) {
          // DynamoDB's partial answer: the call succeeded and wrote nothing, everything comes back unprocessed.
          const input = args.input as { RequestItems: Record<string, unknown[]> };
          return { ...result, output: { ...result.output, UnprocessedItems: input.RequestItems } };
        }
        return result;
      } finally {
        state.finished++;
      }
    },
    { step: "initialize", name: "watchBatchWrites" },
  );
  return state;
}

describe("batchWrite", () => {
  let table: FreshTable;
  let watch: ReturnType<typeof watchBatchWrites>;
  beforeEach(async () => {
    table = await freshTable("batch-write");
    watch = watchBatchWrites(table.client);
  });

  it("writes every item in calls of 25", async () => {
    await batchWrite(table.client, table.tableName, items(260));
    expect(await scanAll(table)).toHaveLength(260);
    expect(watch.started).toBe(11);
  });

  it("retries the items DynamoDB answered unprocessed", async () => {
    watch.unprocessedFirst = 3;
    await batchWrite(table.client, table.tableName, items(50), { concurrency: 1 });
    expect(await scanAll(table)).toHaveLength(50);
    expect(watch.started).toBe(5); // chunk 1: three answers all-unprocessed, then written; chunk 2 once
  });

  it("names the items still unprocessed after the last retry", async () => {
    watch.unprocessedFirst = 100;
    await expect(
      batchWrite(table.client, table.tableName, items(10), { concurrency: 1, maxRetries: 2 }),
    ).rejects.toThrow(new StorageError("10 items stayed unprocessed after 2 retries"));
  });

  it("stops starting chunks after a failure and rejects only once the calls in flight have finished", async () => {
    watch.failNth = 3;
    watch.delayMs = 30;
    const write = batchWrite(table.client, table.tableName, items(25 * 40), { concurrency: 4 });
    await expect(write).rejects.toThrow(/injected fault/);
    // Rejected: every call it started has finished (none still writing), and it stopped starting new ones.
    expect(watch.finished).toBe(watch.started);
    const written = (await scanAll(table)).length;
    await new Promise((r) => setTimeout(r, 300)); // ten call-lengths: a background worker would have written more
    expect((await scanAll(table)).length).toBe(written);
    expect(written).toBeLessThan(25 * 40);
    expect(watch.started).toBeLessThanOrEqual(8);
  });
});
