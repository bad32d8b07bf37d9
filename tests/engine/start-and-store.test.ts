// Engine internals that carry its speed without changing its contract: a start runs its first steps in its own commit,
// and a data dir written by an older engine version is migrated when opened (a newer one is refused).
import Database from "better-sqlite3";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { createEngine, type Engine } from "../../packages/local/src/engine/engine";
import type { LambdaResolver } from "../../packages/local/src/engine/interpreter/lambda";

const dirs: string[] = [];
const engines: Engine[] = [];

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-engine-store-"));
  dirs.push(dir);
  return join(dir, "states.db");
}

function open(dbPath: string, lambdas: LambdaResolver = () => undefined): Engine {
  const engine = createEngine({ dbPath, clock: createOffsetClock(), lambdas, realTime: false });
  engines.push(engine);
  return engine;
}

afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// One state: a start runs at least one step inline whatever the machine's load, so this cannot depend on timing.
const passOnly = { StartAt: "A", States: { A: { Type: "Pass", Result: { a: 1 }, End: true } } };

describe("StartExecution", () => {
  it("has committed the first steps of the execution when it returns (one commit per start)", () => {
    const dbPath = tempDb();
    const engine = open(dbPath);
    const { stateMachineArn } = engine.createStateMachine({
      name: "pass-only",
      definition: JSON.stringify(passOnly),
    });
    const { executionArn } = engine.startExecution({ stateMachineArn, name: "one", input: "{}" });
    // Read through a second connection, as another process would after a SIGKILL right now.
    const reader = new Database(dbPath, { readonly: true });
    try {
      const row = reader
        .prepare(`SELECT status, output, transitions FROM executions WHERE arn = ?`)
        .get(executionArn);
      expect(row).toEqual({ status: "SUCCEEDED", output: '{"a":1}', transitions: 1 });
    } finally {
      reader.close();
    }
    const events = engine.getExecutionHistory({ executionArn }).events.map((e) => e.type);
    expect(events).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  });

  it("calls a Lambda task's handler only after StartExecution has returned", async () => {
    const calls: string[] = [];
    const engine = open(tempDb(), (name) =>
      name === "probe"
        ? async () => {
            calls.push("handler");
            return { ok: true };
          }
        : undefined,
    );
    const { stateMachineArn } = engine.createStateMachine({
      name: "one-task",
      definition: JSON.stringify({
        StartAt: "Call",
        States: {
          Call: {
            Type: "Task",
            Resource: "arn:aws:lambda:us-east-1:123456789012:function:probe",
            End: true,
          },
        },
      }),
    });
    const { executionArn } = engine.startExecution({ stateMachineArn, input: "{}" });
    calls.push("returned");
    expect(engine.describeExecution(executionArn).status).toBe("RUNNING");
    const done = await engine.waitForExecution(executionArn, 5_000);
    expect(done.status).toBe("SUCCEEDED");
    expect(calls).toEqual(["returned", "handler"]);
  });

  it("leaves a long loop to the pump after its first slice, and the execution still completes", async () => {
    const engine = open(tempDb());
    const { stateMachineArn } = engine.createStateMachine({
      name: "long-loop",
      definition: JSON.stringify({
        StartAt: "Init",
        States: {
          Init: { Type: "Pass", Result: { i: 0 }, Next: "Inc" },
          Inc: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "Check" },
          Check: {
            Type: "Choice",
            Choices: [{ Variable: "$.i", NumericLessThan: 3000, Next: "Inc" }],
            Default: "Done",
          },
          Done: { Type: "Succeed" },
        },
      }),
    });
    const { executionArn } = engine.startExecution({ stateMachineArn, input: "{}" });
    expect(engine.describeExecution(executionArn).status).toBe("RUNNING");
    const done = await engine.waitForExecution(executionArn, 30_000);
    expect(done).toMatchObject({ status: "SUCCEEDED", output: '{"i":3000}', transitions: 6002 });
  });
});

