import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { JF_LEVELS } from "../credit-points/credit-points";
import { EMPLOYMENT_TYPES } from "./org";
import { POSITION_TYPES } from "./org.schema";

/** An employee (pegawai, keyed by NIP) within one organisation generation. */
export function employeeEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "employee", version: "1", service: "kinerja" },
      attributes: {
        generation: { type: "string", required: true, readOnly: true },
        nip: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        email: { type: "string", required: true },
        unitId: { type: "string", required: true },
        position: { type: "string", required: true },
        positionType: { type: POSITION_TYPES, required: true },
        superiorNip: { type: "string" },
        unitHead: { type: "boolean", required: true },
        /** Optional: items written before the column existed are read with the type their number says. */
        employmentType: { type: EMPLOYMENT_TYPES },
        jenjang: { type: JF_LEVELS },
        /** `<generation>#<superiorNip>`, set only when there is a superior: ElectroDB sparse indexes need all-or-none composites. */
        superiorKey: { type: "string", hidden: true },
        /** The listing shard (employee-list-shards.ts): spreads the listing index over EMPLOYEE_LIST_SHARDS keys. */
        listShard: { type: "string", hidden: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byNip: {
          pk: { field: "pk", composite: ["generation", "nip"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        byUnit: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["generation", "unitId"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["nip"], casing: "none" },
        },
        // Sparse: the top official has no superior, so ElectroDB writes no gsi2 keys for them.
        bySuperior: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["superiorKey"], casing: "none" },
          sk: { field: "gsi2sk", composite: ["nip"], casing: "none" },
        },
        // Sharded (no hot key): one partition per generation and shard; org.repo merges the shards by NIP.
        allEmployees: {
          index: "gsi3",
          pk: { field: "gsi3pk", composite: ["generation", "listShard"], casing: "none" },
          sk: { field: "gsi3sk", composite: ["nip"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
