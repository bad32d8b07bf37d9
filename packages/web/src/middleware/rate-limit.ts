import { UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context, MiddlewareHandler } from "hono";

/**
 * Limits of the link routes (issue 16 item 8). The limit that matters is per link: a link hammered (a brute-forcer, a
 * stuck script) is refused, while everyone else keeps working. It is counted in the one table (a counter item per link
 * and minute, deleted by TTL), so it holds across Lambda containers; API Gateway's stage throttling (stacks/api.ts) caps
 * the total rate in front of it. The per-address limit is only a coarse flood guard, counted per container and set high:
 * behind one office NAT address sit hundreds of people deciding their own links on a deadline day.
 */
export interface RateLimitOptions {
  /** Requests per client address per window and container (flood guard; keep it far above an office's traffic). */
  perIp: number;
  /** Requests per key (the link id) per window, across all containers; 0 disables. */
  perKey: number;
  windowMs: number;
  /** Upper bound on counters kept in memory, so a flood of distinct addresses cannot exhaust memory. */
  maxEntries: number;
}

/** Defaults for link routes: a person opens and sends a link a few times; a scanner or a brute-forcer far more. */
export const DEFAULT_LINK_RATE_LIMIT: RateLimitOptions = {
  perIp: 6_000,
  perKey: 30,
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

/** Answer written when a limit is hit; the route decides the format (page or problem+json). */
export type RateLimitedResponder = (c: Context, retryAfterSeconds: number) => Response | Promise<Response>;

/** Where the two limits count: the flood guard in memory, the per-key limit in the table when one is given. */
export interface RateLimitCounters {
  perIp: RateCounter;
  perKey: RateCounter;
}

/**
 * Fixed-window rate limiter: per client address (flood guard) and per key. A failing counter lets the request through:
 * the limiter must not turn a table hiccup into refused decisions (the route then meets the same table anyway).
 */
export function rateLimit(
  options: RateLimitOptions,
  ip: (c: Context) => string,
  key: (c: Context) => string | undefined,
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
  return async (c, next) => {
    const at = now();
    const k = options.perKey > 0 ? key(c) : undefined;
    const retry =
      (await over(counters.perIp, `ip:${ip(c)}`, options.perIp, at)) ??
      (k ? await over(counters.perKey, `link:${k}`, options.perKey, at) : undefined);
    if (retry !== undefined) {
      c.header("Retry-After", String(Math.max(1, retry)));
      return onLimited(c, retry);
    }
    await next();
  };
}
