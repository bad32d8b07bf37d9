import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** One mail kept by the local outbox instead of being sent (dev runtime, tests, demo). */
export function outboxMailEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "outboxMail", version: "1", service: "kinerja" },
      attributes: {
        id: { type: "string", required: true, readOnly: true },
        mailbox: { type: "string", required: true, readOnly: true },
        to: { type: "string", required: true, readOnly: true },
        subject: { type: "string", required: true },
        text: { type: "string", required: true },
        html: { type: "string", required: true },
        links: { type: "list", items: { type: "string" }, required: true },
        tagList: { type: "any" },
        sentAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["id"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        bySentAt: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["mailbox"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["sentAt", "id"], casing: "none" },
        },
        byRecipient: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["to"], casing: "none" },
          sk: { field: "gsi2sk", composite: ["sentAt", "id"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
