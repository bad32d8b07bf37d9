import type { EntityItem } from "electrodb";
import type { Clock } from "../clock/clock";
import {
  GuardFailedError,
  ItemAlreadyExistsError,
  StaleVersionError,
  StorageError,
  isConditionFailure,
} from "../storage/storage.errors";
import { updateItem, type TransactWriteItem } from "../storage/transact";
import { APPRAISAL_STAGES, type appraisalRecordEntity } from "./appraisal-record.entity";
import type { realisationEntity } from "./realisation.entity";
import { type SKP_STATUSES, type skpEntity } from "./skp.entity";

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

/** A stored SKP. */
export type SkpItem = EntityItem<ReturnType<typeof skpEntity>>;

/** An SKP status. */
export type SkpStatus = (typeof SKP_STATUSES)[number];

/** A stored realisation. */
export type RealisationItem = EntityItem<ReturnType<typeof realisationEntity>>;

/** Named access patterns over appraisal records, their SKP and realisations. */
export function createAppraisalRepo(deps: {
  entities: {
    appraisal: ReturnType<typeof appraisalRecordEntity>;
    skp: ReturnType<typeof skpEntity>;
    realisation: ReturnType<typeof realisationEntity>;
  };
  clock: Clock;
}) {
  const { appraisal, skp, realisation } = deps.entities;
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

  async function getSkpOrThrow(appraisalId: string): Promise<SkpItem | undefined> {
    return (await skp.get({ appraisalId }).go({ consistent: true })).data ?? undefined;
  }

  async function updateSkp(
    appraisalId: string,
    from: SkpStatus[],
    set: Partial<Omit<SkpItem, "appraisalId" | "version">>,
    appendComment?: unknown,
  ): Promise<SkpItem> {
    let update = skp
      .patch({ appraisalId })
      .set({ ...set, updatedAt: now() })
      .add({ version: 1 });
    if (appendComment !== undefined) update = update.append({ returnComments: [appendComment] });
    try {
      const result = await update
        .where((attr, { eq }) => `(${from.map((s) => eq(attr.status, s)).join(" OR ")})`)
        .go({ response: "all_new" });
      return result.data as SkpItem;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await getSkpOrThrow(appraisalId);
      throw new GuardFailedError(
        `SKP of ${appraisalId} is ${current ? current.status : "missing"}, not ${from.join("/")}; cannot set it ${set.status}`,
        { cause: error },
      );
    }
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
      const query = options.stage
        ? appraisal.query.byCycle({ cycleId, stage: options.stage })
        : appraisal.query.byCycle({ cycleId });
      return (await query.go({ pages: "all" })).data;
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
      const result = await appraisal.query.byCycle({ cycleId }).go({ pages: "all", attributes: ["stage"] });
      for (const item of result.data) counts[item.stage as AppraisalStage] += 1;
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

    /** The SKP of an appraisal, or undefined before the first proposal. */
    getSkp: getSkpOrThrow,

    /** Stores the employee's proposal (first time, or again after a return) as `submitted`. */
    async submitSkp(
      appraisalId: string,
      proposal: { rhk: unknown[]; annex?: SkpItem["annex"] },
    ): Promise<SkpItem> {
      const at = now();
      try {
        const result = await skp
          .create({
            appraisalId,
            status: "submitted",
            rhk: proposal.rhk,
            annex: proposal.annex,
            returnComments: [],
            submittedAt: at,
            updatedAt: at,
            version: 1,
          })
          .go();
        return result.data;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      return updateSkp(appraisalId, ["draft", "returned"], {
        status: "submitted",
        rhk: proposal.rhk,
        annex: proposal.annex,
        submittedAt: at,
      });
    },

    /** The appraising official returns a submitted SKP with a comment. */
    returnSkp: (appraisalId: string, input: { comment: string; by: string }) =>
      updateSkp(
        appraisalId,
        ["submitted"],
        { status: "returned" },
        { comment: input.comment, by: input.by, at: now() },
      ),

    /** The appraising official approves a submitted SKP; it is locked from then on. */
    approveSkp: (appraisalId: string, input: { by: string }) =>
      updateSkp(appraisalId, ["submitted"], { status: "approved", approvedAt: now(), approvedBy: input.by }),

    /** Records (replaces) the realisation of some indicators. */
    async recordRealisations(
      appraisalId: string,
      items: { indicatorId: string; value: number; evidenceUrl?: string; note?: string }[],
      options: { by?: string } = {},
    ): Promise<void> {
      if (items.length === 0) return;
      const reportedAt = now();
      const { unprocessed } = await realisation
        .put(items.map((item) => ({ ...item, appraisalId, reportedAt, reportedBy: options.by })))
        .go();
      if (unprocessed.length > 0)
        throw new StorageError(`${unprocessed.length} realisations of ${appraisalId} were not written`);
    },

    /** Every realisation of an appraisal, by indicator id. */
    async listRealisations(appraisalId: string): Promise<RealisationItem[]> {
      return (await realisation.query.byAppraisal({ appraisalId }).go({ pages: "all" })).data;
    },
  };
}

/** The appraisal repo's API. */
export type AppraisalRepo = ReturnType<typeof createAppraisalRepo>;
