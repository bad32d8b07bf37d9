// Test helper: a uniquely named table in the shared DynamoDB Local, created from the one table definition. Importing
// this module starts the run's DynamoDB Local if no file did yet (global-dynamodb.ts) and waits for it, while vitest
// imports the test file, where no test or hook timeout runs yet; without Java the importing file fails here, saying so.
import { randomUUID } from "node:crypto";
import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { createDocumentClient } from "../../packages/core/src/storage/client";
import { ensureTable } from "../../packages/core/src/storage/ensure-table";
import "./global-dynamodb";

async function startedEndpoint(): Promise<string> {
  const starter = inject("dynamoStarter");
  if (!starter)
    throw new Error(
      "dynamoStarter was not provided: is tests/setup/global-dynamodb.ts the vitest globalSetup?",
    );
  const response = await fetch(starter, { method: "POST" });
  const text = await response.text();
  if (!response.ok) throw new Error(`DynamoDB Local, which this test file needs, did not start: ${text}`);
  return text;
}

const endpoint = await startedEndpoint();

/** A table made for one test file (or one test) against the shared DynamoDB Local. */
export interface FreshTable {
  tableName: string;
  endpoint: string;
  client: DynamoDBDocumentClient;
}

/** Creates a new, empty, uniquely named table (with TTL) and returns a document client for it. */
export async function freshTable(prefix = "test"): Promise<FreshTable> {
  const tableName = `${prefix}-${randomUUID()}`;
  const client = createDocumentClient({ tableName, endpoint, region: "local" });
  await ensureTable(client, tableName);
  return { tableName, endpoint, client };
}

/** Reads every item of a table (for tests asserting that nothing was written). */
export async function scanAll(
  table: Pick<FreshTable, "client" | "tableName"> & { endpoint?: string },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
