// The dashboard's side of OpenID Connect (openid-client): the authorization code flow with PKCE (S256), state and
// nonce. The ID token is validated by the library (signature against the issuer's JWKS, issuer, audience, nonce,
// expiry); its roles are read with the same claim setting and the same rules as the API's bearer check.
import * as client from "openid-client";
import { AuthConfigError, ForbiddenError, UnauthenticatedError } from "./auth.errors";
import { readClaim, rolesOf, type Principal } from "./jwt-verifier";

/** Where sign-in starts. */
export const LOGIN_PATH = "/dashboard/login";
/** The OIDC redirect URI's path (register `<origin>/dashboard/auth/callback` at the IdP). */
export const CALLBACK_PATH = "/dashboard/auth/callback";
/** Where the browser lands after sign-out (register `<origin>/dashboard/signed-out` as post-logout redirect URI). */
export const SIGNED_OUT_PATH = "/dashboard/signed-out";

/** Settings of the dashboard's OIDC client. */
export interface OidcSignInOptions {
  /** The identity provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  /** The client secret (a confidential client); omit for a public client that relies on PKCE alone. */
  clientSecret?: string;
  /** The callback URL registered at the IdP; default: this request's origin + /dashboard/auth/callback. */
  redirectUri?: string;
  /** Where the IdP sends the browser after sign-out; default: this request's origin + /dashboard/signed-out. */
  postLogoutRedirectUri?: string;
  /** Scopes asked for; default `openid profile email`. */
  scopes?: string;
  /** Claim holding the roles (the same setting as the bearer check's `rolesClaim`); default `roles`. */
  rolesClaim?: string;
  /** Allow an http:// issuer (the local runtime's provider only). */
  allowHttp?: boolean;
}

/** A started sign-in: where to send the browser, and what the callback must check. */
export interface StartedSignIn {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The dashboard's OIDC client. */
export interface OidcSignIn {
  start(redirectUri: string): Promise<StartedSignIn>;
  /** Exchanges the code of `callbackUrl` and validates the ID token; the principal (roles checked: hr or viewer). */
  finish(
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
  ): Promise<Principal>;
  /** The IdP's sign-out URL when it offers RP-initiated logout (end_session_endpoint), else undefined. */
  endSessionUrl(postLogoutRedirectUri: string): Promise<string | undefined>;
  options: OidcSignInOptions;
}

/** Builds the client; discovery runs on first use and is retried after a failure. */
export function createOidcSignIn(options: OidcSignInOptions): OidcSignIn {
  const scopes = options.scopes ?? "openid profile email";
  const rolesClaim = options.rolesClaim ?? "roles";
  let config: Promise<client.Configuration> | undefined;
  const configuration = () =>
    (config ??= client
      .discovery(
        new URL(options.issuer),
        options.clientId,
        options.clientSecret,
        options.clientSecret ? client.ClientSecretBasic(options.clientSecret) : client.None(),
        options.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        config = undefined; // try again on the next sign-in rather than caching the outage
        throw new AuthConfigError(`OIDC discovery at ${options.issuer} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }));
  return {
    options,
    async start(redirectUri) {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return { url: url.href, state, nonce, codeVerifier };
    },
    async finish(callbackUrl, checks) {
      const config = await configuration();
      // The token request must name the same redirect_uri as the authorization request, whatever Host we are behind.
      const current = new URL(checks.redirectUri);
      current.search = callbackUrl.search;
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (err) {
        if (err instanceof client.ResponseBodyError || err instanceof client.AuthorizationResponseError)
          throw new UnauthenticatedError(
            { key: "authIdpRefused", params: { code: err.error } },
            { cause: err },
          );
        if (err instanceof client.ClientError)
          throw new UnauthenticatedError(
            { key: "authIdTokenRejected", params: { reason: err.message } },
            { cause: err },
          );
        throw new AuthConfigError(`OIDC token request failed: ${(err as Error).message}`, { cause: err });
      }
      if (!claims)
        throw new UnauthenticatedError({ key: "authIdTokenRejected", params: { reason: "no id_token" } });
      const roles = rolesOf(readClaim(claims, rolesClaim));
      if (roles.length === 0) throw new ForbiddenError({ key: "authNoRole" });
      const name = [claims.name, claims.preferred_username, claims.email].find(
        (value): value is string => typeof value === "string" && value !== "",
      );
      return { subject: claims.sub, ...(name ? { name } : {}), roles };
    },
    async endSessionUrl(postLogoutRedirectUri) {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, {
        client_id: options.clientId,
        post_logout_redirect_uri: postLogoutRedirectUri,
      }).href;
    },
  };
}
