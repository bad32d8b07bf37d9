// A cycle's launch in the DynamoDB FlowStore: the counts of each launch page and who the launch left out.
import type { FlowStore } from "./flow-store";
import type { FlowStoreContext } from "./flow-store.dynamo-shared";
import { appraisalIdOf } from "../launch/launch";

/** The launch part of the FlowStore. */
export function dynamoLaunch(
  ctx: FlowStoreContext,
): Pick<FlowStore, "recordLaunchPage" | "recordLaunchSkips" | "launchSkips"> {
  const { flow, launchPage, launchSkip, now } = ctx;
  return {
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
  };
}
