// HR acting on appraisals from the dashboard (issue 17 item 2): retry a failed appraisal, cancel an appraisal or a
// whole cycle with a reason, resend a pending decision's link (optionally to a corrected address), and the page of a
// cycle's failed appraisals with their reasons. Script-free forms in two steps: the first POST (`step=confirm`)
// shows what will happen, the second (`step=do`) does it through the audited HR services. Each confirmation
// carries a request id, so confirming twice acts once. Viewers get the 403 page (pageAuth refuses their POSTs; the
// GET forms refuse them here). Everything is Indonesian.
import type { Context, Hono } from "hono";
import { randomBytes } from "node:crypto";
import * as v from "valibot";
import type { DecisionDeps } from "@kinerja/core/decision/decision.service";
import { formatNumber } from "@kinerja/core/i18n/format";
import { hasLabel, labelOf } from "@kinerja/core/i18n/labels";
import { parseConfig, t } from "@kinerja/core/i18n/messages";
import { isTerminalStage, type Stage } from "@kinerja/core/appraisal/appraisal";
import { cancelAppraisalAsHr, cancelCycleAsHr, retryAppraisalAsHr } from "@kinerja/core/hr/cycle-commands";
import { cycleDetail, listCycleAppraisals } from "@kinerja/core/hr/cycle-reports";
import type { HrActor, HrDeps } from "@kinerja/core/hr/hr-deps";
import { HrError } from "@kinerja/core/hr/hr.errors";
import { ResendLinkInputSchema } from "@kinerja/core/hr/hr.schema";
import {
  currentEmail,
  resendableDecisions,
  resendPendingLink,
  resendTarget,
} from "@kinerja/core/hr/resend-link";
import { InvalidOperationError } from "@kinerja/core/workflow/workflow.errors";
import type { Principal } from "../auth/jwt-verifier";
import { PERIODIC_MAX_ATTEMPTS } from "@kinerja/core/periodic/periodic";
import { createPeriodicStore } from "@kinerja/core/periodic/periodic.repo";
import { failedPeriodicRuns, type FailedPeriodicRun } from "@kinerja/core/periodic/periodic-failure";
import type { AuthVariables } from "../auth/hr-auth";
import { when } from "../pages/format";
import { DashboardLayout } from "./pages";

/** A cancellation reason HR types must say something (the API takes any non-empty reason up to 500 characters). */
export const CANCEL_REASON_MIN_LENGTH = 10;
const CANCEL_REASON_MAX_LENGTH = 500;
/** How many names a confirmation lists before "dan N lainnya". */
const NAMES_SHOWN = 25;

type Ctx = Context<{ Variables: AuthVariables }>;

const enc = encodeURIComponent;
const appraisalPath = (id: string) => `/dashboard/appraisals/${enc(id)}`;
const cyclePath = (id: string) => `/dashboard/cycles/${enc(id)}`;
const newRequestId = () => randomBytes(12).toString("base64url");
export const canAct = (p: Principal) => p.roles.includes("hr");
const actorOf = (p: Principal): HrActor => ({ subject: p.subject, ...(p.name ? { name: p.name } : {}) });

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

const StepSchema = v.picklist(["confirm", "do"], "langkah formulir tidak dikenal");
const RequestIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, "formulir kedaluwarsa; muat ulang"),
);
const ReasonSchema = v.pipe(
  v.string("alasan wajib diisi"),
  v.trim(),
  v.minLength(
    CANCEL_REASON_MIN_LENGTH,
    t("hrReasonTooShort", "id", { min: String(CANCEL_REASON_MIN_LENGTH) }),
  ),
  v.maxLength(CANCEL_REASON_MAX_LENGTH, `alasan paling banyak ${CANCEL_REASON_MAX_LENGTH} karakter`),
);
const RetryFormSchema = v.object({ step: StepSchema, requestId: v.optional(RequestIdSchema) });
const CancelFormSchema = v.object({
  step: StepSchema,
  reason: ReasonSchema,
  requestId: v.optional(RequestIdSchema),
});
// The HR API's resend body, with the form's empty fields read as absent.
const ResendFormSchema = v.object({
  step: StepSchema,
  ...ResendLinkInputSchema.entries,
});
const FIELD_LABELS: Record<string, string> = {
  reason: "Alasan",
  email: "Alamat email",
  step: "Formulir",
  requestId: "Formulir",
  decisionId: "Keputusan",
  recipientNip: "Penerima",
};

