// Differential test: the same pure-state machines run on the peer aws-local-stepfunctions@3 and on our engine's
// in-process API; outcomes must agree unless a case documents a peer bug (checked against AWS's documentation).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "@kinerja/core/clock/clock";

// aws-local-stepfunctions@3 calls Promise.withResolvers, which Node 20 lacks.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== "function") {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

type Outcome = { status: "SUCCEEDED"; output: unknown } | { status: "FAILED"; error: string };

interface Case {
  name: string;
  definition: object;
  input: unknown;
  /** What AWS documents; when the peer deviates, `peer` records its (wrong) outcome and why. */
  expected: Outcome;
  peer?: { outcome: Outcome; why: string };
}

const pass = (fields: object, next?: string): object => ({
  Type: "Pass",
  ...fields,
  ...(next ? { Next: next } : { End: true }),
});

const CASES: Case[] = [
  {
    name: "Pass with Result and ResultPath into a nested field",
    definition: { StartAt: "P", States: { P: pass({ Result: { ok: true }, ResultPath: "$.deep.result" }) } },
    input: { a: 1 },
    expected: { status: "SUCCEEDED", output: { a: 1, deep: { result: { ok: true } } } },
  },
  {
    name: "InputPath, Parameters with context and intrinsics, OutputPath",
    definition: {
      StartAt: "P",
      States: {
        P: pass({
          InputPath: "$.employee",
          Parameters: {
            "label.$": "States.Format('{} ({})', $.name, $.nip)",
            "parts.$": "States.ArrayPartition($.scores, 2)",
            "has.$": "States.ArrayContains($.scores, 3)",
            "len.$": "States.ArrayLength($.scores)",
            "json.$": "States.JsonToString($.tags)",
            "merged.$": "States.JsonMerge($.tags, States.StringToJson('{\"b\":2}'), false)",
            "b64.$": "States.Base64Encode($.name)",
            "hash.$": "States.Hash($.name, 'SHA-256')",
            "range.$": "States.ArrayRange(1, 9, 2)",
            "item.$": "States.ArrayGetItem($.scores, 1)",
            "unique.$": "States.ArrayUnique(States.Array(1, 1, 2))",
            "sum.$": "States.MathAdd($.nip, -1)",
          },
          OutputPath: "$",
        }),
      },
    },
    input: { employee: { name: "Sari", nip: 1990, scores: [1, 2, 3], tags: { a: 1 } } },
    expected: {
      status: "SUCCEEDED",
      output: {
        label: "Sari (1990)",
        parts: [[1, 2], [3]],
        has: true,
        len: 3,
        json: '{"a":1}',
        merged: { a: 1, b: 2 },
        b64: "U2FyaQ==",
        hash: "8f758fdb8432f645de14778309157ac26cd04dbb78d5d497b04d9b9a721fdfe8",
        range: [1, 3, 5, 7, 9],
        item: 2,
        unique: [1, 2],
        sum: 1989,
      },
    },
  },
  {
    name: "Parameters read the context object",
    definition: {
      StartAt: "Named",
      States: {
        Named: pass({ Parameters: { "state.$": "$$.State.Name", "retries.$": "$$.State.RetryCount" } }),
      },
    },
    input: {},
    expected: { status: "SUCCEEDED", output: { state: "Named", retries: 0 } },
    peer: {
      outcome: { status: "FAILED", error: "States.Runtime" },
      why: "the peer has no $$ unless a context is passed to run(); AWS always provides it",
    },
  },
  {
    name: "Choice across operators with Default",
    definition: {
      StartAt: "C",
      States: {
        C: {
          Type: "Choice",
          Choices: [
            {
              And: [
                { Variable: "$.score", NumericGreaterThanEquals: 90 },
                { Variable: "$.unit", StringMatches: "dinas-*" },
                { Not: { Variable: "$.late", BooleanEquals: true } },
                { Variable: "$.at", TimestampLessThan: "2026-01-01T00:00:00Z" },
              ],
              Next: "Top",
            },
            { Variable: "$.score", NumericGreaterThanPath: "$.threshold", Next: "Good" },
          ],
          Default: "Other",
        },
        Top: pass({ Result: "top" }),
        Good: pass({ Result: "good" }),
        Other: pass({ Result: "other" }),
      },
    },
    input: { score: 95, unit: "dinas-kesehatan", late: false, at: "2025-06-01T00:00:00Z", threshold: 50 },
    expected: { status: "SUCCEEDED", output: "top" },
  },
  {
    name: "Choice with no match and no Default fails with States.NoChoiceMatched",
    definition: {
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "D" }] },
        D: { Type: "Succeed" },
      },
    },
    input: {},
    expected: { status: "FAILED", error: "States.NoChoiceMatched" },
  },
  {
    name: "Wait 0 seconds then Succeed keeps the input",
    definition: {
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 0, Next: "S" }, S: { Type: "Succeed" } },
    },
    input: { keep: [1, 2] },
    expected: { status: "SUCCEEDED", output: { keep: [1, 2] } },
  },
  {
    name: "Fail state reports its error",
    definition: { StartAt: "F", States: { F: { Type: "Fail", Error: "AppraisalRejected", Cause: "no" } } },
    input: {},
    expected: { status: "FAILED", error: "AppraisalRejected" },
  },
  {
    name: "Parallel collects branch outputs in order, with ResultSelector",
    definition: {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [
            { StartAt: "A", States: { A: pass({ Result: 1 }) } },
            { StartAt: "B", States: { B: pass({ Parameters: { "v.$": "$.x" } }) } },
          ],
          ResultSelector: { "first.$": "$[0]", "second.$": "$[1].v" },
          ResultPath: "$.par",
          End: true,
        },
      },
    },
    input: { x: "y" },
    expected: { status: "SUCCEEDED", output: { x: "y", par: { first: 1, second: "y" } } },
  },
  {
    name: "Map with ItemSelector over $$.Map.Item and MaxConcurrency",
    definition: {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemsPath: "$.items",
          MaxConcurrency: 2,
          ItemSelector: { "i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "unit.$": "$.unit" },
          ItemProcessor: {
            StartAt: "Inner",
            States: { Inner: pass({ Parameters: { "t.$": "States.Format('{}-{}-{}', $.unit, $.i, $.v)" } }) },
          },
          End: true,
        },
      },
    },
    input: { unit: "u1", items: ["a", "b", "c"] },
    expected: { status: "SUCCEEDED", output: [{ t: "u1-0-a" }, { t: "u1-1-b" }, { t: "u1-2-c" }] },
  },
  {
    name: "Fail state takes its error from an intrinsic function in ErrorPath",
    definition: {
      StartAt: "F",
      States: { F: { Type: "Fail", ErrorPath: "States.Format('{}Error', $.kind)", CausePath: "$.why" } },
    },
    input: { kind: "Import", why: "row 7" },
    expected: { status: "FAILED", error: "ImportError" },
    peer: {
      outcome: { status: "FAILED", error: "States.Runtime" },
      why: "the peer reads ErrorPath only as a JSONPath; AWS also accepts States.Format and the other string intrinsics there",
    },
  },
  {
    name: "Catch of a Fail inside Parallel puts error and cause at ResultPath",
    definition: {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [{ StartAt: "F", States: { F: { Type: "Fail", Error: "Boom", Cause: "why" } } }],
          Catch: [{ ErrorEquals: ["Boom"], Next: "Handled", ResultPath: "$.err" }],
          End: true,
        },
        Handled: { Type: "Succeed" },
      },
    },
    input: { a: 1 },
    expected: { status: "SUCCEEDED", output: { a: 1, err: { Error: "Boom", Cause: "why" } } },
  },
  {
    name: "States.ALL catcher catches a Fail inside Map",
    definition: {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemProcessor: { StartAt: "F", States: { F: { Type: "Fail", Error: "ItemBad" } } },
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled", ResultPath: null }],
          End: true,
        },
        Handled: pass({ Result: "handled" }),
      },
    },
    input: [1],
    expected: { status: "SUCCEEDED", output: "handled" },
  },
  {
    name: "missing InputPath fails with States.Runtime",
    definition: { StartAt: "P", States: { P: pass({ InputPath: "$.missing" }) } },
    input: {},
    expected: { status: "FAILED", error: "States.Runtime" },
  },
  {
    name: "missing Parameters path fails with States.Runtime",
    definition: { StartAt: "P", States: { P: pass({ Parameters: { "x.$": "$.missing" } }) } },
    input: {},
    expected: { status: "FAILED", error: "States.Runtime" },
  },
  {
    name: "intrinsic argument error fails with States.IntrinsicFailure",
    definition: {
      StartAt: "P",
      States: { P: pass({ Parameters: { "x.$": "States.ArrayGetItem($.a, 5)" } }) },
    },
    input: { a: [1] },
    expected: { status: "FAILED", error: "States.IntrinsicFailure" },
    peer: {
      outcome: { status: "SUCCEEDED", output: { x: null } },
      why: "the peer yields null for an out-of-range index instead of failing",
    },
  },
  {
    name: "StringSplit treats each splitter character as a delimiter",
    definition: {
      StartAt: "P",
      States: { P: pass({ Parameters: { "x.$": "States.StringSplit($.s, '.+,=')" } }) },
    },
    input: { s: "This.is+a,test=string" },
    expected: { status: "SUCCEEDED", output: { x: ["This", "is", "a", "test", "string"] } },
    peer: {
      outcome: { status: "SUCCEEDED", output: { x: ["This.is+a,test=string"] } },
      why: "the peer splits on the whole splitter string; AWS's documented example splits on each character",
    },
  },
];

