// The dashboard's sign-in, sign-out and session cookie (mounted at /dashboard before the page guard).
// GET /login sends the browser to the identity provider (authorization code + PKCE), keeping state, nonce and the
// PKCE verifier in a short encrypted cookie; GET /auth/callback checks them, lets openid-client validate the ID token
// and starts the session: an encrypted HttpOnly cookie with the principal and its expiry. Both cookies are
// SameSite=Lax, since they must ride on the IdP's top-level redirect back; cross-site POSTs are still refused by
// the dashboard's Origin check (csrf()). Everything a person reads here is Indonesian.
import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { t } from "@kinerja/core/i18n/messages";
import { AuthConfigError, ForbiddenError, UnauthenticatedError } from "./auth.errors";
import { SESSION_COOKIE, type AuthOptions } from "./hr-auth";
import { CALLBACK_PATH, SIGNED_OUT_PATH } from "./oidc-sign-in";
import { LoginPage } from "../dashboard/login-page";
import { logOf } from "../log";

/** The sign-in state cookie (state, nonce, PKCE verifier, next), scoped to the callback. */
export const SIGN_IN_COOKIE = "kinerja_sign_in";

// Only a path inside the dashboard may be a post-login target (no open redirect).
export function safeNext(next: unknown): string {
  return typeof next === "string" &&
    /^\/dashboard(\/[A-Za-z0-9._~%/-]*)?(\?[A-Za-z0-9._~%&=-]*)?$/.test(next) &&
    !next.startsWith("//")
    ? next
    : "/dashboard";
}

function secure(c: Context, auth: AuthOptions): boolean {
  return auth.secureCookies ?? new URL(c.req.url).protocol === "https:";
}

function originOf(c: Context): string {
  return new URL(c.req.url).origin;
}

/** Builds the sign-in routes (relative to /dashboard). */
export function signInRoutes(auth: AuthOptions) {
  const app = new Hono();
  const { signIn, session } = auth;

  const refused = (c: Context, next: string, reason: string, status: 400 | 401 | 403 | 503) =>
    c.html(<LoginPage next={next} error={t("authSignInFailed", "id", { reason })} />, status);

  app.get("/login", async (c) => {
    const next = safeNext(c.req.query("next"));
    if (!signIn || !session)
      return c.html(<LoginPage next={next} error={t("authSignInNotConfigured", "id")} />, 503);
    const redirectUri = signIn.options.redirectUri ?? `${originOf(c)}${CALLBACK_PATH}`;
    let started;
    try {
      started = await signIn.start(redirectUri);
    } catch (err) {
      if (!(err instanceof AuthConfigError)) throw err;
      logOf(c).error("OIDC sign-in cannot start", { status: 503, error: err });
      return c.html(<LoginPage next={next} error={t("authIdpUnavailable", "id")} />, 503);
    }
    const { url, ...checks } = started;
    setCookie(c, SIGN_IN_COOKIE, await session.sealState({ ...checks, next, redirectUri }), {
      httpOnly: true,
      sameSite: "Lax",
      path: "/dashboard/auth",
      secure: secure(c, auth),
      maxAge: 600,
    });
    return c.redirect(url, 302);
  });

  app.get("/auth/callback", async (c) => {
    if (!signIn || !session)
      return c.html(<LoginPage next="/dashboard" error={t("authSignInNotConfigured", "id")} />, 503);
    const state = await session.openState(getCookie(c, SIGN_IN_COOKIE));
    deleteCookie(c, SIGN_IN_COOKIE, { path: "/dashboard/auth" });
    const next = state?.next ?? "/dashboard";
    // A callback this browser did not start (or started over 10 minutes ago) is refused before anything is
    // exchanged: that is the login-CSRF defence of `state`.
    if (!state || c.req.query("state") !== state.state)
      return refused(c, next, t("authStateMismatch", "id"), 400);
    const error = c.req.query("error");
    if (error) return refused(c, next, t("authIdpRefused", "id", { code: error.slice(0, 80) }), 401);
    let principal;
    try {
      principal = await signIn.finish(new URL(c.req.url), state);
    } catch (err) {
      if (err instanceof UnauthenticatedError || err instanceof ForbiddenError)
        return refused(c, next, err.text("id"), err instanceof ForbiddenError ? 403 : 401);
      if (err instanceof AuthConfigError) {
        logOf(c).error("OIDC sign-in cannot finish", { status: 503, error: err });
        return c.html(<LoginPage next={next} error={t("authIdpUnavailable", "id")} />, 503);
      }
      throw err;
    }
    setCookie(c, SESSION_COOKIE, await session.seal(principal), {
      httpOnly: true,
      sameSite: "Lax",
      path: "/dashboard",
      secure: secure(c, auth),
      maxAge: session.maxAgeSeconds,
    });
    return c.redirect(next, 303);
  });

  app.post("/logout", async (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/dashboard" });
    const back = signIn?.options.postLogoutRedirectUri ?? `${originOf(c)}${SIGNED_OUT_PATH}`;
    // Also end the IdP's own session when it offers RP-initiated logout; otherwise the next sign-in would pass
    // through without a password. An IdP that cannot be reached must not keep the person signed in here.
    const idp = await signIn?.endSessionUrl(back).catch(() => undefined);
    return c.redirect(idp ?? SIGNED_OUT_PATH, 303);
  });

  app.get("/signed-out", (c) => c.html(<LoginPage next="/dashboard" notice={t("authSignedOut", "id")} />));

  return app;
}
