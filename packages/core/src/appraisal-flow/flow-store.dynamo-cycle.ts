// The cycle side of the DynamoDB FlowStore: the cycle and its status, the organisation ratings (own and inherited
// along the unit tree) and the distribution warnings recorded per unit.
import { effectiveOrgRating, type OrgRating } from "../rating/rating";
import type { FlowCycle, FlowStore } from "./flow-store";
import { classifyStorageError, type FlowStoreContext } from "./flow-store.dynamo-shared";
import { isConditionFailure } from "../storage/storage.errors";

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
      // A ticket per re-check, taken after the caller's save: a count taken after ticket t sees every save made
      // before any ticket up to t. So the count with the highest ticket is the one to keep, and a write with a
      // lower ticket than the stored one is refused: the stored count already includes this caller's save, and the
      // caller is done. Two requests per caller however many re-check at once (a read-compare-write loop that
      // recounted on every lost race cost O(n^2) counts for n reviews finishing together: issue 18).
      const what = `recording distribution warnings of ${unitId}`;
      let ticket: number;
      try {
        const taken = await warnings
          .update({ cycleId, unitId })
          .add({ seq: 1 })
          .go({ response: "updated_new" });
        ticket = taken.data.seq!;
      } catch (err) {
        throw classifyStorageError(err, what);
      }
      const list = await compute();
      try {
        await warnings
          .update({ cycleId, unitId })
          .set({ warnings: list, at: now(), computedSeq: ticket })
          // The code before the tickets guarded its writes by version: moving it makes a stale write of that code
          // (while a deploy replaces it) fail and recount rather than land over this one.
          .add({ version: 1 })
          .where(
            (attr, { notExists, lt }) =>
              `(${notExists(attr.computedSeq)} OR ${lt(attr.computedSeq, ticket)})`,
          )
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw classifyStorageError(err, what);
      }
      return list;
    },

    async distributionWarnings(cycleId, unitId) {
      const row = (await warnings.get({ cycleId, unitId }).go()).data;
      return (row?.warnings as { rule: string; message: string }[] | undefined) ?? [];
    },

    async listDistributionWarnings(cycleId) {
      const rows = (await warnings.query.byCycle({ cycleId }).go({ pages: "all" })).data;
      return rows.map((r) => ({
        unitId: r.unitId,
        // A ticket taken by a re-check that has not written yet: no warnings recorded.
        warnings: (r.warnings as { rule: string; message: string }[] | undefined) ?? [],
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
