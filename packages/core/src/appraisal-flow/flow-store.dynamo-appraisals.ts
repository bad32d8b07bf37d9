// The appraisals of the DynamoDB FlowStore: creating them (idempotently, in transactions), reading and saving the
// workflow state with its projection onto the appraisal record HR reads, paging a cycle's appraisals across the
// index shards, the unit index of the distribution (and its backfill) and an employee's earlier appraisals.
import { queryUnshardedKey } from "../storage/sharded-index";
import { pageAcrossShards, shardKeys } from "../storage/shards";
import { putItem, updateItem } from "../storage/transact";
import { isConditionFailure, TransactionCancelledError } from "../storage/storage.errors";
import type { DistributionMark, FlowAppraisal, FlowStore } from "./flow-store";
import { distributionMarkOf } from "./flow.entity";
import { classifyStorageError, type FlowStoreContext } from "./flow-store.dynamo-shared";

/** Records created per launch transaction: 3 items each (flow, appraisal record, event), DynamoDB allows 100 items. */
const CREATIONS_PER_TRANSACTION = 33;

/** The pseudo-shard of a cycle's unsharded index key (flow items written before the cycle index was sharded). */
const UNSHARDED = "unsharded";

/** What HR sees on the appraisal record, projected from the workflow state. */
function projection(a: FlowAppraisal) {
  return {
    stage: a.stage,
    ...(a.executionArn ? { executionArn: a.executionArn } : {}),
    ...(a.review
      ? {
          ratings: {
            hasilKerja: a.review.hasilKerja,
            perilaku: a.review.perilaku,
            perilakuDetail: a.review.perilakuDetail,
            feedback: a.review.feedback,
          },
        }
      : {}),
    ...(a.predikat ? { predikat: a.predikat } : {}),
    ...(a.measurement ? { measurement: a.measurement } : {}),
    ...(a.objection ? { objection: a.objection } : {}),
    ...(a.followUp ? { followUp: a.followUp } : {}),
    ...(a.discipline ? { discipline: a.discipline } : {}),
    failureReason: a.failure ? `${a.failure.error}: ${a.failure.cause} (stage ${a.failure.stage})` : "",
  };
}

/** The appraisal part of the FlowStore, plus the unit index's state and backfill. */
export function dynamoAppraisals(ctx: FlowStoreContext): Pick<
  FlowStore,
  | "createAppraisal"
  | "createAppraisals"
  | "getAppraisal"
  | "saveAppraisal"
  | "listAppraisalsOfCycle"
  | "unitDistributionMarks"
  | "appraisalsOfEmployee"
  | "previousAppraisals"
