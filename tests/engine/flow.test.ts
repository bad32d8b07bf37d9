// Conformance of Parallel, Map, Retry, heartbeats, activities and nested executions through @aws-sdk/client-sfn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";
import { startHarness, type Harness } from "./harness";

class Flaky extends Error {
  override name = "Flaky";
}

const calls: Record<string, number[]> = {};
const tokens: string[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness(
    {
      flaky: async (event: { key: string; failTimes: number }) => {
        (calls[event.key] ??= []).push(h.clock.now().getTime());
        if (calls[event.key].length <= event.failTimes) throw new Flaky(`attempt ${calls[event.key].length}`);
        return { attempts: calls[event.key].length };
      },
      square: async (event: number) => {
        if (event < 0) throw new RangeError("negative");
        return event * event;
      },
      remember: async (event: { token: string }) => {
        tokens.push(event.token);
        return {};
      },
    },
    { random: () => 0.5 },
  );
});
afterAll(async () => h.close());

const flakyTask = (key: string, failTimes: number, retry: object) => ({
  StartAt: "Call",
  States: {
    Call: {
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:flaky",
      Parameters: { key, failTimes },
      Retry: [retry],
      End: true,
    },
  },
});

describe("Retry", () => {
  it("retries with IntervalSeconds, BackoffRate and MaxDelaySeconds on the engine clock", async () => {
    const arn = await h.machine(
      "retry-backoff",
      flakyTask("backoff", 3, {
        ErrorEquals: ["Flaky"],
        IntervalSeconds: 10,
        BackoffRate: 2,
        MaxDelaySeconds: 15,
        MaxAttempts: 5,
      }),
    );
    const exec = await h.start(arn);
    await h.states.engine.idle();
    expect(calls.backoff).toHaveLength(1);
    await h.states.engine.advance(9_900);
    expect(calls.backoff).toHaveLength(1);
    await h.states.engine.advance(200); // 10 s after the first failure
    expect(calls.backoff).toHaveLength(2);
    await h.states.engine.advance(14_700);
    expect(calls.backoff).toHaveLength(2); // 20 s capped to 15 s by MaxDelaySeconds
    await h.states.engine.advance(400);
    expect(calls.backoff).toHaveLength(3);
    await h.states.engine.advance(15_000); // still capped
    const d = await h.finished(exec);
    expect(JSON.parse(d.output)).toEqual({ attempts: 4 });
    const gaps = calls.backoff.slice(1).map((t, i) => t - calls.backoff[i]);
    expect(gaps.map((g) => Math.round(g / 1000))).toEqual([10, 15, 15]);
  });

  it("fails with the task's error once MaxAttempts are used up, and counts retries as transitions", async () => {
    const arn = await h.machine(
      "retry-exhausted",
      flakyTask("exhausted", 10, { ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 2 }),
    );
    const exec = await h.start(arn);
    await h.states.engine.advance(60_000);
    const d = await h.finished(exec);
    expect(d).toMatchObject({ status: "FAILED", error: "Flaky" });
    expect(calls.exhausted).toHaveLength(3);
    expect(h.states.engine.describeExecution(exec).transitions).toBe(3);
  });
});

