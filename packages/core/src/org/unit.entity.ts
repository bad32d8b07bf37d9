import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** An organisational unit (OPD or sub-unit) within one organisation generation. */
export function unitEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "unit", version: "1", service: "kinerja" },
      attributes: {
        generation: { type: "string", required: true, readOnly: true },
        unitId: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        parentUnitId: { type: "string" },
        headNip: { type: "string" },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["generation", "unitId"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        allUnits: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["generation"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["unitId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
