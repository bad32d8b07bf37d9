import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { StorageError } from "./storage.errors";

/** One request of a BatchWriteItem call (document-client shape). */
export type WriteRequest =
  { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes many items with BatchWriteItem (25 per call, `concurrency` calls in flight, default 4: more only
 * adds contention on DynamoDB Local and, on AWS, on-demand throttling), retrying
 * unprocessed items with backoff. Not atomic: callers make the result visible afterwards (see org.repo).
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
  const worker = async () => {
    while (next < chunks.length) {
      let pending = chunks[next++];
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > maxRetries)
          throw new StorageError(`${pending.length} items stayed unprocessed after ${maxRetries} retries`);
        if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(1000, 25 * 2 ** attempt)));
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] as WriteRequest[] | undefined) ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
}
