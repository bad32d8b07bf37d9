import { beforeAll, describe, expect, it } from "vitest";
import { SignJWT, generateKeyPair, importJWK, type JWTPayload } from "jose";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { createStorage } from "../../../packages/core/src/storage/storage";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import type { WorkflowControl } from "../../../packages/core/src/workflow/workflow-control";
import { createApp } from "../../../packages/web/src/app";
import {
  createDevIssuer,
  generateDevIssuerKey,
  parseDevIssuerKey,
  DEV_AUDIENCE,
  DEV_ISSUER,
  type DevIssuer,
  type DevIssuerKey,
} from "../../../packages/web/src/auth/dev-issuer";
import { createJwtVerifier } from "../../../packages/web/src/auth/jwt-verifier";
import { AuthConfigError } from "../../../packages/web/src/auth/auth.errors";
import { freshTable } from "../../setup/dynamo";
import { t } from "../../../packages/core/src/i18n/messages";

// The Step Functions control plane is the one thing faked here (these tests never launch a cycle).
const noControl: WorkflowControl = {
  start: async () => {
    throw new Error("not used");
  },
  stop: async () => undefined,
};

describe("HR authentication", () => {
  const clock = createOffsetClock(Date.parse("2027-01-04T01:00:00Z") - Date.now());
  let issuer: DevIssuer;
  let key: DevIssuerKey;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const table = await freshTable("auth");
    const storage = createStorage({
      tableName: table.tableName,
      endpoint: table.endpoint,
      client: table.client,
      clock,
    });
    const store = createDynamoFlowStore(storage);
    key = await generateDevIssuerKey();
    issuer = await createDevIssuer({ key, clock });
    app = createApp({
      hr: {
        storage,
        clock,
        control: {
          store,
          clock,
          decisions: { open: async () => ({}) as never, close: async () => ({}) as never },
          control: noControl,
          stateMachines: { appraisal: "arn:a", launchCycle: "arn:l" },
        },
      },
      auth: { verifier: issuer.verifier() },
      devIssuer: issuer,
    });
  });

  // A token signed with the trusted key but with claims of our choosing.
  const signWithTrustedKey = async (claims: JWTPayload) => {
    const now = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("someone")
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(await importJWK(key.privateJwk, "ES256"));
  };

  const get = (path: string, token?: string) =>
    app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const put = (path: string, token: string, body: unknown) =>
    app.request(path, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers 401 problem+json with a Bearer challenge when there is no token", async () => {
    const res = await get("/api/units");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await res.json()).toMatchObject({ status: 401, title: "Unauthorized" });
  });

  it("answers 401 for a token signed by another key, even with the right issuer, audience and kid", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const kid = issuer.jwks().keys[0]!.kid!;
    const now = Math.floor(clock.now().getTime() / 1000);
    const forged = await new SignJWT({ roles: ["hr"] })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("mallory")
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    const res = await get("/api/units", forged);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/signature/);
  });

  it("answers 401 for a token of an unknown key id", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const now = Math.floor(clock.now().getTime() / 1000);
    const other = await new SignJWT({ roles: ["hr"] })
      .setProtectedHeader({ alg: "ES256", kid: "someone-else" })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("x")
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    expect((await get("/api/units", other)).status).toBe(401);
  });

  it("answers 401 for an expired token, measured on the runtime clock", async () => {
    const token = await issuer.sign({ role: "hr", ttl: "1h" });
    expect((await get("/api/units", token)).status).toBe(200);
    clock.advance(2 * 3600_000);
    const res = await get("/api/units", token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/expired/);
  });

  it("keeps a default dev token valid across a clock jump of a year", async () => {
    const token = await issuer.sign({ role: "hr" });
    clock.advance(400 * 86_400_000);
    expect((await get("/api/units", token)).status).toBe(200);
  });

  it("answers 401 for a token of the right key but another audience or issuer", async () => {
    const wrongAudience = await (
      await createDevIssuer({ key: await generateDevIssuerKey(), clock, audience: "other" })
    ).sign({ role: "hr" });
    expect((await get("/api/units", wrongAudience)).status).toBe(401);
    expect((await get("/api/units", "not-a-jwt")).status).toBe(401);
  });

  it("answers 403 to a viewer on a write route and lets the viewer read", async () => {
    const viewer = await issuer.sign({ role: "viewer" });
    expect((await get("/api/units", viewer)).status).toBe(200);
    const res = await put("/api/units/dinas-x/org-rating", viewer, { cycleId: "c1", rating: "baik" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { title: string }).title).toBe("Forbidden");
    const post = await app.request("/api/cycles", {
      method: "POST",
      headers: { authorization: `Bearer ${viewer}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(403);
  });

  it("lets hr through to the route (a bad body then answers 400, not 401/403)", async () => {
    const hr = await issuer.sign({ role: "hr" });
    const res = await put("/api/units/dinas-x/org-rating", hr, { cycleId: "c1", rating: "great" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown }).errors).toEqual([
      { path: "rating", message: expect.stringContaining("istimewa") },
    ]);
  });

  it("answers 403 to a valid token with no kinerja role", async () => {
    const res = await get("/api/units", await signWithTrustedKey({ roles: ["admin"] }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/neither the hr nor the viewer role/);
  });

  it("answers 401 and 403 in Indonesian when the request asks, keeping the English challenge header", async () => {
    const res = await app.request("/api/units", { headers: { "accept-language": "id" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ title: t("problem401", "id"), detail: t("authRequired", "id") });
    expect(res.headers.get("www-authenticate")).toContain("an HR token is required");
    const viewer = await issuer.sign({ role: "viewer" });
    const write = await app.request("/api/cycles?lang=id", {
      method: "POST",
      headers: { authorization: `Bearer ${viewer}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({
      title: t("problem403", "id"),
      detail: t("authViewerReadOnly", "id"),
    });
  });

  it("refuses a token lifetime it cannot read, in both languages", async () => {
    const error = await issuer.sign({ role: "hr", ttl: "sebentar" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthConfigError);
    expect((error as AuthConfigError).message).toBe(
      'ttl: "sebentar" is not a lifetime (try 1h, 30m, 7d, 5y or PT1H)',
    );
    expect((error as AuthConfigError).text("id")).toBe(t("authTtlInvalid", "id", { text: "sebentar" }));
  });

  it("names a dev token's person plainly, without '(dev)'", async () => {
    const token = await issuer.sign({ role: "hr" });
    const principal = await issuer.verifier().verify(token);
    expect(principal.name).toBe("Pengelola Kinerja");
    expect((await issuer.verifier().verify(await issuer.sign({ role: "viewer" }))).name).toBe("Pemantau");
  });

  it("serves the dev issuer's public keys at /_local/jwks.json (no private part)", async () => {
    const res = await app.request("/_local/jwks.json");
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  it("verifies dev tokens against the JWKS served over HTTP, as the cloud verifier would", async () => {
    const { serve } = await import("@hono/node-server");
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as { port: number }).port;
    try {
      const remote = createJwtVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        keys: { jwksUrl: `http://127.0.0.1:${port}/_local/jwks.json` },
        clock,
      });
      const principal = await remote.verify(await issuer.sign({ role: "hr", subject: "siti" }));
      expect(principal).toMatchObject({ subject: "siti", roles: ["hr"] });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("reloads a persisted key and refuses a key file without its private part", async () => {
    const key = await generateDevIssuerKey();
    const roundTrip = parseDevIssuerKey(JSON.parse(JSON.stringify(key)));
    const a = await createDevIssuer({ key, clock });
    const b = await createDevIssuer({ key: roundTrip, clock });
    await expect(b.verifier().verify(await a.sign({ role: "hr" }))).resolves.toMatchObject({ roles: ["hr"] });
    const { d: _d, ...publicOnly } = key.privateJwk;
    expect(() => parseDevIssuerKey({ kid: key.kid, privateJwk: publicOnly })).toThrow(AuthConfigError);
    expect(() =>
      parseDevIssuerKey({ kid: key.kid, privateJwk: { ...publicOnly, d: "x", kty: "RSA" } }),
    ).toThrow(/kty/);
  });

  it("reads roles from a configurable claim, including nested and space-separated forms", async () => {
    const custom = await createDevIssuer({
      key: await generateDevIssuerKey(),
      clock,
      rolesClaim: "cognito:groups",
    });
    expect((await custom.verifier().verify(await custom.sign({ role: "viewer" }))).roles).toEqual(["viewer"]);
    const nested = createJwtVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      keys: { jwks: issuer.jwks() },
      clock,
      rolesClaim: "realm_access.roles",
    });
    expect(
      (await nested.verify(await signWithTrustedKey({ realm_access: { roles: ["offline", "hr"] } }))).roles,
    ).toEqual(["hr"]);
    const spaced = createJwtVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      keys: { jwks: issuer.jwks() },
      clock,
      rolesClaim: "scope",
    });
    expect((await spaced.verify(await signWithTrustedKey({ scope: "openid viewer" }))).roles).toEqual([
      "viewer",
    ]);
  });

  it("refuses to mount the HR routes without an auth configuration", async () => {
    const table = await freshTable("auth2");
    const storage = createStorage({
      tableName: table.tableName,
      endpoint: table.endpoint,
      client: table.client,
      clock,
    });
    expect(() => createApp({ hr: { storage, clock, control: {} as never } })).toThrow(AuthConfigError);
  });
});
