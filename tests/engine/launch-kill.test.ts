// A launch-like execution (pages of a Map that starts one execution per item, MaxConcurrency 10, started through the
// API) SIGKILLed at several points: the engine restarted on the same file finishes the launch and
// every item's execution exists exactly once and completes (the shape of the runtime's launch-cycle machine).
import Database from "better-sqlite3";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { startEngineProcess, type EngineProcess } from "./engine-process";
import { PAGES, PAGE_SIZE } from "./fixtures/launch-lambdas";

const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
const ITEMS = PAGES * PAGE_SIZE;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Server = EngineProcess;

const startServer = (db: string): Promise<Server> =>
  startEngineProcess({ db, lambdas: "tests/engine/fixtures/launch-lambdas.ts", children });

const appraisal = {
  StartAt: "Plan",
  States: {
    Plan: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "plan", Payload: { "i.$": "$.i" } },
      ResultSelector: { "planned.$": "$.Payload.planned" },
      Next: "Nap",
    },
    Nap: { Type: "Wait", Seconds: 3600, Next: "Done" },
    Done: { Type: "Pass", End: true },
  },
};

const launch = (appraisalArn: string) => ({
  StartAt: "Prepare",
  States: {
    Prepare: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "page", Payload: { "cursor.$": "$.cursor" } },
      ResultSelector: { "items.$": "$.Payload.items", "next.$": "$.Payload.next" },
      ResultPath: "$.page",
      Next: "StartAll",
    },
    StartAll: {
      Type: "Map",
      ItemsPath: "$.page.items",
      MaxConcurrency: 10,
      ItemProcessor: {
        StartAt: "Go",
        States: {
          Go: {
            Type: "Task",
            Resource: "arn:aws:states:::states:startExecution",
            Parameters: { StateMachineArn: appraisalArn, "Name.$": "$.name", Input: { "i.$": "$.i" } },
            Catch: [{ ErrorEquals: ["StepFunctions.ExecutionAlreadyExistsException"], Next: "Already" }],
            ResultPath: null,
            End: true,
          },
          Already: { Type: "Pass", End: true },
        },
      },
      ResultPath: null,
      Next: "Record",
    },
    Record: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "record", Payload: {} },
      ResultPath: null,
      Next: "More",
    },
    More: {
      Type: "Choice",
      Choices: [{ Variable: "$.page.next", IsNull: true, Next: "Launched" }],
      Default: "Advance",
    },
    Advance: { Type: "Pass", Parameters: { "cursor.$": "$.page.next" }, Next: "Prepare" },
    Launched: { Type: "Succeed" },
  },
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Executions of the item machine on disk (read by another connection, as a restarted engine would). */
function startedOnDisk(db: string): number {
  const reader = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (
      reader
        .prepare(`SELECT COUNT(*) AS n FROM executions WHERE state_machine_arn LIKE '%:appraisal'`)
        .get() as { n: number }
    ).n;
  } finally {
    reader.close();
  }
}

/** Creates both machines and starts the launch; answers the item machine's ARN and the launch's execution ARN. */
async function startLaunch(sfn: SFNClient) {
  const role = "arn:aws:iam::123456789012:role/x";
  const { stateMachineArn: appraisalArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: "appraisal",
      definition: JSON.stringify(appraisal),
      roleArn: role,
    }),
  );
  const { stateMachineArn: launchArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: "launch",
      definition: JSON.stringify(launch(appraisalArn!)),
      roleArn: role,
    }),
  );
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: launchArn,
      name: "launch-1",
      input: JSON.stringify({ cursor: 0 }),
    }),
  );
  return { appraisalArn: appraisalArn!, executionArn: executionArn! };
}

async function killDuringLaunch(killAt: number) {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-launch-kill-"));
  dirs.push(dir);
  const db = join(dir, "states.db");
  const first = await startServer(db);
  const { appraisalArn, executionArn } = await startLaunch(first.sfn);
  const deadline = Date.now() + 60_000;
  while (startedOnDisk(db) < killAt && Date.now() < deadline) await sleep(2);
  first.child.kill("SIGKILL");
  await first.exited;
  first.sfn.destroy();
  const before = startedOnDisk(db);

  const second = await startServer(db);
  const until = Date.now() + 60_000;
  let status = "RUNNING";
  while (status === "RUNNING" && Date.now() < until) {
    status = (await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).status!;
    if (status === "RUNNING") await sleep(50);
  }
  expect(status, `launch after a kill at ${before} started`).toBe("SUCCEEDED");
  // The launch can succeed while its last items still run their Plan step (their Wait starts after it), so the
  // clock is moved on until every item's hour has passed: each advance fires the Waits already set.
  let succeeded = 0;
  for (const stop = Date.now() + 30_000; succeeded < ITEMS && Date.now() < stop;) {
    expect(await second.command("advance 3600000")).toMatch(/^advanced /);
    const done = await second.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: appraisalArn,
        statusFilter: "SUCCEEDED",
        maxResults: 1000,
      }),
    );
    succeeded = done.executions!.length;
    if (succeeded < ITEMS) await sleep(100);
  }
  expect(succeeded, `item executions after a kill at ${before} started`).toBe(ITEMS);
  const all = await second.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: appraisalArn, maxResults: 1000 }),
  );
  expect(all.executions!.length, "one execution per item, none twice").toBe(ITEMS);
  second.child.kill("SIGTERM");
  await second.exited;
  second.sfn.destroy();
  return before;
}

it("finishes a launch SIGKILLed at several points, every item started once", async () => {
  const killedAt: number[] = [];
  for (const killAt of [1, 60, 150]) killedAt.push(await killDuringLaunch(killAt));
  console.log(`killed with ${killedAt.join(", ")} item executions on disk`);
}, 240_000);

it("stops on SIGTERM while 16 clients start executions and a launch runs, keeping every acknowledged start", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-launch-term-"));
  dirs.push(dir);
  const db = join(dir, "states.db");
  const first = await startServer(db);
  const { appraisalArn } = await startLaunch(first.sfn);
  const acknowledged: string[] = [];
  let stopping = false;
  const clients = Array.from({ length: 16 }, async (_, c) => {
    for (let k = 0; !stopping; k++) {
      const name = `direct-${c}-${k}`;
      try {
        await first.sfn.send(
          new StartExecutionCommand({
            stateMachineArn: appraisalArn,
            name,
            input: JSON.stringify({ i: -1 }),
          }),
        );
        acknowledged.push(name);
      } catch {
        return; // cut off by the stop: neither acknowledged nor counted
      }
    }
  });
  while (startedOnDisk(db) < 80) await sleep(2);
  const t0 = Date.now();
  first.child.kill("SIGTERM");
  await Promise.race([first.exited, sleep(15_000)]);
  const stoppedIn = Date.now() - t0;
  stopping = true;
  expect(first.child.exitCode, `exit after SIGTERM (${stoppedIn} ms)`).toBe(0);
  await Promise.all(clients);
  first.sfn.destroy();
  const reader = new Database(db, { readonly: true });
  const names = new Set(
    (reader.prepare(`SELECT name FROM executions`).all() as { name: string }[]).map((r) => r.name),
  );
  reader.close();
  expect(acknowledged.filter((n) => !names.has(n))).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(0);
}, 120_000);
