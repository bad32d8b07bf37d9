import { createHash, randomUUID } from "node:crypto";
import * as v from "valibot";
import type { Clock } from "../clock/clock";
import type { LinkSigner } from "../links/link-signer";
import { MalformedLinkTokenError } from "../links/links.errors";
import type { MailPort } from "../mail/mail.port";
import { renderDecisionMail, renderDecisionNotice, type Locale, type MailKind } from "../mail/templates";
import { writeDecisionWithAudit } from "./decision-audit";
import { DECISION_KINDS } from "./decision.entity";
import type { DecisionKind, DecisionStatus, DeliveryStatus } from "./decision.entity.types";
import {
  AlreadyDecidedError,
  DecisionMailError,
  InvalidDecisionBodyError,
  InvalidDecisionInputError,
  LinkGoneError,
  LinkNotFoundError,
  LinkTamperedError,
} from "./decision.errors";
import {
  decisionRepo,
  isTransactionConditionFailure,
  isTransactionConflict,
  type DecisionRecord,
  type DecisionStorage,
  type LinkRecord,
} from "./decision.repo";
import { validateDecisionBody } from "./decision.schema";
import { t, type Lang } from "../i18n/messages";
import { labelOf } from "../i18n/labels";
import {
  aggregatePerilaku,
  DEFAULT_PERILAKU_AGGREGATION,
  type BerakhlakKey,
  type Rating,
} from "../rating/rating";
import { PerilakuAggregationRuleSchema } from "../rating/rating.schema";
import { reviewDistributionIssues } from "../distribution/review-justification";
import { validateSkp } from "../skp/skp";
import { POSITION_TYPES, type SkpProposal } from "../skp/skp.schema";
import { isDeadTokenError, type TaskCallbacks } from "./task-callbacks";
import { periodicRatingIssues, type PeriodicRatingBody } from "../periodic/periodic-rating-body";
import { PERIODIC_RATING_KIND, recordPeriodicRating } from "../periodic/periodic-rating-record";

export type { DecisionKind } from "./decision.entity.types";
export type { DecisionStorage } from "./decision.repo";

/** Who a decision link is sent to. */
export interface Recipient {
  nip: string;
  name: string;
  email: string;
  role: "employee" | "appraiser" | "superior-of-appraiser" | "hr";
}

/** Everything the decision service needs, injected (own fakes in tests, real adapters in Lambdas and the local runtime). */
export interface DecisionDeps {
  storage: DecisionStorage;
  mail: MailPort;
  signer: LinkSigner;
  clock: Clock;
  callbacks: TaskCallbacks;
  /** Public base URL of the web app, e.g. https://kinerja.salorkab.go.id (links are `${baseUrl}/l/${token}`). */
  baseUrl: string;
  locale?: Locale;
  /**
   * What a pending decision's page needs that changes after the link was mailed (a review's would-be distribution
   * warnings, a unit head's result revised by the organisation rating), read when the link is shown and decided;
   * merged over the context stored at open. Absent: the stored context is all there is.
   */
  liveContext?: (decision: {
    kind: DecisionKind;
    appraisalId: string;
  }) => Promise<Record<string, unknown> | undefined>;
}

/** The task output a decision delivers to its waiting workflow task. */
export interface DecisionOutput {
  kind: DecisionKind;
  decision: Record<string, unknown>;
  decidedBy: { nip: string; name: string; role: string };
  linkId: string;
  decidedAt: string;
}

const isoTime = (field: string) =>
  v.pipe(
    v.string(`${field} must be an ISO time`),
    v.isoTimestamp(`${field} must be an ISO time (e.g. 2026-01-31T17:00:00.000Z)`),
  );
