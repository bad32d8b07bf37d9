import type { EntityItem } from "electrodb";
import type { Clock } from "../clock/clock";
import type { OrgRating } from "../rating/rating";
import {
  GuardFailedError,
  ItemAlreadyExistsError,
  StaleVersionError,
  isConditionFailure,
} from "../storage/storage.errors";
import { type CYCLE_STATUSES, type cycleEntity } from "./cycle.entity";
import type { orgRatingEntity } from "./org-rating.entity";

/** A stored cycle. */
export type CycleItem = EntityItem<ReturnType<typeof cycleEntity>>;

/** A cycle status. */
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** What createCycle needs; status defaults to "created". */
export type CreateCycleRecord = Omit<CycleItem, "createdAt" | "updatedAt" | "version" | "status"> & {
  status?: CycleStatus;
};

/** Fields a cycle update may change. */
export type CycleChanges = Partial<
  Pick<CycleItem, "status" | "executionArn" | "participantCount" | "failureReason" | "settings">
>;

/** A stored organisation rating of one unit in one cycle. */
export type OrgRatingItem = EntityItem<ReturnType<typeof orgRatingEntity>>;

/** Named access patterns over cycles and their organisation ratings. */
export function createCycleRepo(deps: {
  entities: { cycle: ReturnType<typeof cycleEntity>; orgRating: ReturnType<typeof orgRatingEntity> };
  clock: Clock;
}) {
  const { cycle, orgRating } = deps.entities;
  return {
    /** Stores a new cycle; ItemAlreadyExistsError if the id is taken. */
    async createCycle(input: CreateCycleRecord): Promise<CycleItem> {
      const now = deps.clock.now().toISOString();
      try {
        const result = await cycle
          .create({ ...input, status: input.status ?? "created", createdAt: now, updatedAt: now, version: 1 })
          .go();
        return result.data;
      } catch (error) {
        if (isConditionFailure(error))
          throw new ItemAlreadyExistsError(`cycle ${input.cycleId} already exists`, { cause: error });
        throw error;
      }
    },

    /** One cycle, or undefined. */
    async getCycle(cycleId: string): Promise<CycleItem | undefined> {
      return (await cycle.get({ cycleId }).go({ consistent: true })).data ?? undefined;
    },

    /** Every cycle, newest first. */
    async listCycles(): Promise<CycleItem[]> {
      const result = await cycle.query.allCycles({}).go({ pages: "all", order: "desc" });
      return result.data;
    },

    /** Changes a cycle if it still has `expectedVersion`; StaleVersionError otherwise. */
    async updateCycle(cycleId: string, expectedVersion: number, changes: CycleChanges): Promise<CycleItem> {
      try {
        const result = await cycle
          .patch({ cycleId })
          .set({ ...changes, updatedAt: deps.clock.now().toISOString() })
          .add({ version: 1 })
          .where((attr, { eq }) => eq(attr.version, expectedVersion))
          .go({ response: "all_new" });
        return result.data as CycleItem;
      } catch (error) {
        if (isConditionFailure(error))
          throw new StaleVersionError(
            `cycle ${cycleId} is missing or no longer at version ${expectedVersion}`,
            { cause: error },
          );
        throw error;
      }
    },

    /** Moves a cycle to `to` only from one of `from` (a guard, not a read-then-write); GuardFailedError otherwise. */
    async transitionCycle(
      cycleId: string,
      from: CycleStatus[],
      to: CycleStatus,
      changes: CycleChanges = {},
    ): Promise<CycleItem> {
      try {
        const result = await cycle
          .patch({ cycleId })
          .set({ ...changes, status: to, updatedAt: deps.clock.now().toISOString() })
          .add({ version: 1 })
          .where((attr, { eq }) => `(${from.map((status) => eq(attr.status, status)).join(" OR ")})`)
          .go({ response: "all_new" });
        return result.data as CycleItem;
      } catch (error) {
        if (isConditionFailure(error))
          throw new GuardFailedError(
            `cycle ${cycleId} is missing or not in ${from.join("/")}; cannot move it to ${to}`,
            { cause: error },
          );
        throw error;
      }
    },

    /** Sets (or replaces) a unit's organisation rating in a cycle. */
    async setOrgRating(input: {
      cycleId: string;
      unitId: string;
      rating: OrgRating;
      setBy: string;
    }): Promise<OrgRatingItem> {
      const result = await orgRating.put({ ...input, setAt: deps.clock.now().toISOString() }).go();
      return result.data;
    },

    /** One unit's organisation rating in a cycle, or undefined. */
    async getOrgRating(cycleId: string, unitId: string): Promise<OrgRatingItem | undefined> {
      return (await orgRating.get({ cycleId, unitId }).go({ consistent: true })).data ?? undefined;
    },

    /** Every organisation rating set in a cycle. */
    async listOrgRatings(cycleId: string): Promise<OrgRatingItem[]> {
      return (await orgRating.query.byCycle({ cycleId }).go({ pages: "all" })).data;
    },
  };
}

/** The cycle repo's API. */
export type CycleRepo = ReturnType<typeof createCycleRepo>;
