// Probe (by hand, not a test): does DynamoDB Local keep every write it acknowledged when it is SIGKILLed?
//
//   npx tsx tests/faults/probes/dynamodb-local-durability.ts [transact|update] [trials]
//
// Each trial starts DynamoDB Local on a fresh dir, lets 16 clients claim items (`transact`: TransactWriteItems of a
// conditional update plus an audit put, the shape of a decision claim; `update`: the same two writes as single
// conditional calls), SIGKILLs the Java process mid-stream, reads its SQLite file before restarting, restarts on the same
// dir and checks every acknowledged write. Prints one JSON line per trial and a summary. The SIGKILL fault test kills
// DynamoDB Local with the runtime, so what this finds is what that test can meet (see tests/faults/README.md).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { startDynamoLocal } from "../../../packages/local/src/dynamodb/launcher";
import { createDocumentClient } from "../../../packages/core/src/storage/client";
import { ensureTable } from "../../../packages/core/src/storage/ensure-table";

const mode = process.argv[2] === "update" ? "update" : "transact";
const trials = Number(process.argv[3] ?? 5);
const TABLE = "probe";
const ITEMS = 600;
const RUN_MS = 5_000;

const claim = (i: number) => ({
  TableName: TABLE,
  Key: { pk: `d#${i}`, sk: "x" },
  UpdateExpression: "SET #s = :d, body = :b",
  ConditionExpression: "#s = :p",
  ExpressionAttributeNames: { "#s": "status" },
  ExpressionAttributeValues: { ":d": "decided", ":p": "pending", ":b": "x".repeat(2000) },
});
const audit = (i: number) => ({
  TableName: TABLE,
  Item: { pk: `a#${i}`, sk: "audit", body: "y".repeat(1000) },
  ConditionExpression: "attribute_not_exists(pk)",
});

async function write(client: DynamoDBDocumentClient, i: number) {
  if (mode === "update") {
    await client.send(new UpdateCommand(claim(i)));
    await client.send(new PutCommand(audit(i)));
  } else {
    await client.send(new TransactWriteCommand({ TransactItems: [{ Update: claim(i) }, { Put: audit(i) }] }));
  }
}

/** The acknowledged claims whose two items are not both in the SQLite file (read without DynamoDB Local). */
function missingInFile(dir: string, acked: number[]): number[] {
  copyFileSync(join(dir, "shared-local-instance.db"), join(dir, "snapshot.db"));
  const db = new Database(join(dir, "snapshot.db"), { readonly: true });
  const rows = db
    .prepare(`SELECT CAST(hashKey AS TEXT) AS h, CAST(ObjectJSON AS TEXT) AS j FROM "${TABLE}"`)
    .all() as {
    h: string;
    j: string;
  }[];
  db.close();
  const items = new Map(rows.map((r) => [r.h, r.j]));
  return acked.filter((i) => !(items.get(`d#${i}`) ?? "").includes("decided") || !items.has(`a#${i}`));
}

async function trial() {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-ddb-probe-"));
  let ddb = await startDynamoLocal({ dataDir: dir });
  let client = createDocumentClient({ tableName: TABLE, endpoint: ddb.endpoint, region: "local" });
  await ensureTable(client, TABLE);
  for (let i = 0; i < ITEMS; i++)
    await client.send(
      new PutCommand({ TableName: TABLE, Item: { pk: `d#${i}`, sk: "x", status: "pending" } }),
    );
  const acked: number[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < ITEMS) {
      const i = next++;
      try {
        await write(client, i);
        acked.push(i);
      } catch {
        // cut off by the kill
      }
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  await new Promise((r) => setTimeout(r, RUN_MS));
  const java = execFileSync("ps", ["-eo", "pid,args"])
    .toString()
    .split("\n")
    .filter((l) => l.includes("java") && l.includes(`-port ${ddb.port} `))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
  for (const pid of java) process.kill(pid, "SIGKILL");
  killed = true;
  await Promise.allSettled(workers);
  client.destroy();
  const inFile = missingInFile(dir, acked);
  ddb = await startDynamoLocal({ dataDir: dir });
  client = createDocumentClient({ tableName: TABLE, endpoint: ddb.endpoint, region: "local" });
  const lost: number[] = [];
  for (const i of acked) {
    const d = await client.send(new GetCommand({ TableName: TABLE, Key: { pk: `d#${i}`, sk: "x" } }));
    const a = await client.send(new GetCommand({ TableName: TABLE, Key: { pk: `a#${i}`, sk: "audit" } }));
    if (d.Item?.status !== "decided" || !a.Item) lost.push(i);
  }
  client.destroy();
  await ddb.stop();
  rmSync(dir, { recursive: true, force: true });
  const last = acked.slice(-16);
  return {
    mode,
    acked: acked.length,
    lost,
    missingInFileBeforeRestart: inFile,
    lostAmongLast16: lost.filter((i) => last.includes(i)).length,
  };
}

const results = [];
for (let t = 0; t < trials; t++) {
  const r = await trial();
  console.log(JSON.stringify(r));
  results.push(r);
}
console.log(
  JSON.stringify({
    mode,
    trials,
    acknowledged: results.reduce((n, r) => n + r.acked, 0),
    lost: results.reduce((n, r) => n + r.lost.length, 0),
    trialsWithLoss: results.filter((r) => r.lost.length > 0).length,
  }),
);
