// Parity of the local engine with AWS Step Functions where it used to differ (issue 16 item 9): a Fail state's
// ErrorPath/CausePath with intrinsic functions, what a missed heartbeat reports and what catches it, and Lambda's
// function timeout enforced locally with the error AWS reports for it.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStateMachineCommand, SendTaskHeartbeatCommand } from "@aws-sdk/client-sfn";
import { validateDefinition } from "../../packages/local/src/engine/asl/validate";
import { deployedName, stepFunctions } from "../../workflows/registry";
import { lambdaTimeoutScale, localLambdaResolver } from "../../packages/local/src/runtime/local-lambdas";
import { startHarness, type Handlers, type Harness } from "./harness";

const tokens: string[] = [];
let h: Harness;
let lateResults = 0;
let remainingAtStart: number | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const handlers: Handlers = {
  remember: async (event: { token: string }) => {
    tokens.push(event.token);
    return { queued: true };
  },
};
beforeAll(async () => {
  h = await startHarness(handlers);
});
afterAll(async () => h.close());

/** Adds a function with a configured timeout (the registry's form) whose handler takes `runMs`. */
function slowFunction(name: string, timeoutSeconds: number, runMs: number): void {
  handlers[name] = {
    timeoutSeconds,
    handler: async (_event: unknown, context: { getRemainingTimeInMillis(): number }) => {
      remainingAtStart = context.getRemainingTimeInMillis();
      await sleep(runMs);
      lateResults += 1;
      return { done: true };
    },
  };
}

const failMachine = (fail: object) => ({ StartAt: "F", States: { F: { Type: "Fail", ...fail } } });