const nonEmpty = (field: string, max = 2048) =>
  v.pipe(
    v.string(`${field} must be text`),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} is too long`),
  );

/** The validated input of openDecision (task inputs are an edge: validate them). */
export const OpenDecisionInputSchema = v.object({
  decisionKey: nonEmpty("decisionKey", 512),
  kind: v.picklist(DECISION_KINDS, `kind must be one of ${DECISION_KINDS.join(", ")}`),
  appraisalId: nonEmpty("appraisalId", 256),
  cycleId: nonEmpty("cycleId", 256),
  employee: v.object({ nip: nonEmpty("employee.nip", 32), name: nonEmpty("employee.name", 256) }),
  recipient: v.object({
    nip: nonEmpty("recipient.nip", 32),
    name: nonEmpty("recipient.name", 256),
    email: v.pipe(v.string(), v.email("recipient.email must be an email address")),
    role: v.picklist(
      ["employee", "appraiser", "superior-of-appraiser", "hr"],
      "recipient.role is not a known role",
    ),
  }),
  taskToken: nonEmpty("taskToken", 8192),
  dueAt: isoTime("dueAt"),
  expiresAt: isoTime("expiresAt"),
  context: v.record(v.string(), v.unknown()),
  mailKind: v.picklist(
    ["request", "reminder", "escalation"],
    "mailKind must be request, reminder or escalation",
  ),
});

/** Input of openDecision (see the decision contract). */
export type OpenDecisionInput = v.InferInput<typeof OpenDecisionInputSchema>;

/** Input of closeDecision. */
export const CloseDecisionInputSchema = v.object({
  decisionKey: nonEmpty("decisionKey", 512),
  status: v.picklist(["expired", "superseded"], "status must be expired or superseded"),
  reason: nonEmpty("reason", 2000),
  decidedBy: v.optional(nonEmpty("decidedBy", 256)),
});

function parseInput<S extends v.GenericSchema>(schema: S, input: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issues = result.issues.map((i) => ({ path: v.getDotPath(i) ?? "", message: i.message }));
  throw new InvalidDecisionInputError(
    `${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    issues,
  );
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const DAY_S = 86_400;
/** Decisions stay readable a year after their links expire so late clicks still get a meaningful answer. */
const DECISION_RETENTION_S = 400 * DAY_S;
/** Links stay resolvable 90 days after expiry (410 with an explanation), then they are unknown (404). */
const LINK_RETENTION_S = 90 * DAY_S;

const epochS = (iso: string) => Math.ceil(new Date(iso).getTime() / 1000);

function mergeRecipients(existing: DecisionRecord["recipients"], recipient: Recipient) {
  const list = [...(existing ?? [])];
  if (!list.some((r) => r.nip === recipient.nip)) list.push({ ...recipient });
  return list;
}

/**
 * Opens (or re-opens) the pending decision `decisionKey` with a fresh task token and mails the recipient; a decided but
 * undelivered outcome is delivered to the new token at once instead (no click is lost). Idempotent under retries.
 */
export async function openDecision(
  deps: DecisionDeps,
  rawInput: OpenDecisionInput,
): Promise<{ decisionId: string; linkIds: string[]; delivered?: boolean }> {
  const input = parseInput(OpenDecisionInputSchema, rawInput, "openDecision input");
  const repo = decisionRepo(deps.storage);
  const tokenHash = sha256(input.taskToken);
  if (new Date(input.expiresAt).getTime() <= deps.clock.now().getTime()) {
    throw new InvalidDecisionInputError("openDecision input: expiresAt must be in the future", [
      { path: "expiresAt", message: "must be in the future" },
    ]);
  }

  // A few rounds: each lost race (created, decided or closed meanwhile) re-reads and takes the matching branch.
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.clock.now().toISOString();
    const existing = await repo.getDecision(input.decisionKey);
    if (existing?.status === "decided") {
      return deliverToNewToken(deps, existing, input.taskToken, tokenHash);
    }
    const ttl = epochS(input.expiresAt) + DECISION_RETENTION_S;
    let decisionId: string;
    let recipients: DecisionRecord["recipients"];
    let dueAt = input.dueAt;
    if (!existing) {
      decisionId = randomUUID();
      recipients = [{ ...input.recipient }];
      const created = await repo.createPendingDecision({
        decisionKey: input.decisionKey,
        decisionId,
        kind: input.kind,
        appraisalId: input.appraisalId,
        cycleId: input.cycleId,
        employee: input.employee,
        context: input.context,
        taskToken: input.taskToken,
        taskTokenHash: tokenHash,
        dueAt: input.dueAt,
        expiresAt: input.expiresAt,
        recipients,
        createdAt: now,
        updatedAt: now,
        ttl,
      });
      if (!created) continue;
    } else {
      decisionId = existing.decisionId;
      recipients = mergeRecipients(existing.recipients, input.recipient);
      const reopen = existing.status !== "pending";
      // One deadline per decision: reminders and escalations of a pending decision keep the one fixed when it opened;
      // only a decision opened again after it was closed (HR retried the appraisal) gets a new one.
      if (!reopen && existing.dueAt) dueAt = existing.dueAt;
      const rearmed = await repo.rearmPendingDecision(input.decisionKey, {
        taskToken: input.taskToken,
        taskTokenHash: tokenHash,
        expiresAt: input.expiresAt,
        ...(dueAt !== existing.dueAt ? { dueAt } : {}),
        recipients,
        reopen,
        now,
        ttl,
        pending: { cycleId: existing.cycleId, dueAt },
      });
      if (!rearmed) continue;
    }
    const linkId = await mailDecision(deps, {
      decisionKey: input.decisionKey,
      decisionId,
      kind: input.kind,
      employee: input.employee,
      recipient: input.recipient,
      originalRecipient: recipients?.[0],
      tokenHash,
      mailKind: input.mailKind,
      dueAt,
      expiresAt: input.expiresAt,
      approvedSuperiorSkp: approvedSuperiorSkpOf(input.kind, input.context),
    });
    return { decisionId, linkIds: [linkId] };
  }
  throw new InvalidDecisionInputError(`openDecision: decision ${input.decisionKey} kept changing; retry`, []);
}

