// The frame of every dashboard page: who is signed in, the menu, sign-out, our stylesheet only.
import type { Child } from "hono/jsx";
import type { Principal } from "../auth/jwt-verifier";
import { roleLabel } from "./page-labels";

/**
 * Who is signed in, as a person reads it: the name, then the roles' labels unless the name already says them
 * (the local dev tokens are named after their role: "Pengelola Kinerja", "Pemantau"); a dev token is marked as
 * local. Dev tokens minted before they had plain names ("Pengelola Kinerja (dev)", valid for years) read the same.
 */
export function signedInText(principal: Principal): string {
  const dev = principal.subject.startsWith("dev-");
  const name = (principal.name ?? principal.subject).replace(/\s*\(dev\)\s*$/i, "");
  const roles = principal.roles.map(roleLabel).filter((r) => r.toLowerCase() !== name.toLowerCase());
  const extras = [...roles, ...(dev ? ["token lokal"] : [])];
  return `Masuk sebagai ${name}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}`;
}

/** The dashboard frame: who is signed in, sign-out, our stylesheet only. */
export function DashboardLayout(props: {
  title: string;
  principal?: Principal;
  children: Child;
  /** Seconds after which the page reloads itself (only while something runs: progress.tsx). */
  refreshSeconds?: number;
}) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} · kinerja`}</title>
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
        <link rel="stylesheet" href="/dashboard/assets/dashboard.css" />
      </head>
      <body>
        <header class="top">
          <div>
            <a class="brand" href="/dashboard">
              kinerja · Dasbor Pengelola Kinerja
            </a>
            <div class="muted-on-dark">Pemerintah Kabupaten Salor</div>
          </div>
          {props.principal ? (
            <nav class="top-nav" aria-label="Menu dasbor">
              <a href="/dashboard">Siklus</a>
              <a href="/dashboard/cycles/new">Buat siklus</a>
              <a href="/dashboard/imports">Impor CSV</a>
            </nav>
          ) : null}
          {props.principal ? (
            <div class="who">
              {`${signedInText(props.principal)} `}
              <form method="post" action="/dashboard/logout">
                <button type="submit">Keluar</button>
              </form>
            </div>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}
