// Pure planning of the rounds of a human decision: request, reminder, escalation and what happens when time is up.
// The ASL loops PlanDecision -> AwaitDecision (TimeoutSecondsPath) -> AdvanceDecisionRound.
//
// One deadline per decision, fixed when it opens (DESIGN 1: reminders after N days, escalation after M days):
// - every kind but acknowledgement: `dueAt` = the opening of its first round + `escalateAfterDays` (the moment the
//   escalation starts). The workflow carries it from round to round and into a continuation (AdvanceDecisionRound
//   copies `$.plan.dueAt` into `$.decision.dueAt`), and the decision record keeps the first one (openDecision never
//   moves it while the decision is pending), so every mail and page shows the same instant.
// - acknowledgement: `dueAt` = the objection deadline (end of the cycle's objection window, Jakarta calendar), derived
//   from the record's feedback date, so it is the same in every round and execution by construction.
// Rounds are instants computed from that deadline, not durations from "now", so a retried plan, a continuation or a
// redelivery round lands in the same round with the same `dueAt` and `expiresAt`:
//
// | kind | request until | reminder until | escalation round until | then |
// |---|---|---|---|---|
// | skp-approval, review | dueAt - (escalate - remind) days | dueAt | dueAt + escalateAfterDays | overdue |
// | skp-proposal, objection-decision | same | same | same | overdue |
// | realization | same | same | same | proceed without |
// | acknowledgement | feedback + reminderAfterDays (capped at dueAt) | dueAt | (none) | automatic acknowledgement |
//
// Who gets which mail in the escalation round is decided by openDecisionRound: the person who must act gets a reminder,
// and someone above is told (with a link to act in their place where the rules allow it).
import type { CycleSettings } from "../cycle/cycle-settings";
import type { FlowDecisionKind } from "../decision/decision-kinds";

/** What the workflow does in this round. */
export type PlanAction =
  "open" | "wait-for-superior" | "auto-acknowledge" | "proceed-without" | "overdue" | "continue-as-new";

/** One planned round. */
export interface DecisionPlan {
  action: PlanAction;
  /** Bound of this round's wait (TimeoutSecondsPath); 0 when nothing is opened. */
  timeoutSeconds: number;
  /** request, reminder, or escalation (the person who must act is reminded and someone above is told). */
  mailKind: "request" | "reminder" | "escalation";
  /** The decision's one deadline, fixed when it opened: the same in every round, mail and page. */
  dueAt: string;
  /** When the link stops working: the end of the last round, so reminders and escalations keep the same link alive. */
  expiresAt: string;
}

const DAY = 86_400_000;

/** Longest a single execution may run before it continues in a new one (AWS's limit is 365 days; keep a margin). */
export const EXECUTION_BUDGET_MS = 330 * DAY;

/**
 * A round whose end is closer than this counts as over: a timer that fired a moment early (clock skew between the
 * scheduler and the Lambda) moves on instead of mailing the same round again.
 */
const ROUND_END_SLACK_MS = 60_000;

/** One round of a decision, ending at an instant. */
export interface DecisionRound {
  mailKind: DecisionPlan["mailKind"];
  endsAt: number;
}

/** The deadline of a decision of `kind` that opens at `openedAt` (acknowledgement: the objection deadline). */
export function decisionDeadline(
  kind: FlowDecisionKind,
  openedAt: Date,
  settings: CycleSettings,
  objectionDeadline?: Date,
): Date {
  if (kind === "acknowledgement") {
    if (!objectionDeadline) throw new RangeError("acknowledgement needs the objection deadline");
    return objectionDeadline;
  }
  return new Date(openedAt.getTime() + settings.escalateAfterDays * DAY);
}

/**
 * The rounds of a decision with deadline `dueAt`. Every kind but acknowledgement: request, reminder from
 * `reminderAfterDays` after opening, and an escalation round of `escalateAfterDays` once the deadline passed (the link
 * keeps working until it ends). Acknowledgement: request and reminder until the objection deadline.
 */
export function decisionRounds(
  kind: FlowDecisionKind,
  dueAt: Date,
  settings: CycleSettings,
  openedAt?: Date,
): DecisionRound[] {
  const due = dueAt.getTime();
  if (kind === "acknowledgement") {
    const opened = openedAt?.getTime() ?? due - settings.objectionWindowDays * DAY;
    const reminderAt = Math.min(opened + settings.reminderAfterDays * DAY, due);
    return reminderAt < due
      ? [
          { mailKind: "request", endsAt: reminderAt },
          { mailKind: "reminder", endsAt: due },
        ]
      : [{ mailKind: "request", endsAt: due }];
  }
  return [
    { mailKind: "request", endsAt: due - (settings.escalateAfterDays - settings.reminderAfterDays) * DAY },
    { mailKind: "reminder", endsAt: due },
    { mailKind: "escalation", endsAt: due + settings.escalateAfterDays * DAY },
  ];
}

