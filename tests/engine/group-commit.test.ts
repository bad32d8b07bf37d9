// Group commit of starts (startExecutionGrouped, what the API's StartExecution uses): starts requested in the same
// turn of the event loop share one commit, and none is acknowledged before that commit.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { createEngine, type Engine } from "../../packages/local/src/engine/engine";

const root = join(import.meta.dirname, "../..");
const dirs: string[] = [];
const engines: Engine[] = [];

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-engine-group-"));
  dirs.push(dir);
  return join(dir, "states.db");
}

function open(dbPath: string): Engine {
  const engine = createEngine({
    dbPath,
    clock: createOffsetClock(),
    lambdas: () => undefined,
    realTime: false,
  });
  engines.push(engine);
  return engine;
}

afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const passOnly = { StartAt: "A", States: { A: { Type: "Pass", Result: { a: 1 }, End: true } } };

describe("group commit of starts", () => {
  it("commits 50 starts of one turn together and resolves each caller with its execution", async () => {
    const engine = open(tempDb());
    const { stateMachineArn } = engine.createStateMachine({
      name: "p",
      definition: JSON.stringify(passOnly),
    });
    const before = engine.store.db.prepare(`SELECT COUNT(*) AS n FROM executions`);
    const started = await Promise.all(
      Array.from({ length: 50 }, (_, i) => engine.startExecutionGrouped({ stateMachineArn, name: `g-${i}` })),
    );
    expect(new Set(started.map((s) => s.executionArn)).size).toBe(50);
    expect(before.get()).toEqual({ n: 50 });
    for (const s of started) expect(engine.describeExecution(s.executionArn).status).toBe("SUCCEEDED");
  });

  it("uses one commit for the starts of one turn, not one per start", async () => {
    const engine = open(tempDb());
    const { stateMachineArn } = engine.createStateMachine({
      name: "p",
      definition: JSON.stringify(passOnly),
    });
    // Every engine transaction goes through store.transaction (BEGIN IMMEDIATE ... COMMIT).
    let transactions = 0;
    const transaction = engine.store.transaction;
    engine.store.transaction = ((fn: () => unknown) => {
      transactions += 1;
      return transaction(fn);
    }) as typeof transaction;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => engine.startExecutionGrouped({ stateMachineArn, name: `t-${i}` })),
    );
    expect(transactions).toBe(1);
  });

  it("rejects only the start whose write fails; the others of its group commit", async () => {
    const engine = open(tempDb());
    const { stateMachineArn } = engine.createStateMachine({
      name: "p",
      definition: JSON.stringify(passOnly),
    });
    engine.store.db.exec(`CREATE TRIGGER poison BEFORE INSERT ON executions WHEN NEW.name = 'poison'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const names = ["a", "b", "poison", "c"];
    const outcomes = await Promise.allSettled(
      names.map((name) => engine.startExecutionGrouped({ stateMachineArn, name })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/disk says no/);
    const rows = engine.store.db.prepare(`SELECT name FROM executions ORDER BY name`).all();
    expect(rows).toEqual([{ name: "a" }, { name: "b" }, { name: "c" }]);
  });

  it("rejects only the start whose commit fails when the shared commit fails", async () => {
    const engine = open(tempDb());
    const { stateMachineArn } = engine.createStateMachine({
      name: "p",
      definition: JSON.stringify(passOnly),
    });
    // A deferred foreign key is checked at COMMIT: a start named 'poison' makes the commit that contains it fail.
    engine.store.db.pragma("foreign_keys = ON");
    engine.store.db.exec(`CREATE TABLE nowhere (id INTEGER PRIMARY KEY);
      CREATE TABLE poisoned (ref INTEGER REFERENCES nowhere (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER poison AFTER INSERT ON executions WHEN NEW.name = 'poison'
      BEGIN INSERT INTO poisoned VALUES (1); END`);
    const names = ["a", "poison", "b", "c"];
    const outcomes = await Promise.allSettled(
      names.map((name) => engine.startExecutionGrouped({ stateMachineArn, name })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    const rows = engine.store.db.prepare(`SELECT name, status FROM executions ORDER BY name`).all();
    expect(rows).toEqual([
      { name: "a", status: "SUCCEEDED" },
      { name: "b", status: "SUCCEEDED" },
      { name: "c", status: "SUCCEEDED" },
    ]);
  });

  it("has every start of a group on disk once the promises resolved (SIGKILL right after)", async () => {
    const dbPath = tempDb();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tests/engine/fixtures/grouped-starts-then-crash.ts", dbPath, "40"],
      { cwd: root },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const signal = await new Promise((resolve) => child.once("exit", (_code, sig) => resolve(sig)));
    expect(signal, stderr).toBe("SIGKILL");
    const arns = JSON.parse(stdout.trim()) as string[];
    expect(arns).toHaveLength(40);

    // Another process opens what the killed one left (its WAL included) and finishes every execution.
    const reader = new Database(dbPath, { readonly: true });
    const count = reader.prepare(`SELECT COUNT(*) AS n FROM executions WHERE status = 'RUNNING'`).get();
    reader.close();
    expect(count).toEqual({ n: 40 });
    const engine = open(dbPath);
    await engine.advance(3_600_000);
    for (const [i, executionArn] of arns.entries()) {
      const done = await engine.waitForExecution(executionArn, 10_000);
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output!)).toEqual({ i });
    }
  }, 30_000);
});
