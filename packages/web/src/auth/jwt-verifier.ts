// Verifies HR bearer tokens (OIDC JWTs) with jose: signature against the issuer's JWKS, issuer, audience, expiry
// measured on the injected clock, and the roles claim. The same check runs in the cloud and in the local runtime.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { systemClock, type Clock } from "@kinerja/core/clock/clock";
import { AuthConfigError, UnauthenticatedError, type AuthMessage } from "./auth.errors";

/** Roles kinerja knows: `hr` may do everything, `viewer` may only read. */
export const HR_ROLES = ["hr", "viewer"] as const;

/** One HR role. */
export type HrRole = (typeof HR_ROLES)[number];

/** Who a verified token speaks for. */
export interface Principal {
  /** The token's `sub`. */
  subject: string;
  /** A display name from `name`, `preferred_username` or `email`, when the token has one. */
  name?: string;
  /** The kinerja roles found in the roles claim (unknown roles are dropped). */
  roles: HrRole[];
  /** When the token expires (ISO), if it carries `exp`. */
  expiresAt?: string;
}

/** Where the verifier finds the signing keys: a JWKS URL, a key set in memory, or OIDC discovery from the issuer. */
export type KeySource = { jwksUrl: string } | { jwks: JSONWebKeySet } | { discover: true };

/** Options of createJwtVerifier. */
export interface JwtVerifierOptions {
  issuer: string;
  audience: string | string[];
  keys: KeySource;
  /** Claim holding the roles (string or list); a dotted path reaches into objects (`realm_access.roles`). Default `roles`. */
  rolesClaim?: string;
  /** Expiry and not-before are checked against this clock (the runtime clock locally). */
  clock?: Clock;
  /** Accepted signature algorithms (asymmetric only, so a leaked JWKS cannot mint tokens). */
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/nbf. */
  clockToleranceSeconds?: number;
}

/** Verifies one bearer token. */
export interface JwtVerifier {
  /** The principal of a valid token; UnauthenticatedError for any bad token, AuthConfigError when the keys cannot be fetched. */
  verify(token: string): Promise<Principal>;
}

const DEFAULT_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"];

/** Reads a claim by name, or by dotted path when no claim has the literal name (`cognito:groups` stays literal). */
export function readClaim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split(".")) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The kinerja roles in a claim value: a list, or one string of roles separated by spaces or commas. */
export function rolesOf(value: unknown): HrRole[] {
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  return HR_ROLES.filter((role) => list.includes(role));
}

function keyGetter(options: JwtVerifierOptions): JWTVerifyGetKey {
  const keys = options.keys;
  if ("jwks" in keys) return createLocalJWKSet(keys.jwks);
  if ("jwksUrl" in keys) return createRemoteJWKSet(new URL(keys.jwksUrl));
  // OIDC discovery: the issuer's configuration names its jwks_uri; look it up once, then jose caches the keys.
  let remote: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${options.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const response = await fetch(url);
    if (!response.ok) throw new AuthConfigError(`OIDC discovery at ${url} answered ${response.status}`);
    const config = (await response.json()) as { jwks_uri?: unknown };
    if (typeof config.jwks_uri !== "string")
      throw new AuthConfigError(`OIDC discovery at ${url} has no jwks_uri`);
    return createRemoteJWKSet(new URL(config.jwks_uri));
  };
  return async (header, token) => {
    remote ??= discover().catch((err) => {
      remote = undefined; // try again on the next request rather than caching the outage
      throw err;
    });
    return (await remote)(header, token);
  };
}

/** Builds the verifier once (cold start or local runtime); the key set is cached across requests. */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const getKey = keyGetter(options);
  const clock = options.clock ?? systemClock;
  const rolesClaim = options.rolesClaim ?? "roles";
  return {
    async verify(token) {
      if (!token || token.split(".").length !== 3) throw new UnauthenticatedError({ key: "authNotJwt" });
      try {
        const { payload } = await jwtVerify(token, getKey, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: options.algorithms ?? DEFAULT_ALGORITHMS,
          currentDate: clock.now(),
          clockTolerance: options.clockToleranceSeconds ?? 30,
          requiredClaims: ["sub", "exp"],
        });
        const name = [payload.name, payload.preferred_username, payload.email].find(
          (v): v is string => typeof v === "string" && v !== "",
        );
        return {
          subject: payload.sub!,
          ...(name ? { name } : {}),
          roles: rolesOf(readClaim(payload, rolesClaim)),
          ...(payload.exp ? { expiresAt: new Date(payload.exp * 1000).toISOString() } : {}),
        };
      } catch (err) {
        if (err instanceof AuthConfigError) throw err;
        if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
          throw new AuthConfigError(`cannot fetch the signing keys: ${(err as Error).message}`, {
            cause: err,
          });
        }
        throw new UnauthenticatedError(describe(err), { cause: err });
      }
    },
  };
}

function describe(err: errors.JOSEError): AuthMessage {
  if (err instanceof errors.JWTExpired) return { key: "authExpired" };
  if (err instanceof errors.JWKSNoMatchingKey) return { key: "authUntrustedKey" };
  if (err instanceof errors.JWSSignatureVerificationFailed) return { key: "authBadSignature" };
  if (err instanceof errors.JWTClaimValidationFailed)
    return { key: "authClaimRejected", params: { claim: err.claim, reason: err.reason } };
  return { key: "authInvalid", params: { code: err.code } };
}
