// Notifications the workflow itself sends (not decision requests): the revised result of an upheld objection.
import { escapeHtml } from "../mail/templates";
import type { MailMessage } from "../mail/mail.port";
import { PREDIKAT_LABELS, type Predikat } from "../rating/rating";

/** The mail telling an employee that the superior upheld their objection and what the result now is (DESIGN 3.1). */
export function revisedResultMail(input: {
  employee: { name: string; email: string };
  predikat: Predikat;
  note: string;
  baseUrl: string;
  appraisalId: string;
}): MailMessage {
  const label = PREDIKAT_LABELS[input.predikat].id;
  const text = [
    `Yth. ${input.employee.name},`,
    "",
    "Keberatan Anda atas hasil penilaian kinerja telah diterima oleh atasan pejabat penilai kinerja.",
    `Predikat kinerja Anda sekarang: ${label}.`,
    input.note ? `Catatan: ${input.note}` : "",
    "",
    "Keputusan atas keberatan bersifat final (PP 30/2019 Pasal 59).",
  ]
    .filter((line, i, all) => line !== "" || all[i - 1] !== "")
    .join("\n");
  const html = `<p>Yth. ${escapeHtml(input.employee.name)},</p><p>Keberatan Anda atas hasil penilaian kinerja telah diterima oleh atasan pejabat penilai kinerja.</p><p>Predikat kinerja Anda sekarang: <strong>${escapeHtml(label)}</strong>.</p>${input.note ? `<p>Catatan: ${escapeHtml(input.note)}</p>` : ""}<p>Keputusan atas keberatan bersifat final (PP 30/2019 Pasal 59).</p>`;
  return {
    to: input.employee.email,
    subject: `[kinerja] Keberatan diterima: predikat Anda ${label}`,
    text,
    html,
    links: [],
    tags: { kind: "objection-result", appraisalId: input.appraisalId },
  };
}
