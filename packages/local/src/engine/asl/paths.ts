import { JSONPath } from "jsonpath-plus";
import type { ContextObject } from "./context";
import { ERROR, StatesError } from "./errors";
import { evaluateIntrinsic } from "./intrinsics";

/** One step of a definite path: an object field or an array index. */
export type PathSegment = { kind: "field"; name: string } | { kind: "index"; index: number };

/** A parsed JSONPath: definite paths select one node, indefinite ones (wildcards, filters, slices) a list. */
export type ParsedPath =
  { definite: true; segments: PathSegment[] } | { definite: false; expression: string };

const parsedCache = new Map<string, ParsedPath>();

/** Parses a JSONPath (starting with `$`) or throws States.Runtime naming the path when its syntax is invalid. */
export function parsePath(path: string): ParsedPath {
  const cached = parsedCache.get(path);
  if (cached) return cached;
  const parsed = parseUncached(path);
  if (parsedCache.size > 5000) parsedCache.clear();
  parsedCache.set(path, parsed);
  return parsed;
}

function invalidPath(path: string, why: string): StatesError {
  return new StatesError(ERROR.Runtime, `Invalid path '${path}': ${why}`);
}

function parseUncached(path: string): ParsedPath {
  if (typeof path !== "string" || !path.startsWith("$")) {
    throw invalidPath(String(path), "a path must start with '$'");
  }
  const segments: PathSegment[] = [];
  let i = 1;
  let definite = true;
  while (i < path.length) {
    const ch = path[i];
    if (ch === ".") {
      if (path[i + 1] === ".") {
        definite = false;
        break;
      }
      let end = i + 1;
      while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
      const name = path.slice(i + 1, end);
      if (name === "") throw invalidPath(path, `empty field name at position ${i}`);
      if (name === "*" || /[()@?]/.test(name)) {
        definite = false;
        break;
      }
      segments.push({ kind: "field", name });
      i = end;
    } else if (ch === "[") {
      const close = findClosingBracket(path, i);
      if (close < 0) throw invalidPath(path, `unclosed '[' at position ${i}`);
      const inner = path.slice(i + 1, close).trim();
      const quoted = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/.exec(inner);
      if (quoted) {
        segments.push({ kind: "field", name: (quoted[1] ?? quoted[2] ?? "").replace(/\\(.)/g, "$1") });
      } else if (/^-?\d+$/.test(inner)) {
        segments.push({ kind: "index", index: Number(inner) });
      } else if (inner === "") {
        throw invalidPath(path, `empty brackets at position ${i}`);
      } else {
        definite = false;
        break;
      }
      i = close + 1;
    } else {
      throw invalidPath(path, `unexpected character '${ch}' at position ${i}`);
    }
  }
  if (definite) return { definite, segments };
  try {
    JSONPath.toPathArray(path);
    // jsonpath-plus parses lazily; a trial run on an empty document surfaces syntax errors now.
    JSONPath({ path, json: {}, wrap: true, eval: "safe" });
  } catch (error) {
    throw invalidPath(path, error instanceof Error ? error.message : String(error));
  }
  return { definite: false, expression: path };
}

function findClosingBracket(path: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < path.length; i++) {
    const ch = path[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i;
  }
  return -1;
}

/** True when `path` is a JSONPath this engine accepts. */
export function isValidPath(path: string): boolean {
  try {
    parsePath(path);
    return true;
  } catch {
    return false;
  }
}

/** Parses a reference path (ResultPath and friends): definite, fields and indexes only, as AWS requires. */
export function parseReferencePath(path: string): PathSegment[] {
  const parsed = parsePath(path);
  if (!parsed.definite) {
    throw invalidPath(path, "a reference path must select a single node (no wildcards, filters or slices)");
  }
  return parsed.segments;
}

const MISSING = Symbol("missing");

function walk(data: unknown, segments: PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of segments) {
    if (segment.kind === "field") {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return MISSING;
      if (!Object.prototype.hasOwnProperty.call(current, segment.name)) return MISSING;
      current = (current as Record<string, unknown>)[segment.name];
    } else {
      if (!Array.isArray(current)) return MISSING;
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return MISSING;
      current = current[index];
    }
  }
  return current;
}

/** Selects with a path: `$...` on data, `$$...` on the context object; returns MISSING when a definite path has no node. */
function select(data: unknown, path: string, ctx: ContextObject | undefined): unknown {
  let target = data;
  let effective = path;
  if (path.startsWith("$$")) {
    if (!ctx) throw invalidPath(path, "the context object is not available here");
    target = ctx;
    effective = path.slice(1);
  }
  const parsed = parsePath(effective);
  if (parsed.definite) return walk(target, parsed.segments);
  return JSONPath({ path: parsed.expression, json: target as object, wrap: true, eval: "safe" }) as unknown[];
}

/** Reads a path (JSONPath on data, or `$$.` on the context); throws States.Runtime when a definite path matches nothing. */
export function readPath(data: unknown, path: string, ctx?: ContextObject): unknown {
  const value = select(data, path, ctx);
  if (value === MISSING) {
    throw new StatesError(ERROR.Runtime, `Invalid path '${path}' : No results for path: ${bracketed(path)}`);
  }
  return value;
}

/**
 * Resolves a Fail state's ErrorPath or CausePath: a reference path or an intrinsic function (AWS allows both); the
 * result must be a string, as AWS requires.
 */
