// The Step Functions API surface: idempotency, stop, history paging, AWS error shapes, limits and the executions page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  ValidateStateMachineDefinitionCommand,
  DescribeStateMachineCommand,
  UpdateStateMachineCommand,
  DeleteStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { executionsRoutes } from "../../packages/local/src/engine-host/executions-page";
import { substitute, SubstitutionError } from "../../packages/local/src/engine/index";
import { startHarness, type Harness } from "./harness";

const tokens: string[] = [];
let h: Harness;
let waitArn: string;
let callbackArn: string;

async function raw(target: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(h.states.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `AWSStepFunctions.${target}`,
      ...headers,
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  h = await startHarness({
    remember: async (event: { token: string }) => {
      tokens.push(event.token);
      return {};
    },
    big: async () => "x".repeat(300_000),
  });
  waitArn = await h.machine("waiting", {
    StartAt: "W",
    States: { W: { Type: "Wait", Seconds: 3600, End: true } },
  });
  callbackArn = await h.machine("callback", {
    StartAt: "Ask",
    States: {
      Ask: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters: { FunctionName: "remember", Payload: { "token.$": "$$.Task.Token" } },
        End: true,
      },
    },
  });
});
afterAll(async () => h.close());

describe("StartExecution", () => {
  it("is idempotent by name while running with the same input, and refuses a different input", async () => {
    const a = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: waitArn, name: "same", input: '{"a":1}' }),
    );
    const b = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: waitArn, name: "same", input: '{"a":1}' }),
    );
    expect(b.executionArn).toBe(a.executionArn);
    expect(b.startDate?.getTime()).toBe(a.startDate?.getTime());
    await expect(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, name: "same", input: '{"a":2}' })),
    ).rejects.toMatchObject({
      name: "ExecutionAlreadyExists",
    });
  });

  it("refuses invalid names, unknown machines, bad input and oversized input with AWS's errors", async () => {
    await expect(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, name: "x".repeat(81) })),
    ).rejects.toMatchObject({ name: "InvalidName" });
    await expect(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, name: "has space" })),
    ).rejects.toMatchObject({ name: "InvalidName" });
    await expect(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn + "-nope" })),
    ).rejects.toMatchObject({ name: "StateMachineDoesNotExist" });
    await expect(h.sfn.send(new StartExecutionCommand({ stateMachineArn: "arn:bad" }))).rejects.toMatchObject(
      { name: "InvalidArn" },
    );
    await expect(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, input: "{nope" })),
    ).rejects.toMatchObject({ name: "InvalidExecutionInput" });
    const huge = JSON.stringify({ s: "x".repeat(262_144) });
    await expect(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, input: huge })),
    ).rejects.toMatchObject({ name: "InvalidExecutionInput" });
  });
});

describe("StopExecution and callbacks", () => {
  it("aborts a running execution, and its task token then answers TaskTimedOut", async () => {
    const exec = await h.start(callbackArn, {}, "to-stop");
    await h.states.engine.idle();
    const token = tokens.at(-1)!;
    await h.sfn.send(
      new StopExecutionCommand({ executionArn: exec, error: "Cancelled", cause: "HR cancelled the cycle" }),
    );
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: exec }));
    expect(d).toMatchObject({ status: "ABORTED", error: "Cancelled", cause: "HR cancelled the cycle" });
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    ).rejects.toMatchObject({ name: "TaskTimedOut" });
    const history = await h.history(exec);
    expect(history.at(-1).type).toBe("ExecutionAborted");
  });

  it("answers ExecutionDoesNotExist for an unknown execution", async () => {
    await expect(
      h.sfn.send(
        new DescribeExecutionCommand({
          executionArn: "arn:aws:states:us-east-1:123456789012:execution:waiting:ghost",
        }),
      ),
    ).rejects.toMatchObject({ name: "ExecutionDoesNotExist" });
  });
});

