import type { DecisionKind } from "../decision/decision.entity.types";

/** Languages mails and pages are written in; Bahasa Indonesia is the default. */
export type Locale = "id" | "en";

/** Which mail of a decision this is: first request, reminder to the same person, or escalation to the next superior. */
export type MailKind = "request" | "reminder" | "escalation";

/** Everything a decision mail says: who asks what, for whom, by when, and the link. */
export interface DecisionMailInput {
  kind: DecisionKind;
  mailKind: MailKind;
  recipient: { name: string };
  employee: { nip: string; name: string };
  /** The person first asked (named in escalations). */
  originalRecipient?: { name: string };
  dueAt: string;
  url: string;
  locale?: Locale;
}

/** A rendered mail body pair. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const WHAT: Record<
  Locale,
  Record<DecisionKind, { subject: (e: string) => string; ask: (e: string, self: boolean) => string }>
> = {
  id: {
    "skp-proposal": {
      subject: () => "Usulan Sasaran Kinerja Pegawai (SKP)",
      ask: () =>
        "menyusun usulan SKP Anda (rencana hasil kerja, indikator, dan target) yang diselaraskan dengan RHK atasan",
    },
    "skp-approval": {
      subject: (e) => `Persetujuan SKP ${e}`,
      ask: (e) => `memeriksa dan menyetujui atau mengembalikan usulan SKP ${e}`,
    },
    realization: {
      subject: () => "Laporan realisasi kinerja",
      ask: () => "melaporkan realisasi setiap indikator kinerja Anda beserta tautan bukti dukung",
    },
    review: {
      subject: (e) => `Penilaian kinerja ${e}`,
      ask: (e) => `menilai hasil kerja dan perilaku kerja (BerAKHLAK) ${e} serta memberikan umpan balik`,
    },
    acknowledgement: {
      subject: () => "Hasil penilaian kinerja Anda",
      ask: () => "membaca hasil penilaian kinerja Anda, lalu menyatakan menerima atau mengajukan keberatan",
    },
    "objection-decision": {
      subject: (e) => `Keberatan atas penilaian kinerja ${e}`,
      ask: (e) => `memutuskan keberatan ${e} atas hasil penilaian kinerjanya (keputusan Anda bersifat final)`,
    },
  },
  en: {
    "skp-proposal": {
      subject: () => "Performance target proposal (SKP)",
      ask: () => "propose your SKP (work results, indicators and targets) aligned with your superior's",
    },
    "skp-approval": {
      subject: (e) => `SKP approval for ${e}`,
      ask: (e) => `review and approve or return the SKP proposal of ${e}`,
    },
    realization: {
      subject: () => "Performance realisation report",
      ask: () => "report the realisation of each of your indicators with evidence links",
    },
    review: {
      subject: (e) => `Performance review of ${e}`,
      ask: (e) => `rate the work results and behaviour (BerAKHLAK) of ${e} and give feedback`,
    },
    acknowledgement: {
      subject: () => "Your performance appraisal result",
      ask: () => "read your appraisal result, then acknowledge it or file an objection",
    },
    "objection-decision": {
      subject: (e) => `Objection to the appraisal of ${e}`,
      ask: (e) => `decide the objection of ${e} to their appraisal result (your decision is final)`,
    },
  },
};

/** Formats an instant as a Jakarta wall-clock date and time (WIB), as people in Salor read it. */
export function formatJakarta(iso: string, locale: Locale = "id"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(date);
  return `${text} WIB`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** Renders the request, reminder or escalation mail of a decision in Bahasa Indonesia (or English), as text and HTML. */
export function renderDecisionMail(input: DecisionMailInput): RenderedMail {
  const locale = input.locale ?? "id";
  const what = WHAT[locale][input.kind];
  const employee = `${input.employee.name} (NIP ${input.employee.nip})`;
  const due = formatJakarta(input.dueAt, locale);
  const id = locale === "id";
  const prefix = {
    request: "",
    reminder: id ? "Pengingat: " : "Reminder: ",
    escalation: id ? "Eskalasi: " : "Escalation: ",
  }[input.mailKind];
  const subject = `[kinerja] ${prefix}${what.subject(input.employee.name)}`;
  const greeting = id ? `Yth. ${input.recipient.name},` : `Dear ${input.recipient.name},`;
  const lines: string[] = [];
  if (input.mailKind === "escalation") {
    const who = input.originalRecipient?.name ?? (id ? "pejabat yang diminta" : "the official asked");
    lines.push(
      id
        ? `Permintaan kepada ${who} untuk ${what.ask(employee, false)} belum ditindaklanjuti. Sebagai atasan, Anda diminta menindaklanjutinya.`
        : `${who} has not acted on the request to ${what.ask(employee, false)}. As the next superior, you are asked to act on it.`,
    );
  } else {
    lines.push(
      input.mailKind === "reminder"
        ? id
          ? `Ini pengingat: Anda diminta ${what.ask(employee, true)}. Permintaan ini belum ditindaklanjuti.`
          : `This is a reminder: you are asked to ${what.ask(employee, true)}. It has not been acted on yet.`
        : id
          ? `Anda diminta ${what.ask(employee, true)}.`
          : `You are asked to ${what.ask(employee, true)}.`,
    );
  }
  lines.push(id ? `Pegawai: ${employee}` : `Employee: ${employee}`);
  lines.push(id ? `Batas waktu: ${due}` : `Due: ${due}`);
  const linkIntro = id
    ? "Buka tautan berikut untuk melihat dan mengisi formulir:"
    : "Open this link to view and fill in the form:";
  const footer = id
    ? "Tautan ini khusus untuk Anda; jangan diteruskan. Membuka tautan tidak mengubah apa pun; keputusan baru tercatat setelah Anda mengirim formulir."
    : "This link is for you only; do not forward it. Opening it changes nothing; a decision is recorded only when you submit the form.";
  const text = [
    greeting,
    "",
    ...lines,
    "",
    linkIntro,
    input.url,
    "",
    footer,
    "",
    "-- kinerja, Pemerintah Kabupaten Salor",
  ].join("\n");
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5;max-width:40rem">`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:.6em 1.2em;background:#0b5394;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(id ? "Buka formulir" : "Open the form")}</a></p>`,
    `<p style="font-size:.9em">${escapeHtml(linkIntro)}<br>${escapeHtml(input.url)}</p>`,
    `<p style="font-size:.85em;color:#555">${escapeHtml(footer)}</p>`,
    `<p style="font-size:.85em;color:#555">kinerja, Pemerintah Kabupaten Salor</p></body></html>`,
  ].join("\n");
  return { subject, text, html };
}
