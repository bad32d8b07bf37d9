// Signing in to the dashboard the way a person does: through the local OIDC provider's page (no token pasted).
// `serveWithSignIn` serves an HR test world's app on a real port together with the provider, as the local runtime
// does; `signIn` fills the provider's form in a browser page.
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import type { Page } from "playwright-core";
import type { Clock } from "../../packages/core/src/clock/clock";
import { generateDevIssuerKey } from "../../packages/web/src/auth/dev-issuer";
import type { AuthOptions } from "../../packages/web/src/auth/hr-auth";
import type { JwtVerifier } from "../../packages/web/src/auth/jwt-verifier";
import { localRequestGuard, loopbackOrigins } from "../../packages/web/src/middleware/local-guard";
import { localDashboardAuth } from "../../packages/local/src/runtime/dev-auth";
import {
  createLocalOidcProvider,
  generateDevSignInSecrets,
  routeOidc,
  type DevSignInSecrets,
} from "../../packages/local/src/runtime/oidc-provider";

/** The development accounts of a local provider. */
export type DevAccounts = DevSignInSecrets["accounts"];

/**
 * Serves the app `w.appWith(auth)` builds (an HR test world, or anything shaped like one), with the dashboard's OIDC
 * sign-in against a local provider on the same origin and the local runtime's request guard, as the runtime does.
 */
export async function serveWithSignIn(w: {
  appWith: (auth: AuthOptions) => Hono;
  issuer: { verifier(): JwtVerifier };
  world: { clock: Clock };
}): Promise<{ base: string; accounts: DevAccounts; close(): Promise<void> }> {
  // The app needs the port (issuer, redirect URIs), so the handler is set once the server listens.
  const ready: { handler?: (request: Request, env: never) => Response | Promise<Response> } = {};
  const server: ServerType = serve({
    fetch: (request, env) =>
      ready.handler ? ready.handler(request, env as never) : new Response("starting", { status: 503 }),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const secrets = generateDevSignInSecrets();
  const provider = await createLocalOidcProvider({
    origin: base,
    clientOrigins: loopbackOrigins(port),
    secrets,
    signingKey: await generateDevIssuerKey(),
  });
  const app = w.appWith({
    verifier: w.issuer.verifier(),
    ...localDashboardAuth(provider, secrets, w.world.clock),
  });
  const guard = localRequestGuard(port);
  const route = routeOidc(provider, app.fetch);
  ready.handler = (request, env) => guard(request) ?? route(request, env);
  return {
    base,
    accounts: secrets.accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/**
 * Signs `page` in as `role` through the provider's sign-in page and waits for the dashboard page `next`
 * (default /dashboard). When the provider still has a session for this browser, its page is skipped, as in life.
 */
export async function signIn(
  page: Page,
  base: string,
  role: "hr" | "viewer",
  accounts: DevAccounts,
  next = "/dashboard",
): Promise<void> {
  await page.goto(`${base}/dashboard/login?next=${encodeURIComponent(next)}`);
  if (new URL(page.url()).pathname.startsWith("/_local/oidc/interaction/")) {
    await page.fill("#username", accounts[role].username);
    await page.fill("#password", accounts[role].password);
    await page.click("button[type=submit]");
  }
  await page.waitForURL((url) => url.pathname + url.search === next);
}
