import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The one single-table definition of kinerja. The Storage stack and the local runtime both build
 * their table from this object, and every ElectroDB entity maps its indexes onto these names.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Global secondary indexes, generic by design: entities name the access pattern they serve. */
  globalIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { indexName: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  ],
  /**
   * Epoch-seconds attribute DynamoDB TTL deletes by (expired links, idempotency records, the link rate limiter's
   * per-minute counters `ratelimit#<key>` / `window#<start>`, see packages/web/src/middleware/rate-limit.ts).
   */
  timeToLiveAttribute: "ttl",
} as const;

/** Index names ElectroDB entities may use. */
export type IndexName = (typeof tableDefinition.globalIndexes)[number]["indexName"];

/** CreateTable input for DynamoDB Local and tests (on-demand billing, string keys). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keys = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    ...tableDefinition.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: "HASH" },
      { AttributeName: tableDefinition.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: tableDefinition.globalIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" },
        { AttributeName: i.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}
