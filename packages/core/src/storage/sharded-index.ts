// Reading an index key sharded after items were written under it unsharded (storage/shards.ts): items written before
// keep the old key until rewritten, so readers query the old key too. ElectroDB builds the query of one shard; the
// old key is that query's key without its shard part.
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";

/**
 * Every item under the unsharded key `params` (an ElectroDB query of one shard, `.params()`) had before the index was
 * sharded by `shardAttribute`; raw DynamoDB items, for the entity's `parse`.
 */
export async function queryUnshardedKey(
  client: DynamoDBDocumentClient,
  params: Record<string, unknown>,
  shardAttribute: string,
): Promise<Record<string, unknown>[]> {
  const input = params as unknown as QueryCommandInput;
  const values = { ...input.ExpressionAttributeValues };
  values[":pk"] = String(values[":pk"]).replace(new RegExp(`#${shardAttribute}_[^#]*$`), "");
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ ...input, ExpressionAttributeValues: values, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
