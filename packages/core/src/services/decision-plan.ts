// Pure planning of the rounds of a human decision: request, reminder, escalation and what happens when
// time is up. The ASL loops PlanDecision -> AwaitDecision (TimeoutSecondsPath) -> AdvanceDecisionRound.
import type { CycleSettings } from "./cycle-settings";

/** The decision kinds of the appraisal workflow (DESIGN.md section 3). */
export const DECISION_KINDS = [
  "skp-proposal",
  "skp-approval",
  "realization",
  "review",
  "acknowledgement",
  "objection-decision",
] as const;

/** One decision kind. */
export type FlowDecisionKind = (typeof DECISION_KINDS)[number];

/** What the workflow does in this round. */
export type PlanAction = "open" | "auto-acknowledge" | "proceed-without" | "overdue" | "continue-as-new";

/** One planned round. */
export interface DecisionPlan {
  action: PlanAction;
  /** Bound of this round's wait (TimeoutSecondsPath); 0 when nothing is opened. */
  timeoutSeconds: number;
  mailKind: "request" | "reminder" | "escalation";
  /** When this round's answer is due (shown in the mail). */
  dueAt: string;
  /** When the link stops working: the end of the last round, so reminders and escalations keep the same link alive. */
  expiresAt: string;
}

const DAY = 86_400_000;

/** Longest a single execution may run before it continues in a new one (AWS's limit is 365 days; keep a margin). */
export const EXECUTION_BUDGET_MS = 330 * DAY;

interface Round {
  mailKind: DecisionPlan["mailKind"];
  ms: number;
}

/** The rounds of each kind: approvers are escalated to the superior of the appraising official; employees get reminders. */
function roundsFor(kind: FlowDecisionKind, s: CycleSettings): Round[] {
  const reminder = s.reminderAfterDays * DAY;
  const untilEscalation = Math.max(s.escalateAfterDays - s.reminderAfterDays, 1) * DAY;
  const afterEscalation = s.escalateAfterDays * DAY;
  switch (kind) {
    case "skp-approval":
    case "review":
      return [
        { mailKind: "request", ms: reminder },
        { mailKind: "reminder", ms: untilEscalation },
        { mailKind: "escalation", ms: afterEscalation },
      ];
    case "objection-decision":
    case "skp-proposal":
      // The objection decision belongs to the superior alone (DOMAIN 7, rule 35) and the SKP to the employee:
      // nobody above can take it over, so they get a second reminder instead of an escalation.
      return [
        { mailKind: "request", ms: reminder },
        { mailKind: "reminder", ms: untilEscalation },
        { mailKind: "reminder", ms: afterEscalation },
      ];
    case "realization":
      return [
        { mailKind: "request", ms: reminder },
        { mailKind: "reminder", ms: untilEscalation },
      ];
    case "acknowledgement":
      return []; // planned from the objection deadline instead
  }
}

/** Input of `planDecisionRound`. */
export interface PlanDecisionInput {
  kind: FlowDecisionKind;
  /** 1 for the first request. */
  round: number;
  now: Date;
  executionStartTime: Date;
  settings: CycleSettings;
  /** For acknowledgement: the end of the objection window (exclusive instant). */
  objectionDeadline?: Date;
  budgetMs?: number;
}

/** Plans one round; deterministic for the same input so a retried PlanDecision plans the same round. */
export function planDecisionRound(input: PlanDecisionInput): DecisionPlan {
  const now = input.now.getTime();
  const budget = input.budgetMs ?? EXECUTION_BUDGET_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const closed = (action: PlanAction): DecisionPlan => ({
    action,
    timeoutSeconds: 0,
    mailKind: "reminder",
    dueAt: iso(now),
    expiresAt: iso(now),
  });
  let round: Round | undefined;
  let remainingMs: number;
  if (input.kind === "acknowledgement") {
    if (!input.objectionDeadline) throw new RangeError("acknowledgement needs the objection deadline");
    const left = input.objectionDeadline.getTime() - now;
    if (left <= 0 || input.round > 2) return closed("auto-acknowledge");
    const reminderMs = input.settings.reminderAfterDays * DAY;
    round =
      input.round === 1 && reminderMs < left
        ? { mailKind: "request", ms: reminderMs }
        : { mailKind: input.round === 1 ? "request" : "reminder", ms: left };
    remainingMs = left;
  } else {
    const rounds = roundsFor(input.kind, input.settings);
    round = rounds[input.round - 1];
    if (!round) return closed(input.kind === "realization" ? "proceed-without" : "overdue");
    remainingMs = rounds.slice(input.round - 1).reduce((sum, r) => sum + r.ms, 0);
  }
  if (now + round.ms - input.executionStartTime.getTime() > budget) return closed("continue-as-new");
  return {
    action: "open",
    timeoutSeconds: Math.max(1, Math.ceil(round.ms / 1000)),
    mailKind: round.mailKind,
    dueAt: iso(now + round.ms),
    expiresAt: iso(now + remainingMs),
  };
}