describe("Fail state: ErrorPath and CausePath accept a reference path or an intrinsic function", () => {
  it("ends the execution with the error of a path and the cause of States.Format", async () => {
    const arn = await h.machine(
      "fail-intrinsic",
      failMachine({
        ErrorPath: "$.err",
        CausePath: "States.Format('{} failed', $.name)",
      }),
    );
    const r = await h.run(arn, { err: "ImportRejected", name: "row 7" });
    expect(r).toMatchObject({ status: "FAILED", error: "ImportRejected", cause: "row 7 failed" });
    const entered = (await h.history(r.executionArn)).find((e) => e.type === "FailStateEntered");
    expect(entered.stateEnteredEventDetails).toMatchObject({
      name: "F",
      input: '{"err":"ImportRejected","name":"row 7"}',
    });
  });

  it("evaluates every string intrinsic AWS allows there, also on the error and with context paths", async () => {
    const arn = await h.machine(
      "fail-intrinsics",
      failMachine({
        ErrorPath: "States.ArrayGetItem($.errors, 1)",
        CausePath: "States.Format('{} in {}', States.JsonToString($.detail), $$.Execution.Name)",
      }),
    );
    const r = await h.run(arn, { errors: ["A", "SecondError"], detail: { row: 3 } });
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("SecondError");
    expect(r.cause).toBe(`{"row":3} in ${r.executionArn.split(":").pop()}`);
  });

  it("hands the computed error and cause to a catcher around it", async () => {
    const arn = await h.machine("fail-caught", {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [failMachine({ ErrorPath: "$.kind", CausePath: "States.Format('nip {}', $.nip)" })],
          Catch: [{ ErrorEquals: ["Rejected"], ResultPath: "$.error", Next: "Done" }],
          End: true,
        },
        Done: { Type: "Succeed" },
      },
    });
    const r = await h.run(arn, { kind: "Rejected", nip: "1990" });
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output.error).toEqual({ Error: "Rejected", Cause: "nip 1990" });
  });

  it("fails with States.Runtime when the path does not resolve to a string, as AWS requires", async () => {
    const arn = await h.machine("fail-not-string", failMachine({ Error: "E", CausePath: "$.detail" }));
    const r = await h.run(arn, { detail: { row: 3 } });
    expect(r).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(r.cause).toContain("CausePath");
  });

  it("validates like AWS: string intrinsics and reference paths pass, other intrinsics and non-reference paths do not", async () => {
    expect(validateDefinition(failMachine({ CausePath: "States.Hash($.a, 'SHA-256')" })).ok).toBe(true);
    expect(
      validateDefinition(failMachine({ ErrorPath: "States.UUID()", CausePath: "$$.Execution.Id" })).ok,
    ).toBe(true);
    const math = validateDefinition(failMachine({ CausePath: "States.MathAdd($.a, 1)" }));
    expect(math.ok).toBe(false);
    const wildcard = validateDefinition(failMachine({ ErrorPath: "$..err" }));
    expect(wildcard.ok).toBe(false);
    await expect(
      h.sfn.send(
        new CreateStateMachineCommand({
          name: "fail-math",
          definition: JSON.stringify(failMachine({ CausePath: "States.MathAdd($.a, 1)" })),
          roleArn: "arn:aws:iam::123456789012:role/test",
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidDefinition" });
    // The library the validator builds on accepts intrinsics there as well (it checked them as JSONPath before).
    const aslValidator = createRequire(import.meta.url)("asl-validator") as (d: unknown) => {
      isValid: boolean;
    };
    expect(
      aslValidator(failMachine({ ErrorPath: "$.e", CausePath: "States.Format('{}', $.c)" })).isValid,
    ).toBe(true);
  });
});

describe("definitions the local engine would run differently from AWS are refused at creation", () => {
  it.each([
    [
      "QueryLanguage JSONata",
      { QueryLanguage: "JSONata", StartAt: "P", States: { P: { Type: "Pass", End: true } } },
    ],
    ["Assign", { StartAt: "P", States: { P: { Type: "Pass", Assign: { x: 1 }, End: true } } }],
    [
      "ItemBatcher",
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemBatcher: { MaxItemsPerBatch: 2 },
            ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
    ],
  ])("%s", async (_label, definition) => {
    const result = validateDefinition(definition);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.map((d) => d.code)).toContain("UNSUPPORTED_BY_LOCAL_ENGINE");
  });
});

describe("heartbeat timeout: reported as States.Timeout, matched by States.HeartbeatTimeout and States.Timeout", () => {
  const waiting = (extra: object = {}) => ({
    StartAt: "Ask",
    States: {
      Ask: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters: { FunctionName: "remember", Payload: { "token.$": "$$.Task.Token" } },
        HeartbeatSeconds: 60,
        TimeoutSeconds: 3600,
        ...extra,
      },
      Caught: { Type: "Pass", End: true },
    },
  });
  const uncaught = () => {
    const d = waiting({ End: true }) as { States: Record<string, unknown> };
    delete d.States.Caught;
    return d;
  };

  it("an uncaught missed heartbeat fails the execution with States.Timeout and no cause, as AWS's history shows", async () => {
    const arn = await h.machine("hb-uncaught", uncaught());
    const exec = await h.start(arn);
    await h.states.engine.idle();
    await h.states.engine.advance(61_000);
    const d = await h.finished(exec);
    expect(d.status).toBe("FAILED");
    expect(d.error).toBe("States.Timeout");
    expect(d.cause).toBeUndefined();
    const events = await h.history(exec);
    const timedOut = events.find((e) => e.type === "TaskTimedOut");
    expect(timedOut.taskTimedOutEventDetails).toEqual({
      resourceType: "lambda",
      resource: "invoke.waitForTaskToken",
      error: "States.Timeout",
    });
    expect(events.at(-1)).toMatchObject({
      type: "ExecutionFailed",
      executionFailedEventDetails: { error: "States.Timeout" },
    });
    expect(events.at(-1).executionFailedEventDetails.cause).toBeUndefined();
  });

  it.each([["States.HeartbeatTimeout"], ["States.Timeout"], ["States.ALL"]])(
    "a catcher on %s catches it and sees Error States.Timeout without a Cause",
    async (name) => {
      const arn = await h.machine(
        `hb-${name.replace(/\W/g, "")}`,
        waiting({
          Catch: [{ ErrorEquals: [name], ResultPath: "$.error", Next: "Caught" }],
          End: true,
        }),
      );
      const exec = await h.start(arn, { id: 1 });
      await h.states.engine.idle();
      const token = tokens.at(-1)!;
      await h.states.engine.advance(40_000);
      await h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      await h.states.engine.advance(40_000); // 80 s in, 40 s after the heartbeat: still waiting
      await h.states.engine.advance(21_000);
      const d = await h.finished(exec);
      expect(d.status).toBe("SUCCEEDED");
      expect(JSON.parse(d.output!)).toEqual({ id: 1, error: { Error: "States.Timeout" } });
    },
  );

  it("States.TaskFailed does not catch it (it is a States.Timeout)", async () => {
    const arn = await h.machine(
      "hb-taskfailed",
      waiting({
        Catch: [{ ErrorEquals: ["States.TaskFailed"], Next: "Caught" }],
        End: true,
      }),
    );
    const exec = await h.start(arn);
    await h.states.engine.idle();
    await h.states.engine.advance(61_000);
    expect(await h.finished(exec)).toMatchObject({ status: "FAILED", error: "States.Timeout" });
  });

  it("States.HeartbeatTimeout does not catch the Task's own TimeoutSeconds, and a retrier on it retries heartbeats only", async () => {
    const arn = await h.machine(
      "hb-vs-timeout",
      waiting({
        HeartbeatSeconds: 600,
        TimeoutSeconds: 100,
        Catch: [{ ErrorEquals: ["States.HeartbeatTimeout"], Next: "Caught" }],
        End: true,
      }),
    );
    const exec = await h.start(arn);
    await h.states.engine.idle();
    await h.states.engine.advance(101_000);
    expect(await h.finished(exec)).toMatchObject({ status: "FAILED", error: "States.Timeout" });

    const retried = await h.machine(
      "hb-retry",
      waiting({
        Retry: [{ ErrorEquals: ["States.HeartbeatTimeout"], IntervalSeconds: 1, MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ["States.Timeout"], ResultPath: "$.error", Next: "Caught" }],
        End: true,
      }),
    );
    const before = tokens.length;
    const second = await h.start(retried, {});
    await h.states.engine.idle();
    await h.states.engine.advance(61_000); // first attempt misses its heartbeat, retried after 1 s
    await h.states.engine.advance(2_000);
    expect(tokens.length).toBe(before + 2);
    await h.states.engine.advance(61_000); // the retry misses it too: retries exhausted, the catcher takes it
    const d = await h.finished(second);
    expect(d.status).toBe("SUCCEEDED");
    expect(JSON.parse(d.output!)).toEqual({ error: { Error: "States.Timeout" } });
  });
});

