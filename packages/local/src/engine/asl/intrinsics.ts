import { createHash, randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
// States.MathRandom with a seed is repeatable, as AWS documents: the project's one seeded generator.
import { seededRandom } from "@kinerja/core/random/seeded-random";
import type { ContextObject } from "./context";
import { ERROR, StatesError } from "./errors";
import { readPath } from "./paths";

/** A parsed intrinsic argument; string literals remember which braces were escaped for States.Format. */
export type IntrinsicArg =
  | { kind: "string"; value: string; escapedBraces: Set<number> }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "path"; path: string }
  | IntrinsicCall;

/** A parsed `States.X(...)` call. */
export interface IntrinsicCall {
  kind: "call";
  name: string;
  args: IntrinsicArg[];
}

/** Extra sources of randomness, injectable so tests and replays are deterministic. */
export interface IntrinsicDeps {
  uuid?: () => string;
  random?: () => number;
}

function failure(message: string): StatesError {
  return new StatesError(ERROR.IntrinsicFailure, message);
}

/** Parses an intrinsic expression or throws States.IntrinsicFailure describing the syntax error. */
export function parseIntrinsic(expression: string): IntrinsicCall {
  let pos = 0;
  const skipSpace = (): void => {
    while (pos < expression.length && /\s/.test(expression[pos] ?? "")) pos++;
  };
  const syntax = (why: string): StatesError =>
    failure(`Invalid intrinsic function expression '${expression}': ${why} at position ${pos}`);

  const parseCall = (): IntrinsicCall => {
    const match = /^States\.[A-Za-z0-9]+/.exec(expression.slice(pos));
    if (!match) throw syntax("expected a function name like States.Format");
    const name = match[0];
    pos += name.length;
    skipSpace();
    if (expression[pos] !== "(") throw syntax("expected '('");
    pos++;
    const args: IntrinsicArg[] = [];
    skipSpace();
    if (expression[pos] === ")") {
      pos++;
      return { kind: "call", name, args };
    }
    for (;;) {
      skipSpace();
      args.push(parseArg());
      skipSpace();
      const ch = expression[pos];
      if (ch === ",") {
        pos++;
        continue;
      }
      if (ch === ")") {
        pos++;
        return { kind: "call", name, args };
      }
      throw syntax("expected ',' or ')'");
    }
  };

  const parseArg = (): IntrinsicArg => {
    const ch = expression[pos];
    if (ch === "'") return parseString();
    if (ch === "$") return parsePathArg();
    const rest = expression.slice(pos);
    if (rest.startsWith("States.")) return parseCall();
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      pos += number[0].length;
      return { kind: "number", value: Number(number[0]) };
    }
    const keyword = /^(true|false|null)\b/.exec(rest);
    if (keyword) {
      pos += keyword[0].length;
      if (keyword[0] === "null") return { kind: "null" };
      return { kind: "boolean", value: keyword[0] === "true" };
    }
    throw syntax("expected a string, number, boolean, null, path or intrinsic function");
  };

  const parseString = (): IntrinsicArg => {
    pos++;
    let value = "";
    const escapedBraces = new Set<number>();
    while (pos < expression.length) {
      const ch = expression[pos] as string;
      if (ch === "\\") {
        const next = expression[pos + 1];
        if (next === undefined) throw syntax("dangling escape character");
        if (next === "{" || next === "}") escapedBraces.add(value.length);
        // The reserved characters ' { } \ are escaped with a backslash; other escapes keep the backslash.
        value += "'{}\\".includes(next) ? next : `\\${next}`;
        pos += 2;
        continue;
      }
      if (ch === "'") {
        pos++;
        return { kind: "string", value, escapedBraces };
      }
      value += ch;
      pos++;
    }
    throw syntax("unterminated string literal");
  };

  const parsePathArg = (): IntrinsicArg => {
    const start = pos;
    let depth = 0;
    let quote: string | null = null;
    while (pos < expression.length) {
      const ch = expression[pos] as string;
      if (quote) {
        if (ch === "\\") pos++;
        else if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"') {
        if (depth === 0) break;
        quote = ch;
      } else if (ch === "[" || ch === "(") depth++;
      else if (ch === "]" || ch === ")") {
        if (depth === 0) break;
        depth--;
      } else if (ch === "," && depth === 0) break;
      pos++;
    }
    const path = expression.slice(start, pos).trim();
    return { kind: "path", path };
  };

  skipSpace();
  const call = parseCall();
  skipSpace();
  if (pos !== expression.length) throw syntax("unexpected trailing characters");
  return call;
}

type Value = unknown;

function typeName(value: Value): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function expectArity(name: string, args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw failure(`${name} expects ${wanted} argument(s) but received ${args.length}`);
  }
}

function expectString(name: string, value: Value, argument: string): string {
  if (typeof value !== "string")
    throw failure(`${name}: the ${argument} argument must be a string, got ${typeName(value)}`);
  return value;
}

