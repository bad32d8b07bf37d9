import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EntityItem } from "electrodb";
import type { Clock } from "../clock/clock";
import {
  GuardFailedError,
  ItemAlreadyExistsError,
  StaleVersionError,
  isConditionFailure,
} from "../storage/storage.errors";
import { queryUnshardedKey } from "../storage/sharded-index";
import { mergeSorted, shardKeys } from "../storage/shards";
import { updateItem, type TransactWriteItem } from "../storage/transact";
import { APPRAISAL_STAGES, type appraisalRecordEntity } from "./appraisal-record.entity";

/** A stored appraisal record. */
export type AppraisalRecord = EntityItem<ReturnType<typeof appraisalRecordEntity>>;

/** An appraisal stage. */
export type AppraisalStage = (typeof APPRAISAL_STAGES)[number];

/** What createAppraisal needs; stage defaults to target-setting. */
export type CreateAppraisalRecord = Omit<AppraisalRecord, "createdAt" | "updatedAt" | "version" | "stage"> & {
  stage?: AppraisalStage;
};

/** Fields an update may change (keys and snapshots of identity are fixed). */
export type AppraisalChanges = Partial<
  Omit<AppraisalRecord, "id" | "cycleId" | "nip" | "createdAt" | "updatedAt" | "version">
>;

/** The version and key parts a writer must have read before it changes a record. */
export type AppraisalRef = Pick<AppraisalRecord, "id" | "nip" | "version">;

/**
 * Named access patterns over appraisal records. The SKP, realisations and review of an appraisal live in the
 * workflow's own item (appraisal-flow/flow.entity.ts), which the record projects stage, ratings and predikat from.
 */