describe("Lambda function timeout: enforced locally with Lambda's Sandbox.Timedout", () => {
  const invoke = (fn: string, extra: object = {}) => ({
    StartAt: "Call",
    States: {
      Call: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: fn, Payload: {} },
        ...extra,
      },
      Caught: { Type: "Pass", End: true },
    },
  });

  it("fails the Task with Sandbox.Timedout and Lambda's payload as cause once the function's timeout passes", async () => {
    slowFunction("slow-a", 1, 2_500);
    const definition = invoke("slow-a", { End: true }) as { States: Record<string, unknown> };
    delete definition.States.Caught;
    const arn = await h.machine("lambda-timeout", definition);
    const started = Date.now();
    const r = await h.run(arn);
    const took = Date.now() - started;
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("Sandbox.Timedout");
    const cause = JSON.parse(r.cause!);
    expect(cause.errorType).toBe("Sandbox.Timedout");
    expect(cause.errorMessage).toMatch(
      /^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/,
    );
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(2_400); // it did not wait for the handler
    expect(remainingAtStart).toBeGreaterThan(0);
    expect(remainingAtStart).toBeLessThanOrEqual(1_000);
    const events = await h.history(r.executionArn);
    expect(events.find((e) => e.type === "TaskFailed").taskFailedEventDetails).toMatchObject({
      resourceType: "lambda",
      resource: "invoke",
      error: "Sandbox.Timedout",
    });
    // The handler's late answer changes nothing.
    const late = lateResults;
    await sleep(1_800);
    expect(lateResults).toBe(late + 1);
    expect((await h.history(r.executionArn)).length).toBe(events.length);
  });

  it("retriers and catchers see the same name: a retrier on Sandbox.Timedout, then States.TaskFailed catches it", async () => {
    slowFunction("slow-b", 1, 1_500);
    const arn = await h.machine(
      "lambda-timeout-caught",
      invoke("slow-b", {
        Retry: [{ ErrorEquals: ["Sandbox.Timedout"], IntervalSeconds: 1, MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ["States.TaskFailed"], ResultPath: "$.error", Next: "Caught" }],
        End: true,
      }),
    );
    const exec = await h.start(arn, {});
    await h.states.engine.advance(0);
    await sleep(1_100);
    await h.states.engine.advance(1_000);
    const d = await h.finished(exec);
    expect(d.status).toBe("SUCCEEDED");
    expect(JSON.parse(d.output!).error.Error).toBe("Sandbox.Timedout");
    const failures = (await h.history(exec)).filter((e) => e.type === "TaskFailed");
    expect(failures).toHaveLength(2);
  });

  it("the registry's local resolver gives every function the timeout the stacks deploy it with", () => {
    const resolve = localLambdaResolver({ deps: () => ({}) });
    for (const spec of Object.values(stepFunctions)) {
      const fn = resolve(deployedName(spec.name));
      expect(fn?.timeoutSeconds, spec.name).toBe(spec.timeoutSeconds);
      expect(typeof fn?.handler).toBe("function");
    }
  });

  it("a run may relax the local timeouts by KINERJA_LAMBDA_TIMEOUT_SCALE, never tighten them", () => {
    const spec = stepFunctions.TakeMeasurementSnapshotFunction;
    const relaxed = localLambdaResolver({ deps: () => ({}), timeoutScale: 4 })(deployedName(spec.name));
    expect(relaxed?.timeoutSeconds).toBe(spec.timeoutSeconds * 4);
    expect(lambdaTimeoutScale({})).toBe(1);
    expect(lambdaTimeoutScale({ KINERJA_LAMBDA_TIMEOUT_SCALE: "2.5" })).toBe(2.5);
    expect(() => lambdaTimeoutScale({ KINERJA_LAMBDA_TIMEOUT_SCALE: "0.5" })).toThrow(/at least 1/);
    expect(() => lambdaTimeoutScale({ KINERJA_LAMBDA_TIMEOUT_SCALE: "lots" })).toThrow(/at least 1/);
  });
});
