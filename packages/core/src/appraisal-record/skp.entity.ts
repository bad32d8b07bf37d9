import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** SKP life (DOMAIN 3.2): draft -> submitted -> (returned -> submitted)* -> approved. */
export const SKP_STATUSES = ["draft", "submitted", "returned", "approved"] as const;

/**
 * The SKP of one appraisal: RHK with their indicators and targets, the annex (lampiran) and the
 * approval loop's return comments. Lives in the appraisal's partition.
 */
export function skpEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "skp", version: "1", service: "kinerja" },
      attributes: {
        appraisalId: { type: "string", required: true, readOnly: true },
        status: { type: SKP_STATUSES, required: true },
        /** RHK list as validated by the skp area: [{id, text, kind, parentRhkId?, indicators: [...]}]. */
        rhk: { type: "list", items: { type: "any" }, required: true },
        annex: {
          type: "map",
          properties: {
            dukunganSumberDaya: { type: "list", items: { type: "string" } },
            skemaPertanggungjawaban: { type: "list", items: { type: "string" } },
            konsekuensi: { type: "list", items: { type: "string" } },
          },
        },
        returnComments: { type: "list", items: { type: "any" } },
        submittedAt: { type: "string" },
        approvedAt: { type: "string" },
        approvedBy: { type: "string" },
        updatedAt: { type: "string", required: true },
        version: { type: "number", required: true },
      },
      indexes: {
        byAppraisal: {
          pk: { field: "pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
