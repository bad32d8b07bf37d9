import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/**
 * The single pointer to the organisation generation that is visible. An employee import writes a
 * whole new generation of units and employees, then flips this item in one conditional write,
 * so readers never see a half import.
 */
export function orgStateEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "orgState", version: "1", service: "kinerja" },
      attributes: {
        generation: { type: "string", required: true },
        previousGeneration: { type: "string" },
        importId: { type: "string", required: true },
        unitCount: { type: "number", required: true },
        employeeCount: { type: "number", required: true },
        /** Shards of the employee listing index; absent on generations written before it was sharded. */
        employeeListShards: { type: "number" },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        current: {
          pk: { field: "pk", composite: [], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
