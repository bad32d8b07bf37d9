// The local runtime's identity provider: a real OpenID Connect provider (oidc-provider, pinned) mounted under
// /_local/oidc on the local web server, so the dashboard signs in locally exactly as in the cloud (authorization
// code + PKCE, ID token with the roles claim). Two development accounts, `hr` and `viewer`, with passwords made on
// first start and kept (mode 0600) in the data dir beside the signing key; an Indonesian sign-in page. Provider
// sessions live in memory (a restart asks for the password again); dashboard sessions survive, as their key is kept.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { Http2Bindings, HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import MemoryAdapter from "oidc-provider/lib/adapters/memory_adapter.js";
import * as v from "valibot";
import { t } from "@kinerja/core/i18n/messages";
import type { DevIssuerKey } from "@kinerja/web/auth/dev-issuer";
import { HR_ROLES, type HrRole } from "@kinerja/web/auth/jwt-verifier";
import { CALLBACK_PATH, SIGNED_OUT_PATH } from "@kinerja/web/auth/oidc-sign-in";
import { DataDirError } from "./runtime.errors";

/** Where the provider is mounted on the local web server (its issuer is `<origin>/_local/oidc`). */
export const OIDC_MOUNT = "/_local/oidc";
/** The dashboard's client id at the local provider. */
export const LOCAL_CLIENT_ID = "kinerja-dashboard";
/** File of the local sign-in secrets in the data dir (mode 0600): accounts, client secret, cookie and session keys. */
export const DEV_SIGN_IN_FILE = "dev-sign-in.json";

const SecretSchema = v.pipe(v.string(), v.minLength(16));

/** The local sign-in secrets: made on first start, kept so accounts and dashboard sessions survive a restart. */
export const DevSignInSecretsSchema = v.object({
  accounts: v.object({
    hr: v.object({ username: v.string(), password: SecretSchema }),
    viewer: v.object({ username: v.string(), password: SecretSchema }),
  }),
  clientSecret: SecretSchema,
  cookieKey: SecretSchema,
  /** The dashboard's session key, 32 bytes base64url. */
  sessionKey: SecretSchema,
});

/** The local sign-in secrets. */
export type DevSignInSecrets = v.InferOutput<typeof DevSignInSecretsSchema>;

const secret = (bytes: number) => randomBytes(bytes).toString("base64url");

/** New secrets (random passwords; the usernames are the role names). */
export function generateDevSignInSecrets(): DevSignInSecrets {
  return {
    accounts: {
      hr: { username: "hr", password: secret(12) },
      viewer: { username: "viewer", password: secret(12) },
    },
    clientSecret: secret(32),
    cookieKey: secret(32),
    sessionKey: secret(32),
  };
}

