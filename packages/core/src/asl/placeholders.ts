// The `${Name}` placeholders of an ASL definition (its DefinitionSubstitutions, filled by CloudFormation on deploy):
// the one pattern and the one way to fill them, used by the workflow registry (local runtime, tests), the stacks
// (which placeholders a definition uses) and the local engine (its substitution helper).

/** A placeholder; its name is the key of the substitution map. */
const PLACEHOLDER = /\$\{([A-Za-z0-9_.:-]+)\}/g;

/** Values of a substitution map. */
export type Substitutions = Record<string, string | number | boolean>;

/** Every distinct placeholder name in a definition's text, sorted. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Fills one string; a name without a value stays as it is and is added to `missing`. */
function fill(
  text: string,
  values: Substitutions,
  missing: Set<string>,
  escape: (v: string) => string,
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      missing.add(name);
      return whole;
    }
    return escape(String(values[name]));
  });
}

/**
 * Fills the placeholders of a definition given as JSON text, keeping its layout. Placeholders stand inside string
 * values, so each value is escaped as a JSON string's content and can never break the document's syntax.
 */
export function fillDefinitionText(text: string, values: Substitutions): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = fill(text, values, missing, (v) => JSON.stringify(v).slice(1, -1));
  return { text: filled, missing: [...missing].sort() };
}

/** Fills the placeholders in every string value of a parsed definition. */
export function fillDefinition<T>(
  definition: T,
  values: Substitutions,
): { definition: T; missing: string[] } {
  const missing = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return fill(node, values, missing, (v) => v);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === "object")
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  const filled = walk(definition) as T;
  return { definition: filled, missing: [...missing].sort() };
}
