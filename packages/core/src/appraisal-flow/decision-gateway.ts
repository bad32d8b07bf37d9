// The port through which the workflow opens and closes pending decisions; the step deps bind it to the
// decision service (packages/core/src/decision) so the flow services stay independent of its wiring.
import type { FlowPerson } from "./flow-store";
import type { FlowDecisionKind } from "../decision/decision-kinds";

/** A decision as the workflow received it (the AwaitDecision task's output), passed to the Record steps. */
export interface DeliveredDecision {
  kind: string;
  decision: Record<string, unknown>;
  decidedBy?: { nip: string; name: string; role: string };
  linkId?: string;
  decidedAt: string;
  automatic?: boolean;
}

/** Input of opening (or re-opening) a pending decision (see the decision contract). */
export interface OpenDecisionRequest {
  decisionKey: string;
  kind: FlowDecisionKind;
  appraisalId: string;
  cycleId: string;
  employee: { nip: string; name: string };
  recipient: FlowPerson & { role: "employee" | "appraiser" | "superior-of-appraiser" | "hr" };
  taskToken: string;
  dueAt: string;
  expiresAt: string;
  context: Record<string, unknown>;
  mailKind: "request" | "reminder" | "escalation";
}

/** Where mail for HR (pengelola kinerja) goes: the deployment's HR contact (KINERJA_HR_EMAIL). */
export interface HrContact {
  name: string;
  email: string;
}

/**
 * A mail without a decision link telling someone above that a decision is overdue (or was closed for want of an
 * answer): the appraiser of an employee who does not act, or HR when nobody in the organisation may act instead.
 */
export interface DecisionNoticeRequest {
  decisionKey: string;
  kind: FlowDecisionKind;
  appraisalId: string;
  employee: { nip: string; name: string };
  to: { name: string; email: string; role: "appraiser" | "superior-of-appraiser" | "hr" };
  /** The person who must act (named in the notice; they keep getting reminders). */
  asked: { name: string; role: "employee" | "appraiser" | "superior-of-appraiser" | "hr" };
  /** The decision's deadline: overdue since then. */
  dueAt: string;
  /** Until when the person asked may still act (the decision's links expire then). */
  expiresAt: string;
  /** `overdue`: still open, the person asked is reminded; `auto-acknowledged`: the window closed without an answer. */
  state: "overdue" | "auto-acknowledged";
}

/** Pending decisions as the workflow uses them. */
export interface DecisionGateway {
  /** Opens or re-opens the decision and mails the recipient (or delivers an already-made decision at once). */
  open(request: OpenDecisionRequest): Promise<{ decisionId: string; linkIds: string[]; delivered?: boolean }>;
  /** Closes a still-pending decision as expired (timeout) or superseded (cancellation). */
  close(request: {
    decisionKey: string;
    status: "expired" | "superseded";
    reason: string;
    decidedBy?: string;
  }): Promise<void>;
  /**
   * Marks the decision taken through `linkId` delivered because the workflow consumed it (idempotent; no-op otherwise);
   * `delivered`, the outcome the workflow received, restores a claim the table lost.
   */
  consumed?(input: { linkId: string; delivered?: DeliveredDecision }): Promise<void>;
  /** The stored status and delivery of a decision, or null when none was opened under the key. */
  state?(decisionKey: string): Promise<{ status: string; delivery: string } | null>;
  /** Mails a notice (no link) that a decision is overdue; idempotent per decision, deadline and recipient. */
  notify?(request: DecisionNoticeRequest): Promise<void>;
  /**
   * Resumes a workflow task that waits on `taskToken` for something other than a link (an employee waiting for their
   * appraiser's SKP approval); false when the token no longer waits (timed out, stopped, already resumed).
   */
  resume?(taskToken: string): Promise<boolean>;
  /**
   * Mails the employee their revised result (optional: absent when mail is not wired): after an upheld objection, or
   * (`cause: "org-rating"`) a unit head's after HR set the organisation rating their results rating follows.
   */
  notifyRevisedResult?(input: {
    appraisalId: string;
    employee: FlowPerson;
    predikat: string;
    note: string;
    cause?: "objection-upheld" | "org-rating";
  }): Promise<void>;
}
