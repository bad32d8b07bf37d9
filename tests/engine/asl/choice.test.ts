import { describe, expect, it } from "vitest";
import {
  evaluateChoiceRule,
  matchesWildcard,
  parseTimestamp,
  selectChoice,
} from "../../../packages/local/src/engine/asl/choice";
import { createContextObject } from "../../../packages/local/src/engine/asl/context";
import { StatesError } from "../../../packages/local/src/engine/asl/errors";

const ctx = createContextObject({ stateName: "Route" });
const input = {
  s: "beta",
  other: "alpha",
  n: 10,
  limit: 10,
  b: true,
  t: "2025-01-31T10:00:00Z",
  later: "2025-01-31T12:00:00+01:00",
  nothing: null,
  arr: [1],
};
const rule = (r: object): boolean => evaluateChoiceRule(r, input, ctx);

describe("comparison operators", () => {
  it.each([
    [{ Variable: "$.s", StringEquals: "beta" }, true],
    [{ Variable: "$.s", StringEquals: "Beta" }, false],
    [{ Variable: "$.s", StringLessThan: "gamma" }, true],
    [{ Variable: "$.s", StringGreaterThan: "alpha" }, true],
    [{ Variable: "$.s", StringLessThanEquals: "beta" }, true],
    [{ Variable: "$.s", StringGreaterThanEquals: "c" }, false],
    [{ Variable: "$.s", StringEqualsPath: "$.other" }, false],
    [{ Variable: "$.s", StringGreaterThanPath: "$.other" }, true],
    [{ Variable: "$.n", NumericEquals: 10 }, true],
    [{ Variable: "$.n", NumericLessThan: 10 }, false],
    [{ Variable: "$.n", NumericGreaterThan: 9.5 }, true],
    [{ Variable: "$.n", NumericLessThanEquals: 10 }, true],
    [{ Variable: "$.n", NumericGreaterThanEquals: 11 }, false],
    [{ Variable: "$.n", NumericEqualsPath: "$.limit" }, true],
    [{ Variable: "$.n", NumericLessThanPath: "$.limit" }, false],
    [{ Variable: "$.b", BooleanEquals: true }, true],
    [{ Variable: "$.b", BooleanEqualsPath: "$.b" }, true],
    [{ Variable: "$.t", TimestampEquals: "2025-01-31T10:00:00.000Z" }, true],
    [{ Variable: "$.t", TimestampLessThan: "2025-01-31T10:00:01Z" }, true],
    [{ Variable: "$.t", TimestampGreaterThan: "2025-01-31T09:00:00-02:00" }, false],
    [{ Variable: "$.t", TimestampLessThanEqualsPath: "$.later" }, true],
    [{ Variable: "$.later", TimestampEqualsPath: "$.t" }, false],
    [{ Variable: "$.t", TimestampGreaterThanEquals: "2025-01-31T10:00:00Z" }, true],
  ])("%j -> %s", (r, expected) => {
    expect(rule(r)).toBe(expected);
  });

  it("is false, not an error, when types differ", () => {
    expect(rule({ Variable: "$.s", NumericEquals: 1 })).toBe(false);
    expect(rule({ Variable: "$.n", StringEquals: "10" })).toBe(false);
    expect(rule({ Variable: "$.s", TimestampEquals: "2025-01-31T10:00:00Z" })).toBe(false);
    expect(rule({ Variable: "$.n", BooleanEquals: true })).toBe(false);
  });
});

describe("StringMatches", () => {
  it("treats * as a wildcard and \\* / \\\\ as literals", () => {
    expect(matchesWildcard("log-2025.txt", "log-*.txt")).toBe(true);
    expect(matchesWildcard("log.txt", "*.csv")).toBe(false);
    expect(matchesWildcard("a*b", "a\\*b")).toBe(true);
    expect(matchesWildcard("axb", "a\\*b")).toBe(false);
    expect(matchesWildcard("a\\b", "a\\\\b")).toBe(true);
    expect(matchesWildcard("anything", "*")).toBe(true);
    expect(matchesWildcard("(x).+", "(x).+")).toBe(true);
    expect(rule({ Variable: "$.s", StringMatches: "b*a" })).toBe(true);
  });
});

