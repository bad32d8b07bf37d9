import type { DecisionKind } from "../decision/decision-kinds";
import { JAKARTA } from "../period/calendar";

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
  /** The decision's one deadline (the same in every mail of the decision). */
  dueAt: string;
  /** When the link stops working; shown once the deadline passed (the last chance to act). */
  expiresAt?: string;
  /** Whether the deadline has passed when this mail is sent (reminders after it say so). */
  overdue?: boolean;
  url: string;
  locale?: Locale;
  /** An SKP request sent once the superior's SKP was approved (rule 27): the superior, whose RHK the employee cascades. */
  approvedSuperiorSkp?: { name: string };
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
    "periodic-rating": {
      subject: () => "Evaluasi kinerja periodik tim Anda",
      ask: () =>
        "memberikan rating hasil kerja dan perilaku kerja periodik (predikat periodik) bagi setiap pegawai yang Anda nilai, berdasarkan capaian periode ini dan dialog kinerja",
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
    "periodic-rating": {
      subject: () => "Periodic performance evaluation of your team",
      ask: () =>
        "give each employee you appraise a periodic results and behaviour rating (the periodic predikat), from this period's achievement and the performance dialogue",
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
    timeZone: JAKARTA,
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

/** The text and HTML of a mail: greeting, lines, an optional link (with a button when it opens a form), footer, signature. */
function mailBody(m: {
  locale: Locale;
  greeting: string;
  lines: string[];
  link?: { intro: string; url: string; button?: string };
  footer: string;
}): Omit<RenderedMail, "subject"> {
  const signature = "kinerja, Pemerintah Kabupaten Salor";
  const text = [
    m.greeting,
    "",
    ...m.lines,
    ...(m.link ? ["", m.link.intro, m.link.url] : []),
    "",
    m.footer,
    "",
    `-- ${signature}`,
  ].join("\n");
  const url = m.link ? escapeHtml(m.link.url) : "";
  const html = [
    `<!doctype html><html lang="${m.locale}"><body style="font-family:sans-serif;line-height:1.5;max-width:40rem">`,
    `<p>${escapeHtml(m.greeting)}</p>`,
    ...m.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...(m.link?.button
      ? [
          `<p><a href="${url}" style="display:inline-block;padding:.6em 1.2em;background:#0b5394;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(m.link.button)}</a></p>`,
          `<p style="font-size:.9em">${escapeHtml(m.link.intro)}<br>${url}</p>`,
        ]
      : m.link
        ? [`<p>${escapeHtml(m.link.intro)}<br><a href="${url}">${url}</a></p>`]
        : []),
    `<p style="font-size:.85em;color:#555">${escapeHtml(m.footer)}</p>`,
    `<p style="font-size:.85em;color:#555">${signature}</p></body></html>`,
  ].join("\n");
  return { text, html };
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
  const cascade = input.kind === "skp-proposal" ? input.approvedSuperiorSkp : undefined;
  const subject =
    cascade && input.mailKind === "request"
      ? `[kinerja] ${id ? "SKP atasan Anda telah disetujui: susun usulan SKP Anda" : "Your superior's SKP is approved: propose your SKP"}`
      : `[kinerja] ${prefix}${what.subject(input.employee.name)}`;
  const greeting = id ? `Yth. ${input.recipient.name},` : `Dear ${input.recipient.name},`;
  const lines: string[] = [];
  if (cascade)
    lines.push(
      id
        ? `SKP atasan Anda, ${cascade.name}, telah disetujui. Setiap RHK utama Anda mengintervensi salah satu RHK atasan tersebut; pilih RHK atasan pada formulir.`
        : `The SKP of your superior, ${cascade.name}, is approved. Each of your main RHK intervenes on one of its RHK; pick it on the form.`,
    );
  if (input.mailKind === "escalation") {
    const who = input.originalRecipient?.name ?? (id ? "pejabat yang diminta" : "the official asked");
    lines.push(
      id
        ? `Permintaan kepada ${who} untuk ${what.ask(employee, false)} belum ditindaklanjuti hingga batas waktu ${due}. Sebagai atasan, Anda diminta menindaklanjutinya; ${who} tetap diingatkan dan keputusan yang pertama dikirim yang berlaku.`
        : `${who} has not acted on the request to ${what.ask(employee, false)} by the deadline, ${due}. As the next superior, you are asked to act on it; ${who} is still reminded and the first decision sent counts.`,
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
  // A periodic rating is about the official's whole team and is never escalated.
  const team = input.kind === "periodic-rating";
  if (input.mailKind === "reminder" && input.overdue && !team)
    lines.push(
      id
        ? "Batas waktunya telah lewat dan keterlambatan ini telah diteruskan kepada atasan atau pengelola kinerja."
        : "The deadline has passed and the delay has been reported to the superior or to HR.",
    );
  if (!team) lines.push(id ? `Pegawai: ${employee}` : `Employee: ${employee}`);
  lines.push(id ? `Batas waktu: ${due}` : `Due: ${due}`);
  if (input.expiresAt && (input.overdue || input.mailKind === "escalation" || team))
    lines.push(
      id
        ? `Formulir masih dapat diisi hingga: ${formatJakarta(input.expiresAt, locale)}`
        : `The form can still be submitted until: ${formatJakarta(input.expiresAt, locale)}`,
    );
  const linkIntro = id
    ? "Buka tautan berikut untuk melihat dan mengisi formulir:"
    : "Open this link to view and fill in the form:";
  const footer = id
    ? "Tautan ini khusus untuk Anda; jangan diteruskan. Membuka tautan tidak mengubah apa pun; keputusan baru tercatat setelah Anda mengirim formulir."
    : "This link is for you only; do not forward it. Opening it changes nothing; a decision is recorded only when you submit the form.";
  return {
    subject,
    ...mailBody({
      locale,
      greeting,
      lines,
      link: { intro: linkIntro, url: input.url, button: id ? "Buka formulir" : "Open the form" },
      footer,
    }),
  };
}

/** Everything an overdue notice says: which employee, which step, overdue since when, who was asked, until when. */
export interface DecisionNoticeMailInput {
  kind: DecisionKind;
  /** `overdue`: still open and the person asked is reminded; `auto-acknowledged`: the objection window closed. */
  state: "overdue" | "auto-acknowledged";
  recipient: { name: string; role: "appraiser" | "superior-of-appraiser" | "hr" };
  employee: { nip: string; name: string };
  /** The person who must act. */
  asked: { name: string; role: string };
  /** The decision's deadline (overdue since then). */
  dueAt: string;
  /** Until when the person asked may still act. */
  expiresAt: string;
  /** HR's link to the appraisal on the dashboard; none for the appraiser (only the person asked may act). */
  url?: string;
  locale?: Locale;
}

const STEP: Record<Locale, Record<DecisionKind, string>> = {
  id: {
    "skp-proposal": "penyusunan usulan SKP oleh pegawai",
    "skp-approval": "persetujuan SKP oleh pejabat penilai kinerja",
    realization: "pelaporan realisasi kinerja oleh pegawai",
    review: "penilaian kinerja oleh pejabat penilai kinerja",
    acknowledgement: "tanggapan pegawai atas hasil penilaian kinerja",
    "objection-decision": "keputusan atas keberatan oleh atasan pejabat penilai kinerja",
    "periodic-rating": "evaluasi kinerja periodik oleh pejabat penilai kinerja",
  },
  en: {
    "skp-proposal": "the employee's SKP proposal",
    "skp-approval": "the SKP approval by the appraising official",
    realization: "the employee's realisation report",
    review: "the performance review by the appraising official",
    acknowledgement: "the employee's answer to the appraisal result",
    "objection-decision": "the decision on the objection by the superior of the appraising official",
    "periodic-rating": "the periodic evaluation by the appraising official",
  },
};

/**
 * Renders the notice (no decision link) telling the appraiser or HR that a decision is overdue: which employee, which
 * step, overdue since when, who was asked and until when they may still act; or that the result was acknowledged
 * automatically because the objection window closed.
 */
export function renderDecisionNotice(input: DecisionNoticeMailInput): RenderedMail {
  const locale = input.locale ?? "id";
  const id = locale === "id";
  const employee = `${input.employee.name} (NIP ${input.employee.nip})`;
  const step = STEP[locale][input.kind];
  const due = formatJakarta(input.dueAt, locale);
  const auto = input.state === "auto-acknowledged";
  const subject = auto
    ? id
      ? `[kinerja] Hasil penilaian ${input.employee.name} dianggap diterima`
      : `[kinerja] The appraisal result of ${input.employee.name} stands as acknowledged`
    : id
      ? `[kinerja] Eskalasi: ${step} untuk ${input.employee.name} melewati batas waktu`
      : `[kinerja] Escalation: ${step} for ${input.employee.name} is overdue`;
  const greeting = id ? `Yth. ${input.recipient.name},` : `Dear ${input.recipient.name},`;
  const lines: string[] = auto
    ? [
        id
          ? `${input.asked.name} tidak menanggapi hasil penilaian kinerjanya hingga batas waktu keberatan. Hasil penilaian dianggap diterima dan penilaian dilanjutkan ke tindak lanjut.`
          : `${input.asked.name} did not answer their appraisal result before the objection deadline. The result stands as acknowledged and the appraisal moves on to follow-up.`,
      ]
    : [
        id
          ? `Tahap ${step} belum diselesaikan hingga batas waktunya. ${input.asked.name} yang diminta menindaklanjutinya tetap menerima pengingat dan masih dapat bertindak hingga ${formatJakarta(input.expiresAt, locale)}.`
          : `The step "${step}" was not completed by its deadline. ${input.asked.name}, who was asked to act, keeps getting reminders and may still act until ${formatJakarta(input.expiresAt, locale)}.`,
        input.recipient.role === "hr"
          ? id
            ? "Tidak ada atasan dalam organisasi yang dapat mengambil alih keputusan ini; mohon pengelola kinerja menindaklanjuti."
            : "Nobody above in the organisation may take this decision instead; HR, please follow it up."
          : id
            ? "Hanya pegawai yang bersangkutan yang dapat mengisinya; mohon Anda mendorongnya untuk segera menyelesaikan."
            : "Only the employee may complete it; please encourage them to do so soon.",
      ];
  lines.push(id ? `Pegawai: ${employee}` : `Employee: ${employee}`);
  lines.push(id ? `Tahap: ${step}` : `Step: ${step}`);
  lines.push(id ? `Yang diminta bertindak: ${input.asked.name}` : `Asked to act: ${input.asked.name}`);
  lines.push(id ? `Batas waktu: ${due}` : `Due: ${due}`);
  if (!auto) lines.push(id ? `Terlambat sejak: ${due}` : `Overdue since: ${due}`);
  const linkIntro = id
    ? "Lihat penilaian ini di dasbor kinerja:"
    : "See this appraisal on the kinerja dashboard:";
  const footer = id
    ? "Surel ini hanya pemberitahuan; tidak ada tautan keputusan di dalamnya."
    : "This mail is a notice only; it carries no decision link.";
  return {
    subject,
    ...mailBody({
      locale,
      greeting,
      lines,
      link: input.url ? { intro: linkIntro, url: input.url } : undefined,
      footer,
    }),
  };
}
