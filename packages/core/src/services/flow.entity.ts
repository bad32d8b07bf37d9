// ElectroDB entities the workflow keeps beside the storage areas' appraisal record: the workflow's own
// state of an appraisal (idempotency keys, SKP versions, decision details), launch page counts and the
// distribution warnings recorded on a cycle.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { keyShard } from "../storage/shards";

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
        state: { type: "any", required: true },
        version: { type: "number", required: true },
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

/** Distribution warnings of one unit in one cycle (replaced on every re-check). */
export function distributionWarningsEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "distributionWarnings", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        unitId: { type: "string", required: true, readOnly: true },
        warnings: { type: "any", required: true },
        at: { type: "string", required: true },
        /** Optimistic-concurrency version: concurrent re-checks recount instead of overwriting each other. */
        version: { type: "number", required: true },
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
