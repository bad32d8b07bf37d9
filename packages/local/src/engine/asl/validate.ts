import { createRequire } from "node:module";
import { CHOICE_OPERATORS, ruleOperator } from "./choice";
import { ERROR } from "./errors";
import { FAIL_PATH_INTRINSICS, INTRINSIC_FUNCTIONS, parseIntrinsic, type IntrinsicArg } from "./intrinsics";
import { parsePath, parseReferencePath } from "./paths";
import type { StateMachineDefinition } from "./types";

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

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const PATH_FIELDS = [
  "InputPath",
  "OutputPath",
  "ItemsPath",
  "TimeoutSecondsPath",
  "HeartbeatSecondsPath",
  "SecondsPath",
  "TimestampPath",
  "MaxConcurrencyPath",
  "ToleratedFailureCountPath",
  "ToleratedFailurePercentagePath",
] as const;
const STATE_TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];

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

/**
 * Fields AWS runs that the local engine does not: a definition using them is refused at creation rather than run
 * differently (packages/local/README.md lists them).
 */
const UNSUPPORTED_FIELDS: Record<string, string> = {
  Assign: "workflow variables (Assign)",
  Arguments: "JSONata Arguments",
  Output: "JSONata Output",
  ItemBatcher: "Map ItemBatcher",
  ResultWriter: "Map ResultWriter (results to S3)",
};

function checkSupported(node: Obj, location: string, out: Diagnostic[]): void {
  if (node.QueryLanguage === "JSONata") {
    out.push({
      code: "UNSUPPORTED_BY_LOCAL_ENGINE",
      message: "The local engine runs JSONPath only; QueryLanguage JSONata is not supported",
      location: `${location}/QueryLanguage`,
    });
  }
  for (const [field, what] of Object.entries(UNSUPPORTED_FIELDS)) {
    if (node[field] !== undefined) {
      out.push({
        code: "UNSUPPORTED_BY_LOCAL_ENGINE",
        message: `The local engine does not support ${what}`,
        location: `${location}/${field}`,
      });
    }
  }
}

function checkMachine(machine: Obj, base: string, out: Diagnostic[]): void {
  checkSupported(machine, base, out);
  const states = machine.States;
  if (!isObj(states) || Object.keys(states).length === 0) {
    out.push({
      code: "SCHEMA_VALIDATION_FAILED",
      message: "States must be a non-empty object",
      location: `${base}/States`,
    });
    return;
  }
  const names = Object.keys(states);
  if (typeof machine.StartAt !== "string" || !names.includes(machine.StartAt)) {
    out.push({
      code: "MISSING_TRANSITION_TARGET",
      message: `StartAt '${String(machine.StartAt)}' does not name a state`,
      location: `${base}/StartAt`,
    });
  }
  for (const [name, state] of Object.entries(states)) {
    const location = `${base}/States/${name}`;
    if (name.length > 80) {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: `State name '${name}' is longer than 80 characters`,
        location,
      });
    }
    if (!isObj(state) || !STATE_TYPES.includes(String(state.Type))) {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: `State '${name}' has an unknown Type`,
        location: `${location}/Type`,
      });
      continue;
    }
    checkState(name, state, location, names, out);
  }
  checkReachability(machine, states, base, out);
}

function transitionsOf(state: Obj): string[] {
  const targets: string[] = [];
  if (typeof state.Next === "string") targets.push(state.Next);
  if (typeof state.Default === "string") targets.push(state.Default);
  if (Array.isArray(state.Choices)) {
    for (const choice of state.Choices)
      if (isObj(choice) && typeof choice.Next === "string") targets.push(choice.Next);
  }
  if (Array.isArray(state.Catch)) {
    for (const catcher of state.Catch)
      if (isObj(catcher) && typeof catcher.Next === "string") targets.push(catcher.Next);
  }
  return targets;
}

