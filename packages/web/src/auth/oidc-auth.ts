// HR auth in the cloud: bearer tokens checked against the stage's OIDC issuer (its JWKS), and, when the stage has a
// dashboard client, the dashboard's own OIDC sign-in with a sealed session cookie. The API Lambda (functions/api.ts)
// reads the settings and secrets from its environment and builds the app's auth here.
import type { Clock } from "@kinerja/core/clock/clock";
import type { Logger } from "@kinerja/core/log/logger";
import { dashboardSignIn } from "./dashboard-sign-in";
import type { AuthOptions } from "./hr-auth";
import { createJwtVerifier } from "./jwt-verifier";
import { CALLBACK_PATH, SIGNED_OUT_PATH } from "./oidc-sign-in";

/** The stage's OIDC settings. */
export interface OidcAuthSettings {
  issuer: string;
  audience: string[];
  /** The JWKS URL; without it the issuer's OIDC discovery document names it. */
  jwksUrl?: string;
  rolesClaim: string;
  clock: Clock;
  /** The dashboard's OIDC client; without it /dashboard takes bearer tokens only. */
  dashboard?: {
    clientId: string;
    /** Set for a confidential client. */
    clientSecret?: string;
    scopes?: string;
    sessionKey?: string;
    /** How errors name where the session key comes from. */
    sessionKeySource: string;
    sessionSeconds: number;
    /** The public base URL: the redirect URIs sit under it. */
    baseUrl: string;
  };
}

/**
 * The app's auth from the OIDC settings: the bearer check, and the dashboard's sign-in (redirect URIs under the public
 * base URL, the same issuer and roles claim as the bearer check) with its session sealer. A missing or unusable session
 * key leaves the dashboard's sign-in out and is logged (not thrown): the link pages and the HR API keep working, the
 * login page says in Indonesian that sign-in is not set up.
 */
export function oidcAuth(settings: OidcAuthSettings, log?: Logger): AuthOptions {
  const verifier = createJwtVerifier({
    issuer: settings.issuer,
    audience: settings.audience,
    keys: settings.jwksUrl ? { jwksUrl: settings.jwksUrl } : { discover: true },
    rolesClaim: settings.rolesClaim,
    clock: settings.clock,
  });
  const dashboard = settings.dashboard;
  if (!dashboard) return { verifier, secureCookies: true };
  const origin = dashboard.baseUrl.replace(/\/$/, "");
  const { problem, ...signIn } = dashboardSignIn({
    sessionKey: dashboard.sessionKey,
    sessionKeySource: dashboard.sessionKeySource,
    sessionSeconds: dashboard.sessionSeconds,
    clock: settings.clock,
    oidc: {
      issuer: settings.issuer,
      clientId: dashboard.clientId,
      ...(dashboard.clientSecret ? { clientSecret: dashboard.clientSecret } : {}),
      ...(dashboard.scopes ? { scopes: dashboard.scopes } : {}),
      redirectUri: `${origin}${CALLBACK_PATH}`,
      postLogoutRedirectUri: `${origin}${SIGNED_OUT_PATH}`,
      rolesClaim: settings.rolesClaim,
    },
  });
  if (problem) log?.error("dashboard sign-in is not configured", { error: problem });
  return { verifier, secureCookies: true, ...signIn };
}
