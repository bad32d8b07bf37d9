// PeriodicStore over the kinerja table: appraisals and measurement data through the workflow's FlowStore (the
// same view the appraisal workflow has), results/digests/runs in the periodic entities, and the periodic result
// mirrored onto the appraisal record HR reads (`periodicResults`).
import type { Storage } from "../storage/storage";
import { isConditionFailure, TransientError } from "../storage/storage.errors";
import { createDynamoFlowStore } from "../appraisal-flow/flow-store.dynamo";
import type { FlowAppraisal, FlowStore } from "../appraisal-flow/flow-store";
import type { PeriodicCycle, PeriodicResult } from "./periodic";
import type { PeriodicAppraisal, PeriodicResultRecord, PeriodicRun, PeriodicStore } from "./periodic-store";
import { entitiesOf } from "../storage/entities";

/** The periodic entities bound to the storage's table. */
export function createPeriodicEntities(storage: Pick<Storage, "client" | "tableName">) {
  const entities = entitiesOf(storage);
  return {
    result: entities.periodicResult,
    digest: entities.periodicDigest,
    run: entities.periodicRun,
    page: entities.periodicPage,
  };
}

function toPeriodicAppraisal(a: FlowAppraisal): PeriodicAppraisal {
  const approved = a.skp?.status === "approved";
  return {
    id: a.id,
    cycleId: a.cycleId,
    nip: a.nip,
    name: a.name,
    unitId: a.unitId,
    stage: a.stage,
    ...(a.appraiser
      ? { appraiser: { nip: a.appraiser.nip, name: a.appraiser.name, email: a.appraiser.email } }
      : {}),
    indicators: approved
      ? a.skp!.rhk.flatMap((r) =>
          r.indicators.map((i) => ({ id: i.id, text: i.text, aspect: i.aspect, target: i.target })),
        )
      : null,
    realisations: (a.realisation?.items ?? []).map((i) => ({
      indicatorId: i.indicatorId,
      value: i.value,
      ...(i.evidenceUrl ? { evidenceUrl: i.evidenceUrl } : {}),
      at: a.realisation!.at,
    })),
  };
}

const toRecord = (
  item: Omit<PeriodicResultRecord, "result"> & { result: unknown },
): PeriodicResultRecord => ({
  appraisalId: item.appraisalId,
  cycleId: item.cycleId,
  periodKey: item.periodKey,
  nip: item.nip,
  name: item.name,
  unitId: item.unitId,
  appraiserNip: item.appraiserNip,
  appraiserName: item.appraiserName,
  appraiserEmail: item.appraiserEmail,
  result: item.result as PeriodicResult,
});

