// "Email tidak terkirim": mails SES could not deliver (bounced, complained about, rejected, delayed), to whom, when
// and why in short Indonesian, with what HR can do about it. Shown on the cycle page and the appraisal page.
import type { MailProblem } from "@kinerja/core/mail/delivery-problem";
import { formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { when } from "../pages/format";

const who = (p: MailProblem) =>
  p.recipient ? `${p.recipient.name} (${labelOf("role", p.recipient.role)}) <${p.email}>` : p.email;

/** What HR can do about an address that does not receive mail (the addresses of running appraisals are fixed at launch). */
export function mailProblemAdvice(escalateAfterDays?: number): string {
  const after =
    escalateAfterDays === undefined
      ? "sesuai pengaturan siklus"
      : `setelah ${formatNumber(escalateAfterDays)} hari`;
  return (
    "Yang dapat dilakukan: perbaiki alamat email orang tersebut di data pegawai lalu impor ulang data pegawai, " +
    "dan hubungi orangnya melalui jalur lain agar membuka kotak suratnya. Alamat pada penilaian yang sedang berjalan " +
    "tercatat saat siklus diluncurkan, jadi pengingat berikutnya masih ke alamat itu; bila keputusan tetap tidak " +
    `diambil, permintaan dieskalasi ke atasan pejabat penilai (atau pengelola kinerja diberi tahu) ${after}.`
  );
}

/**
 * Resend the problem's link with the address corrected: opens the resend page (its confirmation step shows what
 * will happen) with the decision, the recipient and the address to use filled in.
 */
function ResendProblemForm(props: { problem: MailProblem }) {
  const p = props.problem;
  const field = `resend-${p.decisionId}-${p.recipient?.nip ?? "x"}-${p.at}`.replace(/[^A-Za-z0-9_-]/g, "_");
  return (
    <form
      method="get"
      action={`/dashboard/appraisals/${encodeURIComponent(p.appraisalId)}/resend`}
      class="resend-problem"
    >
      <input type="hidden" name="decisionId" value={p.decisionId} />
      {p.recipient ? <input type="hidden" name="recipientNip" value={p.recipient.nip} /> : null}
      <label
        class="visually-hidden"
        for={field}
      >{`Alamat email yang benar untuk ${p.recipient?.name ?? p.email}`}</label>
      <input
        type="email"
        id={field}
        name="email"
        value={p.email}
        required
        maxlength={254}
        autocomplete="off"
      />
      <button type="submit" class="secondary">
        Kirim ulang…
      </button>
    </form>
  );
}

/** The problems as a table (newest first), with HR's options; nothing when there is none. */
export function MailProblems(props: {
  problems: MailProblem[];
  /** Show which appraisal each line is about (the cycle page). */
  withAppraisal?: boolean;
  escalateAfterDays?: number;
  /** HR (not a viewer): each line gets a form to resend the link, to this or a corrected address. */
  canResend?: boolean;
}) {
  if (props.problems.length === 0) return null;
  return (
    <section class="card" aria-labelledby="email-tidak-terkirim" data-section="mail-problems">
      <h2 id="email-tidak-terkirim">Email tidak terkirim</h2>
      <p class="error">
        {`${formatNumber(props.problems.length)} email berisi tautan keputusan tidak sampai ke penerimanya; orang itu belum tahu ada yang harus dikerjakan.`}
      </p>
      <div class="table-wrap">
        <table class="mail-problems">
          <thead>
            <tr>
              <th>Penerima</th>
              {props.withAppraisal ? <th>Penilaian</th> : null}
              <th>Keputusan</th>
              <th>Kejadian</th>
              <th>Waktu</th>
              <th>Alasan</th>
              {props.canResend ? <th>Kirim ulang</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.problems.map((p) => (
              <tr data-problem={p.problem}>
                <td>{who(p)}</td>
                {props.withAppraisal ? (
                  <td>
                    <a href={`/dashboard/appraisals/${encodeURIComponent(p.appraisalId)}`}>{p.appraisalId}</a>
                  </td>
                ) : null}
                <td>
                  {p.decisionKind ? labelOf("decisionKind", p.decisionKind) : "-"}
                  {p.mailKind ? ` (${labelOf("mailKind", p.mailKind).toLowerCase()})` : ""}
                </td>
                <td>{labelOf("mailProblem", p.problem)}</td>
                <td>{when(p.at)}</td>
                <td>
                  {p.reasonText}
                  {p.diagnostic ? <span class="muted">{` — ${p.diagnostic}`}</span> : null}
                </td>
                {props.canResend ? (
                  <td>{p.decisionId ? <ResendProblemForm problem={p} /> : <span class="muted">-</span>}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{mailProblemAdvice(props.escalateAfterDays)}</p>
      {props.canResend ? (
        <p class="muted">
          Atau kirim ulang tautannya dengan formulir di kolom Kirim ulang, ke alamat yang benar: alamat yang
          diubah dipakai juga untuk pengingat berikutnya pada penilaian itu.
        </p>
      ) : null}
    </section>
  );
}
