import { TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TransactionCancelledError } from "./storage.errors";

/** One item of a DynamoDB TransactWriteItems call, in the document-client (unmarshalled) shape. */
export type TransactWriteItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

/**
 * Writes up to 100 items in one DynamoDB transaction: all or nothing. Repos hand out items
 * (e.g. auditTransactItem) so another area can combine "its write and an audit event" atomically.
 * A cancellation becomes TransactionCancelledError with the per-item reasons.
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
    const named = error as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (named.name === "TransactionCanceledException") {
      const reasons = (named.CancellationReasons ?? []).map((r) => (r.Code === "None" ? undefined : r.Code));
      throw new TransactionCancelledError(
        `transaction cancelled: ${reasons.map((r) => r ?? "-").join(", ")}`,
        reasons,
        {
          cause: error,
        },
      );
    }
    throw error;
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
