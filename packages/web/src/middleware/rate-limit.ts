import { UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context, MiddlewareHandler } from "hono";

/**
 * Limits of the link routes (issue 16 item 8), fair to people rather than to addresses. Two limits count in the one
 * table (a counter item per key and minute, deleted by TTL), so they hold across Lambda containers:
 * - per link: a link hammered (a brute-forcer, a stuck script) is refused while everyone else keeps working;
 * - per recipient, the person the links were sent to: many of one person's links hammered together (a leaked mailbox,
 *   a script replaying a person's mails) are refused, while that person deciding all their links at once is not.
 * API Gateway's stage throttling (stacks/api.ts) caps the total rate in front of both. The per-address limit is only
 * a coarse flood guard, counted per container and set high: behind one office NAT address sit hundreds of people
 * deciding their own links on a deadline day.
 */
export interface RateLimitOptions {
  /** Requests per client address per window and container (flood guard; keep it far above an office's traffic). */
  perIp: number;
  /** Requests per key (the link id) per window, across all containers; 0 disables. */
  perKey: number;
  /** Requests per recipient (over all their links) per window, across all containers; 0 disables. */
  perRecipient: number;
  windowMs: number;
  /** Upper bound on counters (and cached link recipients) kept in memory, so a flood cannot exhaust memory. */
  maxEntries: number;
}

/**
 * Defaults for link routes. A person opens a link, perhaps sends the form back once with a correction and posts it: 2-4
 * requests per decision, so 30 a minute on one link is far beyond a person and stops a brute-forcer. An approver with
 * 40 links due (a unit head approving the SKPs of the unit) who decides them all within a minute makes 80-160 requests;
 * 300 a minute leaves room for about 100 decisions a minute, more than a person can read, while a script hammering
 * one person's links is held to 5 requests a second.
 */
export const DEFAULT_LINK_RATE_LIMIT: RateLimitOptions = {
  perIp: 6_000,
  perKey: 30,
  perRecipient: 300,
  windowMs: 60_000,
  maxEntries: 50_000,
};

/** Counts hits of one key in one fixed window and answers the count including this hit. */
export interface RateCounter {
  hit(key: string, windowStart: number, windowMs: number): Promise<number>;
}

/** In-process counters (the flood guard; tests without a table). */
export function memoryRateCounter(maxEntries: number): RateCounter {
  const counters = new Map<string, { count: number; resetAt: number }>();
  return {
    hit: async (key, windowStart, windowMs) => {
      const id = `${key}@${windowStart}`;
      let counter = counters.get(id);
      if (!counter) {
        if (counters.size >= maxEntries) {
          for (const [k, v] of counters) if (v.resetAt <= windowStart) counters.delete(k);
          // Still full of live counters: forget the oldest rather than grow without bound.
          if (counters.size >= maxEntries) counters.delete(counters.keys().next().value as string);
        }
        counter = { count: 0, resetAt: windowStart + windowMs };
        counters.set(id, counter);
      }
      return ++counter.count;
    },
  };
}

/**
 * Counters in the one table: item `ratelimit#<key>` / `window#<start>`, incremented atomically (ADD), deleted by the
 * table's TTL attribute a minute after its window ends. One UpdateItem per request and key.
 */
export function dynamoRateCounter(storage: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): RateCounter {
  return {
    hit: async (key, windowStart, windowMs) => {
      const out = await storage.client.send(
        new UpdateCommand({
          TableName: storage.tableName,
          Key: { pk: `ratelimit#${key}`, sk: `window#${windowStart}` },
          UpdateExpression: "ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)",
          ExpressionAttributeNames: { "#count": "count", "#ttl": "ttl" },
          ExpressionAttributeValues: { ":one": 1, ":ttl": Math.ceil((windowStart + windowMs) / 1000) + 60 },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      return Number(out.Attributes?.count ?? 1);
    },
  };
}

/**
 * The recipient of a link by id, remembered per container (a link's recipient never changes, so a hammered link
 * costs one read per container, not one per request). Unknown links are not remembered: nothing counts for them.
 */
export function cachedRecipients(
  lookup: (linkId: string) => Promise<string | undefined>,
  maxEntries: number,
): (linkId: string) => Promise<string | undefined> {
  const known = new Map<string, string>();
  return async (linkId) => {
    const hit = known.get(linkId);
    if (hit !== undefined) return hit;
    const recipient = await lookup(linkId);
    if (recipient !== undefined) {
      if (known.size >= maxEntries) known.delete(known.keys().next().value as string);
      known.set(linkId, recipient);
    }
    return recipient;
  };
}

/** Answer written when a limit is hit; the route decides the format (page or problem+json). */
export type RateLimitedResponder = (c: Context, retryAfterSeconds: number) => Response | Promise<Response>;

/** Where the limits count: the flood guard in memory, the per-link and per-recipient limits in the table. */
export interface RateLimitCounters {
  perIp: RateCounter;
  /** Counts links (`link:<id>`) and recipients (`recipient:<nip>`). */
  perKey: RateCounter;
}

/** What a request is counted against. */
export interface RateLimitSubjects {
  /** The client address (API Gateway's sourceIp, never X-Forwarded-For). */
  ip: (c: Context) => string;
  /** The link id of the request, or undefined when the request names no well-formed link (nothing else counts). */
  link: (c: Context) => string | undefined;
  /** The recipient of a link (undefined for an unknown link); without it the per-recipient limit is off. */
  recipient?: (linkId: string) => Promise<string | undefined>;
}

/**
 * Fixed-window rate limiter: per client address (flood guard), per link, then per recipient (a request refused for its
 * link does not use up its recipient's allowance). A failing counter or lookup lets the request through: the limiter
 * must not turn a table hiccup into refused decisions (the route then meets the same table anyway).
 */
export function rateLimit(
  options: RateLimitOptions,
  subjects: RateLimitSubjects,
  onLimited: RateLimitedResponder,
  counters: RateLimitCounters = {
    perIp: memoryRateCounter(options.maxEntries),
    perKey: memoryRateCounter(options.maxEntries),
  },
  now: () => number = Date.now,
): MiddlewareHandler {
  const over = async (counter: RateCounter, id: string, limit: number, at: number) => {
    const windowStart = at - (at % options.windowMs);
    const count = await counter.hit(id, windowStart, options.windowMs).catch(() => 0);
    return count > limit ? Math.ceil((windowStart + options.windowMs - at) / 1000) : undefined;
  };
  const recipientOver = async (linkId: string, at: number) => {
    if (options.perRecipient <= 0 || !subjects.recipient) return undefined;
    const nip = await subjects.recipient(linkId).catch(() => undefined);
    return nip ? over(counters.perKey, `recipient:${nip}`, options.perRecipient, at) : undefined;
  };
  return async (c, next) => {
    const at = now();
    const link = options.perKey > 0 || options.perRecipient > 0 ? subjects.link(c) : undefined;
    const retry =
      (await over(counters.perIp, `ip:${subjects.ip(c)}`, options.perIp, at)) ??
      (link && options.perKey > 0
        ? await over(counters.perKey, `link:${link}`, options.perKey, at)
        : undefined) ??
      (link ? await recipientOver(link, at) : undefined);
    if (retry !== undefined) {
      c.header("Retry-After", String(Math.max(1, retry)));
      return onLimited(c, retry);
    }
    await next();
  };
}
