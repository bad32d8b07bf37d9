import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { ORG_RATINGS } from "../rating/rating";

/** The organisation rating (capaian organisasi) HR set for one unit in one cycle (DOMAIN 6.4). */
export function orgRatingEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "orgRating", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        unitId: { type: "string", required: true, readOnly: true },
        rating: { type: ORG_RATINGS, required: true },
        setBy: { type: "string", required: true },
        setAt: { type: "string", required: true },
      },
      indexes: {
        byCycle: {
          pk: { field: "pk", composite: ["cycleId"], casing: "none" },
          sk: { field: "sk", composite: ["unitId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
