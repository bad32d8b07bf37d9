// Mailing a decision: its link (request, reminder, escalation) and the overdue notice to someone above, each at most
// once per key so a retried step never mails twice.
import { renderDecisionMail, renderDecisionNotice, type MailKind } from "../mail/templates";
import type { DecisionDeps, Recipient } from "./decision-deps";
import type { DecisionKind } from "./decision-kinds";
import { DECISION_RETENTION_S, epochS, LINK_RETENTION_S } from "./decision-retention";
import { DecisionMailError } from "./decision.errors";
import { decisionRepo } from "./decision.repo";

/**
 * Mails a freshly signed link to a pending decision, at most once per `mailKey` (default: per token, mail kind and
 * recipient). HR's resend (hr/resend-link.ts) passes its own key, one per confirmed request.
 */
export async function mailDecision(
  deps: DecisionDeps,
  m: {
    mailKey?: string;
    decisionKey: string;
    decisionId: string;
    kind: DecisionKind;
    employee: { nip: string; name: string };
    recipient: Recipient;
    originalRecipient?: { name: string };
    tokenHash: string;
    mailKind: MailKind;
    dueAt: string;
    expiresAt: string;
    approvedSuperiorSkp?: { name: string };
  },
): Promise<string> {
  const repo = decisionRepo(deps.storage);
  const now = deps.clock.now().toISOString();
  const mailKey = m.mailKey ?? `${m.tokenHash.slice(0, 40)}#${m.mailKind}#${m.recipient.nip}`;
  const { linkId, token } = deps.signer.issue({
    recipientNip: m.recipient.nip,
    expiresAt: new Date(m.expiresAt),
  });
  const linkTtl = epochS(m.expiresAt) + LINK_RETENTION_S;
  const claim = await repo.claimMail(m.decisionKey, mailKey, linkId, now, linkTtl);
  // Same token, kind and recipient already mailed: a retried step must not mail twice.
  if (!claim.claimed && claim.status === "sent") return claim.linkId;
  await repo.putLink({
    linkId,
    decisionKey: m.decisionKey,
    decisionId: m.decisionId,
    recipient: { ...m.recipient },
    kid: deps.signer.parse(token).kid,
    expiresAt: m.expiresAt,
    mailKind: m.mailKind,
    createdAt: now,
    ttl: linkTtl,
  });
  const url = `${deps.baseUrl.replace(/\/+$/, "")}/l/${token}`;
  const rendered = renderDecisionMail({
    kind: m.kind,
    mailKind: m.mailKind,
    recipient: m.recipient,
    employee: m.employee,
    originalRecipient: m.mailKind === "escalation" ? m.originalRecipient : undefined,
    dueAt: m.dueAt,
    expiresAt: m.expiresAt,
    overdue: Date.parse(m.dueAt) <= Date.parse(now),
    url,
    locale: deps.locale,
    ...(m.approvedSuperiorSkp ? { approvedSuperiorSkp: m.approvedSuperiorSkp } : {}),
  });
  try {
    const sent = await deps.mail.send({
      to: m.recipient.email,
      ...rendered,
      links: [url],
      // decisionKey leads an SES bounce or complaint back to this decision (mail/delivery-problem.ts).
      tags: { decisionId: m.decisionId, decisionKey: m.decisionKey, kind: m.kind, mailKind: m.mailKind },
    });
    await repo.markMailSent(m.decisionKey, mailKey, sent.id, linkId);
  } catch (err) {
    // Free the claim so the step's retry can send; the link stays valid but unsent links harm no one.
    await repo.releaseMail(m.decisionKey, mailKey).catch(() => undefined);
    // The provider's reason in the message: only the message reaches the execution's error and the failed record.
    throw new DecisionMailError(decisionMailCause(m.decisionId, m.recipient.email, err), { cause: err });
  }
  return linkId;
}

/**
 * Why a decision mail failed, as the appraisal's failure shows it: the step's DecisionMailError, or the queued-mail
 * sender's task failure when SES refuses the mail later (mail/queued-mail-sender.ts).
 */
export function decisionMailCause(decisionId: string, email: string, err: unknown): string {
  return `could not mail decision ${decisionId} to ${email}: ${providerReason(err)}`;
}

/** What the mail provider said (e.g. SES "MessageRejected: Email address is not verified ..."), bounded. */
function providerReason(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 300);
}

/** Input of notifyDecisionOverdue (the gateway's DecisionNoticeRequest). */
export interface DecisionNoticeInput {
  decisionKey: string;
  kind: DecisionKind;
  appraisalId: string;
  employee: { nip: string; name: string };
  to: { name: string; email: string; role: "appraiser" | "superior-of-appraiser" | "hr" };
  asked: { name: string; role: string };
  dueAt: string;
  expiresAt: string;
  state: "overdue" | "auto-acknowledged";
}

/**
 * Mails someone above a notice, without a decision link, that a decision is overdue (or closed for want of an answer);
 * once per decision, deadline, state and recipient, so a retried step does not mail twice. HR gets a link to the
 * appraisal on the dashboard.
 */
export async function notifyDecisionOverdue(deps: DecisionDeps, input: DecisionNoticeInput): Promise<void> {
  const repo = decisionRepo(deps.storage);
  const now = deps.clock.now().toISOString();
  const mailKey = `notice#${input.state}#${input.dueAt}#${input.to.email.toLowerCase()}`;
  const ttl = epochS(input.expiresAt > now ? input.expiresAt : now) + DECISION_RETENTION_S;
  const claim = await repo.claimMail(input.decisionKey, mailKey, "notice", now, ttl);
  if (!claim.claimed && claim.status === "sent") return;
  const base = deps.baseUrl.replace(/\/+$/, "");
  const url =
    input.to.role === "hr"
      ? `${base}/dashboard/appraisals/${encodeURIComponent(input.appraisalId)}`
      : undefined;
  const decision = await repo.getDecision(input.decisionKey);
  const rendered = renderDecisionNotice({
    kind: input.kind,
    state: input.state,
    recipient: input.to,
    employee: input.employee,
    asked: input.asked,
    dueAt: input.dueAt,
    expiresAt: input.expiresAt,
    url,
    locale: deps.locale,
  });
  try {
    const sent = await deps.mail.send({
      to: input.to.email,
      ...rendered,
      links: url ? [url] : [],
      tags: {
        ...(decision ? { decisionId: decision.decisionId } : {}),
        kind: input.kind,
        mailKind: "escalation",
        notice: input.state,
        appraisalId: input.appraisalId,
      },
    });
    await repo.markMailSent(input.decisionKey, mailKey, sent.id, "notice");
  } catch (err) {
    await repo.releaseMail(input.decisionKey, mailKey).catch(() => undefined);
    throw new DecisionMailError(
      `could not mail the overdue notice of ${input.decisionKey} to ${input.to.email}: ${providerReason(err)}`,
      {
        cause: err,
      },
    );
  }
}
