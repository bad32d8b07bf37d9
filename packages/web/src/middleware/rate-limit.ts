import { UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context, MiddlewareHandler } from "hono";
import { isConditionFailure } from "@kinerja/core/storage/storage.errors";

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
  /**
   * Counts `key` and its `group` in one request where the store can: `key` first, and when its count already reached
   * `keyLimit` the hit is refused and neither counts further (answer `{key: keyLimit + 1}`); otherwise both count.
   * Answers the counts including this hit. Absent: two hits (countInGroup).
   */
  hitInGroup?(
    key: string,
    group: string,
    keyLimit: number,
    windowStart: number,
    windowMs: number,
  ): Promise<{ key: number; group?: number }>;
}

/** A counter's hitInGroup, or the same as two hits where it has none. */
async function countInGroup(
  counter: RateCounter,
  key: string,
  group: string,
  keyLimit: number,
  windowStart: number,
  windowMs: number,
): Promise<{ key: number; group?: number }> {
  if (counter.hitInGroup) return counter.hitInGroup(key, group, keyLimit, windowStart, windowMs);
  const keyCount = await counter.hit(key, windowStart, windowMs);
  if (keyCount > keyLimit) return { key: keyCount };
  return { key: keyCount, group: await counter.hit(group, windowStart, windowMs) };
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
 * table's TTL attribute a minute after its window ends. One UpdateItem per request: a link's count is an attribute of
 * its recipient's window item (hitInGroup), so a link and its person are counted together, with the link's limit as
 * the update's condition. They stay out of the decision's claim transaction on purpose: a person's counter is a hot
 * item (an approver deciding a unit's links at once), and in a transaction every concurrent claim of that person
 * would cancel the others (TransactionConflict), and a refused or invalid POST must count without a claim.
 */
export function dynamoRateCounter(storage: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): RateCounter {
  const update = (key: string, windowStart: number, windowMs: number) => ({
    TableName: storage.tableName,
    Key: { pk: `ratelimit#${key}`, sk: `window#${windowStart}` },
    ReturnValues: "UPDATED_NEW" as const,
    ttl: Math.ceil((windowStart + windowMs) / 1000) + 60,
  });
  return {
    hit: async (key, windowStart, windowMs) => {
      const { ttl, ...base } = update(key, windowStart, windowMs);
      const out = await storage.client.send(
        new UpdateCommand({
          ...base,
          UpdateExpression: "ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)",
          ExpressionAttributeNames: { "#count": "count", "#ttl": "ttl" },
          ExpressionAttributeValues: { ":one": 1, ":ttl": ttl },
        }),
      );
      return Number(out.Attributes?.count ?? 1);
    },
    hitInGroup: async (key, group, keyLimit, windowStart, windowMs) => {
      const { ttl, ...base } = update(group, windowStart, windowMs);
      try {
        const out = await storage.client.send(
          new UpdateCommand({
            ...base,
            UpdateExpression: "ADD #count :one, #key :one SET #ttl = if_not_exists(#ttl, :ttl)",
            ConditionExpression: "attribute_not_exists(#key) OR #key < :limit",
            ExpressionAttributeNames: { "#count": "count", "#key": `key:${key}`, "#ttl": "ttl" },
            ExpressionAttributeValues: { ":one": 1, ":ttl": ttl, ":limit": keyLimit },
          }),
        );
        return {
          key: Number(out.Attributes?.[`key:${key}`] ?? 1),
          group: Number(out.Attributes?.count ?? 1),
        };
      } catch (err) {
        if (isConditionFailure(err)) return { key: keyLimit + 1 };
        throw err;
      }
    },
  };
}

/**
 * A lookup of what never changes once written (a link: its recipient, decision, key id and expiry), remembered per
 * container, so a link costs one read per container and the rate limiter and the route share it. Misses are not
 * remembered (a link may be written after a miss); at most `maxEntries`, oldest forgotten first.
 */
export function cachedFound<T>(
  lookup: (id: string) => Promise<T | null | undefined>,
  maxEntries: number,
): (id: string) => Promise<T | null | undefined> {
  const known = new Map<string, T>();
  return async (id) => {
    const hit = known.get(id);
    if (hit !== undefined) return hit;
    const found = await lookup(id);
    if (found !== undefined && found !== null) {
      if (known.size >= maxEntries) known.delete(known.keys().next().value as string);
      known.set(id, found);
    }
    return found;
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
  recipient?: (linkId: string, c: Context) => Promise<string | undefined>;
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
  return async (c, next) => {
    const at = now();
    const windowStart = at - (at % options.windowMs);
    const count = (counter: RateCounter, id: string) =>
      counter.hit(id, windowStart, options.windowMs).catch(() => 0);
    // One counter request per limit subject: the link and its recipient share one (countInGroup).
    const linkOver = async (link: string) => {
      const nip =
        options.perRecipient > 0 && subjects.recipient
          ? await subjects.recipient(link, c).catch(() => undefined)
          : undefined;
      if (!nip) return options.perKey > 0 && (await count(counters.perKey, `link:${link}`)) > options.perKey;
      const group = `recipient:${nip}`;
      if (options.perKey <= 0) return (await count(counters.perKey, group)) > options.perRecipient;
      const counted = await countInGroup(
        counters.perKey,
        `link:${link}`,
        group,
        options.perKey,
        windowStart,
        options.windowMs,
      ).catch(() => undefined);
      return !!counted && (counted.key > options.perKey || (counted.group ?? 0) > options.perRecipient);
    };
    const link = options.perKey > 0 || options.perRecipient > 0 ? subjects.link(c) : undefined;
    const limited =
      (await count(counters.perIp, `ip:${subjects.ip(c)}`)) > options.perIp ||
      (link !== undefined && (await linkOver(link)));
    const retry = limited ? Math.ceil((windowStart + options.windowMs - at) / 1000) : undefined;
    if (retry !== undefined) {
      c.header("Retry-After", String(Math.max(1, retry)));
      return onLimited(c, retry);
    }
    await next();
  };
}