describe("history and listing", () => {
  it("pages history forwards and in reverse", async () => {
    const arn = await h.machine("five-passes", {
      StartAt: "P1",
      States: Object.fromEntries(
        [1, 2, 3, 4, 5].map((i) => [
          `P${i}`,
          i < 5 ? { Type: "Pass", Next: `P${i + 1}` } : { Type: "Pass", End: true },
        ]),
      ),
    });
    const r = await h.run(arn, { v: 1 });
    const all = await h.history(r.executionArn);
    expect(all.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      ...[1, 2, 3, 4, 5].flatMap(() => ["PassStateEntered", "PassStateExited"]),
      "ExecutionSucceeded",
    ]);
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    const first = await h.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: r.executionArn, maxResults: 4, reverseOrder: true }),
    );
    expect(first.events!.map((e) => e.id)).toEqual([12, 11, 10, 9]);
    const second = await h.sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: r.executionArn,
        maxResults: 4,
        reverseOrder: true,
        nextToken: first.nextToken,
      }),
    );
    expect(second.events!.map((e) => e.id)).toEqual([8, 7, 6, 5]);
    expect(all[1].stateEnteredEventDetails).toMatchObject({ name: "P1", input: '{"v":1}' });
    const described = await raw("DescribeExecution", JSON.stringify({ executionArn: r.executionArn }));
    expect(described.body.billableStateTransitions).toBe(5);
  });

  it("lists executions by status with pagination", async () => {
    for (const name of ["l1", "l2", "l3"]) await h.start(waitArn, {}, name);
    const page1 = await h.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: waitArn, statusFilter: "RUNNING", maxResults: 2 }),
    );
    expect(page1.executions).toHaveLength(2);
    const page2 = await h.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: waitArn,
        statusFilter: "RUNNING",
        maxResults: 2,
        nextToken: page1.nextToken,
      }),
    );
    const names = [...page1.executions!, ...page2.executions!].map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["l1", "l2", "l3", "same"]));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("state machines", () => {
  it("rejects invalid definitions with InvalidDefinition and validates without creating", async () => {
    const bad = JSON.stringify({ StartAt: "Missing", States: { A: { Type: "Pass", End: true } } });
    await expect(
      h.sfn.send(
        new CreateStateMachineCommand({
          name: "bad",
          definition: bad,
          roleArn: "arn:aws:iam::123456789012:role/x",
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidDefinition",
    });
    const v = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: bad }));
    expect(v.result).toBe("FAIL");
    expect(v.diagnostics!.length).toBeGreaterThan(0);
  });

  it("describes, updates and deletes a machine; running executions keep their definition", async () => {
    const arn = await h.machine("updatable", {
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 10, Next: "P" }, P: { Type: "Pass", Result: "v1", End: true } },
    });
    const exec = await h.start(arn);
    await h.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: arn,
        definition: JSON.stringify({
          StartAt: "P",
          States: { P: { Type: "Pass", Result: "v2", End: true } },
        }),
      }),
    );
    expect(
      JSON.parse((await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition!)
        .States.P.Result,
    ).toBe("v2");
    await h.states.engine.advance(10_000);
    expect(JSON.parse((await h.finished(exec)).output)).toBe("v1");
    await h.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).rejects.toMatchObject(
      { name: "StateMachineDoesNotExist" },
    );
  });

  it("substitutes ${Placeholders} and names every missing one", () => {
    const def = { StartAt: "T", States: { T: { Type: "Task", Resource: "${SendMailArn}", End: true } } };
    expect(
      substitute(def, { SendMailArn: "arn:aws:lambda:us-east-1:1:function:mail" }).States.T.Resource,
    ).toBe("arn:aws:lambda:us-east-1:1:function:mail");
    expect(() => substitute(JSON.stringify(def), {})).toThrow(SubstitutionError);
    expect(() => substitute(JSON.stringify(def), {})).toThrow(/\$\{SendMailArn\}/);
  });
});

