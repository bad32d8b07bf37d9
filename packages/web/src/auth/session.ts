// Dashboard sessions and the sign-in's short-lived state, both kept in the browser as encrypted JWTs (jose, dir +
// A256GCM with one 32-byte key from config): the browser can neither read nor alter them, and the server keeps no
// session table. Each kind has its own audience, so a sign-in state cookie can never pass for a session.
import { EncryptJWT, errors, jwtDecrypt, type JWTPayload } from "jose";
import * as v from "valibot";
import type { Clock } from "@kinerja/core/clock/clock";
import { AuthConfigError, UnauthenticatedError } from "./auth.errors";
import { HR_ROLES, type Principal } from "./jwt-verifier";

/** How long a dashboard session lasts from sign-in (absolute, not sliding) unless configured. */
export const DEFAULT_SESSION_SECONDS = 8 * 3600;
/** How long a person may take on the identity provider's page before the sign-in must start over. */
export const SIGN_IN_STATE_SECONDS = 10 * 60;

const SESSION_AUDIENCE = "kinerja:dashboard-session";
const STATE_AUDIENCE = "kinerja:dashboard-sign-in";

/** What the callback needs to finish a sign-in it started (RFC 7636 verifier, state, nonce, where to go next). */
export interface SignInState {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  redirectUri: string;
}

const SignInStateSchema = v.object({
  state: v.string(),
  nonce: v.string(),
  codeVerifier: v.string(),
  next: v.string(),
  redirectUri: v.string(),
});

const SessionClaimsSchema = v.object({
  sub: v.string(),
  name: v.optional(v.string()),
  roles: v.array(v.picklist(HR_ROLES)),
  exp: v.number(),
});

/** Seals and opens the dashboard's cookies. */
export interface SessionSealer {
  /** Session lifetime in seconds. */
  maxAgeSeconds: number;
  /** A session cookie value for `principal`, expiring `maxAgeSeconds` from now on the clock. */
  seal(principal: Omit<Principal, "expiresAt">): Promise<string>;
  /** The principal of a session cookie; UnauthenticatedError when it is missing, altered, foreign or expired. */
  open(value: string | undefined): Promise<Principal>;
  /** A sign-in state cookie value (expires after SIGN_IN_STATE_SECONDS). */
  sealState(state: SignInState): Promise<string>;
  /** The sign-in state, or undefined when the cookie is missing, altered or expired. */
  openState(value: string | undefined): Promise<SignInState | undefined>;
}

/** How an operator makes a session key (docs/deploy.md). */
export const SESSION_KEY_HINT = "openssl rand -base64 32";

/**
 * Reads a session key: 32 bytes as base64url or base64 (e.g. `openssl rand -base64 32`). `source` names where it came
 * from (a secret or a variable), so the operator knows what to fix; missing, empty, not base64 or not 32 bytes is an
 * AuthConfigError.
 */
export function parseSessionKey(text: string | undefined, source = "the session key"): Uint8Array {
  const trimmed = text?.trim() ?? "";
  if (!trimmed) throw new AuthConfigError(`${source} is not set; make one with \`${SESSION_KEY_HINT}\``);
  const urlSafe = trimmed.includes("-") || trimmed.includes("_");
  if (!(urlSafe ? /^[A-Za-z0-9_-]+={0,2}$/ : /^[A-Za-z0-9+/]+={0,2}$/).test(trimmed))
    throw new AuthConfigError(`${source} is not base64; make one with \`${SESSION_KEY_HINT}\``);
  const bytes = Buffer.from(trimmed, urlSafe ? "base64url" : "base64");
  if (bytes.length !== 32)
    throw new AuthConfigError(
      `${source} must be 32 random bytes in base64, it holds ${bytes.length}; make one with \`${SESSION_KEY_HINT}\``,
    );
  return new Uint8Array(bytes);
}

/** Builds the sealer on `clock` (the runtime clock locally, so a clock jump ends sessions as time would). */
export function createSessionSealer(options: {
  key: Uint8Array;
  clock: Clock;
  maxAgeSeconds?: number;
}): SessionSealer {
  if (options.key.length !== 32) throw new AuthConfigError("session key: must be 32 bytes");
  const key = options.key;
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_SESSION_SECONDS;
  const now = () => Math.floor(options.clock.now().getTime() / 1000);
  const seal = (claims: JWTPayload, audience: string, seconds: number) =>
    new EncryptJWT(claims)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setAudience(audience)
      .setIssuedAt(now())
      .setExpirationTime(now() + seconds)
      .encrypt(key);
  const open = async (value: string, audience: string) =>
    (
      await jwtDecrypt(value, key, {
        audience,
        currentDate: options.clock.now(),
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
      })
    ).payload;
  return {
    maxAgeSeconds,
    seal: (principal) =>
      seal(
        {
          sub: principal.subject,
          roles: principal.roles,
          ...(principal.name ? { name: principal.name } : {}),
        },
        SESSION_AUDIENCE,
        maxAgeSeconds,
      ),
    async open(value) {
      if (!value) throw new UnauthenticatedError({ key: "authRequired" });
      let payload: JWTPayload;
      try {
        payload = await open(value, SESSION_AUDIENCE);
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new UnauthenticatedError({ key: "authSessionExpired" });
        throw new UnauthenticatedError({ key: "authSessionInvalid" }, { cause: err });
      }
      const claims = v.safeParse(SessionClaimsSchema, payload);
      if (!claims.success) throw new UnauthenticatedError({ key: "authSessionInvalid" });
      const { sub, name, roles, exp } = claims.output;
      return {
        subject: sub,
        ...(name ? { name } : {}),
        roles,
        expiresAt: new Date(exp * 1000).toISOString(),
      };
    },
    sealState: (state) => seal({ ...state }, STATE_AUDIENCE, SIGN_IN_STATE_SECONDS),
    async openState(value) {
      if (!value) return undefined;
      try {
        const parsed = v.safeParse(SignInStateSchema, await open(value, STATE_AUDIENCE));
        return parsed.success ? parsed.output : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