> & {
  /** Whether a unit's distribution is read from the unit index (else from the whole cycle: see unitIndexed). */
  unitIndexed(cycleId: string): Promise<boolean>;
  /** Keys the cycle's flow items written before the unit index by unit; answers how many it keyed. */
  backfillUnitIndex(cycleId: string): Promise<number>;
} {
  const { storage, flow, launchPage, now } = ctx;
  const appraisalsOfEmployee = async (nip: string) =>
    (await flow.query.byEmployee({ nip }).go({ pages: "all" })).data.map((i) => i.state as FlowAppraisal);
  // A new record: its flow item, the appraisal record HR reads and the "created" event. The flow item's create is
  // conditional and flow items are never deleted, so the transaction commits at most once per appraisal: the event
  // needs no uniqueness guard of its own (3 writes, not 4).
  const creationItems = (record: FlowAppraisal, at: string) => [
    putItem(
      flow
        .create({
          appraisalId: record.id,
          cycleId: record.cycleId,
          nip: record.nip,
          state: record,
          version: record.version,
        })
        .params(),
    ),
    putItem(
      storage.entities.appraisal
        .create({
          id: record.id,
          cycleId: record.cycleId,
          nip: record.nip,
          name: record.name,
          email: record.email,
          unitId: record.unitId,
          positionType: record.positionType,
          unitHead: record.unitHead,
          ...(record.employmentType ? { employmentType: record.employmentType } : {}),
          ...(record.jenjang ? { jenjang: record.jenjang } : {}),
          appraiserNip: record.appraiser.nip,
          ...(record.superiorOfAppraiser ? { superiorOfAppraiserNip: record.superiorOfAppraiser.nip } : {}),
          stage: record.stage,
          ...(record.executionArn ? { executionArn: record.executionArn } : {}),
          createdAt: at,
          updatedAt: at,
          version: 1,
        })
        .params(),
    ),
    storage.audit.auditEventItemOnce({
      appraisalId: record.id,
      eventId: "created",
      actor: "system",
      action: "created",
      detail: { stage: record.stage },
      at,
    }),
  ];

  const createAppraisal = async (record: FlowAppraisal) => {
    try {
      await storage.transactWrite(creationItems(record, now()));
      return true;
    } catch (err) {
      if (err instanceof TransactionCancelledError) {
        const existing = await flow.get({ appraisalId: record.id }).go({ consistent: true });
        if (existing.data) {
          // Written before the unit index (a launch page retried across the deploy): keyed now, since this page's
          // record will say its items are.
          if (existing.data.unitId === undefined)
            await keyByUnit({ ...(existing.data.state as FlowAppraisal), version: existing.data.version });
          return false;
        }
      }
      throw classifyStorageError(err, `creating appraisal ${record.id}`);
    }
  };

  // Pages in appraisal-id order across the cycle index's shards (and the unsharded key of items written before
  // it was sharded); the cursor is the last appraisal id of the page.
  const listAppraisalsOfCycle: FlowStore["listAppraisalsOfCycle"] = async (cycleId, cursor, limit) => {
    type Item = { appraisalId: string; state: unknown; version: number };
    const query = (cycleShard: string) => flow.query.byCycle({ cycleId, cycleShard });
    const unsharded = async (after: string | null, max: number) =>
      (
        flow.parse({
          Items: await queryUnshardedKey(storage.client, query(shardKeys()[0]!).params(), "cycleShard"),
        }).data as Item[]
      )
        .filter((i) => after === null || i.appraisalId > after)
        .sort((a, b) => (a.appraisalId < b.appraisalId ? -1 : 1))
        .slice(0, max);
    const page = await pageAcrossShards<Item>(
      [...shardKeys(), UNSHARDED],
      async (shard, after, max) => {
        if (shard === UNSHARDED) return unsharded(after, max);
        const q = query(shard);
        return (await (after ? q.gt({ appraisalId: after }) : q).go({ limit: max })).data as Item[];
      },
      (i) => i.appraisalId,
      cursor,
      limit,
    );
    return {
      items: page.items.map((i) => ({ ...(i.state as FlowAppraisal), version: i.version })),
      nextCursor: page.nextAfter,
    };
  };

  // Re-saves the state of a flow item written before the unit index (any write of the state brings its keys),
  // unless a newer save (which keyed it) got in first.
  const keyByUnit = async (a: FlowAppraisal) => {
    try {
      await flow
        .patch({ appraisalId: a.id })
        .set({ state: a, version: a.version })
        .composite({ cycleId: a.cycleId })
        .where((attr, { eq }) => eq(attr.version, a.version))
        .go();
    } catch (err) {
      if (!isConditionFailure(err)) throw classifyStorageError(err, `keying appraisal ${a.id} by unit`);
    }
  };

  // A cycle's flow items all carry the unit index's keys when every launch page of it was recorded by code that keys
  // them (the page says so); a cycle launched (even partly) before holds items the index lacks until
  // backfillUnitIndex. Once true it stays true (later pages say so too), so a process asks once per cycle.
  const indexedCycles = new Set<string>();
  const unitIndexed = async (cycleId: string) => {
    if (indexedCycles.has(cycleId)) return true;
    const pages = (
      await launchPage.query.byCycle({ cycleId }).go({ pages: "all", attributes: ["unitIndexed"] })
    ).data;
    const indexed = pages.every((p) => p.unitIndexed === true);
    // Not remembered before the first page: nothing to count yet.
    if (indexed && pages.length > 0) indexedCycles.add(cycleId);
    return indexed;
  };

  return {
    createAppraisal,

    async createAppraisals(records) {
      const at = now();
      const chunks: FlowAppraisal[][] = [];
      for (let i = 0; i < records.length; i += CREATIONS_PER_TRANSACTION)
        chunks.push(records.slice(i, i + CREATIONS_PER_TRANSACTION));
      await Promise.all(
        chunks.map(async (chunk) => {
          try {
            await storage.transactWrite(chunk.flatMap((r) => creationItems(r, at)));
          } catch (err) {
            // Some already exist (a relaunch, a retried page) or a transient failure: one by one, each idempotent.
            if (!(err instanceof TransactionCancelledError))
              throw classifyStorageError(err, `creating ${chunk.length} appraisals`);
            for (const r of chunk) await createAppraisal(r);
          }
        }),
      );
    },

    async getAppraisal(appraisalId) {
      const item = (await flow.get({ appraisalId }).go({ consistent: true })).data;
      return item
        ? ({ ...(item.state as FlowAppraisal), version: item.version } as FlowAppraisal)
        : undefined;
    },

    async saveAppraisal(input, audit) {
      // Domain results may carry Dates (e.g. a coaching deadline): store the JSON form the workflow reads back.
      const next = JSON.parse(JSON.stringify(input)) as FlowAppraisal;
      const items = [
        updateItem(
          flow
            .patch({ appraisalId: next.id })
            .set({ state: next, version: next.version })
            // The unit index's key needs the cycle (the unit and the distribution mark are copied from `state`).
            .composite({ cycleId: next.cycleId })
            .where((attr, { eq }) => eq(attr.version, next.version - 1))
            .params(),
        ),
        updateItem(
          storage.entities.appraisal
            .patch({ id: next.id })
            .set({ ...projection(next), updatedAt: now() })
            .composite({ nip: next.nip })
            .add({ version: 1 })
            .params(),
        ),
      ];
      try {
        if (audit)
          await storage.audit.transactWithAudit((all) => storage.transactWrite(all), items, {
            appraisalId: next.id,
            ...audit,
          });
        else await storage.transactWrite(items);
      } catch (err) {
        throw classifyStorageError(err, `saving appraisal ${next.id} (version ${next.version})`);
      }
    },

    listAppraisalsOfCycle,

    async unitDistributionMarks(cycleId, unitId) {
      if (await unitIndexed(cycleId)) {
        // The marks only: the index projects whole flow items, the states are not needed here.
        const rows = (
          await flow.query
            .byUnit({ cycleId, unitId })
            .go({ pages: "all", attributes: ["appraisalId", "distributionMark"] })
        ).data;
        return rows.map((r) => ({
          appraisalId: r.appraisalId,
          mark: r.distributionMark as DistributionMark,
        }));
      }
      const marks: { appraisalId: string; mark: DistributionMark }[] = [];
      let cursor: string | null = null;
      do {
        const page = await listAppraisalsOfCycle(cycleId, cursor, 500);
        for (const a of page.items)
          if (a.unitId === unitId) marks.push({ appraisalId: a.id, mark: distributionMarkOf(a) });
        cursor = page.nextCursor;
      } while (cursor);
      return marks;
    },

    unitIndexed,

    async backfillUnitIndex(cycleId) {
      let keyed = 0;
      let cursor: string | null = null;
      do {
        const page = await listAppraisalsOfCycle(cycleId, cursor, 100);
        const ids = page.items.map((a) => ({ appraisalId: a.id }));
        const stored = ids.length
          ? (await flow.get(ids).go({ attributes: ["appraisalId", "unitId"] })).data
          : [];
        const unkeyed = new Set(stored.filter((i) => i.unitId === undefined).map((i) => i.appraisalId));
        const todo = page.items.filter((a) => unkeyed.has(a.id));
        await Promise.all(todo.map(keyByUnit));
        keyed += todo.length;
        cursor = page.nextCursor;
      } while (cursor);
      // Only now may readers trust the index: every page of the cycle says its items are keyed.
      const pages = (await launchPage.query.byCycle({ cycleId }).go({ pages: "all" })).data;
      await Promise.all(
        pages
          .filter((p) => p.unitIndexed !== true)
          .map((p) => launchPage.patch({ cycleId, pageKey: p.pageKey }).set({ unitIndexed: true }).go()),
      );
      return keyed;
    },

    appraisalsOfEmployee,

    async previousAppraisals(nip, beforeCycleId, options = {}) {
      const all = (await appraisalsOfEmployee(nip)).filter((a) => a.cycleId !== beforeCycleId);
      const cycles = await Promise.all(all.map((a) => storage.cycles.getCycle(a.cycleId)));
      const cycleOf = (a: FlowAppraisal) => cycles.find((c) => c?.cycleId === a.cycleId);
      const end = (a: FlowAppraisal) => cycleOf(a)?.periodEnd ?? "";
      const current = await storage.cycles.getCycle(beforeCycleId);
      return all
        .filter((a) => !current || end(a) < current.periodStart)
        .filter((a) => !options.kind || cycleOf(a)?.kind === options.kind)
        .sort((a, b) => end(b).localeCompare(end(a)));
    },
  };
}
