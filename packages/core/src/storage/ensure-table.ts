import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTableInput, tableDefinition } from "./table";

/**
 * Creates the kinerja table from createTableInput if it does not exist yet and enables TTL on it.
 * Accepts a client or an endpoint URL (local endpoints get dummy credentials).
 */
export async function ensureTable(
  clientOrEndpoint: DynamoDBClient | DynamoDBDocumentClient | string,
  tableName: string,
): Promise<{ created: boolean }> {
  const ownClient = typeof clientOrEndpoint === "string";
  // The document client forwards plain DynamoDB commands unchanged, so both can be used as a DynamoDBClient.
  const client: DynamoDBClient = ownClient
    ? new DynamoDBClient({
        endpoint: clientOrEndpoint,
        region: "local",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      })
    : (clientOrEndpoint as DynamoDBClient);
  try {
    let created = false;
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName)));
        created = true;
      } catch (createError) {
        // Another process created it between our describe and create: that is fine.
        if (!(createError instanceof ResourceInUseException)) throw createError;
      }
    }
    await waitUntilTableExists(
      { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
      { TableName: tableName },
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if (status !== "ENABLED" && status !== "ENABLING") {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
    return { created };
  } finally {
    if (ownClient) client.destroy();
  }
}
