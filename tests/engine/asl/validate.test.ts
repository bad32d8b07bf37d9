import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../../packages/local/src/engine/asl/validate";

const LAMBDA = "arn:aws:states:::lambda:invoke";
const valid = {
  StartAt: "Load",
  States: {
    Load: {
      Type: "Task",
      Resource: LAMBDA,
      Parameters: {
        FunctionName: "arn:aws:lambda:us-east-1:1:function:f",
        "Payload.$": "States.Format('{}', $.id)",
      },
      ResultPath: "$.loaded",
      Retry: [{ ErrorEquals: ["Lambda.ServiceException"] }, { ErrorEquals: ["States.ALL"], MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed", ResultPath: "$.error" }],
      Next: "Route",
    },
    Route: {
      Type: "Choice",
      Choices: [
        {
          And: [
            { Variable: "$.n", IsPresent: true },
            { Variable: "$.n", NumericGreaterThan: 1 },
          ],
          Next: "Each",
        },
      ],
      Default: "Done",
    },
    Each: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: { StartAt: "One", States: { One: { Type: "Pass", End: true } } },
      Next: "Done",
    },
    Done: { Type: "Succeed" },
    Failed: { Type: "Fail", Error: "LoadFailed" },
  },
};

const codes = (definition: unknown): string[] => {
  const result = validateDefinition(definition as object);
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
};
const messages = (definition: unknown): string => {
  const result = validateDefinition(definition as object);
  return result.ok
    ? ""
    : result.diagnostics.map((d) => `${d.code} ${d.location ?? ""} ${d.message}`).join("\n");
};
const withState = (name: string, patch: object): object => ({
  ...valid,
  States: { ...valid.States, [name]: { ...(valid.States as Record<string, object>)[name], ...patch } },
});

describe("validateDefinition", () => {
  it("accepts a well-formed definition, given as object or JSON string", () => {
    expect(validateDefinition(valid)).toEqual({ ok: true, definition: valid });
    expect(validateDefinition(JSON.stringify(valid)).ok).toBe(true);
  });
  it("reports invalid JSON", () => {
    const result = validateDefinition("{nope");
    expect(result.ok === false && result.diagnostics[0]?.code).toBe("INVALID_JSON_DESCRIPTION");
  });
  it("reports a StartAt that names no state", () => {
    expect(codes({ ...valid, StartAt: "Nowhere" })).toContain("MISSING_TRANSITION_TARGET");
  });
  it("reports a Next, Default or Catch target that does not exist, with its location", () => {
    expect(messages(withState("Each", { Next: "Ghost" }))).toMatch(
      /MISSING_TRANSITION_TARGET \/States\/Each\/Next/,
    );
    expect(messages(withState("Route", { Default: "Ghost" }))).toMatch(/\/States\/Route\/Default/);
    expect(messages(withState("Load", { Catch: [{ ErrorEquals: ["X"], Next: "Ghost" }] }))).toMatch(
      /\/States\/Load\/Catch\/0\/Next/,
    );
  });
  it("reports unreachable states and machines without a reachable end", () => {
    expect(codes({ ...valid, States: { ...valid.States, Orphan: { Type: "Pass", End: true } } })).toContain(
      "UNREACHABLE_STATE",
    );
    expect(
      codes({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } } }),
    ).toContain("MISSING_TERMINAL_STATE");
  });
  it("requires States.ALL to be alone and last in Retry and Catch", () => {
    expect(messages(withState("Load", { Retry: [{ ErrorEquals: ["States.ALL", "X"] }] }))).toMatch(
      /must appear alone/,
    );
    expect(
      messages(withState("Load", { Retry: [{ ErrorEquals: ["States.ALL"] }, { ErrorEquals: ["X"] }] })),
    ).toMatch(/must be the last/);
    expect(
      messages(
        withState("Load", {
          Catch: [
            { ErrorEquals: ["States.ALL"], Next: "Failed" },
            { ErrorEquals: ["X"], Next: "Failed" },
          ],
        }),
      ),
    ).toMatch(/must be the last/);
  });
  it("checks Choice structure: rules, Next on top-level rules only, one operator, operand types", () => {
    expect(messages(withState("Route", { Choices: [] }))).toMatch(/Choice/);
    expect(messages(withState("Route", { Choices: [{ Variable: "$.n", NumericEquals: 1 }] }))).toMatch(
      /needs Next/,
    );
    expect(
      messages(
        withState("Route", {
          Choices: [{ Not: { Variable: "$.n", IsNull: true, Next: "Done" }, Next: "Done" }],
        }),
      ),
    ).toMatch(/Nested Choice rules must not have Next/);
    expect(
      messages(
        withState("Route", {
          Choices: [{ Variable: "$.n", NumericEquals: 1, StringEquals: "x", Next: "Done" }],
        }),
      ),
    ).toMatch(/exactly one operator/);
    expect(
      messages(withState("Route", { Choices: [{ Variable: "$.n", NumericEquals: "1", Next: "Done" }] })),
    ).toMatch(/NumericEquals expects a number/);
    expect(
      messages(withState("Route", { Choices: [{ Variable: "$.n", IsNull: "yes", Next: "Done" }] })),
    ).toMatch(/IsNull expects a boolean/);
  });
  it("checks JSONPath, reference path and intrinsic syntax", () => {
    expect(messages(withState("Each", { ItemsPath: "items" }))).toMatch(/\/States\/Each\/ItemsPath/);
    expect(codes(withState("Load", { ResultPath: "$.a[*]" }))).toContain("INVALID_REFERENCE_PATH");
    expect(codes(withState("Load", { Parameters: { "x.$": "States.Format('x'" } }))).toContain(
      "INVALID_INTRINSIC_FUNCTION",
    );
    expect(codes(withState("Load", { Parameters: { "x.$": "States.Array(States.Nope())" } }))).toContain(
      "INVALID_INTRINSIC_FUNCTION",
    );
    expect(codes(withState("Load", { Parameters: { nested: { "x.$": "not-a-path" } } }))).toContain(
      "INVALID_JSON_PATH",
    );
  });
  it("checks nested Parallel branches and Map processors", () => {
    expect(
      messages(
        withState("Each", {
          ItemProcessor: { StartAt: "One", States: { One: { Type: "Pass", Next: "Missing" } } },
        }),
      ),
    ).toMatch(/\/States\/Each\/ItemProcessor\/States\/One\/Next/);
    const parallel = {
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [{ StartAt: "X", States: { X: { Type: "Pass", Next: "Y" } } }],
          End: true,
        },
      },
    };
    expect(messages(parallel)).toMatch(/\/States\/P\/Branches\/0\/States\/X\/Next/);
  });
  it("passes on asl-validator's schema findings, e.g. an unknown state type or a non-ARN Resource", () => {
    expect(codes(withState("Done", { Type: "Sleep" }))).toContain("SCHEMA_VALIDATION_FAILED");
    expect(codes(withState("Load", { Resource: "not-an-arn" }))).toContain("SCHEMA_VALIDATION_FAILED");
  });
});
