// The cycle side of the DynamoDB FlowStore: the cycle and its status, the organisation ratings (own and inherited
// along the unit tree) and the distribution warnings recorded per unit.
import { effectiveOrgRating, type OrgRating } from "../rating/rating";
import type { FlowCycle, FlowStore } from "./flow-store";
import { classifyStorageError, type FlowStoreContext, lostRace } from "./flow-store.dynamo-shared";
import { TransientError } from "../workflow/workflow.errors";

/** The cycle part of the FlowStore, plus the list of a cycle's distribution warnings. */
export function dynamoCycle(ctx: FlowStoreContext): Pick<
  FlowStore,
  | "getCycle"
  | "setCycleStatus"
  | "orgRating"
  | "unitsFollowingOrgRating"
  | "updateDistributionWarnings"
  | "distributionWarnings"
> & {
  listDistributionWarnings(
    cycleId: string,
  ): Promise<{ unitId: string; warnings: { rule: string; message: string }[] }[]>;
} {
  const { storage, warnings, now } = ctx;
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
