// Conformance of the core executor through @aws-sdk/client-sfn: Lambda tasks, callbacks, Wait and the clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  DescribeExecutionCommand,
} from "@aws-sdk/client-sfn";
import { startHarness, type Harness } from "./harness";

class AppraisalNotFound extends Error {
  override name = "AppraisalNotFound";
}

const tokens: string[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    double: async (event: { n: number }) => ({ n: event.n * 2 }),
    boom: async () => {
      throw new AppraisalNotFound("no appraisal 42");
    },
    remember: async (event: { token: string }) => {
      tokens.push(event.token);
      return { queued: true };
    },
  });
});
afterAll(async () => h.close());

describe("Lambda tasks", () => {
  it("runs a bare Lambda ARN and passes its result as the state result", async () => {
    const arn = await h.machine("bare", {
      StartAt: "Double",
      States: {
        Double: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:123456789012:function:double",
          End: true,
        },
      },
    });
    const r = await h.run(arn, { n: 21 });
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output).toEqual({ n: 42 });
  });

  it("wraps lambda:invoke results as AWS does and applies ResultSelector/ResultPath", async () => {
    const arn = await h.machine("invoke", {
      StartAt: "Double",
      States: {
        Double: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: {
            FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:double",
            "Payload.$": "$",
          },
          ResultSelector: { "value.$": "$.Payload.n", "code.$": "$.StatusCode" },
          ResultPath: "$.result",
          End: true,
        },
      },
    });
    const r = await h.run(arn, { n: 5 });
    expect(r.output).toEqual({ n: 5, result: { value: 10, code: 200 } });
  });

  it("maps a thrown error to its name and an AWS-shaped cause, catchable by name", async () => {
    const arn = await h.machine("catching", {
      StartAt: "Boom",
      States: {
        Boom: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "boom", Payload: {} },
          Catch: [{ ErrorEquals: ["AppraisalNotFound"], ResultPath: "$.err", Next: "Handled" }],
          End: true,
        },
        Handled: { Type: "Pass", End: true },
      },
    });
    const r = await h.run(arn, { keep: 1 });
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output.keep).toBe(1);
    expect(r.output.err.Error).toBe("AppraisalNotFound");
    expect(JSON.parse(r.output.err.Cause)).toMatchObject({
      errorType: "AppraisalNotFound",
      errorMessage: "no appraisal 42",
    });
  });

  it("fails with Lambda.ResourceNotFoundException for an unknown function", async () => {
    const arn = await h.machine("unknown-fn", {
      StartAt: "Call",
      States: {
        Call: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:nope", End: true },
      },
    });
    const r = await h.run(arn);
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("Lambda.ResourceNotFoundException");
  });
});

describe("callbacks (.waitForTaskToken)", () => {
  const def = {
    StartAt: "Ask",
    States: {
      Ask: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters: { FunctionName: "remember", Payload: { "token.$": "$$.Task.Token" } },
        ResultPath: "$.answer",
        End: true,
      },
    },
  };

  it("completes with SendTaskSuccess output", async () => {
    const arn = await h.machine("callback-ok", def);
    const exec = await h.start(arn, { who: "a" });
    await h.states.engine.idle();
    const token = tokens.at(-1)!;
    await h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ ok: true }) }));
    const d = await h.finished(exec);
    expect(d.status).toBe("SUCCEEDED");
    expect(JSON.parse(d.output)).toEqual({ who: "a", answer: { ok: true } });
    // the token is spent: a second completion is rejected as AWS does
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    ).rejects.toMatchObject({ name: "TaskTimedOut" });
  });

  it("fails the task with SendTaskFailure's error and cause", async () => {
    const arn = await h.machine("callback-fail", def);
    const exec = await h.start(arn);
    await h.states.engine.idle();
    await h.sfn.send(
      new SendTaskFailureCommand({ taskToken: tokens.at(-1)!, error: "Rejected", cause: "by HR" }),
    );
    const d = await h.finished(exec);
    expect(d).toMatchObject({ status: "FAILED", error: "Rejected", cause: "by HR" });
  });

  it("rejects unknown and malformed tokens", async () => {
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: "AQ" + "x".repeat(100), output: "{}" })),
    ).rejects.toMatchObject({ name: "TaskDoesNotExist" });
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: "not a token!", output: "{}" })),
    ).rejects.toMatchObject({ name: "InvalidToken" });
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: "AQ" + "x".repeat(1100), output: "{}" })),
    ).rejects.toMatchObject({ name: "InvalidToken" });
  });

  it("times out a callback after TimeoutSeconds and then answers TaskTimedOut", async () => {
    const arn = await h.machine("callback-timeout", {
      ...def,
      States: { Ask: { ...def.States.Ask, TimeoutSeconds: 3600 } },
    });
    const exec = await h.start(arn);
    await h.states.engine.idle();
    const token = tokens.at(-1)!;
    await h.states.engine.advance(3600 * 1000);
    const d = await h.finished(exec);
    expect(d).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    ).rejects.toMatchObject({ name: "TaskTimedOut" });
  });
});

