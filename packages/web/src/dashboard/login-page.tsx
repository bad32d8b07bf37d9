import { DashboardLayout } from "./layout";

/**
 * The sign-in page, shown only when there is something to say (a refused sign-in, after sign-out, sign-in not
 * configured): GET /dashboard/login itself goes straight to the identity provider.
 */
export function LoginPage(props: { next: string; error?: string; notice?: string }) {
  return (
    <DashboardLayout title="Masuk">
      <h1>Masuk ke dasbor</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.notice ? <p class="notice">{props.notice}</p> : null}
      <div class="card">
        <p>Dasbor memakai akun dari penyedia identitas pemerintah daerah (OpenID Connect).</p>
        <form method="get" action="/dashboard/login" class="actions">
          <input type="hidden" name="next" value={props.next} />
          <button type="submit">Masuk lewat penyedia identitas</button>
        </form>
      </div>
    </DashboardLayout>
  );
}
