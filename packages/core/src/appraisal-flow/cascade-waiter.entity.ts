// Appraisals waiting for their appraiser's SKP to be approved before the employee is asked for theirs (the cascade,
// DOMAIN rule 27). One item per waiting appraisal under its appraiser in the cycle, so the appraiser's approval finds
// exactly who waits (one query) and resumes their tasks. The task token stays here, server-side, never on the record
// HR reads.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** A workflow task waiting for the SKP of `appraiserNip` in `cycleId`. */
export function cascadeWaiterEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "cascadeWaiter", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        appraiserNip: { type: "string", required: true, readOnly: true },
        appraisalId: { type: "string", required: true, readOnly: true },
        taskToken: { type: "string", required: true },
        since: { type: "string", required: true },
        /** Epoch seconds: a waiter nobody resumed (the task timed out and re-registered, or was stopped) goes away. */
        ttl: { type: "number", required: true },
      },
      indexes: {
        byAppraiser: {
          pk: { field: "pk", composite: ["cycleId", "appraiserNip"], casing: "none" },
          sk: { field: "sk", composite: ["appraisalId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
