// Fills `${Name}` placeholders of an ASL definition (DefinitionSubstitutions, as CDK/SST deploy them).
import { SubstitutionError } from "./errors";

const PLACEHOLDER = /\$\{([A-Za-z0-9_.:-]+)\}/g;

/**
 * Returns `definition` with every `${Name}` in its string values replaced from `values`; throws SubstitutionError naming every missing one.
 * Works on the parsed JSON so a value can never break the document's syntax; a string input gives a string back.
 */
export function substitute<T extends string | object>(
  definition: T,
  values: Record<string, string | number | boolean>,
): T {
  const missing = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        if (!Object.prototype.hasOwnProperty.call(values, name)) {
          missing.add(name);
          return whole;
        }
        return String(values[name]);
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === "object")
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  const parsed: unknown = typeof definition === "string" ? JSON.parse(definition) : definition;
  const result = walk(parsed);
  if (missing.size > 0) throw new SubstitutionError([...missing].sort());
  return (typeof definition === "string" ? JSON.stringify(result) : result) as T;
}
