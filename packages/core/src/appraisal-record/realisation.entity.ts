import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** The latest reported realisation of one indicator of one appraisal, with its evidence. */
export function realisationEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "realisation", version: "1", service: "kinerja" },
      attributes: {
        appraisalId: { type: "string", required: true, readOnly: true },
        indicatorId: { type: "string", required: true, readOnly: true },
        value: { type: "number", required: true },
        evidenceUrl: { type: "string" },
        note: { type: "string" },
        reportedAt: { type: "string", required: true },
        reportedBy: { type: "string" },
      },
      indexes: {
        byAppraisal: {
          pk: { field: "pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "sk", composite: ["indicatorId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
