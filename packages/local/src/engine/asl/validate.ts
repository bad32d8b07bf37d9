// Validation of an ASL definition when a state machine is created, as ValidateStateMachineDefinition reports it:
// asl-validator's schema checks, then the engine's own checks, each family in validate/: the machine and its states
// (transitions, reachability, retriers and catchers, what the local engine does not run), Choice rules, and paths,
// templates and intrinsic functions.
import { createRequire } from "node:module";
import type { StateMachineDefinition } from "./types";
import { isObj } from "./validate/json";
import { checkMachine } from "./validate/machine";

// asl-validator ships CommonJS without types; this is the shape its default export returns.
type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => {
  isValid: boolean;
  errors: { "Error code": string; Message: string; schemaError?: { instancePath?: string } }[];
};
const aslValidator = createRequire(import.meta.url)("asl-validator") as AslValidator;

/** One problem found in a definition, in the shape of ValidateStateMachineDefinition's diagnostics. */
export interface Diagnostic {
  code: string;
  message: string;
  location?: string;
}

/** The outcome of validating a definition. */
export type ValidationResult =
  { ok: true; definition: StateMachineDefinition } | { ok: false; diagnostics: Diagnostic[] };

// asl-validator builds a fresh Ajv instance per call (~100 ms), so results are remembered per definition text.
const libraryCache = new Map<string, ReturnType<AslValidator>["errors"]>();
function libraryErrors(definition: Record<string, unknown>): ReturnType<AslValidator>["errors"] {
  const key = JSON.stringify(definition);
  const cached = libraryCache.get(key);
  if (cached) return cached;
  // asl-validator annotates the document it is given, so it gets a copy.
  const { errors } = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  if (libraryCache.size >= 200) libraryCache.delete(libraryCache.keys().next().value as string);
  libraryCache.set(key, errors);
  return errors;
}

/** Validates an ASL definition with asl-validator plus the engine's own semantic checks. */
export function validateDefinition(definition: string | object): ValidationResult {
  let parsed: unknown = definition;
  if (typeof definition === "string") {
    try {
      parsed = JSON.parse(definition);
    } catch (error) {
      return {
        ok: false,
        diagnostics: [
          {
            code: "INVALID_JSON_DESCRIPTION",
            message: `The definition is not valid JSON: ${(error as Error).message}`,
          },
        ],
      };
    }
  }
  if (!isObj(parsed)) {
    return {
      ok: false,
      diagnostics: [{ code: "SCHEMA_VALIDATION_FAILED", message: "The definition must be a JSON object" }],
    };
  }
  const diagnostics: Diagnostic[] = [];
  for (const error of libraryErrors(parsed)) {
    // The engine's own transition and terminal checks below report these with precise locations.
    if (
      error["Error code"] === "MISSING_TRANSITION_TARGET" ||
      error["Error code"] === "MISSING_TERMINAL_STATE"
    )
      continue;
    diagnostics.push({
      code: error["Error code"],
      message: error.Message,
      ...(error.schemaError?.instancePath ? { location: error.schemaError.instancePath } : {}),
    });
  }
  checkMachine(parsed, "", diagnostics);
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.code}|${d.location ?? ""}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length > 0) return { ok: false, diagnostics: unique };
  return { ok: true, definition: parsed as unknown as StateMachineDefinition };
}