describe("opening a data dir written by an older engine", () => {
  const v0 = readFileSync(join(import.meta.dirname, "fixtures/states-v0.sql"), "utf8");
  const arnOf = (machine: string, name: string) =>
    `arn:aws:states:us-east-1:123456789012:execution:${machine}:${name}`;

  it("migrates it: old histories read as before and a waiting execution resumes", async () => {
    const dbPath = tempDb();
    const old = new Database(dbPath);
    old.exec(v0);
    const oldEvents = old
      .prepare(
        `SELECT id, timestamp_ms, type, previous_event_id, details FROM history WHERE execution_arn = ? ORDER BY id`,
      )
      .all(arnOf("done", "finished-before-upgrade"));
    old.close();

    const engine = open(dbPath);
    expect(engine.store.db.pragma("user_version", { simple: true })).toBe(2);
    const finished = engine.getExecutionHistory({ executionArn: arnOf("done", "finished-before-upgrade") });
    expect(
      finished.events.map((e) => ({
        id: e.id,
        timestamp_ms: e.timestampMs,
        type: e.type,
        previous_event_id: e.previousEventId,
        details: e.details,
      })),
    ).toEqual(oldEvents);
    expect(engine.describeExecution(arnOf("done", "finished-before-upgrade"))).toMatchObject({
      status: "SUCCEEDED",
      output: '{"done":true}',
    });

    const waiting = arnOf("waits", "waiting-across-upgrade");
    expect(engine.describeExecution(waiting).status).toBe("RUNNING");
    await engine.advance(2 * 3600 * 1000);
    const done = await engine.waitForExecution(waiting, 5_000);
    expect(done).toMatchObject({ status: "SUCCEEDED", output: '{"woke":"pegawai"}' });
    const types = engine.getExecutionHistory({ executionArn: waiting }).events.map((e) => e.type);
    expect(types).toEqual([
      "ExecutionStarted",
      "WaitStateEntered",
      "WaitStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    // New executions get ids after the migrated ones.
    const next = engine.startExecution({
      stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:done",
      name: "after-upgrade",
    });
    expect(engine.describeExecution(next.executionArn)).toMatchObject({ status: "SUCCEEDED", id: 3 });
  });

  it("refuses a data dir written by a newer engine, naming --reset", () => {
    const dbPath = tempDb();
    const future = new Database(dbPath);
    future.pragma("user_version = 99");
    future.close();
    expect(() => open(dbPath)).toThrow(/newer kinerja.*--reset/);
  });
});

describe("a state's effective input across a restart", () => {
  it("retries a Task after a reopen with the same input, with and without InputPath", async () => {
    const dbPath = tempDb();
    const seen: unknown[] = [];
    let failures = 2;
    const lambdas: LambdaResolver = (name) =>
      name === "flaky"
        ? async (event) => {
            seen.push(event);
            if (failures-- > 0) throw Object.assign(new Error("try later"), { name: "Busy" });
            return { ok: true };
          }
        : undefined;
    const task = (next: string | undefined, inputPath?: string) => ({
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:flaky",
      ...(inputPath ? { InputPath: inputPath } : {}),
      ResultPath: null,
      Retry: [{ ErrorEquals: ["Busy"], IntervalSeconds: 60, MaxAttempts: 3 }],
      ...(next ? { Next: next } : { End: true }),
    });
    const first = open(dbPath, lambdas);
    const { stateMachineArn } = first.createStateMachine({
      name: "retry-across-restart",
      definition: JSON.stringify({
        StartAt: "Whole",
        States: { Whole: task("Inner"), Inner: task(undefined, "$.inner") },
      }),
    });
    const input = JSON.stringify({ nip: "198001012006041001", inner: { unit: "dinkes" } });
    const { executionArn } = first.startExecution({ stateMachineArn, input });
    await first.idle();
    await first.close();

    const second = open(dbPath, lambdas);
    await second.advance(60_000); // first retry
    await second.advance(120_000); // second retry (BackoffRate 2 by default)
    const done = await second.waitForExecution(executionArn, 5_000);
    expect(done).toMatchObject({ status: "SUCCEEDED", output: input });
    const whole = { nip: "198001012006041001", inner: { unit: "dinkes" } };
    expect(seen).toEqual([whole, whole, whole, { unit: "dinkes" }]);
  });
});

describe("WAL checkpoints", () => {
  it("copies committed executions into the database file from the checkpointer thread", async () => {
    const dbPath = tempDb();
    const engine = open(dbPath);
    const { stateMachineArn } = engine.createStateMachine({
      name: "pass-only",
      definition: JSON.stringify(passOnly),
    });
    for (let i = 0; i < 20; i++) engine.startExecution({ stateMachineArn, name: `e-${i}` });
    // The engine's own auto-checkpoint waits for 10,000 WAL pages; 20 small executions stay far below that, so the
    // main file alone (copied without its -wal) holds them only if the worker checkpointed.
    const copy = join(dirs[dirs.length - 1], "main-file-only.db");
    let count = 0;
    for (let attempt = 0; attempt < 50 && count < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      copyFileSync(dbPath, copy);
      const main = new Database(copy, { readonly: true });
      try {
        count = (
          main.prepare(`SELECT COUNT(*) AS n FROM executions WHERE status = 'SUCCEEDED'`).get() as {
            n: number;
          }
        ).n;
      } catch {
        count = 0; // schema not in the main file yet
      } finally {
        main.close();
      }
    }
    expect(count).toBe(20);
  });
});

describe("Map iterations", () => {
  it("starts every iteration within MaxConcurrency at once, in index order, and the rest as others finish", async () => {
    const engine = open(tempDb());
    const map = (maxConcurrency?: number) =>
      JSON.stringify({
        StartAt: "Each",
        States: {
          Each: {
            Type: "Map",
            ItemsPath: "$.items",
            ...(maxConcurrency ? { MaxConcurrency: maxConcurrency } : {}),
            ItemProcessor: { StartAt: "Double", States: { Double: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      });
    const input = JSON.stringify({ items: [10, 20, 30, 40] });
    const started = (executionArn: string) =>
      engine
        .getExecutionHistory({ executionArn })
        .events.filter((e) => e.type === "MapIterationStarted" || e.type === "MapIterationSucceeded")
        .map(
          (e) =>
            `${e.type === "MapIterationStarted" ? "start" : "done"} ${JSON.parse(e.details!)[Object.keys(JSON.parse(e.details!))[0]].index}`,
        );

    const unlimited = engine.createStateMachine({ name: "map-unlimited", definition: map() });
    const a = engine.startExecution({ stateMachineArn: unlimited.stateMachineArn, input });
    expect(await engine.waitForExecution(a.executionArn)).toMatchObject({
      status: "SUCCEEDED",
      output: "[10,20,30,40]",
    });
    expect(started(a.executionArn)).toEqual([
      "start 0",
      "start 1",
      "start 2",
      "start 3",
      "done 0",
      "done 1",
      "done 2",
      "done 3",
    ]);

    const two = engine.createStateMachine({ name: "map-two", definition: map(2) });
    const b = engine.startExecution({ stateMachineArn: two.stateMachineArn, input });
    expect(await engine.waitForExecution(b.executionArn)).toMatchObject({
      status: "SUCCEEDED",
      output: "[10,20,30,40]",
    });
    expect(started(b.executionArn)).toEqual([
      "start 0",
      "start 1",
      "done 0",
      "start 2",
      "done 1",
      "start 3",
      "done 2",
      "done 3",
    ]);
  });
});
