import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** Kinds of cycle = length of the period (DESIGN 3.1). */
export const CYCLE_KINDS = ["annual", "quarterly", "monthly"] as const;

/** Life of a cycle as a whole (appraisals carry their own stage). */
export const CYCLE_STATUSES = [
  "created",
  "launching",
  "running",
  "completed",
  "cancelled",
  "failed",
] as const;

/** An appraisal cycle opened by HR; `version` guards concurrent status changes. */
export function cycleEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "cycle", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        kind: { type: CYCLE_KINDS, required: true },
        periodStart: { type: "string", required: true },
        periodEnd: { type: "string", required: true },
        /** Units as requested (sub-units included at launch); absent = the whole organisation. */
        unitIds: { type: "list", items: { type: "string" } },
        settings: { type: "any" },
        status: { type: CYCLE_STATUSES, required: true },
        executionArn: { type: "string" },
        participantCount: { type: "number" },
        failureReason: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        version: { type: "number", required: true },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["cycleId"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        // Every cycle under one key, newest last: a regency opens a handful per year.
        allCycles: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: [], casing: "none" },
          sk: { field: "gsi1sk", composite: ["createdAt", "cycleId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
