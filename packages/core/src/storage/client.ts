import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Where the table lives: a name and, locally, an endpoint override. */
export interface TableConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
}

/** Builds the DynamoDB document client for a table config (local endpoints get dummy credentials). */
export function createDocumentClient(config: TableConfig): DynamoDBDocumentClient {
  const clientConfig: DynamoDBClientConfig = {
    region: config.region ?? process.env.AWS_REGION ?? "ap-southeast-3",
  };
  if (config.endpoint) {
    clientConfig.endpoint = config.endpoint;
    clientConfig.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
