// The local OIDC issuer: one ES256 key pair (the caller persists it in the data dir), tokens signed with it, and
// its public JWKS at /_local/jwks.json, so the local runtime runs exactly the JWT check of the cloud.
import { Hono } from "hono";
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  calculateJwkThumbprint,
  type JSONWebKeySet,
  type JWK,
} from "jose";
import * as v from "valibot";
import type { Clock } from "@kinerja/core/clock/clock";
import { AuthConfigError } from "./auth.errors";
import { createJwtVerifier, HR_ROLES, type HrRole, type JwtVerifier } from "./jwt-verifier";
import { parseTtlSeconds } from "./ttl";

/** Issuer and audience of dev tokens: stable names, so a token keeps working when the port changes. */
export const DEV_ISSUER = "urn:kinerja:local-dev";
/** Audience of dev tokens. */
export const DEV_AUDIENCE = "kinerja-local";
/** Dev tokens live 5 years by default (DESIGN 3.1), so clock jumps in the local runtime do not expire them. */
export const DEV_TOKEN_TTL = "5y";

/** The persisted dev signing key (a private JWK with its key id); keep it in the data dir, never commit it. */
export const DevIssuerKeySchema = v.object({
  kid: v.pipe(v.string(), v.minLength(8, "kid is too short")),
  privateJwk: v.looseObject({
    kty: v.literal("EC", "privateJwk.kty must be EC"),
    crv: v.literal("P-256", "privateJwk.crv must be P-256"),
    x: v.string(),
    y: v.string(),
    d: v.string("privateJwk.d (the private part) is missing"),
  }),
});

/** A dev signing key. */
export type DevIssuerKey = v.InferOutput<typeof DevIssuerKeySchema>;

/** Makes a new dev signing key (ES256) to persist. */
export async function generateDevIssuerKey(): Promise<DevIssuerKey> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! });
  return v.parse(DevIssuerKeySchema, { kid, privateJwk: jwk });
}

/** Validates a key read back from disk; AuthConfigError names what is wrong. */
export function parseDevIssuerKey(value: unknown): DevIssuerKey {
  const parsed = v.safeParse(DevIssuerKeySchema, value);
  if (!parsed.success) {
    throw new AuthConfigError(
      `dev issuer key: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "key"}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.output;
}

/** What a dev token says about its holder. */
export interface DevTokenInput {
  role: HrRole;
  subject?: string;
  name?: string;
  /** Lifetime ("1h", "7d", "5y", ISO duration); default 5 years. */
  ttl?: string;
}

/** The local issuer: signs tokens on the runtime clock and publishes its public keys. */
export interface DevIssuer {
  issuer: string;
  audience: string;
  rolesClaim: string;
  /** The public key set served at /_local/jwks.json. */
  jwks(): JSONWebKeySet;
  /** A signed token, issued and expiring on the runtime clock. */
  sign(input: DevTokenInput): Promise<string>;
  /** A verifier trusting exactly this issuer's key, checking time on the same clock. */
  verifier(): JwtVerifier;
}

/** Builds the dev issuer from a persisted key. */
export async function createDevIssuer(options: {
  key: DevIssuerKey;
  clock: Clock;
  issuer?: string;
  audience?: string;
  rolesClaim?: string;
}): Promise<DevIssuer> {
  const key = parseDevIssuerKey(options.key);
  const privateKey = await importJWK(key.privateJwk as JWK, "ES256");
  const { d: _private, ...publicJwk } = key.privateJwk;
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid: key.kid, alg: "ES256", use: "sig" } as JWK] };
  const issuer = options.issuer ?? DEV_ISSUER;
  const audience = options.audience ?? DEV_AUDIENCE;
  const rolesClaim = options.rolesClaim ?? "roles";
  const verifier = createJwtVerifier({
    issuer,
    audience,
    keys: { jwks },
    rolesClaim,
    clock: options.clock,
    algorithms: ["ES256"],
  });
  return {
    issuer,
    audience,
    rolesClaim,
    jwks: () => jwks,
    async sign(input) {
      if (!(HR_ROLES as readonly string[]).includes(input.role))
        throw new AuthConfigError(`role: must be one of ${HR_ROLES.join(", ")}`);
      const now = Math.floor(options.clock.now().getTime() / 1000);
      const ttl = parseTtlSeconds(input.ttl ?? DEV_TOKEN_TTL);
      return new SignJWT({
        [rolesClaim]: [input.role],
        // A plain Indonesian name: the dashboard marks dev tokens as "token lokal" by their subject (dev-...).
        name: input.name ?? (input.role === "hr" ? "Pengelola Kinerja" : "Pemantau"),
      })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(input.subject ?? `dev-${input.role}`)
        .setIssuedAt(now)
        .setNotBefore(now - 60)
        .setExpirationTime(now + ttl)
        .sign(privateKey);
    },
    verifier: () => verifier,
  };
}

/** `GET /jwks.json` (mounted under /_local): the dev issuer's public keys. */
export function devIssuerRoutes(issuer: DevIssuer) {
  const app = new Hono();
  app.get("/jwks.json", (c) => c.json(issuer.jwks(), 200, { "cache-control": "no-store" }));
  return app;
}