function formOf(body: Record<string, unknown>): Record<string, unknown> {
  // Empty optional fields of a form mean "not given".
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== ""));
}

function issuesText(issues: v.BaseIssue<unknown>[]): string {
  return issues.map((i) => `${FIELD_LABELS[v.getDotPath(i) ?? ""] ?? "Isian"}: ${i.message}`).join("; ");
}

/** One confirmation: what will happen, and the form that does it (hidden fields carry what was chosen). */
function ConfirmPage(props: {
  principal: Principal;
  title: string;
  back: { href: string; text: string };
  action: string;
  lines: string[];
  fields: Record<string, string>;
  submit: string;
  danger?: boolean;
}) {
  return (
    <DashboardLayout title={props.title} principal={props.principal}>
      <p>
        <a href={props.back.href}>{`← ${props.back.text}`}</a>
      </p>
      <h1>{props.title}</h1>
      <section class="card" data-confirm>
        <h2>Yang akan terjadi</h2>
        <ul class="confirm-lines">
          {props.lines.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <form method="post" action={props.action} class="actions">
          <input type="hidden" name="step" value="do" />
          {Object.entries(props.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class={props.danger ? "danger" : undefined}>
            {props.submit}
          </button>
          <a href={props.back.href}>Batal, kembali</a>
        </form>
      </section>
    </DashboardLayout>
  );
}

/** A page that only says something (an action refused or already done), with the way back. */
function MessagePage(props: {
  principal: Principal;
  title: string;
  message: string;
  kind: "error" | "notice";
  back: { href: string; text: string };
}) {
  return (
    <DashboardLayout title={props.title} principal={props.principal}>
      <h1>{props.title}</h1>
      <p class={props.kind} role={props.kind === "error" ? "alert" : "status"}>
        {props.message}
      </p>
      <p>
        <a href={props.back.href}>{props.back.text}</a>
      </p>
    </DashboardLayout>
  );
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

/** The cycle's failed appraisals with their reasons, each with a retry button. */
function FailedPage(props: {
  principal: Principal;
  cycle: { id: string; name: string; status: string; failureReason?: string };
  failed: {
    id: string;
    nip: string;
    name: string;
    unitId: string;
    failure?: { stage: string; error: string; cause: string; at: string };
  }[];
  periodic: FailedPeriodicRun[];
}) {
  return (
    <DashboardLayout title={`Penilaian gagal · ${props.cycle.name}`} principal={props.principal}>
      <p>
        <a href={cyclePath(props.cycle.id)}>{`← ${props.cycle.name}`}</a>
      </p>
      <h1>{`Penilaian gagal: ${props.cycle.name}`}</h1>
      {props.cycle.failureReason ? (
        <p
          class="error"
          data-cycle-failure
        >{`Peluncuran atau proses siklus gagal: ${props.cycle.failureReason}`}</p>
      ) : null}
      {props.failed.length === 0 ? (
        <p class="ok">Tidak ada penilaian yang gagal dalam siklus ini.</p>
      ) : (
        <div class="table-wrap">
          <table class="failed">
            <thead>
              <tr>
                <th>Pegawai</th>
                <th>Unit</th>
                <th>Tahap</th>
                <th>Waktu</th>
                <th>Alasan</th>
                <th>Tindakan</th>
              </tr>
            </thead>
            <tbody>
              {props.failed.map((a) => (
                <tr data-appraisal={a.id} data-error={a.failure?.error ?? ""}>
                  <td>
                    <a href={appraisalPath(a.id)}>{a.name}</a>
                    <span class="muted">{` NIP ${a.nip}`}</span>
                  </td>
                  <td>{a.unitId}</td>
                  <td>{a.failure ? labelOf("stage", a.failure.stage) : "-"}</td>
                  <td>{when(a.failure?.at)}</td>
                  <td>{failureText(a.failure)}</td>
                  <td>{canAct(props.principal) ? <RetryButton appraisalId={a.id} name={a.name} /> : "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FailedPeriodicRuns runs={props.periodic} />
    </DashboardLayout>
  );
}

/** The cycle's periodic evaluations whose latest run failed: the reason in Indonesian and what HR can do. */
function FailedPeriodicRuns(props: { runs: FailedPeriodicRun[] }) {
  return (
    <>
      <h2 id="evaluasi-periodik">Evaluasi periodik yang gagal</h2>
      {props.runs.length === 0 ? (
        <p class="ok">Tidak ada evaluasi periodik yang gagal dalam siklus ini.</p>
      ) : (
        <div class="table-wrap">
          <table class="failed-periodic">
            <thead>
              <tr>
                <th>Periode</th>
                <th>Terakhir berjalan</th>
                <th>Alasan</th>
                <th>Yang dapat dilakukan</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((r) => (
                <tr data-period={r.periodKey} data-error={r.error}>
                  <td>{r.label}</td>
                  <td>{when(r.lastSignAt)}</td>
                  <td>
                    {failureText({ error: r.error })}
                    {r.cause ? <span class="muted">{` (rincian teknis: ${r.cause})`}</span> : null}
                  </td>
                  <td>
                    {r.willRetry
                      ? t("dashPeriodicWillRetry", "id", {
                          attempt: String(r.attempt),
                          max: String(PERIODIC_MAX_ATTEMPTS),
                        })
                      : t("dashPeriodicGaveUp", "id", { max: String(PERIODIC_MAX_ATTEMPTS) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CancelForm(props: {
  principal: Principal;
  title: string;
  action: string;
  back: { href: string; text: string };
  affected: string;
  error?: string;
  reason?: string;
}) {
  return (
    <DashboardLayout title={props.title} principal={props.principal}>
      <p>
        <a href={props.back.href}>{`← ${props.back.text}`}</a>
      </p>
      <h1>{props.title}</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <section class="card">
        <p>{props.affected}</p>
        <form method="post" action={props.action}>
          <input type="hidden" name="step" value="confirm" />
          <label for="reason">{`Alasan pembatalan (minimal ${CANCEL_REASON_MIN_LENGTH} karakter, dicatat dalam jejak audit)`}</label>
          <textarea
            id="reason"
            name="reason"
            required
            minlength={CANCEL_REASON_MIN_LENGTH}
            maxlength={CANCEL_REASON_MAX_LENGTH}
            class="prose"
          >
            {props.reason ?? ""}
          </textarea>
          <div class="actions">
            <button type="submit">Lanjut ke konfirmasi</button>
          </div>
        </form>
      </section>
    </DashboardLayout>
  );
}

function ResendForm(props: {
  principal: Principal;
  appraisalId: string;
  name: string;
  decision: { decisionId: string; kind: string; expiresAt: string };
  recipients: { nip: string; name: string; email: string; role: string }[];
  chosen: { nip: string; email: string };
  error?: string;
}) {
  return (
    <DashboardLayout title={`Kirim ulang tautan · ${props.name}`} principal={props.principal}>
      <p>
        <a href={appraisalPath(props.appraisalId)}>{`← Penilaian ${props.name}`}</a>
      </p>
      <h1>{`Kirim ulang tautan ${labelOf("decisionKind", props.decision.kind).toLowerCase()}`}</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <section class="card">
        <p>{`Tautan keputusan berlaku sampai ${when(props.decision.expiresAt)}. Tautan baru yang setara dikirim ke penerima; tautan lama tetap berlaku.`}</p>
        <form method="post" action={`${appraisalPath(props.appraisalId)}/resend`}>
          <input type="hidden" name="step" value="confirm" />
          <input type="hidden" name="decisionId" value={props.decision.decisionId} />
          <label for="recipientNip">Penerima</label>
          <select id="recipientNip" name="recipientNip">
            {props.recipients.map((r) => (
              <option value={r.nip} selected={r.nip === props.chosen.nip}>
                {`${r.name} (${labelOf("role", r.role)}) <${r.email}>`}
              </option>
            ))}
          </select>
          <label for="email">Kirim ke alamat email (ubah bila alamatnya salah)</label>
          <input
            type="email"
            id="email"
            name="email"
            value={props.chosen.email}
            required
            maxlength={254}
            autocomplete="off"
          />
          <p class="muted">
            Alamat yang diubah dipakai juga untuk pengingat dan keputusan berikutnya pada penilaian ini. Data
            pegawai tidak berubah: perbaiki juga alamatnya pada berkas data pegawai sebelum impor berikutnya.
          </p>
          <div class="actions">
            <button type="submit">Lanjut ke konfirmasi</button>
          </div>
        </form>
      </section>
    </DashboardLayout>
  );
}

const namesText = (names: string[]) =>
  names.length <= NAMES_SHOWN
    ? names.join(", ")
    : `${names.slice(0, NAMES_SHOWN).join(", ")} dan ${formatNumber(names.length - NAMES_SHOWN)} lainnya`;

/**
 * Registers the action routes on the dashboard app (after its guard). `decisions` (the link service's deps) is what
 * a resend mails with; without it the resend pages say it is not available here.
 */
export function registerAppraisalActions(
  app: Hono<{ Variables: AuthVariables }>,
  deps: { hr: HrDeps; decisions?: DecisionDeps },
) {
  const { hr, decisions } = deps;
  // A viewer asking for an action's form: the 403 page (their POSTs never get here, pageAuth refuses them).
  const forbidden = (c: Ctx) =>
    c.html(
      <MessagePage
        principal={c.get("principal")}
        title="Akses ditolak"
        message={t("hrViewerCannotAct", "id")}
        kind="error"
        back={{ href: "/dashboard", text: "Kembali ke dasbor" }}
      />,
      403,
    );
  const refused = (
    c: Ctx,
    title: string,
    message: string,
    back: { href: string; text: string },
    status: 400 | 409,
  ) =>
    c.html(
      <MessagePage principal={c.get("principal")} title={title} message={message} kind="error" back={back} />,
      status,
    );
  const body = async (c: Ctx) => formOf((await c.req.parseBody()) as Record<string, unknown>);

  // Retry -----------------------------------------------------------------------------------------------------
  app.post("/appraisals/:id/retry", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const back = { href: appraisalPath(id), text: "Kembali ke penilaian" };
    const parsed = v.safeParse(RetryFormSchema, await body(c), parseConfig("id"));
    if (!parsed.success) return refused(c, "Ulangi penilaian", issuesText(parsed.issues), back, 400);
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    if (parsed.output.step === "confirm") {
      if (record.stage !== "failed" || !record.failure)
        return refused(
          c,
          "Ulangi penilaian",
          `Penilaian ${record.name} tidak gagal (tahap ${labelOf("stage", record.stage)}); tidak ada yang diulang.`,
          back,
          409,
        );
      return c.html(
        <ConfirmPage
          principal={principal}
          title={`Ulangi penilaian ${record.name}`}
          back={back}
          action={`${appraisalPath(id)}/retry`}
          lines={[
            `Penilaian ${record.name} (NIP ${record.nip}) gagal pada tahap ${labelOf("stage", record.failure.stage)}: ${failureText(record.failure)}.`,
            `Alur kerjanya dijalankan lagi dari tahap ${labelOf("stage", record.failure.stage)}; keputusan yang belum diambil diminta lagi melalui email.`,
            "Tindakan ini dicatat dalam jejak audit penilaian atas nama Anda.",
          ]}
          fields={{}}
          submit="Ya, ulangi penilaian"
        />,
      );
    }
    try {
      await retryAppraisalAsHr(hr, id, actorOf(principal));
    } catch (err) {
      // A second confirmation (or someone else) already retried it: nothing more to do.
      if (err instanceof InvalidOperationError)
        return c.redirect(`${appraisalPath(id)}?selesai=sudah-diulang`, 303);
      throw err;
    }
    return c.redirect(`${appraisalPath(id)}?selesai=diulang`, 303);
  });

  // A cancel form's reason checked; a bad one shows the form again with the error (400) and what was typed.
  const parseCancel = async (
    c: Ctx,
    formPage: (c: Ctx, error?: string, reason?: string, status?: 200 | 400) => Promise<Response>,
    what: string,
  ) => {
    const form = await body(c);
    const parsed = v.safeParse(CancelFormSchema, form, parseConfig("id"));
    if (parsed.success) return parsed.output;
    const typed = typeof form.reason === "string" ? form.reason : undefined;
    return formPage(c, `${what} tidak dibatalkan: ${issuesText(parsed.issues)}`, typed, 400);
  };

  // Cancel one appraisal ----------------------------------------------------------------------------------------
  const appraisalCancelForm = async (c: Ctx, error?: string, reason?: string, status: 200 | 400 = 200) => {
    const id = c.req.param("id")!;
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    return c.html(
      <CancelForm
        principal={c.get("principal")}
        title={`Batalkan penilaian ${record.name}`}
        action={`${appraisalPath(id)}/cancel`}
        back={{ href: appraisalPath(id), text: `Penilaian ${record.name}` }}
        affected={`Penilaian ${record.name} (NIP ${record.nip}) dalam tahap ${labelOf("stage", record.stage)} akan dihentikan; keputusan yang masih menunggu ditutup.`}
        {...(error ? { error } : {})}
        {...(reason ? { reason } : {})}
      />,
      status,
    );
  };
  app.get("/appraisals/:id/cancel", async (c) =>
    canAct(c.get("principal")) ? appraisalCancelForm(c) : forbidden(c),
  );
  app.post("/appraisals/:id/cancel", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const parsed = await parseCancel(c, appraisalCancelForm, "Penilaian");
    if (parsed instanceof Response) return parsed;
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    if (parsed.step === "confirm") {
      if (record.stage === "cancelled")
        return c.redirect(`${appraisalPath(id)}?selesai=sudah-dibatalkan`, 303);
      return c.html(
        <ConfirmPage
          principal={principal}
          title={`Batalkan penilaian ${record.name}?`}
          back={{ href: appraisalPath(id), text: `Penilaian ${record.name}` }}
          action={`${appraisalPath(id)}/cancel`}
          lines={[
            `Yang terdampak: 1 penilaian, ${record.name} (NIP ${record.nip}), tahap ${labelOf("stage", record.stage)}.`,
            "Alur kerjanya dihentikan dan keputusan yang masih menunggu ditutup; tautan yang sudah dikirim tidak dapat dipakai lagi.",
            `Alasan yang dicatat: ${parsed.reason}`,
            "Pembatalan tidak dapat diurungkan.",
          ]}
          fields={{ reason: parsed.reason }}
          submit="Ya, batalkan penilaian"
          danger
        />,
      );
    }
    try {
      const out = await cancelAppraisalAsHr(hr, id, parsed.reason, actorOf(principal));
      return c.redirect(
        `${appraisalPath(id)}?selesai=${out.cancelled ? "dibatalkan" : "sudah-dibatalkan"}`,
        303,
      );
    } catch (err) {
      if (err instanceof InvalidOperationError)
        return refused(
          c,
          "Penilaian tidak dibatalkan",
          `Penilaian ${record.name} sudah selesai (${labelOf("stage", record.stage)}); tidak dapat dibatalkan.`,
          { href: appraisalPath(id), text: "Kembali ke penilaian" },
          409,
        );
      throw err;
    }
  });

  // Cancel a cycle ----------------------------------------------------------------------------------------------
  const liveOfCycle = async (cycleId: string) =>
    (await listCycleAppraisals(hr, cycleId)).filter((a) => !isTerminalStage(a.stage as Stage));
  const cycleCancelForm = async (c: Ctx, error?: string, reason?: string, status: 200 | 400 = 200) => {
    const id = c.req.param("id")!;
    const [cycle, live] = await Promise.all([cycleDetail(hr, id), liveOfCycle(id)]);
    return c.html(
      <CancelForm
        principal={c.get("principal")}
        title={`Batalkan siklus ${cycle.name}`}
        action={`${cyclePath(id)}/cancel`}
        back={{ href: cyclePath(id), text: cycle.name }}
        affected={`Siklus ${cycle.name} dan ${formatNumber(live.length)} penilaian yang belum selesai di dalamnya akan dibatalkan.`}
        {...(error ? { error } : {})}
        {...(reason ? { reason } : {})}
      />,
      status,
    );
  };
  app.get("/cycles/:id/cancel", async (c) =>
    canAct(c.get("principal")) ? cycleCancelForm(c) : forbidden(c),
  );
  app.post("/cycles/:id/cancel", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const parsed = await parseCancel(c, cycleCancelForm, "Siklus");
    if (parsed instanceof Response) return parsed;
    const [cycle, live] = await Promise.all([cycleDetail(hr, id), liveOfCycle(id)]);
    if (cycle.status === "cancelled") return c.redirect(`${cyclePath(id)}?selesai=sudah-dibatalkan`, 303);
    if (parsed.step === "confirm")
      return c.html(
        <ConfirmPage
          principal={principal}
          title={`Batalkan siklus ${cycle.name}?`}
          back={{ href: cyclePath(id), text: cycle.name }}
          action={`${cyclePath(id)}/cancel`}
          lines={[
            `Yang terdampak: ${formatNumber(live.length)} penilaian yang belum selesai (berjalan atau gagal)${live.length ? `: ${namesText(live.map((a) => a.name))}` : ""}.`,
            `Penilaian yang sudah selesai atau dibatalkan (${formatNumber(cycle.total - live.length)}) tetap seperti adanya.`,
            "Semua keputusan yang masih menunggu ditutup dan peluncuran yang sedang berjalan dihentikan.",
            `Alasan yang dicatat: ${parsed.reason}`,
            "Pembatalan tidak dapat diurungkan.",
          ]}
          fields={{ reason: parsed.reason }}
          submit={`Ya, batalkan siklus dan ${formatNumber(live.length)} penilaian`}
          danger
        />,
      );
    try {
      await cancelCycleAsHr(hr, id, parsed.reason, actorOf(principal));
    } catch (err) {
      // Cancelled meanwhile (a second confirmation): harmless, the cycle page says so.
      if (err instanceof HrError && err.key === "hrCycleAlreadyCancelled")
        return c.redirect(`${cyclePath(id)}?selesai=sudah-dibatalkan`, 303);
      throw err;
    }
    return c.redirect(`${cyclePath(id)}?selesai=dibatalkan`, 303);
  });

  // Resend a pending link ---------------------------------------------------------------------------------------
  const resendForm = async (
    c: Ctx,
    input: { decisionId?: string; recipientNip?: string; email?: string },
    error?: string,
    status: 200 | 400 | 409 = 200,
  ) => {
    const id = c.req.param("id")!;
    const back = { href: appraisalPath(id), text: "Kembali ke penilaian" };
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    let target;
    try {
      target = await resendTarget(hr, { appraisalId: id, ...input });
    } catch (err) {
      if (err instanceof HrError) return refused(c, "Kirim ulang tautan", err.text("id"), back, 409);
      throw err;
    }
    return c.html(
      <ResendForm
        principal={c.get("principal")}
        appraisalId={id}
        name={record.name}
        decision={target.decision}
        recipients={target.decision.recipients ?? []}
        chosen={{ nip: target.recipient.nip, email: input.email ?? currentEmail(record, target.recipient) }}
        {...(error ? { error } : {})}
      />,
      status,
    );
  };
  app.get("/appraisals/:id/resend", async (c) => {
    if (!canAct(c.get("principal"))) return forbidden(c);
    const q = formOf(c.req.query());
    const parsed = v.safeParse(ResendLinkInputSchema, q, parseConfig("id"));
    return parsed.success
      ? resendForm(c, parsed.output)
      : resendForm(c, {}, `Isian tidak sah: ${issuesText(parsed.issues)}`, 400);
  });
  app.post("/appraisals/:id/resend", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const back = { href: appraisalPath(id), text: "Kembali ke penilaian" };
    if (!decisions)
      return refused(c, "Kirim ulang tautan", "Pengiriman email tidak tersedia di sini.", back, 409);
    const form = await body(c);
    const parsed = v.safeParse(ResendFormSchema, form, parseConfig("id"));
    if (!parsed.success)
      return resendForm(
        c,
        {
          ...(typeof form.decisionId === "string" ? { decisionId: form.decisionId } : {}),
        },
        `Tautan tidak dikirim: ${issuesText(parsed.issues)}`,
        400,
      );
    const { step, ...input } = parsed.output;
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    try {
      const target = await resendTarget(hr, { appraisalId: id, ...input });
      const previous = currentEmail(record, target.recipient);
      const to = input.email ?? previous;
      if (step === "confirm")
        return c.html(
          <ConfirmPage
            principal={principal}
            title={`Kirim ulang tautan kepada ${target.recipient.name}?`}
            back={back}
            action={`${appraisalPath(id)}/resend`}
            lines={[
              `Satu email berisi tautan ${labelOf("decisionKind", target.decision.kind).toLowerCase()} untuk penilaian ${record.name} dikirim ke ${to}.`,
              to !== previous
                ? `Alamat ${target.recipient.name} pada penilaian ini diganti dari ${previous} menjadi ${to}: pengingat dan keputusan berikutnya dikirim ke alamat baru. Perbaiki juga data pegawainya sebelum impor berikutnya.`
                : `Alamat ${target.recipient.name} tidak berubah.`,
              `Tautan berlaku sampai ${when(target.decision.expiresAt)}; tautan yang dikirim sebelumnya tetap berlaku.`,
              "Pengiriman ulang dicatat dalam jejak audit penilaian atas nama Anda.",
            ]}
            fields={{
              decisionId: target.decision.decisionId,
              recipientNip: target.recipient.nip,
              email: to,
              requestId: newRequestId(),
            }}
            submit="Ya, kirim ulang"
          />,
        );
      if (!input.requestId)
        return refused(
          c,
          "Kirim ulang tautan",
          "Formulir kedaluwarsa; mulai lagi dari halaman penilaian.",
          back,
          400,
        );
      const out = await resendPendingLink(
        hr,
        decisions,
        { appraisalId: id, ...input, requestId: input.requestId },
        actorOf(principal),
      );
      return c.redirect(`${appraisalPath(id)}?selesai=${out.repeated ? "sudah-dikirim" : "dikirim"}`, 303);
    } catch (err) {
      if (err instanceof HrError) return refused(c, "Tautan tidak dikirim", err.text("id"), back, 409);
      throw err;
    }
  });

  // Failed appraisals of a cycle --------------------------------------------------------------------------------
  app.get("/cycles/:id/failed", async (c) => {
    const id = c.req.param("id");
    const [cycle, rows, periodic] = await Promise.all([
      cycleDetail(hr, id),
      listCycleAppraisals(hr, id),
      failedPeriodicRuns(createPeriodicStore(hr.storage, hr.control.store), id),
    ]);
    const failedRows = rows.filter((a) => a.stage === "failed");
    // One read per failed appraisal (their failure is on the workflow's record); failures are few.
    const failed = await Promise.all(
      failedRows.map(async (a) => {
        const record = await hr.control.store.getAppraisal(a.id);
        return { ...a, ...(record?.failure ? { failure: record.failure } : {}) };
      }),
    );
    return c.html(
      <FailedPage
        principal={c.get("principal")}
        cycle={{
          id: cycle.id,
          name: cycle.name,
          status: cycle.status,
          ...(cycle.failureReason ? { failureReason: cycle.failureReason } : {}),
        }}
        failed={failed}
        periodic={periodic}
      />,
    );
  });
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

export { resendableDecisions };
