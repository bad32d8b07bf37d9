import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { STAGES } from "./appraisal";
import { keyShard } from "../storage/shards";

/** Stages of one appraisal: the domain's list, so the stored attribute cannot drift from the stage machine. */
export const APPRAISAL_STAGES = STAGES;

/**
 * One employee's appraisal in one cycle: the source of truth the workflow reads and writes.
 * `version` increases on every update; writers pass the version they read (optimistic concurrency).
 * Names and units are snapshots at launch, because people move mid-year.
 */
export function appraisalRecordEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "appraisal", version: "1", service: "kinerja" },
      attributes: {
        id: { type: "string", required: true, readOnly: true },
        cycleId: { type: "string", required: true, readOnly: true },
        nip: { type: "string", required: true, readOnly: true },
        /** The cycle index's shard (storage/shards.ts), from the NIP: a launch's writes spread over KEY_SHARDS keys. */
        cycleShard: {
          type: "string",
          readOnly: true,
          watch: ["nip"],
          set: (_: unknown, item: { nip?: string }) => (item.nip ? keyShard(item.nip) : undefined),
        },
        name: { type: "string", required: true },
        email: { type: "string" },
        unitId: { type: "string", required: true },
        position: { type: "string" },
        positionType: { type: "string" },
        unitHead: { type: "boolean" },
        /** pns | pppk and the jenjang of a functional official, snapshots at launch. */
        employmentType: { type: "string" },
        jenjang: { type: "string" },
        appraiserNip: { type: "string" },
        superiorOfAppraiserNip: { type: "string" },
        stage: { type: APPRAISAL_STAGES, required: true },
        ratings: { type: "any" },
        predikat: { type: "string" },
        executionArn: { type: "string" },
        measurement: { type: "any" },
        periodicResults: { type: "list", items: { type: "any" } },
        objection: { type: "any" },
        followUp: { type: "any" },
        /** Discipline finding from attendance at follow-up (rule 36), a separate track from the predikat. */
        discipline: { type: "any" },
        failureReason: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        version: { type: "number", required: true },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["id"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        // Stage first in the sort key, so "all of a cycle" and "a cycle's appraisals in stage X" are one query per
        // shard each (sharded: one key per cycle took every appraisal write of a launch; appraisal-record.repo merges).
        byCycle: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["cycleId", "cycleShard"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["stage", "nip"], casing: "none" },
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
