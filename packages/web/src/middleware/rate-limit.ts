import type { Context, MiddlewareHandler } from "hono";

/** Fixed-window limits for one route family. */
export interface RateLimitOptions {
  /** Requests per client IP per window. */
  perIp: number;
  /** Requests per key (e.g. link id) per window; 0 disables. */
  perKey: number;
  windowMs: number;
  /** Upper bound on tracked counters, so a flood of distinct keys cannot exhaust memory. */
  maxEntries: number;
}

/** Defaults for link routes: generous for a person, tight for a scanner or a brute-forcer. */
export const DEFAULT_LINK_RATE_LIMIT: RateLimitOptions = {
  perIp: 120,
  perKey: 30,
  windowMs: 60_000,
  maxEntries: 50_000,
};

interface Counter {
  count: number;
  resetAt: number;
}

/** Answer written when a limit is hit; the route decides the format (page or problem+json). */
export type RateLimitedResponder = (c: Context, retryAfterSeconds: number) => Response | Promise<Response>;

/**
 * In-memory fixed-window rate limiter per client IP and per key. Per process: in Lambda each container counts on its
 * own, so the effective cloud limit is per container (API Gateway throttling is the global backstop).
 */
export function rateLimit(
  options: RateLimitOptions,
  ip: (c: Context) => string,
  key: (c: Context) => string | undefined,
  onLimited: RateLimitedResponder,
  now: () => number = Date.now,
): MiddlewareHandler {
  const counters = new Map<string, Counter>();
  const hit = (id: string, limit: number, at: number): number | undefined => {
    let counter = counters.get(id);
    if (!counter || counter.resetAt <= at) {
      if (counters.size >= options.maxEntries) {
        for (const [k, v] of counters) if (v.resetAt <= at) counters.delete(k);
        // Still full of live counters: forget the oldest rather than grow without bound.
        if (counters.size >= options.maxEntries) counters.delete(counters.keys().next().value as string);
      }
      counter = { count: 0, resetAt: at + options.windowMs };
      counters.set(id, counter);
    }
    counter.count++;
    return counter.count > limit ? Math.ceil((counter.resetAt - at) / 1000) : undefined;
  };
  return async (c, next) => {
    const at = now();
    const retryIp = hit(`ip:${ip(c)}`, options.perIp, at);
    const k = options.perKey > 0 ? key(c) : undefined;
    const retryKey = k ? hit(`key:${k}`, options.perKey, at) : undefined;
    const retry = retryIp ?? retryKey;
    if (retry !== undefined) {
      c.header("Retry-After", String(Math.max(1, retry)));
      return onLimited(c, retry);
    }
    await next();
  };
}