/** An SKP request below the top of the cascade names the superior whose approved SKP it cascades from (rule 27). */
function approvedSuperiorSkpOf(
  kind: DecisionKind,
  context: Record<string, unknown>,
): { name: string } | undefined {
  const superior = context.superior as { name?: unknown } | undefined;
  if (kind !== "skp-proposal" || !context.superiorSkp || typeof superior?.name !== "string") return undefined;
  return { name: superior.name };
}

/**
 * Mails a freshly signed link to a pending decision, at most once per `mailKey` (default: per token, mail kind and
 * recipient). HR's resend (services/hr/resend-link.ts) passes its own key, one per confirmed request.
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

async function deliverToNewToken(
  deps: DecisionDeps,
  decision: DecisionRecord,
  taskToken: string,
  tokenHash: string,
): Promise<{ decisionId: string; linkIds: string[]; delivered: boolean }> {
  const repo = decisionRepo(deps.storage);
  await repo.rebindUndelivered(decision.decisionKey, taskToken, tokenHash, deps.clock.now().toISOString());
  const delivered = await deliver(
    deps,
    { ...decision, taskToken, taskTokenHash: tokenHash },
    { throwTransient: true },
  );
  return { decisionId: decision.decisionId, linkIds: [], delivered };
}

/**
 * Sends the stored outcome to the decision's current token; records why it failed, and success unless `consumedBy` is
 * "workflow": a click leaves the mark to the workflow's Record step (markDecisionConsumed), which runs because the
 * outcome arrived, so the click's answer waits on no write after SendTaskSuccess (issue 18 item 1). A periodic rating
 * has no workflow: recording it is delivering it, marked here.
 */
async function deliver(
  deps: DecisionDeps,
  decision: DecisionRecord,
  opts: { throwTransient: boolean; consumedBy?: "workflow" },
): Promise<boolean> {
  const repo = decisionRepo(deps.storage);
  try {
    // A periodic rating has no waiting task: delivering it is recording it on the team's appraisals.
    if (decision.kind === PERIODIC_RATING_KIND)
      await recordPeriodicRating(deps.storage, deps.clock, decision);
    else await deps.callbacks.succeed(decision.taskToken, decision.outcome ?? {});
  } catch (err) {
    const message = `${(err as Error)?.name ?? "Error"}: ${(err as Error)?.message ?? String(err)}`;
    // Best effort: the note only saves the sweep a pointless retry; the decision stays undelivered either way.
    await repo
      .markDeliveryFailed(
        decision.decisionKey,
        decision.taskTokenHash,
        message,
        deps.clock.now().toISOString(),
      )
      .catch(() => undefined);
    if (!isDeadTokenError(err) && opts.throwTransient) throw err;
    return false;
  }
  if (opts.consumedBy === "workflow" && decision.kind !== PERIODIC_RATING_KIND) return true;
  try {
    await repo.markDelivered(decision.decisionKey, decision.taskTokenHash, deps.clock.now().toISOString());
  } catch {
    // The workflow has the outcome (the callback succeeded), so the decision WAS applied: failing here would tell the
    // person to retry a click that counted. The workflow's Record step marks it delivered (markDecisionConsumed).
  }
  return true;
}