async function runOnPeer(c: Case): Promise<Outcome> {
  const { StateMachine } = await import("aws-local-stepfunctions");
  const machine = new StateMachine(c.definition as never, {
    validationOptions: { checkArn: false, checkPaths: false },
  });
  try {
    const output = await machine.run(c.input as never).result;
    return { status: "SUCCEEDED", output };
  } catch (error) {
    const inner = (error as { cause?: { name?: string } }).cause;
    return { status: "FAILED", error: inner?.name ?? String(error) };
  }
}

async function loadOurs() {
  const engineModule = (await import("../../../packages/local/src/engine/index").catch(() => null)) as
    typeof import("../../../packages/local/src/engine/index") | null;
  if (!engineModule || typeof engineModule.createEngine !== "function") {
    throw new Error(
      "packages/local/src/engine/index.ts does not export createEngine yet: our side cannot run",
    );
  }
  return engineModule.createEngine({
    dbPath: ":memory:",
    clock: createOffsetClock(),
    lambdas: () => undefined,
    realTime: true,
  });
}

let engine: Awaited<ReturnType<typeof loadOurs>>;
beforeAll(async () => {
  engine = await loadOurs();
});
afterAll(async () => {
  await engine?.close();
});

async function runOnOurs(c: Case, index: number): Promise<Outcome> {
  const { stateMachineArn } = engine.createStateMachine({
    name: `diff-${index}`,
    definition: JSON.stringify(c.definition),
  });
  const { executionArn } = engine.startExecution({ stateMachineArn, input: JSON.stringify(c.input) });
  const row = await engine.waitForExecution(executionArn, 10_000);
  if (row.status === "SUCCEEDED") return { status: "SUCCEEDED", output: JSON.parse(row.output ?? "null") };
  return { status: "FAILED", error: row.error ?? `status ${row.status}` };
}

describe("pure-state machines agree with aws-local-stepfunctions", () => {
  CASES.forEach((c, index) => {
    it(`${c.name}: our engine matches AWS's documented outcome`, async () => {
      expect(await runOnOurs(c, index)).toEqual(c.expected);
    });
    if (c.peer) {
      it(`${c.name}: the peer deviates (${c.peer.why})`, async () => {
        expect(await runOnPeer(c)).toEqual(c.peer!.outcome);
      });
    } else {
      it(`${c.name}: the peer agrees`, async () => {
        expect(await runOnPeer(c)).toEqual(c.expected);
      });
    }
  });
});
