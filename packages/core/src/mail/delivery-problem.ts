// Mails SES could not deliver: the mail-event handler records each SES bounce, complaint, reject or delivery delay
// against the appraisal (and decision) the mail was about, with one audit event, so HR sees on the dashboard that
// someone never got their link. Mails carry the decision key and appraisal id as SES message tags (ses-tags.ts).
import { createHash } from "node:crypto";
import * as v from "valibot";
import type { Clock } from "../clock/clock";
import { decisionRepo } from "../decision/decision.repo";
import { labelOf } from "../i18n/labels";
import type { Storage } from "../storage/storage";
import { cancellationReasons } from "../storage/storage.errors";
import { putItem } from "../storage/transact";
import { MAIL_PROBLEM_KINDS, type mailProblemEntity } from "./delivery-problem.entity";
import { entitiesOf } from "../storage/entities";
import { SesEventBridgeEventSchema, SesEventRecordSchema, type SesEventRecord } from "./ses-event";
import { decodeSesTag } from "./ses-tags";

/** What went wrong with a mail. */
export type MailProblemKind = (typeof MAIL_PROBLEM_KINDS)[number];

/** Short reason codes of a problem (labelled in i18n/labels.ts, group mailProblemReason). */
export const MAIL_PROBLEM_REASONS = [
  "bounce-no-email",
  "bounce-suppressed",
  "bounce-account-suppressed",
  "bounce-permanent",
  "bounce-mailbox-full",
  "bounce-too-large",
  "bounce-content-rejected",
  "bounce-transient",
  "bounce-undetermined",
  "complaint",
  "reject",
  "delay",
  "delay-mailbox-full",
] as const;

/** A reason code. */
export type MailProblemReason = (typeof MAIL_PROBLEM_REASONS)[number];

/** The audit action of a recorded problem. */
export const MAIL_PROBLEM_AUDIT_ACTION = "mail-problem";

/** Tag names kinerja's mails carry (before encoding) that lead back to the appraisal. */
export const MAIL_TAGS = { decisionKey: "decisionKey", appraisalId: "appraisalId" } as const;

/** What the handler needs. */
export interface MailEventDeps {
  storage: Pick<Storage, "client" | "tableName" | "audit" | "appraisals" | "transactWrite">;
  clock: Clock;
  /** Where dropped events are reported (a structured log in the cloud). */
  warn?: (message: string, data: Record<string, unknown>) => void;
}

/** What one event came to. */
export type MailEventOutcome =
  | { status: "recorded"; recorded: number; duplicates: number; appraisalId: string }
  | { status: "ignored"; reason: "unknown-shape" | "not-a-problem" | "not-about-an-appraisal" };

const SUBTYPE_REASON: Record<string, MailProblemReason> = {
  "Permanent/NoEmail": "bounce-no-email",
  "Permanent/Suppressed": "bounce-suppressed",
  "Permanent/OnAccountSuppressionList": "bounce-account-suppressed",
  "Transient/MailboxFull": "bounce-mailbox-full",
  "Transient/MessageTooLarge": "bounce-too-large",
  "Transient/ContentRejected": "bounce-content-rejected",
  "Transient/AttachmentRejected": "bounce-content-rejected",
};

/** The problem, reason and affected recipients of one SES event record. */
function problemsOf(record: SesEventRecord): {
  problem: MailProblemKind;
  reason: MailProblemReason;
  at: string;
  recipients: { email: string; diagnostic?: string }[];
} {
  const who = (list: { emailAddress: string; diagnosticCode?: string; status?: string }[]) =>
    list.map((r) => ({
      email: r.emailAddress,
      ...(r.diagnosticCode || r.status ? { diagnostic: (r.diagnosticCode ?? r.status)!.slice(0, 300) } : {}),
    }));
  switch (record.eventType) {
    case "Bounce": {
      const b = record.bounce;
      const reason =
        SUBTYPE_REASON[`${b.bounceType}/${b.bounceSubType}`] ??
        (b.bounceType === "Permanent"
          ? "bounce-permanent"
          : b.bounceType === "Transient"
            ? "bounce-transient"
            : "bounce-undetermined");
      return { problem: "bounce", reason, at: b.timestamp, recipients: who(b.bouncedRecipients) };
    }
    case "Complaint":
      return {
        problem: "complaint",
        reason: "complaint",
        at: record.complaint.timestamp,
        recipients: who(record.complaint.complainedRecipients),
      };
    case "Reject":
      return {
        problem: "reject",
        reason: "reject",
        at: record.mail.timestamp,
        recipients: record.mail.destination.map((email) => ({
          email,
          ...(record.reject.reason ? { diagnostic: record.reject.reason.slice(0, 300) } : {}),
        })),
      };
    case "DeliveryDelay": {
      const d = record.deliveryDelay;
      return {
        problem: "delivery-delay",
        reason: d.delayType === "MailboxFull" ? "delay-mailbox-full" : "delay",
        at: d.timestamp,
        recipients: who(d.delayedRecipients).map((r) => ({ ...r, diagnostic: r.diagnostic ?? d.delayType })),
      };
    }
  }
}