export function readFailPath(
  field: "ErrorPath" | "CausePath",
  path: string,
  input: unknown,
  ctx: ContextObject,
): string {
  const value = path.startsWith("States.") ? evaluateIntrinsic(path, input, ctx) : readPath(input, path, ctx);
  if (typeof value !== "string") {
    throw new StatesError(
      ERROR.Runtime,
      `The ${field} '${path}' must resolve to a string, but it resolved to ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Like readPath but reports absence instead of throwing, for Choice's IsPresent. */
export function tryReadPath(
  data: unknown,
  path: string,
  ctx?: ContextObject,
): { found: true; value: unknown } | { found: false } {
  const value = select(data, path, ctx);
  return value === MISSING ? { found: false } : { found: true, value };
}

function bracketed(path: string): string {
  const base = path.startsWith("$$") ? "$$" : "$";
  try {
    const parsed = parsePath(path.startsWith("$$") ? path.slice(1) : path);
    if (!parsed.definite) return path;
    return (
      base + parsed.segments.map((s) => (s.kind === "field" ? `['${s.name}']` : `[${s.index}]`)).join("")
    );
  } catch {
    return path;
  }
}

/** Applies InputPath: undefined keeps the input, null yields `{}`, a path selects (missing -> States.Runtime). */
export function applyInputPath(input: unknown, path: string | null | undefined, ctx: ContextObject): unknown {
  if (path === undefined || path === "$") return input;
  if (path === null) return {};
  return readPath(input, path, ctx);
}

/** Applies OutputPath with the same rules as InputPath. */
export function applyOutputPath(
  output: unknown,
  path: string | null | undefined,
  ctx: ContextObject,
): unknown {
  if (path === undefined || path === "$") return output;
  if (path === null) return {};
  return readPath(output, path, ctx);
}

/** Evaluates a payload template: `"x.$"` keys take a path on `data`, `$$.` on the context, or an intrinsic call. */
function evaluateTemplate(template: unknown, data: unknown, ctx: ContextObject, where: string): unknown {
  if (Array.isArray(template)) return template.map((item) => evaluateTemplate(item, data, ctx, where));
  if (template === null || typeof template !== "object") return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith(".$")) {
      out[key] = evaluateTemplate(value, data, ctx, where);
      continue;
    }
    const field = key.slice(0, -2);
    if (typeof value !== "string") {
      throw new StatesError(
        ERROR.Runtime,
        `The value of the field '${key}' in ${where} must be a string path or intrinsic function`,
      );
    }
    if (value.startsWith("States.")) {
      out[field] = evaluateIntrinsic(value, data, ctx);
    } else if (value.startsWith("$")) {
      const selected = select(data, value, ctx);
      if (selected === MISSING) {
        const source = value.startsWith("$$") ? "context object" : "input";
        const shown = value.startsWith("$$") ? ctx : data;
        throw new StatesError(
          ERROR.Runtime,
          `The JSONPath '${value}' specified for the field '${key}' could not be found in the ${source} '${JSON.stringify(shown)}'`,
        );
      }
      out[field] = selected;
    } else {
      throw new StatesError(
        ERROR.Runtime,
        `The value '${value}' of the field '${key}' in ${where} is neither a path nor an intrinsic function`,
      );
    }
  }
  return out;
}

/** Builds the effective input from Parameters (or ItemSelector) and the state's input. */
export function applyParameters(template: unknown, input: unknown, ctx: ContextObject): unknown {
  return evaluateTemplate(template, input, ctx, "Parameters");
}

/** Reshapes a task or branch result with ResultSelector; paths are evaluated on the result. */
export function applyResultSelector(template: unknown, result: unknown, ctx: ContextObject): unknown {
  return evaluateTemplate(template, result, ctx, "ResultSelector");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Places the result into the input per ResultPath: null keeps the input, undefined or `$` replace it, a path inserts. */
export function applyResultPath(input: unknown, result: unknown, path: string | null | undefined): unknown {
  if (path === null) return input;
  if (path === undefined || path === "$") return result;
  const segments = parseReferencePath(path);
  const fail = (why: string): StatesError =>
    new StatesError(
      ERROR.ResultPathMatchFailure,
      `Unable to apply ResultPath '${path}' to input '${JSON.stringify(input)}': ${why}`,
    );
  // Copy so the caller's input object is never mutated (it may still be referenced by history).
  const root: unknown = structuredClone(input);
  let current: unknown = root;
  segments.forEach((segment, position) => {
    const last = position === segments.length - 1;
    if (segment.kind === "field") {
      if (!isPlainObject(current)) throw fail(`cannot set field '${segment.name}' on a non-object`);
      if (last) {
        current[segment.name] = result;
        return;
      }
      const next = current[segment.name];
      if (next === undefined) current[segment.name] = {};
      else if (next === null || typeof next !== "object") {
        throw fail(`field '${segment.name}' is not an object`);
      }
      current = current[segment.name];
    } else {
      if (!Array.isArray(current)) throw fail(`cannot index [${segment.index}] into a non-array`);
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) throw fail(`index [${segment.index}] is out of bounds`);
      if (last) {
        current[index] = result;
        return;
      }
      if (current[index] === null || typeof current[index] !== "object") {
        throw fail(`element [${segment.index}] is not an object`);
      }
      current = current[index];
    }
  });
  return root;
}
