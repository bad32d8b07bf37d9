// Fills `${Name}` placeholders of an ASL definition (DefinitionSubstitutions, as CDK/SST deploy them) with the one
// placeholder module the registry and the stacks use too.
import { fillDefinition, type Substitutions } from "@kinerja/core/asl/placeholders";
import { SubstitutionError } from "./errors";

/**
 * Returns `definition` with every `${Name}` in its string values replaced from `values`; throws SubstitutionError naming every missing one.
 * Works on the parsed JSON so a value can never break the document's syntax; a string input gives a string back.
 */
export function substitute<T extends string | object>(definition: T, values: Substitutions): T {
  const parsed: unknown = typeof definition === "string" ? JSON.parse(definition) : definition;
  const { definition: result, missing } = fillDefinition(parsed, values);
  if (missing.length > 0) throw new SubstitutionError(missing);
  return (typeof definition === "string" ? JSON.stringify(result) : result) as T;
}
