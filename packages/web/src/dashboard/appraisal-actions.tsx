// HR's actions on appraisals as the dashboard pages show them: the retry button, the actions of an appraisal page,
// why an execution failed, and the notice an action's redirect leaves (the routes: action-routes.tsx).
import type { Context } from "hono";
import { hasLabel, labelOf } from "@kinerja/core/i18n/labels";
import { isTerminalStage, type Stage } from "@kinerja/core/appraisal/appraisal";
import type { Principal } from "../auth/jwt-verifier";
import { when } from "../pages/format";

const enc = encodeURIComponent;
/** The dashboard page of an appraisal, and of a cycle. */
export const appraisalPath = (id: string) => `/dashboard/appraisals/${enc(id)}`;
export const cyclePath = (id: string) => `/dashboard/cycles/${enc(id)}`;
/** Who may act (retry, cancel, resend): role hr; a viewer only reads. */
export const canAct = (p: Principal) => p.roles.includes("hr");

/** Why an execution failed, as HR reads it: the label of the error name (i18n/labels.ts), else the name itself. */
export function failureText(failure: { error: string; cause?: string } | undefined): string {
  if (!failure) return "-";
  const label = hasLabel("failureError", failure.error)
    ? labelOf("failureError", failure.error)
    : `Galat ${failure.error}`;
  const hint = hasLabel("failureHint", failure.error) ? `. ${labelOf("failureHint", failure.error)}` : "";
  // The cause is the provider's or the engine's own words (often English): marked as the technical detail.
  return `${label}${hint}${failure.cause ? ` (rincian teknis: ${failure.cause})` : ""}`;
}

/** The retry button of one failed appraisal (the appraisal page, the cycle's failed list). */
export function RetryButton(props: { appraisalId: string; name: string }) {
  return (
    <form method="post" action={`${appraisalPath(props.appraisalId)}/retry`} class="inline">
      <input type="hidden" name="step" value="confirm" />
      <button type="submit" class="secondary" aria-label={`Ulangi penilaian ${props.name}`}>
        Ulangi…
      </button>
    </form>
  );
}

/** What HR may do on an appraisal page: retry when failed, cancel while live, resend a pending link. */
export function AppraisalActions(props: {
  appraisalId: string;
  name: string;
  stage: string;
  failure?: { stage: string; error: string; cause: string; at: string };
  pendingDecisions: { decisionId: string; kind: string }[];
}) {
  const live = !isTerminalStage(props.stage as Stage);
  return (
    <section class="card" aria-labelledby="tindakan" data-section="appraisal-actions">
      <h2 id="tindakan">Tindakan pengelola kinerja</h2>
      {props.failure ? (
        <div data-failure={props.failure.error}>
          <p class="error">{`Gagal pada tahap ${labelOf("stage", props.failure.stage)} (${when(props.failure.at)}): ${failureText(props.failure)}`}</p>
          <RetryButton appraisalId={props.appraisalId} name={props.name} />
        </div>
      ) : null}
      <div class="actions">
        {props.pendingDecisions.map((d) => (
          <a
            class="button secondary"
            href={`${appraisalPath(props.appraisalId)}/resend?decisionId=${enc(d.decisionId)}`}
          >{`Kirim ulang tautan ${labelOf("decisionKind", d.kind).toLowerCase()}…`}</a>
        ))}
        {live || props.stage === "failed" ? (
          <a class="button secondary" href={`${appraisalPath(props.appraisalId)}/cancel`}>
            Batalkan penilaian…
          </a>
        ) : null}
      </div>
    </section>
  );
}

/** The notice an action's redirect (`?selesai=`) shows on the page it returns to. */
export const ACTION_NOTICES: Readonly<Record<string, string>> = {
  diulang: "Penilaian diulang: alur kerjanya berjalan lagi dari tahap tempat ia gagal.",
  "sudah-diulang": "Penilaian ini sudah diulang sebelumnya; tidak ada yang diulang lagi.",
  dibatalkan: "Dibatalkan. Alasannya tercatat dalam jejak audit.",
  "sudah-dibatalkan": "Sudah dibatalkan sebelumnya; tidak ada yang berubah.",
  dikirim: "Tautan dikirim ulang. Pengiriman tercatat dalam jejak audit.",
  "sudah-dikirim": "Tautan ini sudah dikirim ulang dengan formulir yang sama; tidak ada email lagi.",
};

/** The notice of `?selesai=` (unknown values say nothing: the query is not a place for text). */
export const actionNotice = (c: Context) => ACTION_NOTICES[c.req.query("selesai") ?? ""];
