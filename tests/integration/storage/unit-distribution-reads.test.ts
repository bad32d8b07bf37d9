// Issue 18 (found by the SIGKILL fault test): a review's unit distribution (the review page's preview, RecordReview's
// audit and re-check) is read by unit, not by paging the whole cycle: its DynamoDB requests do not grow with the other
// units' size. A cycle launched before the unit index existed is still counted exactly (read from the whole cycle)
// until backfillUnitIndex keys its items.
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import {
  createDynamoFlowStore,
  createFlowEntities,
} from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import type { FlowDeps } from "../../../packages/core/src/appraisal-flow/common";
import type { FlowAppraisal } from "../../../packages/core/src/appraisal-flow/flow-store";
import {
  checkUnitDistribution,
  reviewDistributionPreview,
} from "../../../packages/core/src/appraisal-flow/review";
import type { Predikat } from "../../../packages/core/src/rating/rating";
import { freshTable, type FreshTable } from "../../setup/dynamo";

const nip = (unit: number, i: number) => `19800101200${unit}01${String(i).padStart(4, "0")}`;

function appraisal(
  cycleId: string,
  unitId: string,
  nipOf: string,
  stage: FlowAppraisal["stage"],
  predikat?: Predikat,
): FlowAppraisal {
  return {
    id: `${cycleId}-${nipOf}`,
    cycleId,
    nip: nipOf,
    name: `Pegawai ${nipOf}`,
    email: `${nipOf}@salor.go.id`,
    unitId,
    positionType: "pelaksana",
    unitHead: false,
    appraiser: { nip: "196501011990011001", name: "Atasan", email: "atasan@salor.go.id" },
    stage,
    version: 1,
    executionBaseName: `${cycleId}-${nipOf}`,
    ...(predikat ? { predikat } : {}),
    appliedSteps: [],
  };
}

