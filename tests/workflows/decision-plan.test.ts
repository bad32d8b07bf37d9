import { describe, expect, it } from "vitest";
import { resolveCycleSettings } from "../../packages/core/src/services/cycle-settings";
import { planDecisionRound, EXECUTION_BUDGET_MS } from "../../packages/core/src/services/decision-plan";

const DAY = 86_400_000;
const now = new Date("2027-02-01T00:00:00Z");
const settings = resolveCycleSettings({});

describe("planning the rounds of a decision", () => {
  it("requests, reminds after reminderAfterDays, escalates at escalateAfterDays, then reports it overdue", () => {
    const plan = (round: number) =>
      planDecisionRound({ kind: "review", round, now, executionStartTime: now, settings });
    expect([1, 2, 3].map((r) => [plan(r).mailKind, plan(r).timeoutSeconds / 86_400])).toEqual([
      ["request", 3],
      ["reminder", 4],
      ["escalation", 7],
    ]);
    expect(plan(4).action).toBe("overdue");
    expect(plan(1).expiresAt).toBe(new Date(now.getTime() + 14 * DAY).toISOString());
  });

  it("never escalates an objection decision above the superior, nor an employee's SKP", () => {
    for (const kind of ["objection-decision", "skp-proposal"] as const) {
      const kinds = [1, 2, 3].map(
        (round) => planDecisionRound({ kind, round, now, executionStartTime: now, settings }).mailKind,
      );
      expect(kinds).toEqual(["request", "reminder", "reminder"]);
    }
  });

  it("goes on without a realisation report once its reminders ran out", () => {
    expect(
      planDecisionRound({ kind: "realization", round: 3, now, executionStartTime: now, settings }).action,
    ).toBe("proceed-without");
  });

  it("bounds the acknowledgement by the objection deadline and then acknowledges automatically", () => {
    const deadline = new Date(now.getTime() + 14 * DAY);
    const first = planDecisionRound({
      kind: "acknowledgement",
      round: 1,
      now,
      executionStartTime: now,
      settings,
      objectionDeadline: deadline,
    });
    expect(first).toMatchObject({ action: "open", mailKind: "request", timeoutSeconds: 3 * 86_400 });
    const later = new Date(now.getTime() + 3 * DAY);
    const second = planDecisionRound({
      kind: "acknowledgement",
      round: 2,
      now: later,
      executionStartTime: now,
      settings,
      objectionDeadline: deadline,
    });
    expect(second).toMatchObject({ action: "open", mailKind: "reminder", timeoutSeconds: 11 * 86_400 });
    const after = new Date(deadline.getTime() + 1);
    expect(
      planDecisionRound({
        kind: "acknowledgement",
        round: 2,
        now: after,
        executionStartTime: now,
        settings,
        objectionDeadline: deadline,
      }).action,
    ).toBe("auto-acknowledge");
  });

  it("continues in a new execution rather than wait past the execution budget", () => {
    const start = new Date(now.getTime() - EXECUTION_BUDGET_MS + DAY);
    expect(
      planDecisionRound({ kind: "review", round: 1, now, executionStartTime: start, settings }).action,
    ).toBe("continue-as-new");
  });

  it("refuses settings that escalate before reminding", () => {
    expect(() => resolveCycleSettings({ reminderAfterDays: 7, escalateAfterDays: 3 })).toThrow(
      /escalateAfterDays/,
    );
  });
});
