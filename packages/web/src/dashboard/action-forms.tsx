// The forms and pages of HR's actions on appraisals (action-routes.tsx): the cancel and resend forms, the
// confirmation of each action, and the page saying an action was refused or already done. Everything is Indonesian.
import * as v from "valibot";
import { formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { t } from "@kinerja/core/i18n/messages";
import { ResendLinkInputSchema } from "@kinerja/core/hr/hr.schema";
import type { Principal } from "../auth/jwt-verifier";
import { when } from "../pages/format";
import { appraisalPath } from "./appraisal-actions";
import { DashboardLayout } from "./layout";

/** A cancellation reason HR types must say something (the API takes any non-empty reason up to 500 characters). */
export const CANCEL_REASON_MIN_LENGTH = 10;
const CANCEL_REASON_MAX_LENGTH = 500;
/** How many names a confirmation lists before "dan N lainnya". */
const NAMES_SHOWN = 25;

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
export const RetryFormSchema = v.object({ step: StepSchema, requestId: v.optional(RequestIdSchema) });
export const CancelFormSchema = v.object({
  step: StepSchema,
  reason: ReasonSchema,
  requestId: v.optional(RequestIdSchema),
});
// The HR API's resend body, with the form's empty fields read as absent.
export const ResendFormSchema = v.object({
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

/** A posted form with its empty fields dropped. */
export function formOf(body: Record<string, unknown>): Record<string, unknown> {
  // Empty optional fields of a form mean "not given".
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== ""));
}

/** A form's issues as one line, each by its field's label. */
export function issuesText(issues: v.BaseIssue<unknown>[]): string {
  return issues.map((i) => `${FIELD_LABELS[v.getDotPath(i) ?? ""] ?? "Isian"}: ${i.message}`).join("; ");
}

/** One confirmation: what will happen, and the form that does it (hidden fields carry what was chosen). */
export function ConfirmPage(props: {
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
export function MessagePage(props: {
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

/** The first step of a cancellation: who is affected and the reason, posted to the confirmation. */
export function CancelForm(props: {
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

/** The first step of a resend: which recipient and which address, posted to the confirmation. */
export function ResendForm(props: {
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

/** Names of those affected, the first NAMES_SHOWN then how many more. */
export const namesText = (names: string[]) =>
  names.length <= NAMES_SHOWN
    ? names.join(", ")
    : `${names.slice(0, NAMES_SHOWN).join(", ")} dan ${formatNumber(names.length - NAMES_SHOWN)} lainnya`;
