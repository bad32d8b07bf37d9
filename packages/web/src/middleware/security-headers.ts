import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/**
 * Security headers for server-rendered pages: a CSP with no script at all (the pages need none), styles only from
 * our own stylesheet, forms only posting back to us, no framing, and no Referer (link tokens must not leak to
 * evidence sites a page links to). `formActions` adds origins a form's redirect may reach (the dashboard's identity
 * provider: browsers check form-action on every redirect after a submission, e.g. sign-out to end_session).
 */
export function pageSecurityHeaders(options: { formActions?: string[] } = {}): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      formAction: ["'self'", ...(options.formActions ?? [])],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
    crossOriginResourcePolicy: "same-origin",
    crossOriginOpenerPolicy: "same-origin",
    strictTransportSecurity: "max-age=63072000; includeSubDomains",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

/** Link pages are personal and change with state: never cache them, never index them. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("X-Robots-Tag", "noindex, nofollow");
  };
}
