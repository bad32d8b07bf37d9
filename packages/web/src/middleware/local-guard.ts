import { t } from "@kinerja/core/i18n/messages";

/**
 * Guards of the local runtime's web server on a shared machine (issue 16 item 7), applied before the app sees a request.
 *
 * - Host: only loopback names with the server's port. A page on another site whose DNS name is rebound to 127.0.0.1
 *   reaches the server with its own name in Host; refusing it (421) keeps such a page from reading `/_local/mail`
 *   (link tokens) or the dev login.
 * - `/_local/*` writes: only `application/json` (a cross-site form or `fetch` without a preflight can send only
 *   text/plain, form-urlencoded or multipart) and, when the browser says where the request comes from (Origin,
 *   Sec-Fetch-Site), only from this server's own origin (403). The CLI and curl send neither header and are let through.
 *   The local OIDC provider (/_local/oidc/) is the one exception to the media type: its sign-in form and token
 *   endpoint are form-urlencoded by the standard, so there only the same-origin rule applies.
 */
export function localRequestGuard(port: number): (request: Request) => Response | undefined {
  const origins = new Set(loopbackOrigins(port));
  const hosts = new Set([...origins].map((o) => o.slice("http://".length)));
  return (request) => {
    const host = request.headers.get("host")?.toLowerCase() ?? "";
    if (!hosts.has(host)) return refuse(421, t("localForeignHost", "id", { host: host || "(kosong)", port }));
    const path = new URL(request.url).pathname;
    if (!path.startsWith("/_local/") || request.method === "GET" || request.method === "HEAD")
      return undefined;
    const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    const origin = request.headers.get("origin");
    const site = request.headers.get("sec-fetch-site");
    const sameOrigin =
      (origin === null || origins.has(origin)) &&
      (site === null || site === "same-origin" || site === "none");
    const formAllowed = path.startsWith("/_local/oidc/") && mediaType === "application/x-www-form-urlencoded";
    if ((mediaType !== "application/json" && !formAllowed) || !sameOrigin)
      return refuse(403, t("localCrossSite", "id"));
    return undefined;
  };
}

/** The origins the local web server answers as (the loopback names with its port). */
export function loopbackOrigins(port: number): string[] {
  return ["localhost", "127.0.0.1", "[::1]"].map((h) => `http://${h}:${port}`);
}

function refuse(status: 403 | 421, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  });
}
