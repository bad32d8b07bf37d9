import type { Context } from "hono";

/**
 * The client address of a request: API Gateway's `requestContext.http.sourceIp` in Lambda (the address that connected
 * to API Gateway), the socket peer locally. Never X-Forwarded-For: behind API Gateway its first entry is whatever the
 * client wrote there.
 */
export function clientIp(c: Context): string {
  const env = c.env as
    | {
        incoming?: { socket?: { remoteAddress?: string } };
        event?: { requestContext?: { http?: { sourceIp?: string } } };
      }
    | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? "unknown";
}
