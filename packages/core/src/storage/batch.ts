import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { StorageError } from "./storage.errors";

/** One request of a BatchWriteItem call (document-client shape). */
export type WriteRequest =
  { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes many items with BatchWriteItem (25 per call, `concurrency` calls in flight, default 4: more only
 * adds contention on DynamoDB Local and, on AWS, on-demand throttling), retrying
 * unprocessed items with backoff. Not atomic: callers make the result visible afterwards (see org.repo).
 * When a call fails, no further chunk is started and the calls already in flight are awaited before the first error
 * is thrown: once this rejects, nothing of it is still writing (a caller may retry or clean up straight away).
 */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: WriteRequest[],
  options: { concurrency?: number; maxRetries?: number } = {},
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
  const maxRetries = options.maxRetries ?? 8;
  let next = 0;
  let failed = false;
  const worker = async () => {
    try {
      while (next < chunks.length && !failed) {
        let pending = chunks[next++];
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > maxRetries)
            throw new StorageError(`${pending.length} items stayed unprocessed after ${maxRetries} retries`);
          if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(1000, 25 * 2 ** attempt)));
          if (failed) return;
          const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (result.UnprocessedItems?.[tableName] as WriteRequest[] | undefined) ?? [];
        }
      }
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker),
  );
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
  if (rejected) throw rejected.reason;
}
