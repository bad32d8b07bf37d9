import { randomUUID } from "node:crypto";
import * as v from "valibot";
import type { Clock } from "../clock/clock";
import type { DecisionStorage } from "../decision/decision.repo";
import { InvalidMailError, MailError } from "./mail.errors";
import type { MailMessage, MailPort } from "./mail.port";
import { entitiesOf } from "../storage/entities";
import { validateMail } from "./mail.schema";
import { simulatedSesEvent } from "./ses-event";
import { createConsoleLogger, localLogLevel, type Logger } from "../log/logger";

/** A mail as the outbox lists it (`GET /_local/mail`). */
export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  tags?: Record<string, string>;
  sentAt: string;
}

/** Which mails a page of the outbox shows: a recipient, a kind (a mail kind or a decision kind code, see mailKindOf). */
export interface OutboxFilter {
  to?: string;
  kind?: string;
}

/**
 * One page of the outbox, newest first. `before` reads the mails sent before a cursor (the next, older page), `after`
 * those sent after it (the previous, newer page); `older`/`newer` are the cursors of the neighbouring pages, null at
 * either end.
 */
export interface OutboxPageQuery extends OutboxFilter {
  before?: string;
  after?: string;
  limit?: number;
}

/** A page of the outbox with the cursors of its neighbours. */
export interface OutboxPage {
  mails: OutboxEntry[];
  older: string | null;
  newer: string | null;
}

/** A cursor the outbox did not make (or made for another mail store): the caller answers 400. */
export class OutboxCursorError extends MailError {}

/** The local mail adapter: keeps every mail in the kinerja table so the dev runtime and tests can read it back. */
export interface OutboxMail extends MailPort {
  /** Newest first; `to` filters by recipient address. */
  list(opts?: { to?: string; limit?: number }): Promise<OutboxEntry[]>;
  /** One page of the mails matching the filter, through all of them with the page's cursors. */
  page(query?: OutboxPageQuery): Promise<OutboxPage>;
  /** How many mails match the filter (reads the whole index: local outbox only). */
  count(filter?: OutboxFilter): Promise<number>;
  /** One mail by id, or null. */
  get(id: string): Promise<OutboxEntry | null>;
}

/** Options of the outbox. */
export interface OutboxMailOptions {
  /**
   * Receives the event SES would publish for a mail to one of its mailbox-simulator addresses (bounce, complaint),
   * in SES's EventBridge shape: the local runtime hands it to the same mail-event handler as the cloud. A failing
   * handler does not fail the send (in SES the send has long succeeded by then).
   */
  events?: (event: Record<string, unknown>) => Promise<unknown>;
  /** Configuration-set name the simulated events carry (default "local-kinerja-mail"). */
  configurationSet?: string;
  /** Where an unhandled simulated event is reported (default: one warning line on stderr). */
  log?: Logger;
}

/** Whether a mail's tags make it of `kind`: its mail kind (request, reminder, ...) or what it is about (a decision kind). */
export function mailMatchesKind(tags: Record<string, string> | undefined, kind: string | undefined): boolean {
  return kind === undefined || tags?.mailKind === kind || tags?.kind === kind;
}

// A cursor names the mail it follows by its index sort key (sent time, id): stable however many mails arrive later.
const CursorSchema = v.object({
  s: v.pipe(v.string(), v.isoTimestamp()),
  i: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});

const cursorOf = (m: OutboxEntry) =>
  Buffer.from(JSON.stringify({ s: m.sentAt, i: m.id })).toString("base64url");