describe("a review reads its unit's distribution by unit (issue 18)", { timeout: 300_000 }, () => {
  let table: FreshTable;
  let storage: Storage;
  const sent: string[] = [];

  beforeAll(async () => {
    table = await freshTable("unit-distribution");
    // Every request the store sends, by command name (as tests/web/links/decision-requests.test.ts counts them).
    const client = Object.create(table.client) as typeof table.client;
    client.send = ((command: { constructor: { name: string } }) => {
      sent.push(command.constructor.name);
      return table.client.send(command as never);
    }) as typeof client.send;
    storage = createStorage({ tableName: table.tableName, client, clock: createOffsetClock() });
  });

  /** Writes flow items as a launch does (the flow entity keys them by unit), batched. */
  async function seed(records: FlowAppraisal[]) {
    const { flow } = createFlowEntities(storage);
    await flow
      .put(
        records.map((r) => ({
          appraisalId: r.id,
          cycleId: r.cycleId,
          nip: r.nip,
          state: r,
          version: r.version,
        })),
      )
      .go({ concurrency: 4 });
  }

  const cost = async <T>(fn: () => Promise<T>) => {
    sent.length = 0;
    const result = await fn();
    return { result, requests: [...sent] };
  };

  it("the preview and the re-check cost the same requests whether the other units hold 40 or 1,200 appraisals", async () => {
    const store = createDynamoFlowStore(storage);
    // FlowDeps: the distribution reads only the store.
    const deps = { store } as unknown as FlowDeps;
    const small = [
      appraisal("q1", "kecil", nip(1, 1), "review"),
      appraisal("q1", "kecil", nip(1, 2), "feedback", "baik"),
      appraisal("q1", "kecil", nip(1, 3), "feedback", "sangat_baik"),
      appraisal("q1", "kecil", nip(1, 4), "cancelled", "kurang"),
      appraisal("q1", "kecil", nip(1, 5), "measurement"),
    ];
    await seed(small);
    await store.recordLaunchPage("q1", "page-1", { started: 5, alreadyExisting: 0, pages: 1 });
    await storage.cycles.setOrgRating({ cycleId: "q1", unitId: "kecil", rating: "baik", setBy: "hr" });
    const reviewed = small[0]!;

    const measure = async () => {
      const preview = await cost(() => reviewDistributionPreview(deps, reviewed));
      const recheck = await cost(() => checkUnitDistribution(deps, "q1", "kecil"));
      return { preview, recheck };
    };
    await seed(Array.from({ length: 40 }, (_, i) => appraisal("q1", "besar", nip(2, i), "review")));
    await measure(); // the launch pages are read once per process and cycle
    const fewOthers = await measure();
    await seed(
      Array.from({ length: 1_160 }, (_, i) => appraisal("q1", "besar", nip(2, 40 + i), "feedback", "baik")),
    );
    const manyOthers = await measure();

    // The unit's own counts: the reviewed appraisal and the cancelled one left out, one other unrated.
    expect(manyOthers.preview.result).toMatchObject({
      orgRating: "baik",
      counts: { sangat_baik: 1, baik: 1, butuh_perbaikan: 0, kurang: 0, sangat_kurang: 0 },
      unrated: 1,
      population: 4,
    });
    expect(manyOthers.preview.result).toEqual(fewOthers.preview.result);
    expect(manyOthers.preview.requests).toEqual(fewOthers.preview.requests);
    expect(manyOthers.recheck.requests).toEqual(fewOthers.recheck.requests);
    // One query of the unit, the organisation ratings and units, the cycle: not the cycle's 17 shard queries a page.
    expect(manyOthers.preview.requests.length, manyOthers.preview.requests.join(", ")).toBeLessThanOrEqual(5);
  });

  it("a save moves the appraisal's mark in the unit index: a predikat counts, a cancellation leaves", async () => {
    const store = createDynamoFlowStore(storage);
    const record = appraisal("q2", "kecil", nip(3, 1), "review");
    await store.createAppraisal(record);
    await store.recordLaunchPage("q2", "page-1", { started: 1, alreadyExisting: 0, pages: 1 });
    expect(await store.unitDistributionMarks("q2", "kecil")).toEqual([
      { appraisalId: record.id, mark: "unrated" },
    ]);
    await store.saveAppraisal({ ...record, stage: "feedback", predikat: "butuh_perbaikan", version: 2 });
    expect(await store.unitDistributionMarks("q2", "kecil")).toEqual([
      { appraisalId: record.id, mark: "butuh_perbaikan" },
    ]);
    await store.saveAppraisal({ ...record, stage: "cancelled", predikat: "butuh_perbaikan", version: 3 });
    expect(await store.unitDistributionMarks("q2", "kecil")).toEqual([
      { appraisalId: record.id, mark: "cancelled" },
    ]);
  });

  it("a cycle launched before the unit index is counted from the whole cycle until back-filled, then by unit", async () => {
    const store = createDynamoFlowStore(storage);
    const { flow, launchPage } = createFlowEntities(storage);
    const records = [
      appraisal("lama", "kecil", nip(4, 1), "review"),
      appraisal("lama", "kecil", nip(4, 2), "feedback", "kurang"),
      appraisal("lama", "kecil", nip(4, 3), "cancelled"),
      appraisal("lama", "lain", nip(4, 4), "feedback", "baik"),
    ];
    // Written as the code before the unit index wrote them: no unit, no mark, no unit index keys; the page unmarked.
    for (const r of records) {
      const item = flow
        .create({ appraisalId: r.id, cycleId: r.cycleId, nip: r.nip, state: r, version: 1 })
        .params().Item as Record<string, unknown>;
      for (const key of ["unitId", "distributionMark", "gsi3pk", "gsi3sk"]) delete item[key];
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
    }
    await launchPage
      .put({ cycleId: "lama", pageKey: "page-1", started: 4, alreadyExisting: 0, at: "2026-01-01T00:00:00Z" })
      .go();
    const expected = [
      { appraisalId: records[0]!.id, mark: "unrated" },
      { appraisalId: records[1]!.id, mark: "kurang" },
      { appraisalId: records[2]!.id, mark: "cancelled" },
    ];
    const byId = (a: { appraisalId: string }, b: { appraisalId: string }) =>
      a.appraisalId.localeCompare(b.appraisalId);

    // The index alone would miss them: the reader knows and reads the whole cycle.
    expect((await flow.query.byUnit({ cycleId: "lama", unitId: "kecil" }).go()).data).toHaveLength(0);
    expect(await store.unitIndexed("lama")).toBe(false);
    expect((await store.unitDistributionMarks("lama", "kecil")).sort(byId)).toEqual(expected);

    expect(await store.backfillUnitIndex("lama")).toBe(4);
    expect(await store.unitIndexed("lama")).toBe(true);
    expect((await flow.query.byUnit({ cycleId: "lama", unitId: "kecil" }).go()).data).toHaveLength(3);
    const fresh = createDynamoFlowStore(storage);
    const read = await cost(() => fresh.unitDistributionMarks("lama", "kecil"));
    expect(read.result.sort(byId)).toEqual(expected);
    // By unit now: the launch pages and one query of the unit.
    expect(read.requests).toEqual(["QueryCommand", "QueryCommand"]);
    // Nothing left to key: a second back-fill writes nothing.
    expect(await store.backfillUnitIndex("lama")).toBe(0);
  });

  it("a launch page retried across the deploy keys the items the older code had already created", async () => {
    const store = createDynamoFlowStore(storage);
    const { flow } = createFlowEntities(storage);
    const record = appraisal("ulang", "kecil", nip(5, 1), "target-setting");
    const item = flow
      .create({ appraisalId: record.id, cycleId: record.cycleId, nip: record.nip, state: record, version: 1 })
      .params().Item as Record<string, unknown>;
    for (const key of ["unitId", "distributionMark", "gsi3pk", "gsi3sk"]) delete item[key];
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));

    expect(await store.createAppraisal(record)).toBe(false);
    await store.recordLaunchPage("ulang", "page-1", { started: 0, alreadyExisting: 1, pages: 1 });
    expect(await store.unitIndexed("ulang")).toBe(true);
    expect(await store.unitDistributionMarks("ulang", "kecil")).toEqual([
      { appraisalId: record.id, mark: "unrated" },
    ]);
  });
});