function checkReachability(machine: Obj, states: Obj, base: string, out: Diagnostic[]): void {
  if (typeof machine.StartAt !== "string" || !(machine.StartAt in states)) return;
  const reached = new Set<string>([machine.StartAt]);
  const queue = [machine.StartAt];
  let terminal = false;
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const state = states[name];
    if (!isObj(state)) continue;
    if (state.End === true || state.Type === "Succeed" || state.Type === "Fail") terminal = true;
    for (const next of transitionsOf(state)) {
      if (next in states && !reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  for (const name of Object.keys(states)) {
    if (!reached.has(name)) {
      out.push({
        code: "UNREACHABLE_STATE",
        message: `State '${name}' is not reachable from StartAt '${machine.StartAt}'`,
        location: `${base}/States/${name}`,
      });
    }
  }
  if (!terminal) {
    out.push({
      code: "MISSING_TERMINAL_STATE",
      message: "No terminal state (End: true, Succeed or Fail) is reachable from StartAt",
      location: base === "" ? "/" : base,
    });
  }
}

function checkState(name: string, state: Obj, location: string, names: string[], out: Diagnostic[]): void {
  const targetExists = (target: unknown, where: string): void => {
    if (typeof target === "string" && !names.includes(target)) {
      out.push({
        code: "MISSING_TRANSITION_TARGET",
        message: `State '${name}' transitions to missing state '${target}'`,
        location: where,
      });
    }
  };
  targetExists(state.Next, `${location}/Next`);
  checkSupported(state, location, out);
  for (const field of PATH_FIELDS) {
    if (typeof state[field] === "string") checkPath(state[field], `${location}/${field}`, out);
  }
  if (typeof state.ResultPath === "string")
    checkReferencePath(state.ResultPath, `${location}/ResultPath`, out);
  for (const template of ["Parameters", "ResultSelector", "ItemSelector"]) {
    if (state[template] !== undefined) checkTemplate(state[template], `${location}/${template}`, out);
  }
  for (const key of ["Retry", "Catch"] as const) {
    const list = state[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: `${key} must be an array`,
        location: `${location}/${key}`,
      });
      continue;
    }
    list.forEach((entry: unknown, index) => {
      const where = `${location}/${key}/${index}`;
      if (!isObj(entry) || !Array.isArray(entry.ErrorEquals) || entry.ErrorEquals.length === 0) {
        out.push({
          code: "SCHEMA_VALIDATION_FAILED",
          message: "ErrorEquals must be a non-empty array",
          location: `${where}/ErrorEquals`,
        });
        return;
      }
      if (entry.ErrorEquals.includes(ERROR.ALL)) {
        if (entry.ErrorEquals.length > 1) {
          out.push({
            code: "SCHEMA_VALIDATION_FAILED",
            message: `${ERROR.ALL} must appear alone in ErrorEquals`,
            location: `${where}/ErrorEquals`,
          });
        }
        if (index !== list.length - 1) {
          out.push({
            code: "SCHEMA_VALIDATION_FAILED",
            message: `A ${key === "Retry" ? "retrier" : "catcher"} with ${ERROR.ALL} must be the last one`,
            location: where,
          });
        }
      }
      if (key === "Catch") {
        targetExists(entry.Next, `${where}/Next`);
        if (typeof entry.ResultPath === "string")
          checkReferencePath(entry.ResultPath, `${where}/ResultPath`, out);
      } else {
        if (typeof entry.BackoffRate === "number" && entry.BackoffRate < 1) {
          out.push({
            code: "SCHEMA_VALIDATION_FAILED",
            message: "BackoffRate must be at least 1.0",
            location: `${where}/BackoffRate`,
          });
        }
        if (
          typeof entry.MaxAttempts === "number" &&
          (entry.MaxAttempts < 0 || !Number.isInteger(entry.MaxAttempts))
        ) {
          out.push({
            code: "SCHEMA_VALIDATION_FAILED",
            message: "MaxAttempts must be a non-negative integer",
            location: `${where}/MaxAttempts`,
          });
        }
      }
    });
  }
  switch (state.Type) {
    case "Choice":
      checkChoice(name, state, location, names, out);
      break;
    case "Fail":
      for (const field of ["ErrorPath", "CausePath"] as const) {
        if (typeof state[field] === "string") checkFailPath(state[field], `${location}/${field}`, out);
      }
      break;
    case "Parallel":
      if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
        out.push({
          code: "SCHEMA_VALIDATION_FAILED",
          message: `Parallel state '${name}' needs at least one branch`,
          location: `${location}/Branches`,
        });
      } else {
        state.Branches.forEach((branch: unknown, index) => {
          if (isObj(branch)) checkMachine(branch, `${location}/Branches/${index}`, out);
        });
      }
      break;
    case "Map": {
      const processorKey = state.ItemProcessor !== undefined ? "ItemProcessor" : "Iterator";
      const processor = state[processorKey];
      if (!isObj(processor)) {
        out.push({
          code: "SCHEMA_VALIDATION_FAILED",
          message: `Map state '${name}' needs an ItemProcessor`,
          location: `${location}/ItemProcessor`,
        });
      } else checkMachine(processor, `${location}/${processorKey}`, out);
      break;
    }
  }
}