export function createAppraisalRepo(deps: {
  entities: {
    appraisal: ReturnType<typeof appraisalRecordEntity>;
  };
  client: DynamoDBDocumentClient;
  clock: Clock;
}) {
  const { appraisal } = deps.entities;
  const now = () => deps.clock.now().toISOString();

  // The stage is part of the byCycle sort key, so ElectroDB needs the NIP (`composite`) whenever it changes.
  const buildUpdate = (ref: AppraisalRef, changes: AppraisalChanges, fromStages?: AppraisalStage[]) =>
    appraisal
      .patch({ id: ref.id })
      .set({ ...changes, updatedAt: now() })
      .composite({ nip: ref.nip })
      .add({ version: 1 })
      .where((attr, { eq }) =>
        [
          eq(attr.version, ref.version),
          ...(fromStages ? [`(${fromStages.map((s) => eq(attr.stage, s)).join(" OR ")})`] : []),
        ].join(" AND "),
      );

  async function runUpdate(
    ref: AppraisalRef,
    changes: AppraisalChanges,
    fromStages?: AppraisalStage[],
  ): Promise<AppraisalRecord> {
    try {
      const result = await buildUpdate(ref, changes, fromStages).go({ response: "all_new" });
      return result.data as AppraisalRecord;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = (await appraisal.get({ id: ref.id }).go({ consistent: true })).data;
      if (current && current.version === ref.version && fromStages) {
        throw new GuardFailedError(
          `appraisal ${ref.id} is in stage ${current.stage}, not ${fromStages.join("/")}`,
          { cause: error },
        );
      }
      throw new StaleVersionError(
        `appraisal ${ref.id} changed since it was read (expected version ${ref.version}, found ${current?.version ?? "none"})`,
        { cause: error },
      );
    }
  }

  /**
   * A cycle's appraisals (optionally of one stage), one list per shard of the cycle index, each in stage and NIP
   * order, read in parallel; plus the cycle's unsharded key, where records written before the sharding stay.
   */
  async function readCycleShards(
    cycleId: string,
    stage?: AppraisalStage,
    attributes?: "stage"[],
  ): Promise<AppraisalRecord[][]> {
    const query = (cycleShard: string) =>
      appraisal.query.byCycle({ cycleId, cycleShard, ...(stage ? { stage } : {}) });
    const options = { pages: "all", ...(attributes ? { attributes } : {}) } as const;
    return Promise.all([
      ...shardKeys().map(async (shard) => (await query(shard).go(options)).data as AppraisalRecord[]),
      queryUnshardedKey(deps.client, query(shardKeys()[0]!).params(), "cycleShard").then(
        (items) => appraisal.parse({ Items: items }).data as AppraisalRecord[],
      ),
    ]);
  }

  return {
    /** Stores a new appraisal; ItemAlreadyExistsError if the id is taken. */
    async createAppraisal(input: CreateAppraisalRecord): Promise<AppraisalRecord> {
      const at = now();
      try {
        const result = await appraisal
          .create({
            ...input,
            stage: input.stage ?? "target-setting",
            createdAt: at,
            updatedAt: at,
            version: 1,
          })
          .go();
        return result.data;
      } catch (error) {
        if (isConditionFailure(error))
          throw new ItemAlreadyExistsError(`appraisal ${input.id} already exists`, { cause: error });
        throw error;
      }
    },

    /** Idempotent create for at-least-once steps: returns the existing record if the id is taken. */
    async ensureAppraisal(
      input: CreateAppraisalRecord,
    ): Promise<{ record: AppraisalRecord; created: boolean }> {
      try {
        return { record: await this.createAppraisal(input), created: true };
      } catch (error) {
        if (!(error instanceof ItemAlreadyExistsError)) throw error;
        const record = (await appraisal.get({ id: input.id }).go({ consistent: true })).data!;
        return { record, created: false };
      }
    },

    /** One appraisal (strongly consistent), or undefined. */
    async getAppraisal(id: string): Promise<AppraisalRecord | undefined> {
      return (await appraisal.get({ id }).go({ consistent: true })).data ?? undefined;
    },

    /** A cycle's appraisals, optionally only those in one stage; ordered by stage then NIP. */
    async listByCycle(cycleId: string, options: { stage?: AppraisalStage } = {}): Promise<AppraisalRecord[]> {
      return mergeSorted(await readCycleShards(cycleId, options.stage), (r) => `${r.stage}\u0000${r.nip}`);
    },

    /** One employee's appraisals across cycles. */
    async listByEmployee(nip: string): Promise<AppraisalRecord[]> {
      return (await appraisal.query.byEmployee({ nip }).go({ pages: "all" })).data;
    },

    /** How many appraisals of a cycle are in each stage (every stage present, zero included). */
    async countByStage(cycleId: string): Promise<Record<AppraisalStage, number>> {
      const counts = Object.fromEntries(APPRAISAL_STAGES.map((s) => [s, 0])) as Record<
        AppraisalStage,
        number
      >;
      for (const shard of await readCycleShards(cycleId, undefined, ["stage"]))
        for (const item of shard) counts[item.stage as AppraisalStage] += 1;
      return counts;
    },

    /** Changes a record read at `ref.version`; StaleVersionError if someone else wrote in between. */
    updateAppraisal: (ref: AppraisalRef, changes: AppraisalChanges) => runUpdate(ref, changes),

    /** Moves to stage `to` only from one of `from` and at `ref.version` (GuardFailedError / StaleVersionError). */
    transitionStage: (
      ref: AppraisalRef,
      from: AppraisalStage[],
      to: AppraisalStage,
      changes: AppraisalChanges = {},
    ) => runUpdate(ref, { ...changes, stage: to }, from),

    /** The same update as a TransactWriteItem, to combine with e.g. an audit event in one transaction. */
    updateTransactItem(
      ref: AppraisalRef,
      changes: AppraisalChanges,
      fromStages?: AppraisalStage[],
    ): TransactWriteItem {
      return updateItem(buildUpdate(ref, changes, fromStages).params());
    },
  };
}

/** The appraisal repo's API. */
export type AppraisalRepo = ReturnType<typeof createAppraisalRepo>;
