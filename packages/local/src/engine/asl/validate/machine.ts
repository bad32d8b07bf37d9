// The machine and its states: a non-empty States with a StartAt that names one, known state types, transitions to
// existing states, every state reachable and a terminal one among them, retriers and catchers, branches and item
// processors checked as machines of their own, and the fields the local engine refuses rather than run differently.
import { ERROR } from "../errors";
import { ENGINE_LIMITS } from "../../limits";
import type { Diagnostic } from "../validate";
import { checkChoice } from "./choice";
import { isObj, type Obj } from "./json";
import { checkFailPath, checkPath, checkReferencePath, checkTemplate } from "./paths";

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

export function checkMachine(machine: Obj, base: string, out: Diagnostic[]): void {
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
    if (name.length > ENGINE_LIMITS.nameMaxLength) {
      out.push({
        code: "SCHEMA_VALIDATION_FAILED",
        message: `State name '${name}' is longer than ${ENGINE_LIMITS.nameMaxLength} characters`,
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
