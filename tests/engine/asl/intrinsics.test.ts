import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createContextObject } from "../../../packages/local/src/engine/asl/context";
import { StatesError } from "../../../packages/local/src/engine/asl/errors";
import { evaluateIntrinsic, parseIntrinsic } from "../../../packages/local/src/engine/asl/intrinsics";

const ctx = createContextObject({
  stateName: "Build",
  executionArn: "arn:aws:states:us-east-1:1:execution:m:run-1",
});
const run = (expression: string, input: unknown = {}): unknown => evaluateIntrinsic(expression, input, ctx);

function errorOf(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}
const failsWithIntrinsicFailure = (expression: string, input: unknown = {}): void => {
  expect(errorOf(() => run(expression, input)).error).toBe("States.IntrinsicFailure");
};

describe("States.Format", () => {
  it("fills placeholders in order with strings, numbers, booleans and null", () => {
    expect(
      run("States.Format('{} is {} ({}, {})', $.name, $.age, true, null)", { name: "Ani", age: 41 }),
    ).toBe("Ani is 41 (true, null)");
  });
  it("keeps escaped braces and quotes literal", () => {
    expect(run("States.Format('\\{\\} {} it\\'s \\\\ done', 'x')")).toBe("{} x it's \\ done");
  });
  it("accepts a template without placeholders and no arguments", () => {
    expect(run("States.Format('plain')")).toBe("plain");
  });
  it("fails when arguments and placeholders differ in number", () => {
    failsWithIntrinsicFailure("States.Format('{} {}', 'a')");
    failsWithIntrinsicFailure("States.Format('{}', 'a', 'b')");
  });
  it("rejects objects and arrays as values", () => {
    failsWithIntrinsicFailure("States.Format('{}', $.obj)", { obj: { a: 1 } });
    failsWithIntrinsicFailure("States.Format('{}', $.arr)", { arr: [1] });
  });
  it("takes nested intrinsic calls and context paths as arguments", () => {
    expect(run("States.Format('{}/{}', $$.State.Name, States.ArrayLength(States.Array(1, 2, 3)))")).toBe(
      "Build/3",
    );
  });
});

describe("JSON conversion", () => {
  it("parses a string into JSON and back", () => {
    expect(run("States.StringToJson($.s)", { s: '{"a":[1,true,null]}' })).toEqual({ a: [1, true, null] });
    expect(run("States.JsonToString($.o)", { o: { a: [1, "b"] } })).toBe('{"a":[1,"b"]}');
  });
  it("fails on malformed JSON and on non-string input", () => {
    failsWithIntrinsicFailure("States.StringToJson('{oops')");
    failsWithIntrinsicFailure("States.StringToJson(1)");
  });
});

describe("array functions", () => {
  it("States.Array collects any values, including paths", () => {
    expect(run("States.Array('a', 1, false, null, $.x)", { x: { y: 2 } })).toEqual([
      "a",
      1,
      false,
      null,
      { y: 2 },
    ]);
    expect(run("States.Array()")).toEqual([]);
  });
  it("States.ArrayPartition chunks with a short last chunk", () => {
    expect(run("States.ArrayPartition($.a, 2)", { a: [1, 2, 3, 4, 5] })).toEqual([[1, 2], [3, 4], [5]]);
    failsWithIntrinsicFailure("States.ArrayPartition($.a, 0)", { a: [1] });
    failsWithIntrinsicFailure("States.ArrayPartition($.a, 1.5)", { a: [1] });
    failsWithIntrinsicFailure("States.ArrayPartition('abc', 1)");
  });
  it("States.ArrayContains compares deeply", () => {
    expect(run("States.ArrayContains($.a, $.v)", { a: [{ k: [1] }, 2], v: { k: [1] } })).toBe(true);
    expect(run("States.ArrayContains($.a, 3)", { a: [1, 2] })).toBe(false);
  });
  it("States.ArrayRange is inclusive, supports negative steps and caps at 1000 items", () => {
    expect(run("States.ArrayRange(1, 9, 2)")).toEqual([1, 3, 5, 7, 9]);
    expect(run("States.ArrayRange(5, 1, -2)")).toEqual([5, 3, 1]);
    expect(run("States.ArrayRange(0, 999, 1)")).toHaveLength(1000);
    failsWithIntrinsicFailure("States.ArrayRange(0, 1000, 1)");
    failsWithIntrinsicFailure("States.ArrayRange(1, 5, 0)");
    failsWithIntrinsicFailure("States.ArrayRange(1, 5.5, 1)");
  });
  it("States.ArrayGetItem returns the element or fails out of bounds", () => {
    expect(run("States.ArrayGetItem($.a, 1)", { a: ["x", "y"] })).toBe("y");
    failsWithIntrinsicFailure("States.ArrayGetItem($.a, 2)", { a: ["x", "y"] });
    failsWithIntrinsicFailure("States.ArrayGetItem($.a, -1)", { a: ["x"] });
  });
  it("States.ArrayLength and States.ArrayUnique", () => {
    expect(run("States.ArrayLength($.a)", { a: [1, 2, 3] })).toBe(3);
    expect(run("States.ArrayUnique($.a)", { a: [1, 2, 1, { a: 1 }, { a: 1 }, "1"] })).toEqual([
      1,
      2,
      { a: 1 },
      "1",
    ]);
    failsWithIntrinsicFailure("States.ArrayLength($.a)", { a: "abc" });
  });
});

