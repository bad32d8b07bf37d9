// Paths, templates and intrinsic functions: JSONPath and reference paths, a Fail state's ErrorPath/CausePath, and the
// `.$` fields of Parameters, ResultSelector and ItemSelector (a path or a known intrinsic function).
import { FAIL_PATH_INTRINSICS, INTRINSIC_FUNCTIONS, parseIntrinsic, type IntrinsicArg } from "../intrinsics";
import { parsePath, parseReferencePath } from "../paths";
import type { Diagnostic } from "../validate";
import { isObj } from "./json";

export function checkPath(path: string, location: string, out: Diagnostic[]): void {
  try {
    parsePath(path.startsWith("$$") ? path.slice(1) : path);
  } catch (error) {
    out.push({ code: "INVALID_JSON_PATH", message: (error as Error).message, location });
  }
}

export function checkReferencePath(path: string, location: string, out: Diagnostic[]): void {
  try {
    parseReferencePath(path);
  } catch (error) {
    out.push({ code: "INVALID_REFERENCE_PATH", message: (error as Error).message, location });
  }
}

/** A Fail state's ErrorPath/CausePath: a reference path, or one of the string-returning intrinsics AWS allows there. */
export function checkFailPath(value: string, location: string, out: Diagnostic[]): void {
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

export function checkTemplate(template: unknown, location: string, out: Diagnostic[]): void {
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
