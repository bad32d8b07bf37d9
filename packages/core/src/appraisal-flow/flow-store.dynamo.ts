// FlowStore over the storage areas (org, cycles, appraisal records, imports, audit) plus the workflow's own
// entities. A save writes the workflow state, the projection onto the appraisal record that HR reads
// (stage, ratings, predikat, ...) and the audit event in ONE transaction, guarded by the state's version.
// The store is built from parts by what they serve: flow-store.dynamo-appraisals (the appraisals and the unit index),
// -cycle (cycle, organisation ratings, distribution warnings), -org (units, employees, measurement data), -cascade
// (the SKP cascade's waiters), -launch (launch pages and skips); -shared holds their context and error classification.
import type { Storage } from "../storage/storage";
import type { FlowStore } from "./flow-store";
import { entitiesOf } from "../storage/entities";
import { dynamoAppraisals } from "./flow-store.dynamo-appraisals";
import { dynamoCascade } from "./flow-store.dynamo-cascade";
import { dynamoCycle } from "./flow-store.dynamo-cycle";
import { dynamoLaunch } from "./flow-store.dynamo-launch";
import { dynamoOrg } from "./flow-store.dynamo-org";

/** The workflow's entities, from the one registry (storage/entities.ts), by the names the store's parts use. */
export function createFlowEntities(storage: Pick<Storage, "client" | "tableName">) {
  const entities = entitiesOf(storage);
  return {
    flow: entities.appraisalFlow,
    launchPage: entities.launchPage,
    warnings: entities.distributionWarnings,
    launchSkip: entities.launchSkip,
    cascade: entities.cascadeWaiter,
  };
}

/** Builds the FlowStore for one storage (once per cold start or local runtime). */
export function createDynamoFlowStore(
  storage: Storage,
): FlowStore &
  Pick<ReturnType<typeof dynamoCycle>, "listDistributionWarnings"> &
  Pick<ReturnType<typeof dynamoAppraisals>, "unitIndexed" | "backfillUnitIndex"> {
  const ctx = {
    storage,
    ...createFlowEntities(storage),
    now: () => storage.clock.now().toISOString(),
  };
  return {
    ...dynamoOrg(ctx),
    ...dynamoCycle(ctx),
    ...dynamoCascade(ctx),
    ...dynamoLaunch(ctx),
    ...dynamoAppraisals(ctx),
  };
}