describe("Parallel and Map", () => {
  it("runs Parallel branches and returns their outputs in branch order", async () => {
    const arn = await h.machine("parallel", {
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Sq",
              States: {
                Sq: {
                  Type: "Task",
                  Resource: "arn:aws:lambda:us-east-1:123456789012:function:square",
                  InputPath: "$.a",
                  End: true,
                },
              },
            },
            {
              StartAt: "Wait",
              States: {
                Wait: { Type: "Wait", Seconds: 5, Next: "Id" },
                Id: { Type: "Pass", InputPath: "$.b", End: true },
              },
            },
          ],
          ResultPath: "$.results",
          End: true,
        },
      },
    });
    const exec = await h.start(arn, { a: 3, b: "x" });
    await h.states.engine.advance(5_000);
    const d = await h.finished(exec);
    expect(JSON.parse(d.output)).toEqual({ a: 3, b: "x", results: [9, "x"] });
  });

  it("fails a Parallel with a branch's error and lets its Catch handle it", async () => {
    const arn = await h.machine("parallel-catch", {
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Sq",
              States: {
                Sq: {
                  Type: "Task",
                  Resource: "arn:aws:lambda:us-east-1:123456789012:function:square",
                  End: true,
                },
              },
            },
            { StartAt: "Stuck", States: { Stuck: { Type: "Wait", Seconds: 100000, End: true } } },
          ],
          Catch: [{ ErrorEquals: ["RangeError"], ResultPath: "$.error", Next: "Recovered" }],
          End: true,
        },
        Recovered: { Type: "Pass", End: true },
      },
    });
    const r = await h.run(arn, -2);
    // ResultPath on a non-object input cannot merge: AWS reports States.ResultPathMatchFailure
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("States.ResultPathMatchFailure");
    const arn2 = await h.machine("parallel-catch-2", {
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Sq",
              States: {
                Sq: {
                  Type: "Task",
                  Resource: "arn:aws:lambda:us-east-1:123456789012:function:square",
                  InputPath: "$.n",
                  End: true,
                },
              },
            },
            { StartAt: "Stuck", States: { Stuck: { Type: "Wait", Seconds: 100000, End: true } } },
          ],
          Catch: [{ ErrorEquals: ["RangeError"], ResultPath: "$.error", Next: "Recovered" }],
          End: true,
        },
        Recovered: { Type: "Pass", End: true },
      },
    });
    const r2 = await h.run(arn2, { n: -2 });
    expect(r2.status).toBe("SUCCEEDED");
    expect(r2.output.error.Error).toBe("RangeError");
  });

  it("maps items with ItemSelector and $$.Map.Item under MaxConcurrency, keeping order", async () => {
    const arn = await h.machine("map", {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          MaxConcurrency: 2,
          ItemSelector: {
            "index.$": "$$.Map.Item.Index",
            "value.$": "$$.Map.Item.Value",
            "unit.$": "$.unit",
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Sq",
            States: {
              Sq: {
                Type: "Task",
                Resource: "arn:aws:lambda:us-east-1:123456789012:function:square",
                InputPath: "$.value",
                ResultPath: "$.sq",
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    const r = await h.run(arn, { items: [1, 2, 3, 4, 5], unit: "u" });
    expect(r.output).toEqual([1, 2, 3, 4, 5].map((v, i) => ({ index: i, value: v, unit: "u", sq: v * v })));
    const events = await h.history(r.executionArn);
    expect(events.filter((e) => e.type === "MapIterationStarted")).toHaveLength(5);
    expect(events.find((e) => e.type === "MapStateStarted").mapStateStartedEventDetails.length).toBe(5);
  });

  it("tolerates failed items up to ToleratedFailureCount (Distributed mode), then fails with States.ExceedToleratedFailureThreshold", async () => {
    const def = (tolerated: number) => ({
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ToleratedFailureCount: tolerated,
          ItemProcessor: {
            ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
            StartAt: "Sq",
            States: {
              Sq: {
                Type: "Task",
                Resource: "arn:aws:lambda:us-east-1:123456789012:function:square",
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    const ok = await h.run(await h.machine("map-tolerant", def(1)), [2, -1, 3]);
    expect(ok.status).toBe("SUCCEEDED");
    expect(ok.output[0]).toBe(4);
    expect(ok.output[2]).toBe(9);
    const bad = await h.run(await h.machine("map-intolerant", def(1)), [-2, -1, 3]);
    expect(bad).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
  });

  it("returns an empty array for an empty Map", async () => {
    const r = await h.run(
      await h.machine("map-empty", {
        StartAt: "Each",
        States: {
          Each: {
            Type: "Map",
            ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      }),
      [],
    );
    expect(r.output).toEqual([]);
  });
});

describe("heartbeats and activities", () => {
  it("fails with States.Timeout (AWS's name for a missed heartbeat) when none arrives, and heartbeats extend the deadline", async () => {
    const arn = await h.machine("heartbeat", {
      StartAt: "Ask",
      States: {
        Ask: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: "remember", Payload: { "token.$": "$$.Task.Token" } },
          HeartbeatSeconds: 60,
          TimeoutSeconds: 3600,
          End: true,
        },
      },
    });
    const exec = await h.start(arn);
    await h.states.engine.idle();
    const token = tokens.at(-1)!;
    await h.states.engine.advance(50_000);
    await h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await h.states.engine.advance(50_000); // 100 s since start, 50 s since the heartbeat
    expect((await h.sfn.send(new DescribeExecutionCommand({ executionArn: exec }))).status).toBe("RUNNING");
    await h.states.engine.advance(11_000);
    const d = await h.finished(exec);
    expect(d).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    await expect(h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({
      name: "TaskTimedOut",
    });
  });

  it("hands activity tasks to a long-polling worker and completes with its output", async () => {
    const { activityArn } = await h.sfn.send(new CreateActivityCommand({ name: "sign" }));
    const arn = await h.machine("activity", {
      StartAt: "Sign",
      States: { Sign: { Type: "Task", Resource: activityArn, ResultPath: "$.signed", End: true } },
    });
    const poll = h.sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "w1" }));
    const exec = await h.start(arn, { doc: 7 });
    const task = await poll;
    expect(JSON.parse(task.input!)).toEqual({ doc: 7 });
    await h.sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '"yes"' }));
    const d = await h.finished(exec);
    expect(JSON.parse(d.output)).toEqual({ doc: 7, signed: "yes" });
    const events = await h.history(exec);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["ActivityScheduled", "ActivityStarted", "ActivitySucceeded"]),
    );
    expect(events.find((e) => e.type === "ActivityStarted").activityStartedEventDetails.workerName).toBe(
      "w1",
    );
  });

  it("answers an empty task when nothing arrives before the poll ends", async () => {
    const { activityArn } = await h.sfn.send(new CreateActivityCommand({ name: "idle-activity" }));
    const r = await h.states.engine.getActivityTask({ activityArn }, 50);
    expect(r.taskToken).toBeUndefined();
  });
});

describe("nested executions", () => {
  it("runs states:startExecution.sync:2 and returns the child's parsed output", async () => {
    const child = await h.machine("child", {
      StartAt: "Sq",
      States: {
        Sq: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:square", End: true },
      },
    });
    const parent = await h.machine("parent", {
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::states:startExecution.sync:2",
          Parameters: { StateMachineArn: child, "Input.$": "$.n" },
          ResultSelector: { "out.$": "$.Output", "status.$": "$.Status" },
          End: true,
        },
      },
    });
    const r = await h.run(parent, { n: 12 });
    expect(r.output).toEqual({ out: 144, status: "SUCCEEDED" });
  });

  it("fails the parent task with States.TaskFailed when the .sync child fails", async () => {
    const child = await h.machine("child-fails", {
      StartAt: "F",
      States: { F: { Type: "Fail", Error: "Nope", Cause: "child said no" } },
    });
    const parent = await h.machine("parent-of-failing", {
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::states:startExecution.sync",
          Parameters: { StateMachineArn: child },
          End: true,
        },
      },
    });
    const r = await h.run(parent);
    expect(r).toMatchObject({ status: "FAILED", error: "States.TaskFailed" });
    expect(JSON.parse(r.cause!)).toMatchObject({ Status: "FAILED", Error: "Nope" });
  });

  it("starts a child without waiting for plain startExecution", async () => {
    const child = await h.machine("child-slow", {
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 1000, End: true } },
    });
    const parent = await h.machine("parent-async", {
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::states:startExecution",
          Parameters: { StateMachineArn: child, Name: "kid-1" },
          End: true,
        },
      },
    });
    const r = await h.run(parent);
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output.ExecutionArn).toMatch(/:execution:child-slow:kid-1$/);
    expect(
      (await h.sfn.send(new DescribeExecutionCommand({ executionArn: r.output.ExecutionArn }))).status,
    ).toBe("RUNNING");
  });
});