/** Builds the PeriodicStore for one storage (once per cold start or local runtime). */
export function createPeriodicStore(
  storage: Storage,
  flow: FlowStore = createDynamoFlowStore(storage),
): PeriodicStore {
  const { result, digest, run, page: pageEntity } = createPeriodicEntities(storage);
  const now = () => storage.clock.now().toISOString();
  // Cycle dates/settings and a unit's survey answers are read by every evaluation of a run; a short per-container
  // cache spares DynamoDB a thousand identical reads (real time, not the runtime clock: it bounds staleness).
  const cached = <T>(
    cache: Map<string, { at: number; value: Promise<T> }>,
    key: string,
    load: () => Promise<T>,
  ): Promise<T> => {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < 60_000) return hit.value;
    const value = load();
    cache.set(key, { at: Date.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  };
  const cycleCache = new Map<string, { at: number; value: Promise<PeriodicCycle | undefined> }>();
  const surveyCache = new Map<
    string,
    { at: number; value: Promise<{ scores: (1 | 2 | 3 | 4 | null)[] }[]> }
  >();
  const toCycle = (c: {
    cycleId?: string;
    id?: string;
    name: string;
    kind: string;
    periodStart: string;
    periodEnd: string;
    status: string;
    settings?: unknown;
  }): PeriodicCycle => ({
    id: (c.cycleId ?? c.id)!,
    name: c.name,
    kind: c.kind,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    status: c.status,
    settings: c.settings,
  });

  return {
    async listCycles() {
      return (await storage.cycles.listCycles()).map(toCycle);
    },

    getCycle(cycleId) {
      return cached(cycleCache, cycleId, async () => {
        const c = await flow.getCycle(cycleId);
        return c ? toCycle(c) : undefined;
      });
    },

    async listAppraisals(cycleId, cursor, limit) {
      const page = await flow.listAppraisalsOfCycle(cycleId, cursor, limit);
      return { items: page.items.map(toPeriodicAppraisal), nextCursor: page.nextCursor };
    },

    async getAppraisal(appraisalId) {
      const a = await flow.getAppraisal(appraisalId);
      return a ? toPeriodicAppraisal(a) : undefined;
    },

    importedIndicatorValues: (nip, cycleId) => flow.indicatorData(nip, cycleId),

    async attendance(nip, fromMonth, toMonth) {
      return (await flow.attendance(nip, fromMonth, toMonth)).map(
        ({ workDays, present, lateMinutes, absentWithoutLeave }) => ({
          workDays,
          present,
          lateMinutes,
          absentWithoutLeave,
        }),
      );
    },

    surveyResponses: (unitId, from, to) =>
      cached(surveyCache, `${unitId}|${from}|${to}`, () => flow.surveyResponses(unitId, from, to)),

    async saveResult(record) {
      let saved: PeriodicResultRecord = record;
      let created = true;
      try {
        await result.create({ ...record, atRisk: record.result.atRisk }).go({ response: "none" });
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const stored = (
          await result
            .get({ appraisalId: record.appraisalId, periodKey: record.periodKey })
            .go({ consistent: true })
        ).data;
        if (!stored)
          throw new TransientError(`periodic result ${record.appraisalId}/${record.periodKey} vanished`, {
            cause: error,
          });
        saved = toRecord(stored);
        created = false;
      }
      return { created, record: saved };
    },

    async writeAuditEvents(appraisalId, events) {
      if (events.length === 0) return;
      // Batch put, not create: the same event (same id and time) written again overwrites itself.
      await storage.entities.auditEvent.put(events.map((event) => ({ appraisalId, ...event }))).go();
    },

    async listResults(cycleId, periodKey, appraiserNip) {
      const query = appraiserNip
        ? result.query.byPeriod({ cycleId, periodKey, appraiserNip })
        : result.query.byPeriod({ cycleId, periodKey });
      return (await query.go({ pages: "all" })).data.map(toRecord);
    },

    async attachResultToAppraisal(appraisalId, periodic) {
      // The stored result is identical on every delivery, so "not yet in the list" is a condition DynamoDB checks:
      // one write, no read-modify-write race with the appraisal workflow writing the same record.
      try {
        await storage.entities.appraisal
          .patch({ id: appraisalId })
          .append({ periodicResults: [periodic] })
          .set({ updatedAt: now() })
          .add({ version: 1 })
          .where((attr, { contains }) => `NOT ${contains(attr.periodicResults, periodic)}`)
          .go({ response: "none" });
      } catch (error) {
        if (!isConditionFailure(error)) throw error; // already recorded (or no such record)
      }
    },

    async claimDigest(input) {
      try {
        await digest.create({ ...input, status: "sending", claimedAt: now() }).go();
        return "claimed";
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const stored = (await digest.get(input).go({ consistent: true })).data;
        // A claim left "sending" by a crashed delivery is taken over: better one repeated digest than none.
        return stored?.status === "sent" ? "already-sent" : "claimed";
      }
    },

    async markDigestSent({ cycleId, periodKey, appraiserNip, mailId }) {
      await digest
        .patch({ cycleId, periodKey, appraiserNip })
        .set({ status: "sent", sentAt: now(), mailId })
        .go();
    },

    async releaseDigest(keys) {
      await digest
        .delete(keys)
        .where((attr, { eq }) => eq(attr.status, "sending"))
        .go()
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async countSentDigests(cycleId, periodKey) {
      const rows = (await digest.query.byAppraiser({ cycleId, periodKey }).go({ pages: "all" })).data;
      return rows.filter((r) => r.status === "sent").length;
    },

    async startRun(input) {
      const existing = (
        await run.get({ cycleId: input.cycleId, periodKey: input.periodKey }).go({ consistent: true })
      ).data;
      if (existing?.status === "completed") return existing as PeriodicRun;
      // A start after a failed run is the next attempt; a redelivered start of the running attempt keeps its number.
      const attempt = (existing?.attempt ?? 1) + (existing?.status === "failed" ? 1 : 0);
      const item = {
        ...input,
        status: "running" as const,
        attempt,
        startedAt: existing?.status === "failed" ? now() : (existing?.startedAt ?? now()),
        heartbeatAt: now(),
      };
      await run.put(item).go();
      return item;
    },

    async touchRun({ cycleId, periodKey, attempt }) {
      try {
        await run
          .patch({ cycleId, periodKey })
          .set({ heartbeatAt: now() })
          .where((attr, { eq }) => `${eq(attr.status, "running")} AND ${eq(attr.attempt, attempt)}`)
          .go({ response: "none" });
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return false;
      }
    },

    async finishRun({ cycleId, periodKey, evaluated, atRisk, digests }) {
      await run
        .patch({ cycleId, periodKey })
        .set({ status: "completed", completedAt: now(), evaluated, atRisk, digests })
        .go();
    },

    async failRun({ cycleId, periodKey, reason, attempt }) {
      const existing = (await run.get({ cycleId, periodKey }).go({ consistent: true })).data;
      // A late failure of an attempt that was already replaced (or of a run that completed) changes nothing.
      if (existing?.status === "completed") return false;
      if (attempt != null && existing && (existing.attempt ?? 1) !== attempt) return false;
      await run
        .put({
          cycleId,
          periodKey,
          label: existing?.label ?? periodKey,
          status: "failed",
          startedAt: existing?.startedAt ?? now(),
          ...(existing?.executionName ? { executionName: existing.executionName } : {}),
          ...(existing?.heartbeatAt ? { heartbeatAt: existing.heartbeatAt } : {}),
          attempt: existing?.attempt ?? 1,
          failureReason: reason,
        })
        .go();
      return true;
    },

    async recordPage(counts) {
      await pageEntity.put({ ...counts, recordedAt: now() }).go({ response: "none" });
    },

    async sumPages({ cycleId, periodKey, attempt }) {
      const pages = (
        await pageEntity.query
          .byAttempt({ cycleId, periodKey, attempt })
          .begins({ phase: "evaluate" })
          .go({ pages: "all" })
      ).data;
      return {
        evaluated: pages.reduce((sum, p) => sum + p.evaluated, 0),
        atRisk: pages.reduce((sum, p) => sum + p.atRisk, 0),
      };
    },

    async listDigestRecipients(cycleId, periodKey, after, limit) {
      // Results are ordered by official then NIP: read on after `after` until limit + 1 officials were seen, so
      // every official returned is complete and the page never holds the whole list.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = result.query.byPeriod({ cycleId, periodKey });
        const page: { data: { appraiserNip: string }[]; cursor: string | null } = await (
          after === null ? query : query.gt({ appraiserNip: after })
        ).go({ cursor, limit: 1000, attributes: ["appraiserNip"] });
        for (const row of page.data)
          if (row.appraiserNip !== after && seen[seen.length - 1] !== row.appraiserNip)
            seen.push(row.appraiserNip);
        cursor = page.cursor;
      } while (cursor && seen.length <= limit);
      const appraiserNips = seen.slice(0, limit);
      return {
        appraiserNips,
        nextCursor: seen.length > limit ? appraiserNips[appraiserNips.length - 1]! : null,
      };
    },

    async listRuns(cycleId) {
      return (await run.query.byCycle({ cycleId }).go({ pages: "all" })).data as PeriodicRun[];
    },
  };
}