/**
 * Marks the decision taken through `linkId` as delivered because the workflow consumed its outcome (called by the Record
 * steps, idempotent): the record converges even when the click's own markDelivered failed or its process died.
 *
 * With `delivered` (the outcome the workflow received), a decision found still pending is restored from it: the
 * workflow only receives an outcome after a click's claim committed, so a pending record means that claim was lost
 * (DynamoDB Local can drop its last acknowledged transactions when SIGKILLed). The claim and its audit event are
 * written again, once (conditional on the same pending opening), and marked delivered; a later click gets 409.
 */
export async function markDecisionConsumed(
  deps: Pick<DecisionDeps, "storage" | "clock">,
  input: { linkId: string; delivered?: DeliveredOutcome },
): Promise<boolean> {
  const repo = decisionRepo(deps.storage);
  const link = await repo.getLink(input.linkId);
  if (!link) return false;
  if (await repo.markConsumed(link.decisionKey, input.linkId, deps.clock.now().toISOString())) return true;
  const delivered = input.delivered;
  if (!delivered?.decidedBy) return false;
  const decision = await repo.getDecision(link.decisionKey);
  if (
    !decision ||
    decision.status !== "pending" ||
    decision.decisionId !== link.decisionId ||
    decision.kind !== delivered.kind
  )
    return false;
  const outcome = {
    kind: delivered.kind,
    decision: delivered.decision,
    decidedBy: delivered.decidedBy,
    linkId: input.linkId,
    decidedAt: delivered.decidedAt,
  };
  try {
    // The same event id as the lost click's: when its audit event survived, only the claim is written again.
    await writeDecisionWithAudit(
      deps.storage,
      deps.clock,
      (items) => repo.transact(items),
      [
        repo.claimDecisionItem(decision.decisionKey, {
          outcome,
          decidedBy: delivered.decidedBy,
          decidedAt: delivered.decidedAt,
          linkId: input.linkId,
          taskTokenHash: decision.taskTokenHash,
        }),
      ],
      {
        appraisalId: decision.appraisalId,
        at: delivered.decidedAt,
        actor: delivered.decidedBy.nip,
        kind: decision.kind,
        linkId: input.linkId,
        detail: {
          decisionId: decision.decisionId,
          decisionKey: decision.decisionKey,
          role: delivered.decidedBy.role,
          name: delivered.decidedBy.name,
          body: delivered.decision,
          restoredFromWorkflow: true,
        },
      },
    );
  } catch (err) {
    // A click claimed it meanwhile (or the opening changed): that claim stands; mark it consumed if it is this link's.
    if (!isTransactionConditionFailure(err)) throw err;
  }
  return repo.markConsumed(link.decisionKey, input.linkId, deps.clock.now().toISOString());
}

/** The outcome a workflow received for a decision (the task's output), as the Record steps pass it back. */
export interface DeliveredOutcome {
  kind: string;
  decision: Record<string, unknown>;
  decidedBy?: { nip: string; name: string; role: string };
  decidedAt: string;
}

/** The status and delivery of a decision (null when none was opened under the key); never exposes the token. */
export async function decisionState(
  deps: Pick<DecisionDeps, "storage">,
  decisionKey: string,
): Promise<{ status: DecisionStatus; delivery: DeliveryStatus } | null> {
  const d = await decisionRepo(deps.storage).getDecision(decisionKey);
  return d ? { status: d.status, delivery: d.delivery } : null;
}

/** Marks a still-pending decision expired or superseded; a late click then gets 410 saying what happened. No-op when already decided or closed. */
export async function closeDecision(
  deps: Pick<DecisionDeps, "storage" | "clock">,
  rawInput: v.InferInput<typeof CloseDecisionInputSchema>,
): Promise<void> {
  const input = parseInput(CloseDecisionInputSchema, rawInput, "closeDecision input");
  await decisionRepo(deps.storage).closePendingDecision(input.decisionKey, {
    status: input.status,
    reason: input.reason,
    closedBy: input.decidedBy,
    now: deps.clock.now().toISOString(),
  });
}

