// No hot per-cycle index key (issue 16 item 6): the appraisal records' and the workflow items' cycle index is sharded
// by NIP over KEY_SHARDS keys, so a launch's one write per appraisal spreads over 16 partitions instead of one; the
// readers query every shard (and the unsharded key of items written before) and give the cycle back complete and in
// the order callers expect: records by stage then NIP, workflow items by appraisal id across pages.
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import { KEY_SHARDS } from "../../../packages/core/src/storage/shards";
import { appraisalFlowEntity } from "../../../packages/core/src/appraisal-flow/flow.entity";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import type { AppraisalStage } from "../../../packages/core/src/appraisal/appraisal-record.repo";
import { freshTable, scanAll, type FreshTable } from "../../setup/dynamo";

const N = 240;
const nip = (i: number) => `19${String(700101 + i).padStart(6, "0")}2020011${String(i).padStart(3, "0")}`;
const STAGES: AppraisalStage[] = ["target-setting", "measurement", "review"];

describe("the sharded cycle index", { timeout: 120_000 }, () => {
  let table: FreshTable;
  let storage: Storage;

  beforeAll(async () => {
    table = await freshTable("cycle-shards");
    storage = createStorage({ tableName: table.tableName, client: table.client, clock: createOffsetClock() });
    const flow = appraisalFlowEntity(storage.client, storage.tableName);
    for (let i = 0; i < N; i += 20)
      await Promise.all(
        Array.from({ length: 20 }, async (_, j) => {
          const k = i + j;
          await storage.appraisals.createAppraisal({
            id: `c1-${nip(k)}`,
            cycleId: "c1",
            nip: nip(k),
            name: `Pegawai ${k}`,
            unitId: "dinas",
            stage: STAGES[k % STAGES.length],
          });
          await flow
            .create({
              appraisalId: `c1-${nip(k)}`,
              cycleId: "c1",
              nip: nip(k),
              state: { id: `c1-${nip(k)}`, unitId: "dinas" } as never, // a partial state: only the keys matter here
              version: 1,
            })
            .go();
        }),
      );
    // Another cycle's appraisal, which no read of c1 may return.
    await storage.appraisals.createAppraisal({
      id: "c2-x",
      cycleId: "c2",
      nip: nip(0),
      name: "X",
      unitId: "dinas",
    });
  });

  it("spreads a cycle's index entries over every shard, none holding more than twice its share", async () => {
    const items = await scanAll(table);
    for (const entity of ["appraisal", "appraisalFlow"]) {
      const keys = new Map<string, number>();
      for (const item of items.filter((i) => i.__edb_e__ === entity && i.cycleId === "c1"))
        keys.set(item.gsi1pk as string, (keys.get(item.gsi1pk as string) ?? 0) + 1);
      expect(keys.size, entity).toBe(KEY_SHARDS);
      expect(
        [...keys.values()].reduce((a, b) => a + b),
        entity,
      ).toBe(N);
      for (const [key, count] of keys) {
        expect(key, entity).toMatch(/^\$kinerja#cycleId_c1#cycleShard_\d{2}$/);
        expect(count, `${entity} ${key}`).toBeLessThanOrEqual((2 * N) / KEY_SHARDS);
      }
    }
  });

  it("reads the cycle's records back complete, by stage then NIP, and by stage", async () => {
    const all = await storage.appraisals.listByCycle("c1");
    expect(all).toHaveLength(N);
    const expected = Array.from({ length: N }, (_, k) => ({
      stage: STAGES[k % STAGES.length]!,
      nip: nip(k),
    })).sort((a, b) => (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : a.nip < b.nip ? -1 : 1));
    expect(all.map((r) => ({ stage: r.stage, nip: r.nip }))).toEqual(expected);
    const inReview = await storage.appraisals.listByCycle("c1", { stage: "review" });
    expect(inReview.map((r) => r.nip)).toEqual(
      expected.filter((e) => e.stage === "review").map((e) => e.nip),
    );
    const counts = await storage.appraisals.countByStage("c1");
    expect(counts["target-setting"] + counts.measurement + counts.review).toBe(N);
    expect(counts.review).toBe(inReview.length);
  });

  it("pages the workflow items of a cycle in appraisal-id order across the shards, each once", async () => {
    const store = createDynamoFlowStore(storage);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.listAppraisalsOfCycle("c1", cursor, 37);
      expect(page.items.length).toBeLessThanOrEqual(37);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(N / 37));
    expect(seen).toEqual(Array.from({ length: N }, (_, k) => `c1-${nip(k)}`).sort());
  });

  it("still reads a record and a workflow item written under the unsharded key before the sharding", async () => {
    const legacy = nip(999);
    // The items as ElectroDB writes them, but under the cycle's old unsharded key.
    const unsharded = (item: Record<string, unknown>) => {
      const { cycleShard: _shard, ...rest } = item;
      return { ...rest, gsi1pk: "$kinerja#cycleId_c1" };
    };
    const record = storage.entities.appraisal.create({
      id: `old-${legacy}`,
      cycleId: "c1",
      nip: legacy,
      name: "Lama",
      unitId: "dinas",
      stage: "measurement",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      version: 1,
    });
    const flowItem = appraisalFlowEntity(storage.client, storage.tableName).create({
      appraisalId: `old-${legacy}`,
      cycleId: "c1",
      nip: legacy,
      state: { id: `old-${legacy}`, unitId: "dinas" } as never,
      version: 1,
    });
    for (const params of [record.params(), flowItem.params()])
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: unsharded(params.Item as Record<string, unknown>),
        }),
      );
    const all = await storage.appraisals.listByCycle("c1");
    expect(all).toHaveLength(N + 1);
    expect(all.find((r) => r.nip === legacy)?.stage).toBe("measurement");
    const store = createDynamoFlowStore(storage);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listAppraisalsOfCycle("c1", cursor, 100);
      ids.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(N + 1);
    expect(ids.at(-1)).toBe(`old-${legacy}`);
  });
});