describe("Wait and the clock", () => {
  it("waits Seconds on the engine clock and moves on when advanced", async () => {
    const arn = await h.machine("wait-seconds", {
      StartAt: "Sleep",
      States: {
        Sleep: { Type: "Wait", Seconds: 7 * 24 * 3600, Next: "Done" },
        Done: { Type: "Pass", Result: "woke", End: true },
      },
    });
    const exec = await h.start(arn);
    await h.states.engine.advance(24 * 3600 * 1000);
    expect((await h.sfn.send(new DescribeExecutionCommand({ executionArn: exec }))).status).toBe("RUNNING");
    await h.states.engine.advance(6 * 24 * 3600 * 1000);
    const d = await h.finished(exec);
    expect(JSON.parse(d.output)).toBe("woke");
  });

  it("fires cascading waits at their own due times within one advance", async () => {
    const arn = await h.machine("wait-loop", {
      StartAt: "Init",
      States: {
        Init: { Type: "Pass", Result: { n: 0 }, Next: "Sleep" },
        Sleep: { Type: "Wait", Seconds: 86400, Next: "Count" },
        Count: {
          Type: "Pass",
          Parameters: { "n.$": "States.MathAdd($.n, 1)", "at.$": "$$.State.EnteredTime" },
          Next: "Enough",
        },
        Enough: {
          Type: "Choice",
          Choices: [{ Variable: "$.n", NumericGreaterThanEquals: 5, Next: "Done" }],
          Default: "Sleep",
        },
        Done: { Type: "Succeed" },
      },
    });
    const startMs = h.clock.now().getTime();
    const exec = await h.start(arn);
    await h.states.engine.advance(30 * 86400 * 1000);
    const d = await h.finished(exec);
    const out = JSON.parse(d.output);
    expect(out.n).toBe(5);
    // the fifth wake-up happened 5 days after the start, not 30
    const days = (Date.parse(out.at) - startMs) / 86400000;
    expect(days).toBeGreaterThanOrEqual(5);
    expect(days).toBeLessThan(5.01);
  });

  it("waits until a Timestamp taken from the input (TimestampPath)", async () => {
    const arn = await h.machine("wait-until", {
      StartAt: "Until",
      States: { Until: { Type: "Wait", TimestampPath: "$.due", End: true } },
    });
    const due = new Date(h.clock.now().getTime() + 3 * 3600 * 1000).toISOString();
    const exec = await h.start(arn, { due });
    await h.states.engine.advance(2 * 3600 * 1000);
    expect((await h.sfn.send(new DescribeExecutionCommand({ executionArn: exec }))).status).toBe("RUNNING");
    await h.states.engine.advance(3600 * 1000 + 1);
    expect((await h.finished(exec)).status).toBe("SUCCEEDED");
  });
});
