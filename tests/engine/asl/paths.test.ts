import { describe, expect, it } from "vitest";
import { createContextObject } from "../../../packages/local/src/engine/asl/context";
import { StatesError } from "../../../packages/local/src/engine/asl/errors";
import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  applyResultSelector,
  readPath,
} from "../../../packages/local/src/engine/asl/paths";

const ctx = createContextObject({
  executionArn: "arn:aws:states:us-east-1:1:execution:cycle:run-7",
  input: { cycle: "2025" },
  stateName: "Rate",
  retryCount: 2,
  taskToken: "tok",
  mapItem: { Index: 3, Value: { nip: "1990" } },
});

function errorOf(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}

describe("InputPath and OutputPath", () => {
  const input = { a: { b: [10, 20, 30] }, "odd key": 1 };
  it("keep the input when omitted or $ and give {} when null", () => {
    expect(applyInputPath(input, undefined, ctx)).toBe(input);
    expect(applyInputPath(input, "$", ctx)).toBe(input);
    expect(applyInputPath(input, null, ctx)).toEqual({});
    expect(applyOutputPath(input, null, ctx)).toEqual({});
  });
  it("select definite paths, bracket notation and negative indexes", () => {
    expect(applyInputPath(input, "$.a.b[1]", ctx)).toBe(20);
    expect(applyInputPath(input, "$['odd key']", ctx)).toBe(1);
    expect(applyOutputPath(input, "$.a.b[-1]", ctx)).toBe(30);
  });
  it("return lists for indefinite paths", () => {
    expect(readPath({ items: [{ id: 1 }, { id: 2 }] }, "$.items[*].id")).toEqual([1, 2]);
    expect(readPath({ items: [{ id: 1, ok: true }, { id: 2 }] }, "$.items[?(@.ok)].id")).toEqual([1]);
    expect(readPath({ items: [1, 2, 3] }, "$.items[0:2]")).toEqual([1, 2]);
  });
  it("fail with States.Runtime when the path matches nothing", () => {
    const error = errorOf(() => applyInputPath(input, "$.missing", ctx));
    expect(error.error).toBe("States.Runtime");
    expect(error.cause).toContain("$.missing");
    expect(errorOf(() => applyOutputPath(input, "$.a.b[3]", ctx)).error).toBe("States.Runtime");
    expect(errorOf(() => applyInputPath(null, "$.a", ctx)).error).toBe("States.Runtime");
  });
  it("reads the context object through $$", () => {
    expect(applyInputPath({}, "$$.Execution.Id", ctx)).toBe(
      "arn:aws:states:us-east-1:1:execution:cycle:run-7",
    );
    expect(readPath({}, "$$.Map.Item.Value.nip", ctx)).toBe("1990");
  });
  it("rejects malformed paths", () => {
    expect(errorOf(() => readPath({}, "a.b")).error).toBe("States.Runtime");
    expect(errorOf(() => readPath({}, "$.a[")).error).toBe("States.Runtime");
  });
});

describe("Parameters and ResultSelector", () => {
  it("evaluate .$ keys against input, context and intrinsics, recursing into objects and arrays", () => {
    const result = applyParameters(
      {
        static: { keep: "$.notAPath" },
        "name.$": "$.employee.name",
        "execution.$": "$$.Execution.Name",
        "token.$": "$$.Task.Token",
        "index.$": "$$.Map.Item.Index",
        "retries.$": "$$.State.RetryCount",
        "greeting.$": "States.Format('Halo {}', $.employee.name)",
        list: [{ "nip.$": "$.employee.nip" }, "plain"],
        "whole.$": "$",
        "ctx.$": "$$.Execution.Input",
      },
      { employee: { name: "Budi", nip: "1990" } },
      ctx,
    );
    expect(result).toEqual({
      static: { keep: "$.notAPath" },
      name: "Budi",
      execution: "run-7",
      token: "tok",
      index: 3,
      retries: 2,
      greeting: "Halo Budi",
      list: [{ nip: "1990" }, "plain"],
      whole: { employee: { name: "Budi", nip: "1990" } },
      ctx: { cycle: "2025" },
    });
  });
  it("fail with States.Runtime naming the field when a path is missing", () => {
    const error = errorOf(() => applyParameters({ "x.$": "$.nope" }, { a: 1 }, ctx));
    expect(error.error).toBe("States.Runtime");
    expect(error.cause).toBe(
      `The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input '{"a":1}'`,
    );
    expect(errorOf(() => applyParameters({ "x.$": "$$.Nope" }, {}, ctx)).error).toBe("States.Runtime");
  });
  it("propagate intrinsic failures", () => {
    expect(errorOf(() => applyParameters({ "x.$": "States.ArrayLength($.a)" }, { a: 1 }, ctx)).error).toBe(
      "States.IntrinsicFailure",
    );
  });
  it("ResultSelector reads from the result, not the input", () => {
    expect(
      applyResultSelector(
        { "code.$": "$.StatusCode", "body.$": "$.Payload.body" },
        { StatusCode: 200, Payload: { body: "ok" } },
        ctx,
      ),
    ).toEqual({ code: 200, body: "ok" });
  });
});

describe("ResultPath", () => {
  const input = { a: 1, nested: { keep: true }, list: [{ x: 1 }] };
  it("replaces the input when omitted or $, and discards the result when null", () => {
    expect(applyResultPath(input, { r: 1 }, undefined)).toEqual({ r: 1 });
    expect(applyResultPath(input, "r", "$")).toBe("r");
    expect(applyResultPath(input, { r: 1 }, null)).toBe(input);
  });
  it("inserts the result, creating intermediate objects, without mutating the input", () => {
    expect(applyResultPath(input, 5, "$.nested.deep.value")).toEqual({
      a: 1,
      nested: { keep: true, deep: { value: 5 } },
      list: [{ x: 1 }],
    });
    expect(applyResultPath(input, 9, "$.a")).toMatchObject({ a: 9 });
    expect(applyResultPath(input, 2, "$.list[0].y")).toMatchObject({ list: [{ x: 1, y: 2 }] });
    expect(input).toEqual({ a: 1, nested: { keep: true }, list: [{ x: 1 }] });
  });
  it("fails with States.ResultPathMatchFailure when the input is not an object", () => {
    for (const [value, path] of [
      ["text", "$.r"],
      [[1, 2], "$.r"],
      [{ a: 1 }, "$.a.b"],
      [{ a: null }, "$.a.b"],
      [{ list: [] }, "$.list[2]"],
    ] as const) {
      expect(errorOf(() => applyResultPath(value, 1, path)).error, `${JSON.stringify(value)} ${path}`).toBe(
        "States.ResultPathMatchFailure",
      );
    }
  });
  it("rejects indefinite reference paths", () => {
    expect(() => applyResultPath({}, 1, "$.a[*]")).toThrow(/reference path/);
  });
});
