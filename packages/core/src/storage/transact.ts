import { TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { translateDynamoError } from "./storage.errors";

/** One item of a DynamoDB TransactWriteItems call, in the document-client (unmarshalled) shape. */
export type TransactWriteItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

/**
 * Writes up to 100 items in one DynamoDB transaction: all or nothing. Repos hand out items
 * (e.g. auditTransactItem) so another area can combine "its write and an audit event" atomically.
 * A failure is translated (translateDynamoError): a cancellation becomes TransactionCancelledError with the per-item
 * reasons, a throttle or an unreachable table TransientError.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: TransactWriteItem[],
): Promise<void> {
  if (items.length === 0) return;
  if (items.length > 100)
    throw new RangeError(`a DynamoDB transaction holds at most 100 items, got ${items.length}`);
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    throw translateDynamoError(error);
  }
}

/** Turns ElectroDB `.params()` output of a put/create into a transaction item. */
export function putItem(params: Record<string, unknown>): TransactWriteItem {
  return { Put: params as never };
}

/** Turns ElectroDB `.params()` output of an update/patch into a transaction item. */
export function updateItem(params: Record<string, unknown>): TransactWriteItem {
  return { Update: params as never };
}
