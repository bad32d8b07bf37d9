import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** One respondent's public-satisfaction (IKM) survey answers for a unit: 9 scores 1-4, null = unanswered. */
export function surveyResponseEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "surveyResponse", version: "1", service: "kinerja" },
      attributes: {
        unitId: { type: "string", required: true, readOnly: true },
        respondentId: { type: "string", required: true, readOnly: true },
        submittedAt: { type: "string", required: true, readOnly: true },
        scores: { type: "list", items: { type: "any" }, required: true },
        importId: { type: "string", required: true },
      },
      indexes: {
        // Time first in the sort key so `?from=&to=` is a range query.
        byUnit: {
          pk: { field: "pk", composite: ["unitId"], casing: "none" },
          sk: { field: "sk", composite: ["submittedAt", "respondentId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
