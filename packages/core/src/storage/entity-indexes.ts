import { StorageError } from "./storage.errors";
import { tableDefinition } from "./table";

/** The part of an ElectroDB entity this check reads (`entity.schema`). */
export interface EntityLike {
  schema: {
    model: { entity: string };
    attributes: Record<string, { type?: unknown }>;
    indexes: Record<string, { index?: string; pk: { field: string }; sk?: { field: string } }>;
  };
}

const keyFields = new Set<string>([
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  ...tableDefinition.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
]);

/**
 * Lists every way the entities disagree with storage/table.ts: an unknown index name, key fields
 * other than the index's, two access patterns on one GSI, a missing sort key, an attribute named
 * like a key field, or a non-numeric TTL attribute. Empty means the entities fit the table.
 */
export function findIndexMismatches(entities: Record<string, EntityLike>): string[] {
  const problems: string[] = [];
  for (const entity of Object.values(entities)) {
    const name = entity.schema.model.entity;
    const usedGsis = new Map<string, string>();
    for (const [accessPattern, index] of Object.entries(entity.schema.indexes)) {
      const where = `${name}.${accessPattern}`;
      const expected = index.index
        ? tableDefinition.globalIndexes.find((g) => g.indexName === index.index)
        : {
            indexName: "(table)",
            partitionKey: tableDefinition.partitionKey,
            sortKey: tableDefinition.sortKey,
          };
      if (!expected) {
        problems.push(`${where} uses index "${index.index}", which the table does not define`);
        continue;
      }
      if (index.pk.field !== expected.partitionKey)
        problems.push(
          `${where} writes its partition key to "${index.pk.field}", but ${expected.indexName} reads "${expected.partitionKey}"`,
        );
      if (!index.sk)
        problems.push(`${where} has no sort key, but ${expected.indexName} has "${expected.sortKey}"`);
      else if (index.sk.field !== expected.sortKey)
        problems.push(
          `${where} writes its sort key to "${index.sk.field}", but ${expected.indexName} reads "${expected.sortKey}"`,
        );
      if (index.index) {
        const other = usedGsis.get(index.index);
        if (other) problems.push(`${where} and ${name}.${other} both use ${index.index}`);
        usedGsis.set(index.index, accessPattern);
      }
    }
    for (const [attribute, definition] of Object.entries(entity.schema.attributes)) {
      if (keyFields.has(attribute))
        problems.push(`${name} has an attribute "${attribute}", a key field of the table`);
      if (attribute === tableDefinition.timeToLiveAttribute && definition.type !== "number")
        problems.push(`${name}.${attribute} is the TTL attribute and must be a number (epoch seconds)`);
    }
  }
  return problems;
}

/** Throws a StorageError listing every mismatch (createStorage calls it once at start). */
export function assertEntitiesMatchTable(entities: Record<string, EntityLike>): void {
  const problems = findIndexMismatches(entities);
  if (problems.length > 0)
    throw new StorageError(`entities do not fit the table definition:\n- ${problems.join("\n- ")}`);
}
