// Notifications the workflow itself sends (not decision requests): a revised result (an upheld objection, or a unit
// head's after the organisation rating was set).
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
  /** `org-rating`: a unit head's result revised because HR set the organisation rating (rule 11). */
  cause?: "objection-upheld" | "org-rating";
}): MailMessage {
  const label = PREDIKAT_LABELS[input.predikat].id;
  const byOrgRating = input.cause === "org-rating";
  const intro = byOrgRating
    ? "Hasil penilaian kinerja Anda diperbarui karena capaian (predikat kinerja) organisasi unit yang Anda pimpin telah ditetapkan."
    : "Keberatan Anda atas hasil penilaian kinerja telah diterima oleh atasan pejabat penilai kinerja.";
  const closing = byOrgRating
    ? "Rating hasil kerja kepala unit mengikuti capaian organisasi unitnya (PermenPANRB 6/2022)."
    : "Keputusan atas keberatan bersifat final (PP 30/2019 Pasal 59).";
  const text = [
    `Yth. ${input.employee.name},`,
    "",
    intro,
    `Predikat kinerja Anda sekarang: ${label}.`,
    input.note ? `Catatan: ${input.note}` : "",
    "",
    closing,
  ]
    .filter((line, i, all) => line !== "" || all[i - 1] !== "")
    .join("\n");
  const html = `<p>Yth. ${escapeHtml(input.employee.name)},</p><p>${escapeHtml(intro)}</p><p>Predikat kinerja Anda sekarang: <strong>${escapeHtml(label)}</strong>.</p>${input.note ? `<p>Catatan: ${escapeHtml(input.note)}</p>` : ""}<p>${escapeHtml(closing)}</p>`;
  return {
    to: input.employee.email,
    subject: byOrgRating
      ? `[kinerja] Hasil penilaian diperbarui: predikat Anda ${label}`
      : `[kinerja] Keberatan diterima: predikat Anda ${label}`,
    text,
    html,
    links: [],
    tags: { kind: byOrgRating ? "org-rating-result" : "objection-result", appraisalId: input.appraisalId },
  };
}
