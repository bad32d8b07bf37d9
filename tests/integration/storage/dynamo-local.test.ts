import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ensureTable } from "../../../packages/core/src/storage/ensure-table";
import { tableDefinition } from "../../../packages/core/src/storage/table";
import { startDynamoLocal } from "../../../packages/local/src/dynamodb/launcher";
import { freshTable, scanAll } from "../../setup/dynamo";

describe("DynamoDB Local for tests", () => {
  it("gives each freshTable call its own empty table with the three GSIs and TTL enabled", async () => {
    const a = await freshTable();
    const b = await freshTable();
    expect(a.tableName).not.toBe(b.tableName);
    await a.client.send(new PutCommand({ TableName: a.tableName, Item: { pk: "p", sk: "s" } }));
    expect(await scanAll(a)).toHaveLength(1);
    expect(await scanAll(b)).toHaveLength(0);
    const described = await a.client.send(new DescribeTableCommand({ TableName: a.tableName }));
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual([
      "gsi1",
      "gsi2",
      "gsi3",
    ]);
    const ttl = await a.client.send(new DescribeTimeToLiveCommand({ TableName: a.tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(tableDefinition.timeToLiveAttribute);
  });

  it("ensureTable is idempotent: a second call keeps the table and its items", async () => {
    const table = await freshTable();
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: { pk: "p", sk: "s" } }));
    expect(await ensureTable(table.client, table.tableName)).toEqual({ created: false });
    expect(await scanAll(table)).toHaveLength(1);
  });
});

describe("startDynamoLocal", () => {
  it("starts on a free port, keeps data in dataDir across restarts, and stops", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dataDir = mkdtempSync(join(tmpdir(), "kinerja-ddb-"));
    try {
      const first = await startDynamoLocal({ dataDir });
      expect(first.port).toBeGreaterThan(0);
      expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
      await ensureTable(first.endpoint, "persisted");
      await first.stop();
      await expect(fetch(first.endpoint)).rejects.toThrow();

      const second = await startDynamoLocal({ dataDir });
      try {
        expect(await ensureTable(second.endpoint, "persisted")).toEqual({ created: false });
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("throws JavaMissingError with install advice when java is not on PATH", async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      await expect(startDynamoLocal()).rejects.toMatchObject({
        name: "JavaMissingError",
        message: expect.stringMatching(/Java 17.*apt-get install -y openjdk-17-jre-headless/s),
      });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
