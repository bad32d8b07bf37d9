import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/**
 * A measured value of one indicator of one employee's appraisal in one cycle and period, from an external source
 * system. Indicator ids (`v1-rhk1-i1`) repeat in every cycle, so a value belongs to its cycle (version 2 of the item).
 */
export function indicatorDataEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "indicatorData", version: "2", service: "kinerja" },
      attributes: {
        nip: { type: "string", required: true, readOnly: true },
        cycleId: { type: "string", required: true, readOnly: true },
        indicatorId: { type: "string", required: true, readOnly: true },
        period: { type: "string", required: true, readOnly: true },
        value: { type: "number", required: true },
        source: { type: "string", required: true },
        importId: { type: "string", required: true },
      },
      indexes: {
        byEmployee: {
          pk: { field: "pk", composite: ["nip"], casing: "none" },
          sk: { field: "sk", composite: ["cycleId", "indicatorId", "period"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
