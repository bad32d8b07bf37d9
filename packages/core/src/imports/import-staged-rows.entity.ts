import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** Measurement kinds that are staged before they go live (the employee import has its own generations). */
export const STAGED_IMPORT_KINDS = ["attendance", "survey", "indicators"] as const;

/**
 * A slice of a measurement import's validated rows, kept in the import job's own partition (same `pk` as the
 * job) until the rows are live: what resumeImports re-applies after a fault past the commit point. The rows are
 * one JSON text (numbers round-trip exactly, one item holds many rows); `ttl` lets DynamoDB delete the slice
 * about 30 days later. The job id is stored as `stagedFor`, not `importId`: only live rows carry `importId`.
 */
export function importStagedRowsEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "importStagedRows", version: "1", service: "kinerja" },
      attributes: {
        importId: { type: "string", required: true, readOnly: true, field: "stagedFor" },
        slice: { type: "number", required: true, readOnly: true, padding: { length: 6, char: "0" } },
        kind: { type: STAGED_IMPORT_KINDS, required: true, readOnly: true },
        rowCount: { type: "number", required: true, readOnly: true },
        rows: { type: "string", required: true, readOnly: true },
        ttl: { type: "number", required: true },
      },
      indexes: {
        byImport: {
          pk: { field: "pk", composite: ["importId"], casing: "none" },
          sk: { field: "sk", composite: ["slice"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
