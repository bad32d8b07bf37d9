import { describe, expect, it } from "vitest";
import { errorMatches, findCatcher, nextRetry } from "../../../packages/local/src/engine/asl/retry";

describe("errorMatches", () => {
  it("matches exact names and States.ALL", () => {
    expect(errorMatches(["AppraisalNotFound"], "AppraisalNotFound")).toBe(true);
    expect(errorMatches(["AppraisalNotFound"], "Other")).toBe(false);
    expect(errorMatches(["States.ALL"], "Lambda.ServiceException")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Timeout")).toBe(true);
  });
  it("never lets States.ALL catch States.DataLimitExceeded or States.Runtime", () => {
    expect(errorMatches(["States.ALL"], "States.DataLimitExceeded")).toBe(false);
    expect(errorMatches(["States.DataLimitExceeded"], "States.DataLimitExceeded")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Runtime")).toBe(false);
    expect(errorMatches(["States.Runtime"], "States.Runtime")).toBe(false);
  });
  it("lets States.TaskFailed match everything but States.Timeout", () => {
    expect(errorMatches(["States.TaskFailed"], "MyError")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.Timeout")).toBe(false);
  });
  it("treats a missed heartbeat as a States.Timeout that States.HeartbeatTimeout also matches (AWS)", () => {
    expect(errorMatches(["States.HeartbeatTimeout"], "States.HeartbeatTimeout")).toBe(true);
    expect(errorMatches(["States.Timeout"], "States.HeartbeatTimeout")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.HeartbeatTimeout")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.HeartbeatTimeout")).toBe(false);
    expect(errorMatches(["States.HeartbeatTimeout"], "States.Timeout")).toBe(false);
  });
});

describe("nextRetry", () => {
  it("uses AWS defaults: 1 s interval, backoff 2, three attempts", () => {
    const retriers = [{ ErrorEquals: ["States.ALL"] }];
    expect(nextRetry(retriers, "X", [0])).toEqual({ retrierIndex: 0, delayMs: 1000 });
    expect(nextRetry(retriers, "X", [1])).toEqual({ retrierIndex: 0, delayMs: 2000 });
    expect(nextRetry(retriers, "X", [2])).toEqual({ retrierIndex: 0, delayMs: 4000 });
    expect(nextRetry(retriers, "X", [3])).toBeNull();
  });
  it("caps the delay at MaxDelaySeconds", () => {
    const retriers = [
      { ErrorEquals: ["X"], IntervalSeconds: 3, BackoffRate: 10, MaxAttempts: 5, MaxDelaySeconds: 60 },
    ];
    expect(nextRetry(retriers, "X", [1])?.delayMs).toBe(30000);
    expect(nextRetry(retriers, "X", [2])?.delayMs).toBe(60000);
  });
  it("applies FULL jitter between zero and the computed delay", () => {
    const retriers = [{ ErrorEquals: ["X"], IntervalSeconds: 4, JitterStrategy: "FULL" as const }];
    expect(nextRetry(retriers, "X", [1], () => 0.25)?.delayMs).toBe(2000);
    expect(nextRetry(retriers, "X", [1], () => 0)?.delayMs).toBe(0);
    expect(nextRetry([{ ...retriers[0]!, JitterStrategy: "NONE" }], "X", [1], () => 0.25)?.delayMs).toBe(
      8000,
    );
  });
  it("uses the first matching retrier only, even when it is exhausted", () => {
    const retriers = [
      { ErrorEquals: ["X"], MaxAttempts: 1 },
      { ErrorEquals: ["States.ALL"], MaxAttempts: 5 },
    ];
    expect(nextRetry(retriers, "X", [0, 0])?.retrierIndex).toBe(0);
    expect(nextRetry(retriers, "X", [1, 0])).toBeNull();
    expect(nextRetry(retriers, "Y", [1, 0])?.retrierIndex).toBe(1);
  });
  it("never retries with MaxAttempts 0, without retriers, or for States.Runtime", () => {
    expect(nextRetry([{ ErrorEquals: ["X"], MaxAttempts: 0 }], "X", [])).toBeNull();
    expect(nextRetry(undefined, "X", [])).toBeNull();
    expect(nextRetry([{ ErrorEquals: ["States.ALL"] }], "States.Runtime", [0])).toBeNull();
  });
});

describe("findCatcher", () => {
  const catchers = [
    { ErrorEquals: ["AppraisalNotFound"], Next: "NotifyHr", ResultPath: "$.error" },
    { ErrorEquals: ["States.TaskFailed"], Next: "Compensate", ResultPath: null },
    { ErrorEquals: ["States.ALL"], Next: "FailCycle" },
  ];
  it("returns the first matching catcher with its ResultPath", () => {
    expect(findCatcher(catchers, "AppraisalNotFound")).toEqual({ Next: "NotifyHr", ResultPath: "$.error" });
    expect(findCatcher(catchers, "Boom")).toEqual({ Next: "Compensate", ResultPath: null });
    expect(findCatcher(catchers, "States.Timeout")).toEqual({ Next: "FailCycle" });
  });
  it("returns null when nothing matches", () => {
    expect(findCatcher(catchers, "States.Runtime")).toBeNull();
    expect(findCatcher(undefined, "X")).toBeNull();
  });
});
