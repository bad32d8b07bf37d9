// HR resends a pending decision's link (issue 17 item 2): a mail that bounced, went to a wrong address or was lost.
// A freshly signed link to the same pending decision (equivalent to the first: same decision, recipient and expiry)
// is mailed once per confirmed request, to the recipient's address or to an address HR corrects.
//
// Where a corrected address is recorded: on the running appraisal (the employee's, appraiser's or superior's address
// the workflow mails), so this decision's reminders and escalations and the appraisal's next decisions reach it too.
// The employee data is not changed here: it is the organisation import's (the next import would overwrite it), so
// HR corrects the source file as well; the page says so. Every resend is audited `link-resent` on the appraisal.
import { decisionRepo, type DecisionRecord } from "../decision/decision.repo";
import { mailDecision } from "../decision/decision-mail";
import type { DecisionDeps, Recipient } from "../decision/decision-deps";
import type { FlowAppraisal } from "../appraisal-flow/flow-store";
import { HrConflictError, HrNotFoundError } from "./hr.errors";
import type { HrActor, HrDeps } from "./hr-deps";
import { TransientError } from "../storage/storage.errors";

/** Resends of one decision to one recipient within a day: enough for two corrections, not a mail cannon. */
export const RESEND_LIMIT_PER_DAY = 3;
const DAY_MS = 86_400_000;

/** What HR asks: which pending decision (default: the appraisal's only one), for whom, and where to. */
export interface ResendLinkInput {
  appraisalId: string;
  /** The pending decision (its public id); optional when the appraisal waits on one decision only. */
  decisionId?: string;
  /** The recipient (NIP) of that decision; default the person first asked. */
  recipientNip?: string;
  /** A corrected address (validated at the edge); default the address the link went to. */
  email?: string;
  /** Names this request (the confirmation form's, or the API's idempotency key): confirming twice mails once. */
  requestId: string;
}

/** What was done. */
export interface ResendLinkResult {
  appraisalId: string;
  decisionId: string;
  kind: string;
  recipient: { nip: string; name: string; role: string };
  to: string;
  previousEmail: string;
  linkId: string;
  /** The corrected address now stands on the running appraisal. */
  emailRecorded: boolean;
  /** This request had already mailed (a repeated confirmation): nothing new went out. */
  repeated: boolean;
}

const isPending = (d: DecisionRecord, now: number) => d.status === "pending" && Date.parse(d.expiresAt) > now;

