import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** What an import job imports. */
export const IMPORT_KINDS = ["employees", "attendance", "survey", "indicators"] as const;

/**
 * Life of an import job. Employee imports: `writing` -> `committed` | `failed` (org generations + pointer flip);
 * a large employee file is paged by the import-employees workflow: `validating` (file stored, every row checked)
 * -> `rejected` (all row errors kept) | `writing` (pages into a new generation, `rowsDone` of `rowsTotal`) ->
 * `committed` (pointer flipped) | `failed`.
 * Measurement imports roll forward: `staging` (rows written as staged items in the job's partition, nothing live)
 * -> `applying` (the commit point: from here the import completes, see resumeImports) -> `committed`; a fault while
 * staging ends in `failed` with nothing live changed. `rejected` = bad input (nothing written).
 */
export const IMPORT_STATUSES = [
  "validating",
  "writing",
  "staging",
  "applying",
  "committed",
  "rejected",
  "failed",
] as const;

/** Statuses of a measurement import that is not finished yet (the sparse `byUnfinished` index holds only these). */
export const UNFINISHED_IMPORT_STATUSES = ["staging", "applying"] as const;

/** One CSV import: its outcome, counts and (the first) per-row errors. */
export function importJobEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "importJob", version: "1", service: "kinerja" },
      attributes: {
        importId: { type: "string", required: true, readOnly: true },
        kind: { type: IMPORT_KINDS, required: true, readOnly: true },
        status: { type: IMPORT_STATUSES, required: true },
        counts: { type: "any" },
        /** Staged items written for a measurement import (set at the commit point; resume checks it). */
        stagedItems: { type: "number" },
        errors: { type: "list", items: { type: "any" } },
        errorCount: { type: "number" },
        failureReason: { type: "string" },
        /** Paged employee import (import-employees workflow): language of the row messages, chunk counts, progress. */
        lang: { type: ["id", "en"] as const },
        uploadChunks: { type: "number" },
        /** A file sent in parts (each part within the API's payload limit): parts announced and received so far. */
        uploadParts: { type: "number" },
        partsReceived: { type: "number" },
        unitChunks: { type: "number" },
        employeeChunks: { type: "number" },
        errorChunks: { type: "number" },
        pagesTotal: { type: "number" },
        pagesDone: { type: "number" },
        rowsTotal: { type: "number" },
        rowsDone: { type: "number" },
        /** The organisation generation the pages are written into, and the one the merge was based on. */
        generation: { type: "string" },
        basedOnGeneration: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        finishedAt: { type: "string" },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["importId"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        byKind: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["kind"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["createdAt", "importId"], casing: "none" },
        },
        // Sparse: a job is in it only while staging or applying (ElectroDB drops the keys on any other status), so
        // resumeImports reads just the unfinished jobs, oldest first (import ids start with their time).
        byUnfinished: {
          index: "gsi2",
          condition: (attributes) =>
            (UNFINISHED_IMPORT_STATUSES as readonly unknown[]).includes(attributes.status),
          pk: { field: "gsi2pk", composite: ["status"], casing: "none" },
          sk: { field: "gsi2sk", composite: ["importId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
