// The local runtime's web server: one Node HTTP server in front of the Hono app and the local OIDC provider, behind
// the loopback guard. It listens first (the app needs the server's URL), so the app is swapped in once built.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type HttpBindings, type Http2Bindings } from "@hono/node-server";
import type { Hono } from "hono";
import { localRequestGuard } from "@kinerja/web/middleware/local-guard";
import { routeOidc, type LocalOidcProvider } from "./oidc-provider";
import { PortInUseError } from "./runtime.errors";

/** A listening web server whose app and OIDC provider are set once they are built. */
export interface LocalWebServer {
  server: Server;
  port: number;
  setApp(app: Hono): void;
  setOidc(provider: LocalOidcProvider): void;
}

/** Starts the web server with a handler that is swapped in once the app is built (the app needs the server's URL). */
export async function listenWeb(port: number, host: string): Promise<LocalWebServer> {
  let app: Hono | undefined;
  // The local OIDC provider is a Node (Koa) handler: its requests bypass the Hono app, after the same guard.
  let oidc: LocalOidcProvider | undefined;
  // Loopback Host names and same-origin JSON writes to /_local only (DNS rebinding, cross-site POSTs); set once the
  // port is known.
  const edge: { guard?: (request: Request) => Response | undefined } = {};
  const server = await new Promise<Server>((done, fail) => {
    const s = serve(
      {
        fetch: (request: Request, env: HttpBindings | Http2Bindings) => {
          if (!app || !edge.guard) return new Response("kinerja is starting", { status: 503 });
          const refused = edge.guard(request);
          if (refused) return refused;
          return oidc ? routeOidc(oidc, app.fetch)(request, env) : app.fetch(request);
        },
        port,
        hostname: host,
      },
      () => done(s as Server),
    ) as Server;
    s.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "EADDRINUSE"
          ? new PortInUseError(
              `port ${port} on ${host} is in use (is another kinerja runtime running?); set PORT to another port`,
              { cause: error },
            )
          : error,
      ),
    );
  });
  const bound = (server.address() as AddressInfo).port;
  edge.guard = localRequestGuard(bound);
  return { server, port: bound, setApp: (a) => (app = a), setOidc: (p) => (oidc = p) };
}

/** Stops accepting requests and closes the open connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections?.();
  });
}