function expectArray(name: string, value: Value, argument: string): unknown[] {
  if (!Array.isArray(value))
    throw failure(`${name}: the ${argument} argument must be an array, got ${typeName(value)}`);
  return value;
}

function expectInteger(name: string, value: Value, argument: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw failure(`${name}: the ${argument} argument must be an integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function expectObject(name: string, value: Value, argument: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw failure(`${name}: the ${argument} argument must be a JSON object, got ${typeName(value)}`);
  }
  return value as Record<string, unknown>;
}

const MAX_STRING_INPUT = 10000;
const MAX_RANGE_ITEMS = 1000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const HASH_ALGORITHMS: Record<string, string> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

function formatValue(value: Value): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function evaluateFormat(call: IntrinsicCall, values: Value[]): string {
  const name = call.name;
  expectArity(name, values, 1, Infinity);
  const template = expectString(name, values[0], "first");
  const first = call.args[0];
  const escaped = first?.kind === "string" ? first.escapedBraces : new Set<number>();
  const args = values.slice(1);
  args.forEach((arg, i) => {
    if (arg !== null && typeof arg === "object") {
      throw failure(
        `${name}: argument ${i + 2} must be a string, number, boolean or null, got ${typeName(arg)}`,
      );
    }
  });
  let out = "";
  let used = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === "{" && template[i + 1] === "}" && !escaped.has(i) && !escaped.has(i + 1)) {
      if (used >= args.length) {
        throw failure(
          `${name}: the template has more {} placeholders than the ${args.length} argument(s) given`,
        );
      }
      out += formatValue(args[used++]);
      i++;
    } else {
      out += template[i];
    }
  }
  if (used !== args.length) {
    throw failure(`${name}: ${args.length} argument(s) given for ${used} {} placeholder(s)`);
  }
  return out;
}

function evaluateCall(call: IntrinsicCall, input: unknown, ctx: ContextObject, deps: IntrinsicDeps): unknown {
  const values = call.args.map((arg) => evaluateArg(arg, input, ctx, deps));
  const name = call.name;
  switch (name) {
    case "States.Format":
      return evaluateFormat(call, values);
    case "States.StringToJson": {
      expectArity(name, values, 1);
      const text = expectString(name, values[0], "first");
      try {
        return JSON.parse(text);
      } catch {
        throw failure(`${name}: the argument is not valid JSON: ${text.slice(0, 200)}`);
      }
    }
    case "States.JsonToString":
      expectArity(name, values, 1);
      return JSON.stringify(values[0]);
    case "States.Array":
      return values;
    case "States.ArrayPartition": {
      expectArity(name, values, 2);
      const array = expectArray(name, values[0], "first");
      const size = expectInteger(name, values[1], "chunk size");
      if (size <= 0) throw failure(`${name}: the chunk size must be a positive integer, got ${size}`);
      const chunks: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
      return chunks;
    }
    case "States.ArrayContains": {
      expectArity(name, values, 2);
      const array = expectArray(name, values[0], "first");
      return array.some((item) => isDeepStrictEqual(item, values[1]));
    }
    case "States.ArrayRange": {
      expectArity(name, values, 3);
      const start = expectInteger(name, values[0], "first");
      const end = expectInteger(name, values[1], "second");
      const step = expectInteger(name, values[2], "step");
      if (step === 0) throw failure(`${name}: the step must not be 0`);
      const count = Math.floor((end - start) / step) + 1;
      if (count > MAX_RANGE_ITEMS) {
        throw failure(
          `${name}: the range would have ${count} items, more than the ${MAX_RANGE_ITEMS} allowed`,
        );
      }
      const out: number[] = [];
      for (let i = 0; i < count; i++) out.push(start + i * step);
      return out;
    }
    case "States.ArrayGetItem": {
      expectArity(name, values, 2);
      const array = expectArray(name, values[0], "first");
      const index = expectInteger(name, values[1], "index");
      if (index < 0 || index >= array.length) {
        throw failure(`${name}: index ${index} is out of bounds for an array of length ${array.length}`);
      }
      return array[index];
    }
    case "States.ArrayLength":
      expectArity(name, values, 1);
      return expectArray(name, values[0], "first").length;
    case "States.ArrayUnique": {
      expectArity(name, values, 1);
      const array = expectArray(name, values[0], "first");
      const out: unknown[] = [];
      for (const item of array) if (!out.some((seen) => isDeepStrictEqual(seen, item))) out.push(item);
      return out;
    }
    case "States.Base64Encode": {
      expectArity(name, values, 1);
      const text = expectString(name, values[0], "first");
      if (text.length > MAX_STRING_INPUT)
        throw failure(`${name}: the input exceeds ${MAX_STRING_INPUT} characters`);
      return Buffer.from(text, "utf8").toString("base64");
    }
    case "States.Base64Decode": {
      expectArity(name, values, 1);
      const text = expectString(name, values[0], "first");
      if (text.length > MAX_STRING_INPUT)
        throw failure(`${name}: the input exceeds ${MAX_STRING_INPUT} characters`);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
        throw failure(`${name}: the input is not valid base64`);
      }
      return Buffer.from(text, "base64").toString("utf8");
    }
    case "States.Hash": {
      expectArity(name, values, 2);
      const data = values[0];
      if (data === undefined || data === null) throw failure(`${name}: the data argument must not be null`);
      const text = typeof data === "string" ? data : JSON.stringify(data);
      if (text.length > MAX_STRING_INPUT)
        throw failure(`${name}: the input exceeds ${MAX_STRING_INPUT} characters`);
      const algorithm = expectString(name, values[1], "algorithm");
      const nodeAlgorithm = HASH_ALGORITHMS[algorithm];
      if (!nodeAlgorithm) {
        throw failure(
          `${name}: unsupported algorithm '${algorithm}'; use one of ${Object.keys(HASH_ALGORITHMS).join(", ")}`,
        );
      }
      return createHash(nodeAlgorithm).update(text, "utf8").digest("hex");
    }
    case "States.JsonMerge": {
      expectArity(name, values, 3);
      const left = expectObject(name, values[0], "first");
      const right = expectObject(name, values[1], "second");
      if (values[2] !== false) {
        throw failure(`${name}: only shallow merging is supported; the third argument must be false`);
      }
      return { ...left, ...right };
    }
    case "States.MathRandom": {
      expectArity(name, values, 2, 3);
      const start = expectInteger(name, values[0], "start");
      const end = expectInteger(name, values[1], "end");
      if (end <= start) throw failure(`${name}: the end (${end}) must be greater than the start (${start})`);
      const random =
        values.length === 3
          ? seededRandom(expectInteger(name, values[2], "seed"))
          : (deps.random ?? Math.random);
      return start + Math.floor(random() * (end - start));
    }
    case "States.MathAdd": {
      expectArity(name, values, 2);
      const a = expectInteger(name, values[0], "first");
      const b = expectInteger(name, values[1], "second");
      for (const n of [a, b]) {
        if (n < INT32_MIN || n > INT32_MAX)
          throw failure(`${name}: ${n} is outside the 32-bit integer range`);
      }
      return a + b;
    }
    case "States.StringSplit": {
      expectArity(name, values, 2);
      const text = expectString(name, values[0], "first");
      const delimiters = expectString(name, values[1], "splitter");
      if (delimiters === "") return [text];
      // Every character of the splitter is a delimiter and empty tokens are dropped (AWS's documented example
      // splits "This.is+a,test=string" on ".+,=" into five words).
      const out: string[] = [];
      let token = "";
      for (const ch of text) {
        if (delimiters.includes(ch)) {
          if (token !== "") out.push(token);
          token = "";
        } else token += ch;
      }
      if (token !== "") out.push(token);
      return out;
    }
    case "States.UUID":
      expectArity(name, values, 0);
      return (deps.uuid ?? randomUUID)();
    default:
      throw failure(`Unknown intrinsic function ${name}`);
  }
}

function evaluateArg(arg: IntrinsicArg, input: unknown, ctx: ContextObject, deps: IntrinsicDeps): unknown {
  switch (arg.kind) {
    case "string":
    case "number":
    case "boolean":
      return arg.value;
    case "null":
      return null;
    case "path":
      return arg.path.startsWith("$$") ? readPath(undefined, arg.path, ctx) : readPath(input, arg.path, ctx);
    case "call":
      return evaluateCall(arg, input, ctx, deps);
  }
}

const parsedCache = new Map<string, IntrinsicCall>();

/** Evaluates an intrinsic function expression such as `States.Format('Hi {}', $.name)` against input and context. */
export function evaluateIntrinsic(
  expression: string,
  input: unknown,
  ctx: ContextObject,
  deps: IntrinsicDeps = {},
): unknown {
  let call = parsedCache.get(expression);
  if (!call) {
    call = parseIntrinsic(expression);
    if (parsedCache.size > 5000) parsedCache.clear();
    parsedCache.set(expression, call);
  }
  return evaluateCall(call, input, ctx, deps);
}

/** The intrinsic function names the engine implements, for validation. */
export const INTRINSIC_FUNCTIONS = [
  "States.Format",
  "States.StringToJson",
  "States.JsonToString",
  "States.Array",
  "States.ArrayPartition",
  "States.ArrayContains",
  "States.ArrayRange",
  "States.ArrayGetItem",
  "States.ArrayLength",
  "States.ArrayUnique",
  "States.Base64Encode",
  "States.Base64Decode",
  "States.Hash",
  "States.JsonMerge",
  "States.MathRandom",
  "States.MathAdd",
  "States.StringSplit",
  "States.UUID",
] as const;

/** The intrinsics AWS accepts in a Fail state's ErrorPath and CausePath (those that return a string). */
export const FAIL_PATH_INTRINSICS: readonly string[] = [
  "States.Format",
  "States.JsonToString",
  "States.ArrayGetItem",
  "States.Base64Encode",
  "States.Base64Decode",
  "States.Hash",
  "States.UUID",
];
