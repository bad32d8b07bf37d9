import { describe, expect, it } from "vitest";
import {
  ACTORS,
  isTerminalStage,
  LIVE_STAGES,
  STAGES,
} from "../../../../packages/core/src/appraisal/appraisal";

// Who may move an appraisal between stages is enforced where the moves happen: each workflow step checks the stage it
// acts on (StageConflictError) and the decision it applies, and cycle-control checks HR's retry and cancel (their tests
// are in tests/workflows). This file checks the shared vocabulary only.
describe("appraisal lifecycle vocabulary", () => {
  it("declares the stages and actors of DESIGN 1, the working ones in order", () => {
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
    expect(LIVE_STAGES).toEqual(STAGES.slice(0, 5));
    expect(ACTORS).toEqual(["employee", "appraiser", "superior-of-appraiser", "hr", "system"]);
  });

  it("treats done and cancelled as final (not failed: HR may retry it)", () => {
    expect(STAGES.filter(isTerminalStage)).toEqual(["done", "cancelled"]);
  });
});