/** The appraisal's decisions HR may resend now (pending, not expired), oldest first. */
export async function resendableDecisions(deps: Pick<HrDeps, "storage" | "clock">, appraisalId: string) {
  const now = deps.clock.now().getTime();
  return (await decisionRepo(deps.storage).listByAppraisal(appraisalId))
    .filter((d) => isPending(d, now))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Picks the decision and recipient HR means, or says in Indonesian why there is none. */
export async function resendTarget(
  deps: Pick<HrDeps, "storage" | "clock" | "control">,
  input: Pick<ResendLinkInput, "appraisalId" | "decisionId" | "recipientNip">,
): Promise<{ decision: DecisionRecord; recipient: Recipient }> {
  const pending = await resendableDecisions(deps, input.appraisalId);
  if (pending.length === 0) {
    if (!(await deps.control.store.getAppraisal(input.appraisalId)))
      throw new HrNotFoundError("hrAppraisalNotFound", { appraisalId: input.appraisalId });
    throw new HrConflictError("hrResendNoPending", { appraisalId: input.appraisalId });
  }
  const decision = input.decisionId
    ? pending.find((d) => d.decisionId === input.decisionId)
    : pending.length === 1
      ? pending[0]
      : undefined;
  if (!decision)
    throw new HrConflictError(input.decisionId ? "hrResendDecisionGone" : "hrResendWhichDecision", {
      appraisalId: input.appraisalId,
    });
  const recipients = decision.recipients ?? [];
  const recipient = input.recipientNip ? recipients.find((r) => r.nip === input.recipientNip) : recipients[0];
  if (!recipient) throw new HrConflictError("hrResendNoRecipient", { nip: input.recipientNip ?? "-" });
  return { decision, recipient: recipient as Recipient };
}

/** The address the running appraisal mails this person at now (a corrected one once HR changed it). */
export function currentEmail(
  record: Pick<FlowAppraisal, "nip" | "email" | "appraiser" | "superiorOfAppraiser"> | undefined,
  recipient: { nip: string; email: string },
): string {
  if (record?.nip === recipient.nip) return record.email;
  if (record?.appraiser.nip === recipient.nip) return record.appraiser.email;
  if (record?.superiorOfAppraiser?.nip === recipient.nip) return record.superiorOfAppraiser.email;
  return recipient.email;
}

// The running appraisal with `nip`'s address replaced, or undefined when the appraisal does not mail them there.
function withEmail(record: FlowAppraisal, nip: string, email: string): FlowAppraisal | undefined {
  const fix = <P extends { nip: string; email: string }>(p: P | undefined) =>
    p && p.nip === nip && p.email !== email ? { ...p, email } : p;
  const next: FlowAppraisal = {
    ...record,
    ...(record.nip === nip && record.email !== email ? { email } : {}),
    appraiser: fix(record.appraiser)!,
    ...(record.superiorOfAppraiser ? { superiorOfAppraiser: fix(record.superiorOfAppraiser) } : {}),
  };
  const changed =
    next.email !== record.email ||
    next.appraiser !== record.appraiser ||
    next.superiorOfAppraiser !== record.superiorOfAppraiser;
  return changed ? { ...next, version: record.version + 1 } : undefined;
}

/**
 * Mails the pending decision's link again (see the file comment). Refused (409, Indonesian) when nothing is pending,
 * the decision was taken meanwhile, or this recipient already got RESEND_LIMIT_PER_DAY resends of it today.
 */
export async function resendPendingLink(
  deps: HrDeps,
  decisions: DecisionDeps,
  input: ResendLinkInput,
  actor: HrActor,
): Promise<ResendLinkResult> {
  const { decision, recipient } = await resendTarget(deps, input);
  const eventId = `link-resent#${input.requestId}`;
  const now = deps.clock.now();
  const trail = await deps.storage.audit.listAudit(input.appraisalId);
  const repeated = trail.some((e) => e.eventId === eventId);
  const today = trail.filter(
    (e) =>
      e.action === "link-resent" &&
      (e.detail as { decisionId?: string; nip?: string } | undefined)?.decisionId === decision.decisionId &&
      (e.detail as { nip?: string }).nip === recipient.nip &&
      now.getTime() - Date.parse(e.at) < DAY_MS,
  );
  if (!repeated && today.length >= RESEND_LIMIT_PER_DAY)
    throw new HrConflictError("hrResendLimit", {
      name: recipient.name,
      limit: RESEND_LIMIT_PER_DAY,
    });
  const running = await deps.control.store.getAppraisal(input.appraisalId);
  const previous = currentEmail(running, recipient);
  const to = input.email ?? previous;
  // Claimed per request: a repeated confirmation returns the link mailed the first time and sends nothing.
  const linkId = await mailDecision(decisions, {
    mailKey: `resend#${input.requestId}`,
    decisionKey: decision.decisionKey,
    decisionId: decision.decisionId,
    kind: decision.kind,
    employee: decision.employee,
    recipient: { ...recipient, email: to },
    originalRecipient: decision.recipients?.[0],
    tokenHash: decision.taskTokenHash,
    mailKind: "request",
    dueAt: decision.dueAt ?? decision.expiresAt,
    expiresAt: decision.expiresAt,
  });
  const audit = {
    at: now.toISOString(),
    eventId,
    actor: `hr:${actor.subject}`,
    action: "link-resent",
    kind: decision.kind,
    linkId,
    detail: {
      decisionId: decision.decisionId,
      nip: recipient.nip,
      name: recipient.name,
      email: to,
      ...(to !== previous ? { previousEmail: previous } : {}),
      ...(actor.name ? { by: actor.name } : {}),
    },
  };
  let emailRecorded = false;
  for (let attempt = 0; ; attempt++) {
    const record = attempt === 0 ? running : await deps.control.store.getAppraisal(input.appraisalId);
    const next = record ? withEmail(record, recipient.nip, to) : undefined;
    try {
      // One write: the corrected address and the event together (a step saving meanwhile makes us read again).
      if (next) await deps.control.store.saveAppraisal(next, audit);
      else await deps.storage.audit.appendAudit({ appraisalId: input.appraisalId, ...audit });
      emailRecorded = !!next;
      break;
    } catch (err) {
      if (err instanceof TransientError && attempt < 5) continue;
      throw err;
    }
  }
  return {
    appraisalId: input.appraisalId,
    decisionId: decision.decisionId,
    kind: decision.kind,
    recipient: { nip: recipient.nip, name: recipient.name, role: recipient.role },
    to,
    previousEmail: previous,
    linkId,
    emailRecorded,
    repeated,
  };
}