describe("encoding and hashing", () => {
  it("round-trips base64 with UTF-8", () => {
    expect(run("States.Base64Encode('Penilaian kinerja ✓')")).toBe(
      Buffer.from("Penilaian kinerja ✓").toString("base64"),
    );
    expect(run("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).toBe("Data to encode");
  });
  it("fails on invalid base64 and on inputs over 10000 characters", () => {
    failsWithIntrinsicFailure("States.Base64Decode('not base64!')");
    failsWithIntrinsicFailure("States.Base64Encode($.s)", { s: "x".repeat(10001) });
  });
  it.each(["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"])(
    "hashes with %s as lowercase hex",
    (algorithm) => {
      const node = algorithm.replace("-", "").toLowerCase();
      expect(run(`States.Hash($.d, '${algorithm}')`, { d: "input data" })).toBe(
        createHash(node).update("input data").digest("hex"),
      );
    },
  );
  it("rejects unknown hash algorithms", () => {
    failsWithIntrinsicFailure("States.Hash('x', 'SHA-224')");
    failsWithIntrinsicFailure("States.Hash('x', 'sha-256')");
  });
});

describe("States.JsonMerge", () => {
  it("merges shallowly with the right side winning", () => {
    expect(
      run("States.JsonMerge($.a, $.b, false)", { a: { x: { p: 1 }, y: 1 }, b: { x: { q: 2 }, z: 3 } }),
    ).toEqual({ x: { q: 2 }, y: 1, z: 3 });
  });
  it("refuses deep merge and non-objects", () => {
    failsWithIntrinsicFailure("States.JsonMerge($.a, $.b, true)", { a: {}, b: {} });
    failsWithIntrinsicFailure("States.JsonMerge($.a, $.b, false)", { a: [], b: {} });
    failsWithIntrinsicFailure("States.JsonMerge($.a, $.b)", { a: {}, b: {} });
  });
});

describe("math", () => {
  it("States.MathRandom stays within [start, end) and repeats for a seed", () => {
    for (let i = 0; i < 200; i++) {
      const value = run("States.MathRandom(1, 4)") as number;
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThan(4);
      expect(Number.isInteger(value)).toBe(true);
    }
    expect(run("States.MathRandom(0, 1000, 42)")).toBe(run("States.MathRandom(0, 1000, 42)"));
    expect(evaluateIntrinsic("States.MathRandom(10, 20)", {}, ctx, { random: () => 0.99 })).toBe(19);
    failsWithIntrinsicFailure("States.MathRandom(5, 5)");
  });
  it("States.MathAdd adds integers, including negatives", () => {
    expect(run("States.MathAdd($.v, -1)", { v: 111 })).toBe(110);
    failsWithIntrinsicFailure("States.MathAdd(1.5, 1)");
    failsWithIntrinsicFailure("States.MathAdd('1', 1)");
    failsWithIntrinsicFailure("States.MathAdd(2147483648, 1)");
  });
});

describe("strings and ids", () => {
  it("States.StringSplit splits on every splitter character and drops empty tokens", () => {
    expect(run("States.StringSplit('1,2,3', ',')")).toEqual(["1", "2", "3"]);
    expect(run("States.StringSplit($.s, '.+,=')", { s: "This.is+a,test=string" })).toEqual([
      "This",
      "is",
      "a",
      "test",
      "string",
    ]);
    expect(run("States.StringSplit('a,,b', ',')")).toEqual(["a", "b"]);
  });
  it("States.UUID returns a v4 UUID or the injected one", () => {
    expect(run("States.UUID()")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(evaluateIntrinsic("States.UUID()", {}, ctx, { uuid: () => "fixed" })).toBe("fixed");
    failsWithIntrinsicFailure("States.UUID(1)");
  });
});

describe("parsing and argument errors", () => {
  it("parses nested calls, bracket paths with commas and whitespace", () => {
    expect(run("States.Array( $['a,b'] ,States.Array( $.c[0] ) )", { "a,b": 1, c: [2] })).toEqual([1, [2]]);
  });
  it("reports syntax errors and unknown functions as States.IntrinsicFailure", () => {
    for (const bad of [
      "States.Format('x'",
      "States.Format('x') extra",
      "States.Nope(1)",
      "States.Array(foo)",
      "Format('x')",
    ]) {
      expect(errorOf(() => run(bad)).error, bad).toBe("States.IntrinsicFailure");
    }
    expect(() => parseIntrinsic("States.Format('unterminated)")).toThrow(/unterminated string/);
  });
  it("reports a missing path argument as States.Runtime", () => {
    expect(errorOf(() => run("States.ArrayLength($.missing)")).error).toBe("States.Runtime");
  });
  it("checks arity for every function", () => {
    failsWithIntrinsicFailure("States.ArrayLength()");
    failsWithIntrinsicFailure("States.Hash('a')");
    failsWithIntrinsicFailure("States.JsonToString()");
  });
});
