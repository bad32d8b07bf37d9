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

/** The problems as a table (newest first), with HR's options; nothing when there is none. */
export function MailProblems(props: {
  problems: MailProblem[];
  /** Show which appraisal each line is about (the cycle page). */
  withAppraisal?: boolean;
  escalateAfterDays?: number;
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
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{mailProblemAdvice(props.escalateAfterDays)}</p>
    </section>
  );
}
