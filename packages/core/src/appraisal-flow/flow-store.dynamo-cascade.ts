// The SKP cascade (DOMAIN rule 27) in the DynamoDB FlowStore: the appraiser's SKP as a waiting employee sees it, and
// the waiters registered under their appraiser until the approval resumes them.
import { putItem } from "../storage/transact";
import type { FlowAppraisal, FlowStore } from "./flow-store";
import { classifyStorageError, type FlowStoreContext } from "./flow-store.dynamo-shared";
import { isConditionFailure } from "../storage/storage.errors";
import { appraisalIdOf } from "../launch/launch";

/** The cascade part of the FlowStore. */
export function dynamoCascade(
  ctx: FlowStoreContext,
): Pick<FlowStore, "superiorSkp" | "putCascadeWaiter" | "cascadeWaiters" | "removeCascadeWaiter"> {
  const { storage, flow, cascade } = ctx;
  return {
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
        if (!isConditionFailure(err))
          throw classifyStorageError(err, `removing the cascade waiter of ${w.appraisalId}`);
      }
    },
  };
}
