import { describe, expect, it } from "vitest";
import {
  ACTORS,
  assertTransition,
  canTransition,
  LIVE_STAGES,
  nextStage,
  STAGES,
} from "../../../packages/core/src/appraisal/appraisal";
import {
  AppraisalError,
  InvalidStageTransitionError,
} from "../../../packages/core/src/appraisal/appraisal.errors";

describe("appraisal lifecycle", () => {
  it("declares the stages and actors of DESIGN 1", () => {
    expect(STAGES).toEqual([
      "target-setting",
      "measurement",
      "review",
      "feedback",
      "follow-up",
      "done",
      "cancelled",
      "failed",
    ]);
    expect(ACTORS).toEqual(["employee", "appraiser", "superior-of-appraiser", "hr", "system"]);
  });

  it("walks the forward path target-setting -> ... -> done", () => {
    expect(canTransition("target-setting", "measurement", "appraiser")).toBe(true);
    expect(canTransition("measurement", "review", "system")).toBe(true);
    expect(canTransition("review", "feedback", "appraiser")).toBe(true);
    expect(canTransition("feedback", "follow-up", "employee")).toBe(true);
    expect(canTransition("feedback", "follow-up", "superior-of-appraiser")).toBe(true);
    expect(canTransition("follow-up", "done", "system")).toBe(true);
    expect(LIVE_STAGES.map((s) => nextStage(s))).toEqual([
      "measurement",
      "review",
      "feedback",
      "follow-up",
      "done",
    ]);
  });

  it("refuses skipping stages, going back, and the wrong actor", () => {
    expect(canTransition("target-setting", "review", "system")).toBe(false);
    expect(canTransition("review", "measurement", "hr")).toBe(false);
    expect(canTransition("target-setting", "measurement", "employee")).toBe(false);
    expect(canTransition("review", "feedback", "employee")).toBe(false);
    expect(canTransition("feedback", "follow-up", "appraiser")).toBe(false);
    expect(canTransition("review", "review", "system")).toBe(false);
  });

  it("lets HR and the system cancel from every live stage and from failed, nobody else", () => {
    for (const stage of [...LIVE_STAGES, "failed" as const]) {
      expect(canTransition(stage, "cancelled", "hr")).toBe(true);
      expect(canTransition(stage, "cancelled", "system")).toBe(true);
      expect(canTransition(stage, "cancelled", "appraiser")).toBe(false);
      expect(canTransition(stage, "cancelled", "employee")).toBe(false);
    }
  });

  it("lets only the system fail a live stage", () => {
    for (const stage of LIVE_STAGES) {
      expect(canTransition(stage, "failed", "system")).toBe(true);
      expect(canTransition(stage, "failed", "hr")).toBe(false);
    }
  });

  it("retries a failed appraisal back into the stage it failed in", () => {
    expect(canTransition("failed", "review", "hr", { failedIn: "review" })).toBe(true);
    expect(canTransition("failed", "feedback", "hr", { failedIn: "review" })).toBe(false);
    expect(canTransition("failed", "review", "employee", { failedIn: "review" })).toBe(false);
    expect(canTransition("failed", "done", "hr")).toBe(false);
  });

  it("never leaves done or cancelled", () => {
    for (const to of STAGES) {
      for (const actor of ACTORS) {
        expect(canTransition("done", to, actor)).toBe(false);
        expect(canTransition("cancelled", to, actor)).toBe(false);
      }
    }
  });

  it("assertTransition throws a typed error naming the move", () => {
    expect(() => assertTransition("done", "review", "hr")).toThrow(InvalidStageTransitionError);
    expect(() => assertTransition("done", "review", "hr")).toThrow(
      /hr may not move an appraisal from done to review/,
    );
    try {
      assertTransition("review", "done", "system");
    } catch (error) {
      expect(error).toBeInstanceOf(AppraisalError);
      expect((error as InvalidStageTransitionError).name).toBe("InvalidStageTransitionError");
      expect((error as InvalidStageTransitionError).to).toBe("done");
    }
    expect(() => assertTransition("review", "feedback", "appraiser")).not.toThrow();
  });

  it("refuses unknown stages and actors", () => {
    expect(canTransition("draft" as never, "measurement", "system")).toBe(false);
    expect(canTransition("target-setting", "measurement", "bupati" as never)).toBe(false);
  });
});
