import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** One employee's attendance summary for one month (imported; merged by NIP + month). */
export function attendanceEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "attendance", version: "1", service: "kinerja" },
      attributes: {
        nip: { type: "string", required: true, readOnly: true },
        month: { type: "string", required: true, readOnly: true },
        workDays: { type: "number", required: true },
        present: { type: "number", required: true },
        lateMinutes: { type: "number", required: true },
        absentWithoutLeave: { type: "number", required: true },
        importId: { type: "string", required: true },
      },
      indexes: {
        byEmployee: {
          pk: { field: "pk", composite: ["nip"], casing: "none" },
          sk: { field: "sk", composite: ["month"], casing: "none" },
        },
        byMonth: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["month"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["nip"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
