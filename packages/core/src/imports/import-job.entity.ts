import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** What an import job imports. */
export const IMPORT_KINDS = ["employees", "attendance", "survey", "indicators"] as const;

/** Life of an import job: rejected = bad input (nothing written); failed = infrastructure error while writing. */
export const IMPORT_STATUSES = ["writing", "committed", "rejected", "failed"] as const;

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
        errors: { type: "list", items: { type: "any" } },
        errorCount: { type: "number" },
        failureReason: { type: "string" },
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
      },
    },
    { client, table },
  );
}