describe("type tests", () => {
  it.each([
    [{ Variable: "$.nothing", IsNull: true }, true],
    [{ Variable: "$.s", IsNull: false }, true],
    [{ Variable: "$.missing", IsPresent: false }, true],
    [{ Variable: "$.nothing", IsPresent: true }, true],
    [{ Variable: "$.n", IsNumeric: true }, true],
    [{ Variable: "$.s", IsNumeric: true }, false],
    [{ Variable: "$.s", IsString: true }, true],
    [{ Variable: "$.b", IsBoolean: true }, true],
    [{ Variable: "$.arr", IsBoolean: false }, true],
    [{ Variable: "$.t", IsTimestamp: true }, true],
    [{ Variable: "$.s", IsTimestamp: true }, false],
  ])("%j -> %s", (r, expected) => {
    expect(rule(r)).toBe(expected);
  });

  it("accepts only AWS's RFC 3339 timestamps", () => {
    expect(parseTimestamp("2016-03-14T01:59:00Z")).toBe(Date.UTC(2016, 2, 14, 1, 59));
    expect(parseTimestamp("2016-03-14T01:59:00.123+07:00")).not.toBeNull();
    for (const bad of [
      "2016-03-14t01:59:00Z",
      "2016-03-14T01:59:00",
      "2016-03-14",
      "2016-02-30T00:00:00Z",
      "2016-03-14 01:59:00Z",
      5,
    ]) {
      expect(parseTimestamp(bad), String(bad)).toBeNull();
    }
  });
});

describe("boolean combinators", () => {
  it("combines with And, Or and Not", () => {
    expect(
      rule({
        And: [
          { Variable: "$.n", NumericEquals: 10 },
          { Variable: "$.b", BooleanEquals: true },
        ],
      }),
    ).toBe(true);
    expect(
      rule({
        Or: [
          { Variable: "$.n", NumericEquals: 1 },
          { Variable: "$.s", StringEquals: "beta" },
        ],
      }),
    ).toBe(true);
    expect(rule({ Not: { Variable: "$.s", StringEquals: "beta" } })).toBe(false);
    expect(rule({ Not: { Variable: "$.missing", IsPresent: true } })).toBe(true);
  });
  it("short-circuits, so IsPresent can guard a later comparison", () => {
    expect(
      rule({
        And: [
          { Variable: "$.missing", IsPresent: true },
          { Variable: "$.missing", NumericEquals: 1 },
        ],
      }),
    ).toBe(false);
  });
});

describe("failures", () => {
  it("raises States.Runtime when the Variable or a comparison path is missing", () => {
    for (const r of [
      { Variable: "$.missing", StringEquals: "x" },
      { Variable: "$.missing", IsNull: true },
      { Variable: "$.s", StringEqualsPath: "$.missing" },
    ]) {
      const error = (() => {
        try {
          rule(r);
        } catch (e) {
          return e as StatesError;
        }
        return null;
      })();
      expect(error?.error, JSON.stringify(r)).toBe("States.Runtime");
    }
  });
  it("selectChoice returns the first match, then Default, else States.NoChoiceMatched", () => {
    const state = {
      Choices: [
        { Variable: "$.n", NumericGreaterThan: 5, Next: "Big" },
        { Variable: "$.n", NumericGreaterThan: 1, Next: "Medium" },
      ],
      Default: "Small",
    };
    expect(selectChoice(state, { n: 10 }, ctx)).toBe("Big");
    expect(selectChoice(state, { n: 2 }, ctx)).toBe("Medium");
    expect(selectChoice(state, { n: 0 }, ctx)).toBe("Small");
    expect(() => selectChoice({ Choices: state.Choices }, { n: 0 }, ctx)).toThrow(
      expect.objectContaining({ error: "States.NoChoiceMatched" }),
    );
  });
  it("compares against the context object too", () => {
    expect(evaluateChoiceRule({ Variable: "$$.State.Name", StringEquals: "Route" }, {}, ctx)).toBe(true);
  });
});
