// FlowStore over the storage areas (org, cycles, appraisal records, imports, audit) plus the workflow's own
// entities. A save writes the workflow state, the projection onto the appraisal record that HR reads
// (stage, ratings, predikat, ...) and the audit event in ONE transaction, guarded by the state's version.
import type { Storage } from "../storage/storage";
import { queryUnshardedKey } from "../storage/sharded-index";
import { pageAcrossShards, shardKeys } from "../storage/shards";
import { putItem, updateItem } from "../storage/transact";
import {
  isConditionFailure,
  isTransientStorageFailure,
  TransactionCancelledError,
} from "../storage/storage.errors";
import { effectiveOrgRating, type OrgRating } from "../rating/rating";
import type { DistributionMark, FlowAppraisal, FlowCycle, FlowEmployee, FlowStore, Page } from "./flow-store";
import {
  appraisalFlowEntity,
  distributionMarkOf,
  distributionWarningsEntity,
  launchPageEntity,
} from "./flow.entity";
import { cascadeWaiterEntity } from "./cascade-waiter.entity";
import { appraisalIdOf } from "../launch/launch";
import { launchSkipEntity } from "../launch/launch-skip.entity";
import { PermanentStorageError, TransientError } from "../workflow/workflow.errors";

/** Records created per launch transaction: 3 items each (flow, appraisal record, event), DynamoDB allows 100 items. */
const CREATIONS_PER_TRANSACTION = 33;

/** The pseudo-shard of a cycle's unsharded index key (flow items written before the cycle index was sharded). */
const UNSHARDED = "unsharded";

/** The workflow's entities bound to the storage's table. */
export function createFlowEntities(storage: Pick<Storage, "client" | "tableName">) {
  return {
    flow: appraisalFlowEntity(storage.client, storage.tableName),
    launchPage: launchPageEntity(storage.client, storage.tableName),
    warnings: distributionWarningsEntity(storage.client, storage.tableName),
    launchSkip: launchSkipEntity(storage.client, storage.tableName),
  };
}

const toEmployee = (e: {
  nip: string;
  name: string;
  email: string;
  unitId: string;
  position: string;
  positionType: string;
  superiorNip?: string;
  unitHead: boolean;
  employmentType?: FlowEmployee["employmentType"];
  jenjang?: FlowEmployee["jenjang"];
}): FlowEmployee => ({
  nip: e.nip,
  name: e.name,
  email: e.email,
  unitId: e.unitId,
  position: e.position,
  positionType: e.positionType,
  ...(e.superiorNip ? { superiorNip: e.superiorNip } : {}),
  unitHead: e.unitHead,
  ...(e.employmentType ? { employmentType: e.employmentType } : {}),
  ...(e.jenjang ? { jenjang: e.jenjang } : {}),
});

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

/**
 * A lost race or a throttled/unreachable table is transient (the ASL retries TransientError); anything else is a
 * PermanentStorageError (marked failed). The cause chain is walked because ElectroDB wraps the SDK's network errors.
 */
function classifyStorageError(err: unknown, what: string): Error {
  const message = `${what} failed: ${(err as Error).message}`;
  if (err instanceof TransactionCancelledError || isTransientStorageFailure(err))
    return new TransientError(message, { cause: err });
  return new PermanentStorageError(message, { cause: err });
}

/** A failed condition (another writer got in first), however ElectroDB wrapped it. */
function lostRace(err: unknown): boolean {
  let current = err as
    { name?: string; cause?: unknown; originalError?: unknown; message?: string } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (
      isConditionFailure(current) ||
      current.name === "ConditionalCheckFailedException" ||
      /conditional request failed/i.test(current.message ?? "")
    )
      return true;
    current = (current.originalError ?? current.cause) as typeof current;
  }
  return false;
}

