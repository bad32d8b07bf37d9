// The HR guard: a bearer token verified by the JwtVerifier (API; also accepted by the dashboard for scripts) or the
// dashboard's encrypted session cookie (started by the OIDC sign-in), then the same role check: `hr` may do
// everything, `viewer` may only read (GET/HEAD).
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { ForbiddenError, UnauthenticatedError } from "./auth.errors";
import type { JwtVerifier, Principal } from "./jwt-verifier";
import type { OidcSignIn } from "./oidc-sign-in";
import type { SessionSealer } from "./session";
import { t } from "@kinerja/core/i18n/messages";
import type { HrActor } from "@kinerja/core/hr/hr-deps";

/** Name of the dashboard's session cookie (HttpOnly, SameSite=Lax, an encrypted JWT: principal and expiry). */
export const SESSION_COOKIE = "kinerja_session";

/** Auth settings of the app: the verifier (OIDC in the cloud, the dev issuer locally) and cookie security. */
export interface AuthOptions {
  verifier: JwtVerifier;
  /** Seals the dashboard's session cookies; without it the dashboard takes bearer tokens only. */
  session?: SessionSealer;
  /** The dashboard's OIDC sign-in; without it /dashboard/login says sign-in is not configured. */
  signIn?: OidcSignIn;
  /** Mark the session cookie Secure (default: when the request came over https). */
  secureCookies?: boolean;
}

/** Context variables the guard sets for the handlers. */
export type AuthVariables = { principal: Principal };

const READ_METHODS = new Set(["GET", "HEAD"]);

/** Reads the bearer token of the Authorization header, if any. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Verifies the token and checks the role for the request's method; throws UnauthenticatedError or ForbiddenError. */
export async function authorize(
  verifier: JwtVerifier,
  token: string | undefined,
  method: string,
): Promise<Principal> {
  if (!token) throw new UnauthenticatedError({ key: "authRequired" });
  return checkRole(await verifier.verify(token), method);
}

/** The role check of every guard: `hr` may do everything, `viewer` may only read; no kinerja role, nothing. */
export function checkRole(principal: Principal, method: string): Principal {
  const read = READ_METHODS.has(method.toUpperCase());
  if (principal.roles.includes("hr")) return principal;
  if (principal.roles.includes("viewer")) {
    if (read) return principal;
    throw new ForbiddenError({ key: "authViewerReadOnly" });
  }
  throw new ForbiddenError({ key: "authNoRole" });
}

/** Guard of the HR API: bearer token only (a cookie is never accepted here, so no cross-site request can act). */
export function apiAuth(options: AuthOptions): MiddlewareHandler<{ Variables: AuthVariables }> {
  // Refusals are thrown: errors/error-table.tsx answers them (401 with the Bearer challenge, 403, 503).
  return async (c, next) => {
    c.set("principal", await authorize(options.verifier, bearerToken(c), c.req.method));
    await next();
  };
}

/** Who acts in the HR services' audit trail: the signed-in principal's subject and name. */
export const actorOf = (principal: Principal): HrActor => ({
  subject: principal.subject,
  ...(principal.name ? { name: principal.name } : {}),
});

/**
 * Guard of the dashboard pages: a bearer token, else the session cookie; a browser without a valid session (none,
 * altered, expired) goes to sign-in with `next` (the page it asked for; a form post returns to the dashboard).
 * `forbidden` renders the Indonesian 403 page.
 */
export function pageAuth(
  options: AuthOptions,
  loginPath: string,
  forbidden: (c: Context<{ Variables: AuthVariables }>, message: string) => Response | Promise<Response>,
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    try {
      const token = bearerToken(c);
      if (token || !options.session)
        c.set("principal", await authorize(options.verifier, token, c.req.method));
      else {
        // Set before the role check, so the 403 page can still say who is signed in.
        c.set("principal", await options.session.open(getCookie(c, SESSION_COOKIE)));
        checkRole(c.get("principal"), c.req.method);
      }
    } catch (err) {
      if (err instanceof UnauthenticatedError) {
        const target = new URL(c.req.url);
        const next = READ_METHODS.has(c.req.method) ? target.pathname + target.search : "/dashboard";
        return c.redirect(`${loginPath}?next=${encodeURIComponent(next)}`, 303);
      }
      if (err instanceof ForbiddenError)
        return forbidden(c, t("authAccessDenied", "id", { reason: err.text("id") }));
      throw err;
    }
    await next();
  };
}
