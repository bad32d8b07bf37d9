// The dashboard's refusals and errors as pages (Indonesian): a viewer's action (403) and any error a route threw
// (errors/on-error.tsx renders it here: not found, a form from another site, storage unavailable, a fault).
import type { Principal } from "../auth/jwt-verifier";
import { DashboardLayout } from "./layout";

/** What a signed-in person may not do (a viewer's action): HTTP 403 with the reason, in Indonesian. */
export function ForbiddenPage(props: { principal?: Principal; message: string }) {
  return (
    <DashboardLayout title="Akses ditolak" principal={props.principal}>
      <h1>Akses ditolak</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="/dashboard">Kembali ke dasbor</a>
      </p>
    </DashboardLayout>
  );
}

/** An error a dashboard route threw: the status's title (or the error's own) and what happened, with the way back. */
export function DashboardErrorPage(props: { title: string; message?: string }) {
  return (
    <DashboardLayout title={props.title}>
      <h1>{props.title}</h1>
      {props.message ? <p class="notice">{props.message}</p> : null}
      <p>
        <a href="/dashboard">Kembali ke dasbor</a>
      </p>
    </DashboardLayout>
  );
}
