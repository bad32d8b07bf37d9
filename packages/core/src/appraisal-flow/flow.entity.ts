// ElectroDB entities the workflow keeps beside the storage areas' appraisal record: the workflow's own
// state of an appraisal (idempotency keys, SKP versions, decision details), launch page counts and the
// distribution warnings recorded on a cycle.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { CustomAttributeType, Entity } from "electrodb";
import { keyShard } from "../storage/shards";
import type { DistributionMark, FlowAppraisal } from "./flow-store";

/** Where an appraisal stands in its unit's predikat distribution (cancelled ones are out of it). */
export const distributionMarkOf = (a: Pick<FlowAppraisal, "stage" | "predikat">): DistributionMark =>
  a.stage === "cancelled" ? "cancelled" : (a.predikat ?? "unrated");

/** The workflow state of one appraisal (the whole FlowAppraisal), versioned for optimistic concurrency. */
export function appraisalFlowEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "appraisalFlow", version: "1", service: "kinerja" },
      attributes: {
        appraisalId: { type: "string", required: true, readOnly: true },
        cycleId: { type: "string", required: true, readOnly: true },
        nip: { type: "string", required: true, readOnly: true },
        /** The cycle index's shard (storage/shards.ts), from the NIP: a launch's writes spread over KEY_SHARDS keys. */
        cycleShard: {
          type: "string",
          readOnly: true,
          watch: ["nip"],
          set: (_: unknown, item: { nip?: string }) => (item.nip ? keyShard(item.nip) : undefined),
        },
        state: { type: CustomAttributeType<FlowAppraisal>("any"), required: true },
        version: { type: "number", required: true },
        // Copied from the state on every write (items written before the unit index lack both: flow-store.dynamo).
        unitId: {
          type: "string",
          watch: ["state"],
          set: (_: unknown, item: { state?: FlowAppraisal }) => item.state?.unitId,
        },
        /** The unit index reads only this, not the state: a review counts its unit without loading whole items. */
        distributionMark: {
          type: "string",
          watch: ["state"],
          set: (_: unknown, item: { state?: FlowAppraisal }) =>
            item.state ? distributionMarkOf(item.state) : undefined,
        },
      },
      indexes: {
        byAppraisal: {
          pk: { field: "pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        // Sharded: one key per cycle took every flow item of a launch (flow-store.dynamo pages across the shards).
        byCycle: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["cycleId", "cycleShard"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["appraisalId"], casing: "none" },
        },
        byEmployee: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["nip"], casing: "none" },
          sk: { field: "gsi2sk", composite: ["cycleId"], casing: "none" },
        },
        // A review's distribution reads its unit only (it paged the whole cycle: O(cycle) per review). The sort key
        // is constant: ElectroDB writes a composite sort key on a patch only from attributes in the patch itself,
        // and the order does not matter to a count.
        byUnit: {
          index: "gsi3",
          pk: { field: "gsi3pk", composite: ["cycleId", "unitId"], casing: "none" },
          sk: { field: "gsi3sk", composite: [], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/** Counts of one launch page (written idempotently: the same page overwrites itself). */
export function launchPageEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "launchPage", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        pageKey: { type: "string", required: true, readOnly: true },
        started: { type: "number", required: true },
        alreadyExisting: { type: "number", required: true },
        at: { type: "string", required: true },
        /** Written by code that keys flow items by unit: a page without it may hold items the unit index lacks. */
        unitIndexed: { type: "boolean" },
      },
      indexes: {
        byCycle: {
          pk: { field: "pk", composite: ["cycleId"], casing: "none" },
          sk: { field: "sk", composite: ["pageKey"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/**
 * Distribution warnings of one unit in one cycle (replaced on every re-check). The item exists from the first
 * re-check's ticket on; `warnings` and `at` from its first write (readers take a missing list as none).
 */
export function distributionWarningsEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "distributionWarnings", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        unitId: { type: "string", required: true, readOnly: true },
        warnings: { type: "any" },
        at: { type: "string" },
        /** Re-check tickets taken, one per re-check, each after the save it follows (atomic ADD). */
        seq: { type: "number" },
        /** The ticket of the re-check whose count is stored: a write with an older ticket is refused. */
        computedSeq: { type: "number" },
        /** Writes so far; the code before the tickets guarded its writes by it, so every write still moves it. */
        version: { type: "number" },
      },
      indexes: {
        byCycle: {
          pk: { field: "pk", composite: ["cycleId"], casing: "none" },
          sk: { field: "sk", composite: ["unitId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