/** What a link shows (never the task token). */
export interface LinkView {
  linkId: string;
  recipient: { nip: string; name: string; role: string };
  /** `link-expired` when this link passed its own expiry while the decision may still be pending through a newer link. */
  state: DecisionStatus | "link-expired";
  linkExpiresAt: string;
  decision: {
    decisionId: string;
    kind: DecisionKind;
    appraisalId: string;
    cycleId: string;
    employee: { nip: string; name: string };
    status: DecisionStatus;
    expiresAt: string;
    dueAt?: string;
    context: Record<string, unknown>;
    decidedBy?: { nip: string; name: string; role: string };
    decidedAt?: string;
    outcome?: Record<string, unknown>;
    closedReason?: string;
    closedBy?: string;
    closedAt?: string;
  };
}

/** Reads a link record by id; the link routes pass one that shares the rate limiter's read (null: no such link). */
export type LinkLookup = (linkId: string) => Promise<LinkRecord | null>;

/**
 * A link verified once and the decision behind it, read once, with its live context: all a page, a form's body and a
 * claim need, so one request verifies the token once and reads the decision once (issue 18 item 1).
 */
export interface OpenedLink {
  link: LinkRecord;
  /** As stored (the claim pins its task token). */
  decision: DecisionRecord;
  /** What the page shows: the decision with its live context merged in while pending. */
  view: LinkView;
}

/**
 * Parses and verifies a token against its stored link (the signature names the recipient the link was issued to) and
 * reads the decision behind it. `lookup` reads the link (default: the table). Throws LinkNotFoundError /
 * LinkTamperedError.
 */
export async function openLink(deps: DecisionDeps, token: string, lookup?: LinkLookup): Promise<OpenedLink> {
  let parsed;
  try {
    parsed = deps.signer.parse(token);
  } catch (err) {
    if (err instanceof MalformedLinkTokenError)
      throw new LinkNotFoundError("this is not a link kinerja sent", { cause: err });
    throw err;
  }
  const repo = decisionRepo(deps.storage);
  const link = await (lookup ?? repo.getLink)(parsed.linkId);
  if (!link) throw new LinkNotFoundError("unknown link");
  const storedExp = Math.ceil(new Date(link.expiresAt).getTime() / 1000);
  if (
    link.linkId !== parsed.linkId ||
    link.kid !== parsed.kid ||
    storedExp !== Math.round(parsed.expiresAt.getTime() / 1000) ||
    !deps.signer.verify(parsed, link.recipient.nip)
  ) {
    throw new LinkTamperedError("link signature does not match");
  }
  const decision = await repo.getDecision(link.decisionKey);
  if (!decision) throw new LinkNotFoundError("the decision behind this link no longer exists");
  return { link, decision, view: toView(link, await withLiveContext(deps, decision), deps.clock.now()) };
}

function toView(link: LinkRecord, d: DecisionRecord, now: Date): LinkView {
  const linkExpired = new Date(link.expiresAt).getTime() <= now.getTime();
  return {
    linkId: link.linkId,
    recipient: { nip: link.recipient.nip, name: link.recipient.name, role: link.recipient.role },
    state: d.status === "pending" && linkExpired ? "link-expired" : d.status,
    linkExpiresAt: link.expiresAt,
    decision: {
      decisionId: d.decisionId,
      kind: d.kind,
      appraisalId: d.appraisalId,
      cycleId: d.cycleId,
      employee: d.employee,
      status: d.status,
      expiresAt: d.status === "pending" ? link.expiresAt : d.expiresAt,
      dueAt: d.dueAt,
      context: d.context ?? {},
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt,
      outcome:
        d.status === "decided" ? (d.outcome?.decision as Record<string, unknown> | undefined) : undefined,
      closedReason: d.closedReason,
      closedBy: d.closedBy,
      closedAt: d.closedAt,
    },
  };
}

/** Reads what a link shows; never changes state (mail scanners prefetch links). Throws LinkNotFoundError / LinkTamperedError. */
export async function viewLink(deps: DecisionDeps, token: string): Promise<LinkView> {
  return (await openLink(deps, token)).view;
}

