// Parallel and Map parents count their children down in memory within a commit: the parent's row is written once per
// transaction, not once per finished child, and the results are the same.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { createEngine, type Engine } from "../../packages/local/src/engine/engine";
import type { ThreadRow } from "../../packages/local/src/engine/store";

const dirs: string[] = [];
const engines: Engine[] = [];

afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(): Engine {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-engine-parent-"));
  dirs.push(dir);
  const engine = createEngine({
    dbPath: join(dir, "states.db"),
    clock: createOffsetClock(),
    lambdas: () => undefined,
    realTime: false,
  });
  engines.push(engine);
  return engine;
}

/** Counts thread-row writes of the state named `state`, and the engine's transactions. */
function spy(engine: Engine, state: string) {
  const counts = { parentWrites: 0, transactions: 0 };
  const { updateThread, transaction } = engine.store;
  engine.store.updateThread = (t: ThreadRow) => {
    if (t.state === state) counts.parentWrites += 1;
    updateThread(t);
  };
  engine.store.transaction = ((fn: () => unknown) => {
    counts.transactions += 1;
    return transaction(fn);
  }) as typeof transaction;
  return counts;
}

it("writes a Map's row once per commit while its 60 iterations finish, with every result in order", async () => {
  const engine = open();
  const { stateMachineArn } = engine.createStateMachine({
    name: "map",
    definition: JSON.stringify({
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          MaxConcurrency: 7,
          ItemProcessor: {
            StartAt: "Double",
            States: {
              Double: { Type: "Pass", Parameters: { "v.$": "States.MathAdd($.i, $.i)" }, End: true },
            },
          },
          End: true,
        },
      },
    }),
  });
  const counts = spy(engine, "Each");
  const items = Array.from({ length: 60 }, (_, i) => ({ i }));
  const { executionArn } = engine.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  const done = await engine.waitForExecution(executionArn);
  expect(done.status).toBe("SUCCEEDED");
  expect(JSON.parse(done.output!)).toEqual(items.map(({ i }) => ({ v: 2 * i })));
  // Per child this was a read and a write of the parent (60 writes); now at most one per transaction, plus the
  // write when the Map starts and the one when it ends.
  expect(counts.parentWrites).toBeLessThanOrEqual(counts.transactions + 2);
  expect(counts.parentWrites).toBeLessThan(20);
});

it("writes a Parallel's row once per commit, and a failing branch still fails it through Catch", async () => {
  const engine = open();
  const branch = (name: string, fail: boolean) => ({
    StartAt: name,
    States: fail
      ? { [name]: { Type: "Fail", Error: "Nope", Cause: "branch failed" } }
      : { [name]: { Type: "Pass", Result: name, End: true } },
  });
  const definition = (failing: boolean) => ({
    StartAt: "Fork",
    States: {
      Fork: {
        Type: "Parallel",
        Branches: [branch("A", false), branch("B", false), branch("C", failing), branch("D", false)],
        Catch: [{ ErrorEquals: ["Nope"], ResultPath: "$.caught", Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    },
  });
  const ok = engine.createStateMachine({ name: "ok", definition: JSON.stringify(definition(false)) });
  const bad = engine.createStateMachine({ name: "bad", definition: JSON.stringify(definition(true)) });
  const counts = spy(engine, "Fork");
  const first = engine.startExecution({ stateMachineArn: ok.stateMachineArn, input: "{}" });
  const done = await engine.waitForExecution(first.executionArn);
  expect(JSON.parse(done.output!)).toEqual(["A", "B", "C", "D"]);
  expect(counts.parentWrites).toBeLessThanOrEqual(counts.transactions + 2);
  const second = engine.startExecution({ stateMachineArn: bad.stateMachineArn, input: "{}" });
  const failed = await engine.waitForExecution(second.executionArn);
  expect(failed.status).toBe("SUCCEEDED");
  expect(JSON.parse(failed.output!)).toEqual({ caught: { Error: "Nope", Cause: "branch failed" } });
});