/** Input of `planDecisionRound`. */
export interface PlanDecisionInput {
  kind: FlowDecisionKind;
  /** 1 for the first request; each AdvanceDecisionRound adds one. */
  round: number;
  now: Date;
  executionStartTime: Date;
  settings: CycleSettings;
  /** The deadline an earlier round of this decision fixed (carried by the workflow); absent on the first round. */
  dueAt?: Date;
  /** For acknowledgement: the end of the objection window (exclusive instant), which is its deadline. */
  objectionDeadline?: Date;
  /** For acknowledgement: when the result was sent (the objection window opened). */
  openedAt?: Date;
  budgetMs?: number;
}

/** What the workflow does when the last round ended without a decision. */
function closingAction(kind: FlowDecisionKind): PlanAction {
  if (kind === "acknowledgement") return "auto-acknowledge";
  return kind === "realization" ? "proceed-without" : "overdue";
}

/**
 * Plans one round; deterministic for the same input so a retried PlanDecision plans the same round. The round is the
 * later of the workflow's counter and the round the clock is in, so a round never repeats and a late start (a
 * continuation, a delayed retry) skips the rounds whose time has passed.
 */
export function planDecisionRound(input: PlanDecisionInput): DecisionPlan {
  const now = input.now.getTime();
  const budget = input.budgetMs ?? EXECUTION_BUDGET_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const due =
    input.kind === "acknowledgement"
      ? decisionDeadline(input.kind, input.now, input.settings, input.objectionDeadline)
      : (input.dueAt ?? decisionDeadline(input.kind, input.now, input.settings));
  const rounds = decisionRounds(input.kind, due, input.settings, input.openedAt);
  const lastEnd = rounds.at(-1)!.endsAt;
  const byClock = rounds.findIndex((r) => r.endsAt > now + ROUND_END_SLACK_MS);
  const index = byClock < 0 ? rounds.length : Math.max(byClock, input.round - 1);
  const round = rounds[index];
  if (!round)
    return {
      action: closingAction(input.kind),
      timeoutSeconds: 0,
      mailKind: "reminder",
      dueAt: due.toISOString(),
      expiresAt: iso(Math.max(lastEnd, now)),
    };
  const waitMs = round.endsAt - now;
  const mailKind = round.mailKind === "request" && input.round > 1 ? "reminder" : round.mailKind;
  const plan: DecisionPlan = {
    action: "open",
    timeoutSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    mailKind,
    dueAt: due.toISOString(),
    expiresAt: iso(lastEnd),
  };
  if (now + waitMs - input.executionStartTime.getTime() > budget)
    return { ...plan, action: "continue-as-new", timeoutSeconds: 0 };
  return plan;
}

/**
 * How long an employee's task waits for their appraiser's SKP approval before it looks again by itself. The approval
 * resumes the waiting task at once; this bound only heals a wake-up that never came (the appraiser's appraisal was
 * cancelled, a stopped task), at three state transitions a week.
 */
export const CASCADE_RECHECK_MS = 7 * DAY;

/**
 * Plans a wait for the appraiser's SKP approval (rule 27): nothing opens and no deadline runs, so the request, its
 * reminders and its escalation count from when the employee can act. `dueAt` and `expiresAt` are the end of this wait.
 * A wait that would cross the execution budget continues in a new execution first.
 */
export function planCascadeWait(input: {
  now: Date;
  executionStartTime: Date;
  budgetMs?: number;
}): DecisionPlan {
  const until = input.now.getTime() + CASCADE_RECHECK_MS;
  const at = new Date(until).toISOString();
  const wait = {
    timeoutSeconds: CASCADE_RECHECK_MS / 1000,
    mailKind: "request" as const,
    dueAt: at,
    expiresAt: at,
  };
  if (until - input.executionStartTime.getTime() > (input.budgetMs ?? EXECUTION_BUDGET_MS))
    return { ...wait, action: "continue-as-new", timeoutSeconds: 0 };
  return { ...wait, action: "wait-for-superior" };
}