/** The decision with its live context merged in while it is pending (see DecisionDeps.liveContext). */
async function withLiveContext(deps: DecisionDeps, decision: DecisionRecord): Promise<DecisionRecord> {
  if (decision.status !== "pending" || !deps.liveContext) return decision;
  const live = await deps.liveContext({ kind: decision.kind, appraisalId: decision.appraisalId });
  return live ? { ...decision, context: { ...(decision.context ?? {}), ...live } } : decision;
}

function ensureDecidable(view: LinkView): void {
  const d = view.decision;
  if (view.state === "decided") {
    throw new AlreadyDecidedError(
      "this decision was already taken",
      d.decidedBy ?? { nip: "", name: "", role: "" },
      d.decidedAt ?? "",
    );
  }
  if (view.state === "expired" || view.state === "superseded") {
    throw new LinkGoneError(`this decision is ${view.state}`, view.state, {
      closedReason: d.closedReason,
      closedBy: d.closedBy,
      closedAt: d.closedAt,
    });
  }
  if (view.state === "link-expired") throw new LinkGoneError("this link has expired", "link-expired");
}

function crossCheck(
  kind: DecisionKind,
  body: Record<string, unknown>,
  context: Record<string, unknown>,
  lang?: Lang,
): { path: string; message: string }[] {
  const ids = (list: unknown) =>
    Array.isArray(list) ? list.map((x) => String((x as { id?: unknown })?.id)) : [];
  const issues: { path: string; message: string }[] = [];
  if (kind === "skp-proposal") {
    const superior = ids(context.superiorRhk);
    const positionType = v.safeParse(v.picklist(POSITION_TYPES), context.positionType);
    const skpIssues = validateSkp(
      body as unknown as SkpProposal,
      {
        superiorRhkIds: superior,
        isTopLevel: typeof context.isTopLevel === "boolean" ? context.isTopLevel : superior.length === 0,
        positionType: positionType.success ? positionType.output : "pelaksana",
      },
      lang,
    );
    for (const issue of skpIssues)
      if (issue.severity === "error") issues.push({ path: issue.path, message: issue.message });
  }
  if (kind === "review" && body.perilakuDetail) {
    // The overall behaviour rating follows the seven values under the cycle's rule, or a justification says why not.
    const rule = v.safeParse(PerilakuAggregationRuleSchema, context.perilakuAggregation);
    const fromDetail = aggregatePerilaku(
      body.perilakuDetail as Record<BerakhlakKey, Rating>,
      rule.success ? rule.output : DEFAULT_PERILAKU_AGGREGATION,
    );
    if (body.perilaku !== fromDetail && !body.justification)
      issues.push({
        path: "perilaku",
        message: t("perilakuDiffersFromDetail", lang, { rating: labelOf("rating", fromDetail, lang) }),
      });
  }
  if (kind === "review") issues.push(...reviewDistributionIssues(body, context, lang));
  if (kind === PERIODIC_RATING_KIND)
    issues.push(...periodicRatingIssues(body as unknown as PeriodicRatingBody, context, lang));
  if (kind === "realization") {
    const known = ids(context.indicators);
    const items = body.items as { indicatorId: string }[];
    items.forEach((item, i) => {
      if (known.length && !known.includes(item.indicatorId))
        issues.push({ path: `items.${i}.indicatorId`, message: t("unknownIndicator", lang) });
    });
  }
  return issues;
}

/** Result of a successful POST. */
export interface DecideResult {
  decisionId: string;
  kind: DecisionKind;
  decidedAt: string;
  decidedBy: { nip: string; name: string; role: string };
  delivered: boolean;
}

/**
 * Decides once through a link: validates the body for the kind, claims the pending decision with a conditional write in the
 * same transaction as its audit event, then delivers the outcome to the waiting task (redelivered later if that fails).
 * Validation messages are the dictionary's in `lang` (Bahasa Indonesia unless asked otherwise).
 */
export async function decide(
  deps: DecisionDeps,
  token: string,
  body: unknown,
  lang?: Lang,
): Promise<DecideResult> {
  return (await decideOpened(deps, await openLink(deps, token), body, lang)).result;
}

/**
 * decide() on a link already opened in this request (openLink): no second verification or read. Answers the result and
 * the view of the decision as decided, so a confirmation page needs no read-back. A claim lost to a concurrent click or
 * a closing re-reads the decision only (the link never changes).
 */