/** Builds the FlowStore for one storage (once per cold start or local runtime). */
export function createDynamoFlowStore(storage: Storage): FlowStore & {
  listDistributionWarnings(
    cycleId: string,
  ): Promise<{ unitId: string; warnings: { rule: string; message: string }[] }[]>;
  /** Whether a unit's distribution is read from the unit index (else from the whole cycle: see unitIndexed). */
  unitIndexed(cycleId: string): Promise<boolean>;
  /** Keys the cycle's flow items written before the unit index by unit; answers how many it keyed. */
  backfillUnitIndex(cycleId: string): Promise<number>;
} {
  const { flow, launchPage, warnings, launchSkip } = createFlowEntities(storage);
  const cascade = cascadeWaiterEntity(storage.client, storage.tableName);
  const now = () => storage.clock.now().toISOString();
  const unitsCache = new Map<string, { at: number; units: string[] }>();
  // A cycle's organisation ratings (consistent: HR may have just set one) and the unit tree they are inherited along.
  const orgRatings = async (cycleId: string) => {
    const [rows, units] = await Promise.all([
      storage.entities.orgRating.query.byCycle({ cycleId }).go({ pages: "all", consistent: true }),
      storage.org.listUnits(),
    ]);
    return {
      own: new Map(rows.data.map((r) => [r.unitId, r.rating as OrgRating])),
      parents: new Map(units.map((u) => [u.unitId, u.parentUnitId])),
    };
  };
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
      if (!lostRace(err)) throw classifyStorageError(err, `keying appraisal ${a.id} by unit`);
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
    async getCycle(cycleId): Promise<FlowCycle | undefined> {
      const c = await storage.cycles.getCycle(cycleId);
      if (!c) return undefined;
      return {
        id: c.cycleId,
        name: c.name,
        kind: c.kind,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        unitIds: c.unitIds,
        settings: c.settings,
        status: c.status,
      };
    },

    async unitsWithDescendants(unitIds) {
      const key = JSON.stringify(unitIds ?? null);
      const cached = unitsCache.get(key);
      // A launch reads the unit list once per page; a short cache keeps pages consistent and cheap.
      if (cached && Date.now() - cached.at < 60_000) return cached.units;
      const all =
        unitIds && unitIds.length > 0
          ? [...new Set((await Promise.all(unitIds.map((u) => storage.org.unitWithDescendants(u)))).flat())]
          : (await storage.org.listUnits()).map((u) => u.unitId);
      unitsCache.set(key, { at: Date.now(), units: all });
      return all;
    },

    async listEmployeesOfUnits(unitIds, cursor, limit): Promise<Page<FlowEmployee>> {
      // Units are small (tens to a few thousand people); page within the sorted list of the unit's employees.
      const all = (await Promise.all(unitIds.map((u) => storage.org.listEmployeesByUnit(u))))
        .flat()
        .sort((a, b) => a.nip.localeCompare(b.nip));
      const start = cursor ? all.findIndex((e) => e.nip > cursor) : 0;
      const from = start < 0 ? all.length : start;
      const items = all.slice(from, from + limit);
      const last = items.at(-1);
      return {
        items: items.map(toEmployee),
        nextCursor: from + limit < all.length && last ? last.nip : null,
      };
    },

    async getEmployee(nip) {
      const e = await storage.org.getEmployee(nip);
      return e ? toEmployee(e) : undefined;
    },

    async superiorSkp(cycleId, appraiserNip) {
      // Consistent: an approval and a waiter's re-check must see each other's writes (no lost wake-up).
      const item = (
        await flow.get({ appraisalId: appraisalIdOf(cycleId, appraiserNip) }).go({ consistent: true })
      ).data;
      const fresh = item?.state as FlowAppraisal | undefined;
      if (!fresh) return null;
      const skp = fresh.skp;
      return {
        appraisalId: fresh.id,
        name: fresh.name,
        cancelled: fresh.stage === "cancelled",
        skp: skp
          ? {
              status: skp.status,
              version: skp.version,
              ...(skp.approvedAt ? { approvedAt: skp.approvedAt } : {}),
              rhk: skp.rhk.map((r) => ({ id: r.id, text: r.text, kind: r.kind })),
            }
          : null,
      };
    },

    async putCascadeWaiter(w, audit) {
      // Kept a year at most: a waiter is removed when resumed; one left behind (a stopped task) expires.
      const ttl = Math.ceil(Date.parse(w.since) / 1000) + 366 * 86_400;
      if (!audit) {
        await cascade.put({ ...w, ttl }).go();
        return;
      }
      try {
        await storage.audit.transactWithAudit(
          (items) => storage.transactWrite(items),
          [putItem(cascade.put({ ...w, ttl }).params())],
          { appraisalId: w.appraisalId, ...audit },
        );
      } catch (err) {
        throw classifyStorageError(err, `registering the cascade waiter of ${w.appraisalId}`);
      }
    },

    async cascadeWaiters(cycleId, appraiserNip) {
      const rows = (
        await cascade.query.byAppraiser({ cycleId, appraiserNip }).go({ pages: "all", consistent: true })
      ).data;
      return rows.map((r) => ({
        cycleId: r.cycleId,
        appraiserNip: r.appraiserNip,
        appraisalId: r.appraisalId,
        taskToken: r.taskToken,
        since: r.since,
      }));
    },

    async removeCascadeWaiter(w) {
      try {
        await cascade
          .delete({ cycleId: w.cycleId, appraiserNip: w.appraiserNip, appraisalId: w.appraisalId })
          .where((attr, { eq }) => eq(attr.taskToken, w.taskToken))
          .go();
      } catch (err) {
        // Gone already, or replaced by a newer token that must stay.
        if (!lostRace(err))
          throw classifyStorageError(err, `removing the cascade waiter of ${w.appraisalId}`);
      }
    },

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

    async attendance(nip, fromMonth, toMonth) {
      const rows = await storage.imports.attendanceOf(nip, { from: fromMonth, to: toMonth });
      return rows.map((r) => ({
        month: r.month,
        workDays: r.workDays,
        present: r.present,
        lateMinutes: r.lateMinutes,
        absentWithoutLeave: r.absentWithoutLeave,
      }));
    },

    async surveyResponses(unitId, from, to) {
      const rows = await storage.imports.surveyResponsesOf(unitId, { from, to });
      return rows.map((r) => ({ scores: r.scores as (1 | 2 | 3 | 4 | null)[] }));
    },

    async indicatorData(nip, cycleId) {
      const rows = await storage.imports.indicatorDataOf(nip, { cycleId });
      return rows.map((r) => ({ indicatorId: r.indicatorId, value: r.value, period: r.period }));
    },

    async orgRating(cycleId, unitId) {
      const { own, parents } = await orgRatings(cycleId);
      return effectiveOrgRating(unitId, own, parents);
    },

    async unitsFollowingOrgRating(cycleId, unitId) {
      const { own, parents } = await orgRatings(cycleId);
      // As if `unitId` had a rating (it may be about to get its first): which units would take theirs from it.
      const withIt = new Map(own).set(unitId, own.get(unitId) ?? "baik");
      return [...parents.keys()].filter((u) => effectiveOrgRating(u, withIt, parents)?.from === unitId);
    },

    async updateDistributionWarnings(cycleId, unitId, compute) {
      for (let attempt = 0; ; attempt++) {
        const current = (await warnings.get({ cycleId, unitId }).go({ consistent: true })).data;
        const list = await compute();
        const version = (current?.version ?? 0) + 1;
        try {
          if (current) {
            await warnings
              .patch({ cycleId, unitId })
              .set({ warnings: list, at: now(), version })
              .where((attr, { eq }) => eq(attr.version, current.version))
              .go();
          } else {
            await warnings.create({ cycleId, unitId, warnings: list, at: now(), version }).go();
          }
          return list;
        } catch (err) {
          if (!lostRace(err)) throw classifyStorageError(err, `recording distribution warnings of ${unitId}`);
          // Reviews of a unit often finish together: back off a little (jittered) and recount.
          if (attempt >= 30)
            throw new TransientError(`distribution warnings of ${unitId} kept changing`, { cause: err });
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
        }
      }
    },

    async distributionWarnings(cycleId, unitId) {
      const row = (await warnings.get({ cycleId, unitId }).go()).data;
      return (row?.warnings as { rule: string; message: string }[] | undefined) ?? [];
    },

    async listDistributionWarnings(cycleId) {
      const rows = (await warnings.query.byCycle({ cycleId }).go({ pages: "all" })).data;
      return rows.map((r) => ({
        unitId: r.unitId,
        warnings: r.warnings as { rule: string; message: string }[],
      }));
    },

    async recordLaunchPage(cycleId, pageKey, counts) {
      await launchPage
        .put({
          cycleId,
          pageKey,
          started: counts.started,
          alreadyExisting: counts.alreadyExisting,
          at: now(),
          unitIndexed: true,
        })
        .go();
      const pages = (await launchPage.query.byCycle({ cycleId }).go({ pages: "all" })).data;
      return pages.reduce(
        (sum, p) => ({
          started: sum.started + p.started,
          alreadyExisting: sum.alreadyExisting + p.alreadyExisting,
        }),
        { started: 0, alreadyExisting: 0 },
      );
    },

    orgSettings: () => storage.orgSettings.get(),

    async recordLaunchSkips(cycleId, skipped) {
      // Puts, not creates: a retried or repeated launch page writes the same items again.
      const at = now();
      await Promise.all(skipped.map((s) => launchSkip.put({ cycleId, ...s, at }).go()));
    },

    async launchSkips(cycleId) {
      const rows = (await launchSkip.query.byCycle({ cycleId }).go({ pages: "all" })).data;
      const appraised = await Promise.all(
        rows.map(async (r) => (await flow.get({ appraisalId: appraisalIdOf(cycleId, r.nip) }).go()).data),
      );
      return rows
        .filter((_, i) => !appraised[i])
        .map((r) => ({ nip: r.nip, name: r.name, unitId: r.unitId, reason: r.reason }));
    },

    async setCycleStatus(cycleId, status, reason) {
      for (let attempt = 0; ; attempt++) {
        const c = await storage.cycles.getCycle(cycleId);
        if (!c) return;
        // A cancelled cycle stays cancelled (a late launch page must not revive it).
        if (c.status === "cancelled" && status !== "cancelled") return;
        const mapped = (
          status === "launch-failed" ? "failed" : status === "cancelling" ? c.status : status
        ) as typeof c.status;
        try {
          await storage.cycles.updateCycle(cycleId, c.version, {
            status: mapped,
            ...(reason !== undefined ? { failureReason: reason } : {}),
          });
          return;
        } catch (err) {
          if ((err as Error).name !== "StaleVersionError" || attempt >= 5)
            throw classifyStorageError(err, `setting cycle ${cycleId} ${status}`);
        }
      }
    },
  };
}
