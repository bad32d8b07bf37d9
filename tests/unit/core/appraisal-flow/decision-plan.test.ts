import { describe, expect, it } from "vitest";
import { resolveCycleSettings } from "../../../../packages/core/src/cycle/cycle-settings";
import {
  decisionDeadline,
  planDecisionRound,
  EXECUTION_BUDGET_MS,
  type PlanDecisionInput,
} from "../../../../packages/core/src/appraisal-flow/decision-plan";

const DAY = 86_400_000;
const now = new Date("2027-02-01T00:00:00Z");
const settings = resolveCycleSettings({});
const at = (days: number) => new Date(now.getTime() + days * DAY);

/** Plans the rounds of a decision as the workflow does: each round starts when the previous one timed out. */
function walk(base: Omit<PlanDecisionInput, "round" | "now" | "executionStartTime">, from = now) {
  const plans = [];
  let clock = from;
  let dueAt = base.dueAt;
  for (let round = 1; round < 10; round++) {
    const plan = planDecisionRound({ ...base, dueAt, round, now: clock, executionStartTime: from });
    plans.push({ ...plan, at: clock.toISOString() });
    if (plan.action !== "open") break;
    dueAt = new Date(plan.dueAt); // AdvanceDecisionRound carries it
    clock = new Date(clock.getTime() + plan.timeoutSeconds * 1000);
  }
  return plans;
}

describe("planning the rounds of a decision", () => {
  it("fixes one deadline when the decision opens: request, reminder, escalation at the deadline, then overdue", () => {
    const plans = walk({ kind: "review", settings });
    expect(plans.map((p) => [p.action, p.mailKind, p.timeoutSeconds / 86_400])).toEqual([
      ["open", "request", 3],
      ["open", "reminder", 4],
      ["open", "escalation", 7],
      ["overdue", "reminder", 0],
    ]);
    // The same deadline (opening + escalateAfterDays) and the same link expiry in every round.
    expect(new Set(plans.map((p) => p.dueAt))).toEqual(new Set([at(7).toISOString()]));
    expect(new Set(plans.slice(0, 3).map((p) => p.expiresAt))).toEqual(new Set([at(14).toISOString()]));
    // The escalation round starts exactly at the deadline.
    expect(plans[2]!.at).toBe(plans[2]!.dueAt);
  });

  it("plans every kind but acknowledgement with the same three rounds and its own end", () => {
    for (const [kind, end] of [
      ["skp-proposal", "overdue"],
      ["skp-approval", "overdue"],
      ["objection-decision", "overdue"],
      ["realization", "proceed-without"],
    ] as const) {
      const plans = walk({ kind, settings });
      expect(plans.map((p) => p.mailKind).slice(0, 3), kind).toEqual(["request", "reminder", "escalation"]);
      expect(plans.at(-1)!.action, kind).toBe(end);
      expect(new Set(plans.map((p) => p.dueAt)).size, kind).toBe(1);
    }
  });

  it("keeps the deadline a continuation or a late retry carries, and skips the rounds whose time passed", () => {
    const dueAt = at(7);
    // A continuation that starts in the middle of the reminder round (round counter 2) waits only until the deadline.
    const resumed = planDecisionRound({
      kind: "skp-approval",
      round: 2,
      now: at(5),
      executionStartTime: at(5),
      settings,
      dueAt,
    });
    expect(resumed).toMatchObject({
      action: "open",
      mailKind: "reminder",
      dueAt: dueAt.toISOString(),
      timeoutSeconds: 2 * 86_400,
      expiresAt: at(14).toISOString(),
    });
    // A retry of round 2 that only runs after the deadline escalates instead of reminding again.
    expect(
      planDecisionRound({
        kind: "skp-approval",
        round: 2,
        now: at(8),
        executionStartTime: now,
        settings,
        dueAt,
      }),
    ).toMatchObject({ mailKind: "escalation", dueAt: dueAt.toISOString(), timeoutSeconds: 6 * 86_400 });
    // A timer that fired a moment early does not repeat the round it ends.
    expect(
      planDecisionRound({
        kind: "skp-approval",
        round: 2,
        now: new Date(at(3).getTime() - 5_000),
        executionStartTime: now,
        settings,
        dueAt,
      }),
    ).toMatchObject({ mailKind: "reminder", timeoutSeconds: 4 * 86_400 + 5 });
  });

  it("takes the deadline of a decision from its opening and the escalation setting", () => {
    expect(decisionDeadline("review", now, resolveCycleSettings({ escalateAfterDays: 10 }))).toEqual(at(10));
    const deadline = at(14.7);
    expect(decisionDeadline("acknowledgement", now, settings, deadline)).toEqual(deadline);
    expect(() => decisionDeadline("acknowledgement", now, settings)).toThrow(/objection deadline/);
  });

  it("bounds the acknowledgement by the objection deadline and then acknowledges automatically", () => {
    const deadline = at(14.7);
    const plans = walk({ kind: "acknowledgement", settings, objectionDeadline: deadline, openedAt: now });
    expect(plans.map((p) => [p.action, p.mailKind, p.timeoutSeconds / 86_400])).toEqual([
      ["open", "request", 3],
      ["open", "reminder", 11.7],
      ["auto-acknowledge", "reminder", 0],
    ]);
    expect(new Set(plans.map((p) => p.dueAt))).toEqual(new Set([deadline.toISOString()]));
    expect(plans[0]!.expiresAt).toBe(deadline.toISOString());
    // A window shorter than the reminder: one request until the deadline.
    const short = walk({
      kind: "acknowledgement",
      settings,
      objectionDeadline: at(2),
      openedAt: now,
    });
    expect(short.map((p) => [p.action, p.mailKind])).toEqual([
      ["open", "request"],
      ["auto-acknowledge", "reminder"],
    ]);
  });

  it("continues in a new execution rather than wait past the execution budget", () => {
    const start = new Date(now.getTime() - EXECUTION_BUDGET_MS + DAY);
    const plan = planDecisionRound({ kind: "review", round: 1, now, executionStartTime: start, settings });
    expect(plan.action).toBe("continue-as-new");
    // The continuation plans the same round with the deadline it carries.
    expect(
      planDecisionRound({
        kind: "review",
        round: 1,
        now,
        executionStartTime: now,
        settings,
        dueAt: new Date(plan.dueAt),
      }),
    ).toMatchObject({ action: "open", mailKind: "request", dueAt: plan.dueAt });
  });

  it("refuses settings that escalate before reminding", () => {
    expect(() => resolveCycleSettings({ reminderAfterDays: 7, escalateAfterDays: 3 })).toThrow(
      /escalateAfterDays/,
    );
  });
});
