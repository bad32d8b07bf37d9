import { randomUUID } from "node:crypto";
import type { Clock } from "../clock/clock";
import type { DecisionStorage } from "../decision/decision.repo";
import { InvalidMailError } from "./mail.errors";
import type { MailMessage, MailPort } from "./mail.port";
import { outboxMailEntity } from "./outbox.entity";
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

/** The local mail adapter: keeps every mail in the kinerja table so the dev runtime and tests can read it back. */
export interface OutboxMail extends MailPort {
  /** Newest first; `to` filters by recipient address. */
  list(opts?: { to?: string; limit?: number }): Promise<OutboxEntry[]>;
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

/** Builds the outbox over the kinerja table; `sentAt` comes from the (adjustable) clock. */
export function createOutboxMail(
  storage: DecisionStorage,
  clock: Clock,
  options: OutboxMailOptions = {},
): OutboxMail {
  const entity = outboxMailEntity(storage.client, storage.tableName);
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
    async get(id) {
      const res = await entity.get({ id }).go();
      return res.data ? toEntry(res.data as Record<string, unknown>) : null;
    },
  };
}
