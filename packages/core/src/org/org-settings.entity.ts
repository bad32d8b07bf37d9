import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/**
 * The organisation's settings (one item): the officials outside the employee list (org-settings.ts). Versioned so two
 * HR writes at once cannot silently overwrite each other.
 */
export function orgSettingsEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "orgSettings", version: "1", service: "kinerja" },
      attributes: {
        pejabatPembinaKepegawaian: { type: "any", required: true },
        topOfficialAppraiser: { type: "any" },
        updatedAt: { type: "string", required: true },
        updatedBy: { type: "string", required: true },
        version: { type: "number", required: true },
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