function checkChoice(name: string, state: Obj, location: string, names: string[], out: Diagnostic[]): void {
  if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
    out.push({
      code: "SCHEMA_VALIDATION_FAILED",
      message: `Choice state '${name}' needs at least one rule`,
      location: `${location}/Choices`,
    });
    return;
  }
  if (typeof state.Default === "string" && !names.includes(state.Default)) {
    out.push({
      code: "MISSING_TRANSITION_TARGET",
      message: `State '${name}' defaults to missing state '${state.Default}'`,
      location: `${location}/Default`,
    });
  }
  state.Choices.forEach((rule: unknown, index) => {
    const where = `${location}/Choices/${index}`;
    if (!isObj(rule)) {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: "A Choice rule must be an object",
        location: where,
      });
      return;
    }
    if (typeof rule.Next !== "string") {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: "A top-level Choice rule needs Next",
        location: `${where}/Next`,
      });
    } else if (!names.includes(rule.Next)) {
      out.push({
        code: "MISSING_TRANSITION_TARGET",
        message: `State '${name}' transitions to missing state '${rule.Next}'`,
        location: `${where}/Next`,
      });
    }
    checkRule(rule, where, out, true);
  });
}

function checkRule(rule: Obj, where: string, out: Diagnostic[], topLevel: boolean): void {
  if (!topLevel && rule.Next !== undefined) {
    out.push({
      code: "SCHEMA_VALIDATION_FAILED",
      message: "Nested Choice rules must not have Next",
      location: `${where}/Next`,
    });
  }
  for (const combinator of ["And", "Or"] as const) {
    if (rule[combinator] === undefined) continue;
    const list = rule[combinator];
    if (!Array.isArray(list) || list.length === 0) {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: `${combinator} must be a non-empty array of rules`,
        location: `${where}/${combinator}`,
      });
      return;
    }
    list.forEach((sub: unknown, i) =>
      isObj(sub)
        ? checkRule(sub, `${where}/${combinator}/${i}`, out, false)
        : out.push({
            code: "SCHEMA_VALIDATION_FAILED",
            message: "A Choice rule must be an object",
            location: `${where}/${combinator}/${i}`,
          }),
    );
    return;
  }
  if (rule.Not !== undefined) {
    if (!isObj(rule.Not)) {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: "Not must be a single rule object",
        location: `${where}/Not`,
      });
    } else checkRule(rule.Not, `${where}/Not`, out, false);
    return;
  }
  const operators = Object.keys(rule).filter((key) => CHOICE_OPERATORS.includes(key));
  if (operators.length !== 1) {
    out.push({
      code: "SCHEMA_VALIDATION_FAILED",
      message: `A comparison rule needs exactly one operator, found ${operators.length === 0 ? "none" : operators.join(", ")}`,
      location: where,
    });
    return;
  }
  if (typeof rule.Variable !== "string") {
    out.push({
      code: "SCHEMA_VALIDATION_FAILED",
      message: "A comparison rule needs a Variable path",
      location: `${where}/Variable`,
    });
  } else checkPath(rule.Variable, `${where}/Variable`, out);
  const operator = ruleOperator(rule) as string;
  const value = rule[operator];
  const fail = (expected: string): void => {
    out.push({
      code: "SCHEMA_VALIDATION_FAILED",
      message: `${operator} expects ${expected}`,
      location: `${where}/${operator}`,
    });
  };
  if (operator.endsWith("Path")) {
    if (typeof value !== "string") fail("a path");
    else checkPath(value, `${where}/${operator}`, out);
  } else if (operator.startsWith("Is")) {
    if (typeof value !== "boolean") fail("a boolean");
  } else if (operator.startsWith("String") || operator.startsWith("Timestamp")) {
    if (typeof value !== "string") fail("a string");
  } else if (operator.startsWith("Numeric")) {
    if (typeof value !== "number") fail("a number");
  } else if (operator === "BooleanEquals" && typeof value !== "boolean") fail("a boolean");
}

