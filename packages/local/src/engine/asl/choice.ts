import type { ContextObject } from "./context";
import { ERROR, StatesError } from "./errors";
import { readPath, tryReadPath } from "./paths";

type Comparator = (actual: unknown, expected: unknown) => boolean;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp as AWS accepts it (uppercase T, Z or a numeric offset); null when it is not one. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = RFC3339.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || mi! > 59 || s! > 59) return null;
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! > daysInMonth) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const str =
  (cmp: (a: string, b: string) => boolean): Comparator =>
  (a, b) =>
    typeof a === "string" && typeof b === "string" && cmp(a, b);
const num =
  (cmp: (a: number, b: number) => boolean): Comparator =>
  (a, b) =>
    typeof a === "number" && typeof b === "number" && cmp(a, b);
const ts =
  (cmp: (a: number, b: number) => boolean): Comparator =>
  (a, b) => {
    const left = parseTimestamp(a);
    const right = parseTimestamp(b);
    return left !== null && right !== null && cmp(left, right);
  };

/** Tests a string against a StringMatches pattern: `*` is any run of characters, `\*` a literal star, `\\` a backslash. */
export function matchesWildcard(value: string, pattern: string): boolean {
  let regex = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "\\" && i + 1 < pattern.length) {
      regex += escapeRegex(pattern[++i] as string);
    } else if (ch === "*") regex += "[\\s\\S]*";
    else regex += escapeRegex(ch);
  }
  return new RegExp(regex + "$").test(value);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

const COMPARATORS: Record<string, Comparator> = {
  StringEquals: str((a, b) => a === b),
  StringLessThan: str((a, b) => a < b),
  StringGreaterThan: str((a, b) => a > b),
  StringLessThanEquals: str((a, b) => a <= b),
  StringGreaterThanEquals: str((a, b) => a >= b),
  NumericEquals: num((a, b) => a === b),
  NumericLessThan: num((a, b) => a < b),
  NumericGreaterThan: num((a, b) => a > b),
  NumericLessThanEquals: num((a, b) => a <= b),
  NumericGreaterThanEquals: num((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === "boolean" && typeof b === "boolean" && a === b,
  TimestampEquals: ts((a, b) => a === b),
  TimestampLessThan: ts((a, b) => a < b),
  TimestampGreaterThan: ts((a, b) => a > b),
  TimestampLessThanEquals: ts((a, b) => a <= b),
  TimestampGreaterThanEquals: ts((a, b) => a >= b),
};

const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === "number",
  IsString: (v) => typeof v === "string",
  IsBoolean: (v) => typeof v === "boolean",
  IsTimestamp: (v) => parseTimestamp(v) !== null,
};

/** Every comparison operator name a Choice rule may use (with `Path` variants). */
export const CHOICE_OPERATORS: readonly string[] = [
  ...Object.keys(COMPARATORS),
  ...Object.keys(COMPARATORS).map((op) => `${op}Path`),
  "StringMatches",
  ...Object.keys(TYPE_TESTS),
  "IsPresent",
];

/** Finds the single comparison operator of a rule (validation guarantees there is exactly one). */
export function ruleOperator(rule: Record<string, unknown>): string | undefined {
  return Object.keys(rule).find((key) => CHOICE_OPERATORS.includes(key));
}

function invalidVariable(path: string): StatesError {
  return new StatesError(
    ERROR.Runtime,
    `Invalid path '${path}': The choice state's condition path references an invalid value.`,
  );
}

/** Evaluates one Choice rule (comparison, IsX test, or And/Or/Not) against the state's input. */
export function evaluateChoiceRule(rule: object, input: unknown, ctx: ContextObject): boolean {
  const r = rule as Record<string, unknown>;
  if (Array.isArray(r.And)) return r.And.every((sub: object) => evaluateChoiceRule(sub, input, ctx));
  if (Array.isArray(r.Or)) return r.Or.some((sub: object) => evaluateChoiceRule(sub, input, ctx));
  if (r.Not !== undefined && r.Not !== null && typeof r.Not === "object") {
    return !evaluateChoiceRule(r.Not, input, ctx);
  }
  const variable = r.Variable;
  if (typeof variable !== "string") {
    throw new StatesError(ERROR.Runtime, `A Choice rule needs a Variable: ${JSON.stringify(rule)}`);
  }
  const operator = ruleOperator(r);
  if (!operator) {
    throw new StatesError(ERROR.Runtime, `A Choice rule has no comparison operator: ${JSON.stringify(rule)}`);
  }
  const expected = r[operator];
  const lookup = tryReadPath(input, variable, ctx);
  if (operator === "IsPresent") return lookup.found === expected;
  if (!lookup.found) throw invalidVariable(variable);
  const actual = lookup.value;

  const typeTest = TYPE_TESTS[operator];
  if (typeTest) return typeTest(actual) === expected;
  if (operator === "StringMatches") {
    return typeof actual === "string" && typeof expected === "string" && matchesWildcard(actual, expected);
  }
  if (operator.endsWith("Path")) {
    const comparator = COMPARATORS[operator.slice(0, -4)];
    if (typeof expected !== "string") throw invalidVariable(String(expected));
    let other: unknown;
    try {
      other = readPath(input, expected, ctx);
    } catch {
      throw invalidVariable(expected);
    }
    return comparator!(actual, other);
  }
  return COMPARATORS[operator]!(actual, expected);
}

/** Picks the Next of the first matching Choice rule, else Default, else throws States.NoChoiceMatched. */
export function selectChoice(
  state: { Choices: object[]; Default?: string },
  input: unknown,
  ctx: ContextObject,
): string {
  for (const choice of state.Choices) {
    if (evaluateChoiceRule(choice, input, ctx)) {
      const next = (choice as { Next?: unknown }).Next;
      if (typeof next !== "string")
        throw new StatesError(ERROR.Runtime, "A top-level Choice rule has no Next");
      return next;
    }
  }
  if (state.Default !== undefined) return state.Default;
  throw new StatesError(ERROR.NoChoiceMatched, "No Matches!");
}
