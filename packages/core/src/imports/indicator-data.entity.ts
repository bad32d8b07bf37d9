import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** A measured value of one indicator for one employee and period, from an external source system. */
export function indicatorDataEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "indicatorData", version: "1", service: "kinerja" },
      attributes: {
        nip: { type: "string", required: true, readOnly: true },
        indicatorId: { type: "string", required: true, readOnly: true },
        period: { type: "string", required: true, readOnly: true },
        value: { type: "number", required: true },
        source: { type: "string", required: true },
        importId: { type: "string", required: true },
      },
      indexes: {
        byEmployee: {
          pk: { field: "pk", composite: ["nip"], casing: "none" },
          sk: { field: "sk", composite: ["indicatorId", "period"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