const tagOf = (record: SesEventRecord, name: string): string | undefined => {
  const raw = record.mail.tags[name]?.[0];
  return raw === undefined ? undefined : decodeSesTag(raw);
};

/**
 * Records one SES event (EventBridge envelope) against its appraisal: one problem per affected recipient plus its
 * audit event, in one transaction whose problem item is conditional on its key (SES message, event type, recipient),
 * so a redelivered or repeated event changes nothing. Unknown shapes and mails about no appraisal are reported
 * through `warn` and dropped: retrying them could never succeed.
 */
export async function recordMailEvent(deps: MailEventDeps, event: unknown): Promise<MailEventOutcome> {
  const warn = deps.warn ?? (() => undefined);
  const envelope = v.safeParse(SesEventBridgeEventSchema, event);
  if (!envelope.success) {
    warn("mail event dropped: not an SES EventBridge event", { issues: summary(envelope.issues) });
    return { status: "ignored", reason: "unknown-shape" };
  }
  if (!["Bounce", "Complaint", "Reject", "DeliveryDelay"].includes(envelope.output.detail.eventType))
    return { status: "ignored", reason: "not-a-problem" };
  const parsed = v.safeParse(SesEventRecordSchema, envelope.output.detail);
  if (!parsed.success) {
    warn("mail event dropped: unexpected SES event record", {
      eventType: envelope.output.detail.eventType,
      issues: summary(parsed.issues),
    });
    return { status: "ignored", reason: "unknown-shape" };
  }
  const record = parsed.output;
  const decisionKey = tagOf(record, MAIL_TAGS.decisionKey);
  const decision = decisionKey ? await decisionRepo(deps.storage).getDecision(decisionKey) : null;
  const appraisalId = decision?.appraisalId ?? tagOf(record, MAIL_TAGS.appraisalId);
  const cycleId =
    decision?.cycleId ??
    (appraisalId ? (await deps.storage.appraisals.getAppraisal(appraisalId))?.cycleId : undefined);
  if (!appraisalId || !cycleId) {
    warn("mail event dropped: the mail was about no known appraisal", {
      eventType: record.eventType,
      messageId: record.mail.messageId,
    });
    return { status: "ignored", reason: "not-about-an-appraisal" };
  }
  const { problem, reason, at, recipients } = problemsOf(record);
  const mailKind = tagOf(record, "mailKind");
  const decisionKind = decision?.kind ?? tagOf(record, "kind");
  const entity = entitiesOf(deps.storage).mailProblem;
  const recordedAt = deps.clock.now().toISOString();
  let recorded = 0;
  let duplicates = 0;
  for (const r of recipients) {
    const email = r.email.toLowerCase();
    const eventKey = createHash("sha256")
      .update(`${record.mail.messageId}|${record.eventType}|${email}`)
      .digest("hex")
      .slice(0, 40);
    const person = decision?.recipients?.find((p) => p.email.toLowerCase() === email);
    const item = {
      eventKey,
      appraisalId,
      cycleId,
      problem,
      reason,
      email: r.email,
      ...(person ? { recipientName: person.name, recipientNip: person.nip, recipientRole: person.role } : {}),
      ...(decision
        ? { decisionKey: decision.decisionKey, decisionId: decision.decisionId, decisionKind: decision.kind }
        : decisionKind
          ? { decisionKind }
          : {}),
      ...(mailKind ? { mailKind } : {}),
      ...(r.diagnostic ? { diagnostic: r.diagnostic } : {}),
      messageId: record.mail.messageId,
      at,
      recordedAt,
    };
    try {
      // The problem's conditional put comes first: a repeated event fails it and changes nothing.
      await deps.storage.audit.transactWithAudit(
        (items) => deps.storage.transactWrite(items),
        [putItem(entity.create(item).params())],
        {
          appraisalId,
          eventId: `mail#${eventKey}`,
          at,
          actor: "system",
          action: MAIL_PROBLEM_AUDIT_ACTION,
          ...(decisionKind ? { kind: decisionKind } : {}),
          detail: {
            problem,
            reason,
            email: r.email,
            ...(person ? { name: person.name, role: person.role } : {}),
            ...(mailKind ? { mailKind } : {}),
            ...(r.diagnostic ? { diagnostic: r.diagnostic } : {}),
          },
        },
      );
      recorded += 1;
    } catch (err) {
      if (cancellationReasons(err)?.[0] === "ConditionalCheckFailed") {
        duplicates += 1;
        continue;
      }
      throw err;
    }
  }
  return { status: "recorded", recorded, duplicates, appraisalId };
}