export async function decideOpened(
  deps: DecisionDeps,
  opened: OpenedLink,
  body: unknown,
  lang?: Lang,
): Promise<{ result: DecideResult; view: LinkView }> {
  const { link, decision } = opened;
  ensureDecidable(opened.view);
  const validated = validateDecisionBody(decision.kind, body, lang);
  if (!validated.ok)
    throw new InvalidDecisionBodyError(`invalid ${decision.kind} decision`, validated.issues);
  const cross = crossCheck(decision.kind, validated.body, opened.view.decision.context, lang);
  if (cross.length) throw new InvalidDecisionBodyError(`invalid ${decision.kind} decision`, cross);

  const repo = decisionRepo(deps.storage);
  const decidedAt = deps.clock.now().toISOString();
  const decidedBy = { nip: link.recipient.nip, name: link.recipient.name, role: link.recipient.role };
  const outcome: DecisionOutput = {
    kind: decision.kind,
    decision: validated.body,
    decidedBy,
    linkId: link.linkId,
    decidedAt,
  };
  const claim = (current: DecisionRecord) =>
    writeDecisionWithAudit(
      deps.storage,
      deps.clock,
      (items) => repo.transact(items),
      [
        repo.claimDecisionItem(decision.decisionKey, {
          outcome: outcome as unknown as Record<string, unknown>,
          decidedBy,
          decidedAt,
          linkId: link.linkId,
          taskTokenHash: current.taskTokenHash,
        }),
      ],
      {
        appraisalId: decision.appraisalId,
        at: decidedAt,
        actor: decidedBy.nip,
        kind: decision.kind,
        linkId: link.linkId,
        detail: {
          decisionId: decision.decisionId,
          decisionKey: decision.decisionKey,
          role: decidedBy.role,
          name: decidedBy.name,
          body: validated.body,
        },
      },
    );
  let current = decision;
  for (let attempt = 0; ; attempt++) {
    try {
      await claim(current);
      break;
    } catch (err) {
      // Lost the race (decided or closed meanwhile, or openDecision re-armed a newer token), or concurrent clicks made
      // DynamoDB cancel overlapping transactions (TransactionConflict): re-read, answer as the winner's outcome, or retry.
      if (!isTransactionConditionFailure(err) && !isTransactionConflict(err)) throw err;
      const reread = await repo.getDecision(decision.decisionKey);
      if (!reread) throw new LinkNotFoundError("the decision behind this link no longer exists");
      ensureDecidable(toView(link, reread, deps.clock.now()));
      if (attempt >= 8) throw err;
      current = reread;
      if (isTransactionConflict(err))
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
  const decided: DecisionRecord = {
    ...current,
    status: "decided",
    delivery: "undelivered",
    outcome: outcome as unknown as Record<string, unknown>,
    decidedBy,
    decidedAt,
    decidedLinkId: link.linkId,
  };
  // The claim pinned the token it was made against, so that is the token to resume.
  const delivered = await deliver(deps, decided, { throwTransient: false, consumedBy: "workflow" });
  return {
    result: { decisionId: decision.decisionId, kind: decision.kind, decidedAt, decidedBy, delivered },
    view: toView(link, { ...decided, context: opened.view.decision.context }, deps.clock.now()),
  };
}

/** Retries delivery of every decided-but-undelivered decision whose current token may still accept it (local runtime sweep). */
export async function redeliverPending(
  deps: DecisionDeps,
  opts: { limit?: number } = {},
): Promise<{ attempted: number; delivered: number; skipped: number }> {
  const repo = decisionRepo(deps.storage);
  const pending = await repo.listUndelivered(opts.limit ?? 100);
  let attempted = 0;
  let delivered = 0;
  let skipped = 0;
  for (const listed of pending) {
    const d = await repo.getDecision(listed.decisionKey);
    if (!d || d.status !== "decided" || d.delivery !== "undelivered") continue;
    // A token that already answered TaskTimedOut/TaskDoesNotExist/InvalidToken will never accept it; wait for openDecision's next token.
    if (
      d.deliveryErrorTokenHash === d.taskTokenHash &&
      /^(TaskTimedOutError|TaskDoesNotExistError|InvalidTaskTokenError)/.test(d.deliveryError ?? "")
    ) {
      skipped++;
      continue;
    }
    attempted++;
    if (await deliver(deps, d, { throwTransient: false })) delivered++;
  }
  return { attempted, delivered, skipped };
}