function decodeCursor(cursor: string): { sentAt: string; id: string } {
  try {
    const c = v.parse(CursorSchema, JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { sentAt: c.s, id: c.i };
  } catch (err) {
    throw new OutboxCursorError("not an outbox cursor", { cause: err });
  }
}

/** Mails read per DynamoDB request while a kind filter drops some (local outbox: a few thousand mails). */
const FILTER_BATCH = 200;

/** Builds the outbox over the kinerja table; `sentAt` comes from the (adjustable) clock. */
export function createOutboxMail(
  storage: DecisionStorage,
  clock: Clock,
  options: OutboxMailOptions = {},
): OutboxMail {
  const entity = entitiesOf(storage).outboxMail;
  const toEntry = (item: Record<string, unknown>): OutboxEntry => ({
    id: item.id as string,
    to: item.to as string,
    subject: item.subject as string,
    text: item.text as string,
    html: item.html as string,
    links: (item.links as string[]) ?? [],
    ...(item.tagList ? { tags: item.tagList as Record<string, string> } : {}),
    sentAt: item.sentAt as string,
  });
  return {
    async send(msg: MailMessage) {
      const valid = validateMail(msg);
      if (!valid.ok) throw new InvalidMailError(`mail refused: ${valid.message}`);
      const id = randomUUID();
      const sentAt = clock.now().toISOString();
      await entity
        .create({
          id,
          mailbox: "local",
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          links: msg.links,
          tagList: msg.tags,
          sentAt,
        })
        .go();
      const event = options.events
        ? simulatedSesEvent(msg, {
            messageId: id,
            at: sentAt,
            configurationSet: options.configurationSet ?? "local-kinerja-mail",
          })
        : undefined;
      if (event)
        await options.events!(event).catch((err: unknown) =>
          (options.log ?? createConsoleLogger({ level: localLogLevel("warn") })).warn(
            "simulated SES event was not handled",
            { mailId: id, error: err },
          ),
        );
      return { id };
    },
    async list(opts = {}) {
      const limit = opts.limit ?? 200;
      const query = opts.to
        ? entity.query.byRecipient({ to: opts.to })
        : entity.query.bySentAt({ mailbox: "local" });
      const res = await query.go({ order: "desc", limit });
      return res.data.map((d) => toEntry(d as Record<string, unknown>));
    },
    async page(q = {}) {
      const limit = q.limit ?? 50;
      const before = q.before !== undefined ? decodeCursor(q.before) : undefined;
      const after = q.after !== undefined ? decodeCursor(q.after) : undefined;
      const base = q.to
        ? entity.query.byRecipient({ to: q.to })
        : entity.query.bySentAt({ mailbox: "local" });
      const query = before ? base.lt(before) : after ? base.gt(after) : base;
      // A newer page is read oldest first from its cursor, then turned round.
      const order = after && !before ? "asc" : "desc";
      const found: OutboxEntry[] = [];
      let next: string | null = null;
      do {
        const res: { data: unknown[]; cursor: string | null } = await query.go({
          order,
          cursor: next,
          limit: q.kind === undefined ? limit + 1 - found.length : FILTER_BATCH,
        });
        for (const item of res.data) {
          const entry = toEntry(item as Record<string, unknown>);
          if (found.length <= limit && mailMatchesKind(entry.tags, q.kind)) found.push(entry);
        }
        next = res.cursor;
      } while (next && found.length <= limit);
      const more = found.length > limit;
      const mails = found.slice(0, limit);
      if (order === "asc") mails.reverse();
      const first = mails[0];
      const last = mails[mails.length - 1];
      return order === "asc"
        ? {
            mails,
            older: last ? cursorOf(last) : (q.after ?? null),
            newer: more && first ? cursorOf(first) : null,
          }
        : {
            mails,
            older: more && last ? cursorOf(last) : null,
            newer: before ? (first ? cursorOf(first) : q.before!) : null,
          };
    },
    async count(filter = {}) {
      const query = filter.to
        ? entity.query.byRecipient({ to: filter.to })
        : entity.query.bySentAt({ mailbox: "local" });
      const res = await query.go({ pages: "all", attributes: ["tagList"] });
      return res.data.filter((d) =>
        mailMatchesKind(d.tagList as Record<string, string> | undefined, filter.kind),
      ).length;
    },
    async get(id) {
      const res = await entity.get({ id }).go();
      return res.data ? toEntry(res.data as Record<string, unknown>) : null;
    },
  };
}
