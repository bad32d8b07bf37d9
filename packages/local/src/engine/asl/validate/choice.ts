// Choice states: at least one rule, transitions to existing states, and each rule (And, Or, Not, or one comparison
// operator on a Variable) with a value of the operator's type.
import { CHOICE_OPERATORS, ruleOperator } from "../choice";
import type { Diagnostic } from "../validate";
import { isObj, type Obj } from "./json";
import { checkPath } from "./paths";

export function checkChoice(
  name: string,
  state: Obj,
  location: string,
  names: string[],
  out: Diagnostic[],
): void {
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