describe("malformed requests", () => {
  it("answers AWS-shaped 400s and keeps serving", async () => {
    expect(await raw("StartExecution", "{not json")).toMatchObject({
      status: 400,
      body: { __type: "SerializationException" },
    });
    expect(await raw("DoSomethingElse", "{}")).toMatchObject({
      status: 400,
      body: { __type: "UnknownOperationException" },
    });
    expect(await raw("StartExecution", "[]")).toMatchObject({
      status: 400,
      body: { __type: "SerializationException" },
    });
    expect(await raw("StartExecution", JSON.stringify({ stateMachineArn: 42 }))).toMatchObject({
      status: 400,
      body: { __type: "ValidationException" },
    });
    const huge = await raw("StartExecution", Buffer.alloc(2 * 1024 * 1024, 0x61));
    expect(huge).toMatchObject({ status: 400, body: { __type: "ValidationException" } });
    const ok = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: waitArn }));
    expect(ok.name).toBe("waiting");
  });
});

describe("limits", () => {
  it("fails a task whose result exceeds 256 KiB with States.DataLimitExceeded", async () => {
    const arn = await h.machine("too-big", {
      StartAt: "Big",
      States: {
        Big: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:big", End: true },
      },
    });
    const r = await h.run(arn);
    expect(r).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
  });

  it("times out an execution after its TimeoutSeconds, and any execution after one year", async () => {
    const short = await h.machine("short-timeout", {
      TimeoutSeconds: 60,
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 600, End: true } },
    });
    const long = await h.machine("two-years", {
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 2 * 365 * 86400, End: true } },
    });
    const a = await h.start(short);
    const b = await h.start(long);
    await h.states.engine.advance(61_000);
    // As on AWS: DescribeExecution has no error or cause, the ExecutionTimedOut event names States.Timeout.
    const timedOut = await h.finished(a);
    expect(timedOut.status).toBe("TIMED_OUT");
    expect(timedOut.error).toBeUndefined();
    expect(timedOut.cause).toBeUndefined();
    expect((await h.history(a)).at(-1)).toMatchObject({
      type: "ExecutionTimedOut",
      executionTimedOutEventDetails: { error: "States.Timeout" },
    });
    await h.states.engine.advance(365 * 86400 * 1000);
    expect(await h.finished(b)).toMatchObject({ status: "TIMED_OUT" });
    expect((await h.history(b)).at(-1)).toMatchObject({
      type: "ExecutionTimedOut",
      executionTimedOutEventDetails: { error: "States.Timeout" },
    });
  });

  it("fails an execution that reaches 25,000 history events", async () => {
    const arn = await h.machine("endless", {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Next: "B" },
        B: { Type: "Choice", Choices: [{ Variable: "$.stop", IsPresent: true, Next: "Done" }], Default: "A" },
        Done: { Type: "Succeed" },
      },
    });
    const r = await h.run(arn);
    expect(r).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(r.cause).toMatch(/25000/);
    const last = await h.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: r.executionArn, reverseOrder: true, maxResults: 1 }),
    );
    expect(last.events![0].id).toBe(25_000);
  }, 30_000);
});

describe("executions page", () => {
  it("lists executions as HTML and JSON and shows one execution's history", async () => {
    const app = executionsRoutes(h.states.engine);
    const list = await app.request("/_local/executions?format=json");
    const body = (await list.json()) as {
      executions: { executionArn: string; status: string; billableStateTransitions: number }[];
    };
    const passes = body.executions.find((e) => e.executionArn.includes(":five-passes:"))!;
    expect(passes).toMatchObject({ status: "SUCCEEDED", billableStateTransitions: 5 });
    const page = await (await app.request("/_local/executions")).text();
    expect(page).toContain("five-passes");
    const detail = await (
      await app.request(`/_local/executions/${encodeURIComponent(passes.executionArn)}`)
    ).text();
    expect(detail).toContain("PassStateEntered");
    expect(detail).toContain("SUCCEEDED");
    expect(
      (
        await app.request(
          `/_local/executions/${encodeURIComponent("arn:aws:states:us-east-1:123456789012:execution:x:y")}`,
        )
      ).status,
    ).toBe(404);
  });
});
