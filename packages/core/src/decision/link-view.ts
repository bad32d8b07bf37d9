// What a link shows: the link verified against its stored record, the decision behind it with its live context, as
// the view model the link pages render (never the task token).
import { MalformedLinkTokenError } from "../links/links.errors";
import type { DecisionDeps } from "./decision-deps";
import type { DecisionKind } from "./decision-kinds";
import type { DecisionStatus } from "./decision.entity.types";
import { LinkNotFoundError, LinkTamperedError } from "./decision.errors";
import { decisionRepo, type DecisionRecord, type LinkRecord } from "./decision.repo";

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

/** The view of `d` through `link` at `now`. */
export function toView(link: LinkRecord, d: DecisionRecord, now: Date): LinkView {
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