/** Reads `<dataDir>/dev-sign-in.json`, creating it (0600) on first start. */
export function openDevSignInSecrets(dataDir: string): DevSignInSecrets {
  const file = join(dataDir, DEV_SIGN_IN_FILE);
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify(generateDevSignInSecrets(), null, 2) + "\n", {
      flag: "wx",
      mode: 0o600,
    });
    chmodSync(file, 0o600);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DataDirError(
      `${file} is not valid JSON; delete it (new passwords are made) or start with --reset`,
      {
        cause: error,
      },
    );
  }
  const parsed = v.safeParse(DevSignInSecretsSchema, raw);
  if (!parsed.success)
    throw new DataDirError(
      `${file}: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "file"}: ${i.message}`).join("; ")}; delete it to make new ones`,
    );
  return parsed.output;
}

/** The running local provider. */
export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Serves one request whose path starts with OIDC_MOUNT (Node request/response, as oidc-provider needs). */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );

function page(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${escape(title)} · kinerja</title><link rel="stylesheet" href="/dashboard/assets/dashboard.css"></head><body><header class="top"><div><span class="brand">kinerja · Penyedia identitas lokal</span><div class="muted-on-dark">Hanya untuk pengembangan</div></div></header><main id="main"><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function loginPage(action: string, error?: string, username = ""): string {
  return page(
    t("oidcLoginTitle", "id"),
    `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}<div class="card"><form method="post" action="${escape(action)}"><label for="username">${escape(t("oidcLoginUser", "id"))}</label><input id="username" name="username" autocomplete="username" required value="${escape(username)}"><label for="password">${escape(t("oidcLoginPassword", "id"))}</label><input id="password" name="password" type="password" autocomplete="current-password" required><div class="actions"><button type="submit">${escape(t("oidcLoginSubmit", "id"))}</button></div></form><p class="muted">${escape(t("oidcLoginHint", "id", { file: DEV_SIGN_IN_FILE }))}</p></div>`,
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) break; // two short fields; never buffer more
  }
  return new URLSearchParams(text);
}

/**
 * Builds the provider for the web server at `origin` (e.g. http://127.0.0.1:3000). `clientOrigins` are the origins
 * the dashboard may be opened at (the loopback names with the port): each is a registered redirect URI, and the
 * sign-in page's form-action allows the redirect back to them.
 */
export async function createLocalOidcProvider(options: {
  origin: string;
  clientOrigins: string[];
  secrets: DevSignInSecrets;
  signingKey: DevIssuerKey;
  rolesClaim?: string;
}): Promise<LocalOidcProvider> {
  const { secrets } = options;
  const issuer = `${options.origin}${OIDC_MOUNT}`;
  const rolesClaim = options.rolesClaim ?? "roles";
  const roleOf = (accountId: string): HrRole | undefined =>
    HR_ROLES.find((role) => secrets.accounts[role].username === accountId);
  const csp = [
    "default-src 'none'",
    "style-src 'self'",
    // CSP sources cannot name an IPv6 literal, so [::1] stays out (a redirect to it would be refused).
    `form-action 'self' ${options.clientOrigins.filter((o) => !o.includes("[")).join(" ")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");

  const configuration: Configuration = {
    // The library's memory store under our own name: in-memory provider sessions are this development provider's
    // design (see above), so its "development-only adapter" warning would only be noise in every start and test.
    adapter: class LocalMemoryAdapter extends MemoryAdapter {},
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_secret: secrets.clientSecret,
        redirect_uris: options.clientOrigins.map((o) => `${o}${CALLBACK_PATH}`),
        post_logout_redirect_uris: options.clientOrigins.map((o) => `${o}${SIGNED_OUT_PATH}`),
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "ES256",
      },
    ],
    jwks: {
      keys: [{ ...options.signingKey.privateJwk, kid: options.signingKey.kid, alg: "ES256", use: "sig" }],
    },
    cookies: { keys: [secrets.cookieKey] },
    claims: { openid: ["sub"], profile: ["name", "preferred_username", rolesClaim], email: ["email"] },
    // The roles go into the ID token itself, as the dashboard (like most IdP set-ups) reads them there.
    conformIdTokenClaims: false,
    pkce: { required: () => true, methods: ["S256"] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            t("oidcLogoutTitle", "id"),
            `<div class="card">${form}<div class="actions"><button type="submit" form="op.logoutForm" name="logout" value="yes">${escape(t("oidcLogoutSubmit", "id"))}</button></div></div>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page(
            t("oidcLogoutTitle", "id"),
            `<p class="notice">${escape(t("authSignedOut", "id"))}</p>`,
          );
        },
      },
    },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 600,
      AccessToken: 600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `${OIDC_MOUNT}/interaction/${interaction.uid}` },
    // The dashboard is our own first-party client: no consent screen, the grant covers what it asks.
    loadExistingGrant: async (ctx) => {
      const { session, client, provider } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid profile email");
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, accountId) => {
      const role = roleOf(accountId);
      if (!role) return undefined;
      return {
        accountId,
        claims: () => ({
          sub: accountId,
          name: role === "hr" ? "Pengelola Kinerja (lokal)" : "Pemantau (lokal)",
          preferred_username: accountId,
          [rolesClaim]: [role],
        }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = page(
        t("oidcError", "id", { error: out.error ?? "error" }),
        `<p class="error" role="alert">${escape(String(out.error_description ?? ""))}</p>`,
      );
    },
  };
  const provider = new Provider(issuer, configuration);

  // Every answer of the provider: no framing, forms post only here or back to the dashboard. Referrer-Policy
  // same-origin (not no-referrer): with no-referrer browsers send `Origin: null` on the sign-in form's POST, and the
  // local guard wants to see that it comes from this server.
  provider.use(async (ctx, next) => {
    await next();
    ctx.set("content-security-policy", csp);
    ctx.set("x-content-type-options", "nosniff");
    ctx.set("referrer-policy", "same-origin");
  });

  // The sign-in page (interaction routes): oidc-provider leaves the UI to the application.
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const action = `${OIDC_MOUNT}/interaction/${details.uid}/login`;
    ctx.set("cache-control", "no-store");
    if (!match[2] && ctx.method === "GET") {
      ctx.type = "html";
      ctx.body = loginPage(action);
      return;
    }
    if (match[2] && ctx.method === "POST") {
      const form = await formBody(ctx.req);
      const username = form.get("username") ?? "";
      const role = roleOf(username);
      if (!role || form.get("password") !== secrets.accounts[role].password) {
        ctx.status = 401;
        ctx.type = "html";
        ctx.body = loginPage(action, t("oidcLoginWrong", "id"), username);
        return;
      }
      ctx.respond = false; // interactionFinished writes the redirect itself
      await provider.interactionFinished(
        ctx.req,
        ctx.res,
        { login: { accountId: username } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    return next();
  });

  const callback = provider.callback();
  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: secrets.clientSecret,
    handle(req, res) {
      // Mounted like express would: the provider sees its own paths and finds its mount in `originalUrl`.
      const url = req.url ?? "/";
      Object.assign(req, { originalUrl: url, url: url.slice(OIDC_MOUNT.length) || "/" });
      void callback(req, res);
    },
  };
}

/**
 * A fetch handler for @hono/node-server: requests under OIDC_MOUNT go to the provider (a Node handler, so it answers
 * on the raw response), everything else to `next`.
 */
export function routeOidc(
  provider: LocalOidcProvider,
  next: (request: Request) => Response | Promise<Response>,
): (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response> {
  return (request, env) => {
    if (!(env.incoming.url ?? "").startsWith(`${OIDC_MOUNT}/`)) return next(request);
    // Our servers are HTTP/1 (serve without createServer options), so the bindings are Node's http ones.
    provider.handle(env.incoming as IncomingMessage, env.outgoing as ServerResponse);
    return RESPONSE_ALREADY_SENT;
  };
}
