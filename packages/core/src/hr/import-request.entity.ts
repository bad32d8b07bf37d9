import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** The claim of one import confirmation (import-request.repo.ts): a second press of the same form finds it. */
export function importRequestEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "importRequest", version: "1", service: "kinerja" },
      attributes: {
        requestId: { type: "string", required: true, readOnly: true },
        kind: { type: "string", required: true, readOnly: true },
        status: { type: ["applying", "applied"] as const, required: true },
        /** Where the applied import's result is shown (the job page, or the imports page for the settings). */
        resultPath: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        ttl: { type: "number", required: true },
      },
      indexes: {
        byRequest: {
          pk: { field: "pk", composite: ["requestId"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
