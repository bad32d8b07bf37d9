import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** One entry of an appraisal's audit trail (DESIGN 3.1): who did what, when, from which link. */
export function auditEventEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "auditEvent", version: "1", service: "kinerja" },
      attributes: {
        appraisalId: { type: "string", required: true, readOnly: true },
        eventId: { type: "string", required: true, readOnly: true },
        at: { type: "string", required: true, readOnly: true },
        actor: { type: "string", required: true, readOnly: true },
        action: { type: "string", required: true, readOnly: true },
        kind: { type: "string", readOnly: true },
        linkId: { type: "string", readOnly: true },
        detail: { type: "any", readOnly: true },
      },
      indexes: {
        // Time first in the sort key so the trail reads in order.
        byAppraisal: {
          pk: { field: "pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "sk", composite: ["at", "eventId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