const summary = (issues: readonly v.BaseIssue<unknown>[]) =>
  issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? "(event)"}: ${i.message}`);

/** A recorded problem as the HR API and the dashboard show it. */
export const MailProblemSchema = v.object({
  at: v.pipe(v.string(), v.description("When SES reported it (ISO time)")),
  problem: v.pipe(
    v.picklist(MAIL_PROBLEM_KINDS),
    v.description("bounce, complaint, reject or delivery-delay"),
  ),
  reason: v.pipe(v.picklist(MAIL_PROBLEM_REASONS), v.description("Short reason code")),
  reasonText: v.pipe(v.string(), v.description("The reason in Indonesian")),
  email: v.pipe(v.string(), v.description("The address the mail went to")),
  appraisalId: v.string(),
  recipient: v.optional(v.object({ nip: v.string(), name: v.string(), role: v.string() })),
  decisionId: v.optional(v.pipe(v.string(), v.description("The decision whose mail it was"))),
  decisionKind: v.optional(v.string()),
  mailKind: v.optional(v.pipe(v.string(), v.description("request, reminder or escalation"))),
  diagnostic: v.optional(v.pipe(v.string(), v.description("SES's own words (bounce diagnostic)"))),
});

/** One recorded problem (API shape). */
export type MailProblem = v.InferOutput<typeof MailProblemSchema>;

type ProblemItem = Awaited<
  ReturnType<ReturnType<ReturnType<typeof mailProblemEntity>["query"]["byAppraisal"]>["go"]>
>["data"][number];

const toView = (p: ProblemItem): MailProblem => ({
  at: p.at,
  problem: p.problem,
  reason: p.reason as MailProblemReason,
  reasonText: labelOf("mailProblemReason", p.reason),
  email: p.email,
  appraisalId: p.appraisalId,
  ...(p.recipientNip && p.recipientName && p.recipientRole
    ? { recipient: { nip: p.recipientNip, name: p.recipientName, role: p.recipientRole } }
    : {}),
  ...(p.decisionId ? { decisionId: p.decisionId } : {}),
  ...(p.decisionKind ? { decisionKind: p.decisionKind } : {}),
  ...(p.mailKind ? { mailKind: p.mailKind } : {}),
  ...(p.diagnostic ? { diagnostic: p.diagnostic } : {}),
});

/** The mail problems of one appraisal, newest first. */
export async function listAppraisalMailProblems(
  storage: Pick<Storage, "client" | "tableName">,
  appraisalId: string,
): Promise<MailProblem[]> {
  const entity = entitiesOf(storage).mailProblem;
  const res = await entity.query.byAppraisal({ appraisalId }).go({ pages: "all", order: "desc" });
  return res.data.map(toView);
}

/** The mail problems of a cycle, newest first. */
export async function listCycleMailProblems(
  storage: Pick<Storage, "client" | "tableName">,
  cycleId: string,
): Promise<MailProblem[]> {
  const entity = entitiesOf(storage).mailProblem;
  const res = await entity.query.byCycle({ cycleId }).go({ pages: "all", order: "desc" });
  return res.data.map(toView);
}
