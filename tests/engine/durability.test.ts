// A SIGKILLed engine process restarted on the same SQLite file completes every one of 200 in-flight executions.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { startEngineProcess, type EngineProcess } from "./engine-process";

const dir = mkdtempSync(join(tmpdir(), "kinerja-durability-"));
const db = join(dir, "engine.sqlite");
const tokensFile = join(dir, "tokens.jsonl");
const children: ChildProcessWithoutNullStreams[] = [];

type Server = EngineProcess;

const startServer = (offsetMs: number): Promise<Server> =>
  startEngineProcess({
    db,
    lambdas: "tests/engine/fixtures/durability-lambdas.ts",
    args: ["--offset-ms", String(offsetMs)],
    env: { ...process.env, DURABILITY_TOKENS_FILE: tokensFile },
    children,
  });

function readTokens(): Map<number, string> {
  const byIndex = new Map<number, string>();
  if (!existsSync(tokensFile)) return byIndex;
  for (const line of readFileSync(tokensFile, "utf8").split("\n").filter(Boolean)) {
    const { i, token } = JSON.parse(line) as { i: number; token: string };
    byIndex.set(i, token); // at-least-once: a re-run after the restart repeats the same token
  }
  return byIndex;
}

const definition = {
  StartAt: "Route",
  States: {
    Route: {
      Type: "Choice",
      Choices: [
        { Variable: "$.kind", StringEquals: "timer", Next: "Sleep" },
        { Variable: "$.kind", StringEquals: "callback", Next: "Ask" },
        { Variable: "$.kind", StringEquals: "slow", Next: "Slow" },
      ],
      Default: "Fan",
    },
    Sleep: { Type: "Wait", Seconds: 3600, Next: "Slept" },
    Slept: { Type: "Pass", Parameters: { "slept.$": "$.i" }, End: true },
    Ask: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: { FunctionName: "callback", Payload: { "i.$": "$.i", "token.$": "$$.Task.Token" } },
      ResultPath: "$.answer",
      End: true,
    },
    Slow: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:slow", End: true },
    Fan: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: {
        StartAt: "Nap",
        States: {
          Nap: { Type: "Wait", Seconds: 600, Next: "Work" },
          Work: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:slow", End: true },
        },
      },
      End: true,
    },
  },
};

const kinds = ["timer", "callback", "slow", "map"] as const;
const expected = (i: number): unknown => {
  const kind = kinds[i % 4];
  if (kind === "timer") return { slept: i };
  if (kind === "callback") return { i, kind, answer: { approved: i } };
  if (kind === "slow") return { slow: i * 10 };
  return [0, 1, 2].map((k) => ({ slow: (i * 3 + k) * 10 }));
};

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

it("resumes 200 executions (timers, callbacks, in-flight tasks, Map iterations) after SIGKILL", async () => {
  const first = await startServer(0);
  const { stateMachineArn } = await first.sfn.send(
    new CreateStateMachineCommand({
      name: "durable",
      definition: JSON.stringify(definition),
      roleArn: "arn:aws:iam::123456789012:role/x",
    }),
  );
  const arns: string[] = [];
  for (let batch = 0; batch < 200; batch += 25) {
    const started = await Promise.all(
      Array.from({ length: 25 }, (_, k) => {
        const i = batch + k;
        const kind = kinds[i % 4];
        const input =
          kind === "map" ? { i, kind, items: [0, 1, 2].map((x) => ({ i: i * 3 + x })) } : { i, kind };
        return first.sfn.send(
          new StartExecutionCommand({ stateMachineArn, name: `run-${i}`, input: JSON.stringify(input) }),
        );
      }),
    );
    arns.push(...started.map((s) => s.executionArn!));
  }
  // Some slow tasks are in flight right now (they take 400 ms); kill without any chance to clean up.
  await new Promise((r) => setTimeout(r, 100));
  const running = await first.sfn.send(
    new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING", maxResults: 1000 }),
  );
  expect(running.executions!.length).toBeGreaterThan(100);
  first.child.kill("SIGKILL");
  await new Promise((r) => first.child.once("exit", r));
  first.sfn.destroy();

  const second = await startServer(0);
  // every callback task's token is available (written before the kill, or re-sent by the re-run Lambda)
  const deadline = Date.now() + 20_000;
  while (readTokens().size < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const tokens = readTokens();
  expect(tokens.size).toBe(50);
  for (const [i, token] of tokens) {
    await second.sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: i }) }),
    );
  }
  expect(await second.command("advance 3600000")).toMatch(/^advanced /);

  const until = Date.now() + 20_000;
  let succeeded = 0;
  while (Date.now() < until) {
    const page = await second.sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: "SUCCEEDED", maxResults: 1000 }),
    );
    succeeded = page.executions!.length;
    if (succeeded === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(succeeded).toBe(200);
  for (let i = 0; i < 200; i++) {
    const d = await second.sfn.send(new DescribeExecutionCommand({ executionArn: arns[i] }));
    expect(JSON.parse(d.output!), `output of run-${i}`).toEqual(expected(i));
  }
  second.child.kill("SIGTERM");
  await new Promise((r) => second.child.once("exit", r));
  second.sfn.destroy();
}, 60_000);
