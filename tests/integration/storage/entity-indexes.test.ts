import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../packages/core/src/storage/client";
import { findIndexMismatches, type EntityLike } from "../../../packages/core/src/storage/entity-indexes";
import { createEntities } from "../../../packages/core/src/storage/entities";

const client = createDocumentClient({ tableName: "t", endpoint: "http://127.0.0.1:9" });

const fake = (
  indexes: EntityLike["schema"]["indexes"],
  attributes: EntityLike["schema"]["attributes"] = {},
): EntityLike => ({
  schema: { model: { entity: "fake" }, attributes, indexes },
});

describe("entity indexes against storage/table.ts", () => {
  it("every storage entity maps its access patterns onto the table's keys and GSIs", () => {
    expect(findIndexMismatches(createEntities(client, "t"))).toEqual([]);
  });

  it("reports an unknown index, wrong key fields, a shared GSI, a key-named attribute and a string TTL", () => {
    const problems = findIndexMismatches({
      fake: fake(
        {
          byId: { pk: { field: "pk" }, sk: { field: "sk" } },
          byFour: { index: "gsi4", pk: { field: "gsi4pk" }, sk: { field: "gsi4sk" } },
          byOne: { index: "gsi1", pk: { field: "gsi1pk" }, sk: { field: "gsi2sk" } },
          byOneAgain: { index: "gsi1", pk: { field: "gsi1pk" }, sk: { field: "gsi1sk" } },
        },
        { gsi1pk: { type: "string" }, ttl: { type: "string" } },
      ),
    });
    expect(problems).toEqual([
      'fake.byFour uses index "gsi4", which the table does not define',
      'fake.byOne writes its sort key to "gsi2sk", but gsi1 reads "gsi1sk"',
      "fake.byOneAgain and fake.byOne both use gsi1",
      'fake has an attribute "gsi1pk", a key field of the table',
      "fake.ttl is the TTL attribute and must be a number (epoch seconds)",
    ]);
  });
});