function checkPath(path: string, location: string, out: Diagnostic[]): void {
  try {
    parsePath(path.startsWith("$$") ? path.slice(1) : path);
  } catch (error) {
    out.push({ code: "INVALID_JSON_PATH", message: (error as Error).message, location });
  }
}

function checkReferencePath(path: string, location: string, out: Diagnostic[]): void {
  try {
    parseReferencePath(path);
  } catch (error) {
    out.push({ code: "INVALID_REFERENCE_PATH", message: (error as Error).message, location });
  }
}

/** A Fail state's ErrorPath/CausePath: a reference path, or one of the string-returning intrinsics AWS allows there. */
function checkFailPath(value: string, location: string, out: Diagnostic[]): void {
  if (!value.startsWith("States.")) {
    checkReferencePath(value.startsWith("$$") ? value.slice(1) : value, location, out);
    return;
  }
  try {
    const call = parseIntrinsic(value);
    if (!FAIL_PATH_INTRINSICS.includes(call.name)) {
      out.push({
        code: "INVALID_INTRINSIC_FUNCTION",
        message: `${call.name} is not allowed here: ErrorPath and CausePath accept ${FAIL_PATH_INTRINSICS.join(", ")}`,
        location,
      });
    }
    checkIntrinsicArgs(call.args, location, out);
  } catch (error) {
    out.push({ code: "INVALID_INTRINSIC_FUNCTION", message: (error as Error).message, location });
  }
}

function checkIntrinsicArgs(args: IntrinsicArg[], location: string, out: Diagnostic[]): void {
  for (const arg of args) {
    if (arg.kind === "path") checkPath(arg.path, location, out);
    if (arg.kind === "call") {
      if (!(INTRINSIC_FUNCTIONS as readonly string[]).includes(arg.name)) {
        out.push({
          code: "INVALID_INTRINSIC_FUNCTION",
          message: `Unknown intrinsic function ${arg.name}`,
          location,
        });
      }
      checkIntrinsicArgs(arg.args, location, out);
    }
  }
}

function checkTemplate(template: unknown, location: string, out: Diagnostic[]): void {
  if (Array.isArray(template)) {
    template.forEach((item, i) => checkTemplate(item, `${location}/${i}`, out));
    return;
  }
  if (!isObj(template)) return;
  for (const [key, value] of Object.entries(template)) {
    const where = `${location}/${key}`;
    if (!key.endsWith(".$")) {
      checkTemplate(value, where, out);
      continue;
    }
    if (typeof value !== "string") {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: `The value of '${key}' must be a path or intrinsic function string`,
        location: where,
      });
    } else if (value.startsWith("States.")) {
      try {
        const call = parseIntrinsic(value);
        checkIntrinsicArgs([call], where, out);
      } catch (error) {
        out.push({ code: "INVALID_INTRINSIC_FUNCTION", message: (error as Error).message, location: where });
      }
    } else if (value.startsWith("$")) {
      checkPath(value, where, out);
    } else {
      out.push({
        code: "INVALID_JSON_PATH",
        message: `The value '${value}' of '${key}' is neither a path nor an intrinsic function`,
        location: where,
      });
    }
  }
}
