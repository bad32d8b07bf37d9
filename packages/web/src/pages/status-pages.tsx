import type { LinkView } from "@kinerja/core/decision/link-view";
import { Layout } from "./layout";
import { DecisionSummary } from "./decision-forms";
import { DecisionContext, OutcomeSection } from "./decision-content";
import { KIND_TITLES, ROLE_LABELS, when } from "./format";
import { isStandInId } from "@kinerja/core/org/org-settings";

function Message(props: {
  title: string;
  tone: "ok" | "warn" | "error" | "info";
  lines: string[];
  view?: LinkView;
  /** Show what the decision is about (and what was decided), read-only. */
  content?: boolean;
}) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <div
        class={`notice ${props.tone === "info" ? "" : props.tone}`}
        role={props.tone === "error" ? "alert" : "status"}
      >
        {props.lines.map((l) => (
          <p>{l}</p>
        ))}
      </div>
      {props.view ? <DecisionSummary view={props.view} /> : null}
      {props.view && props.content ? (
        <>
          <DecisionContext view={props.view} />
          <OutcomeSection view={props.view} />
        </>
      ) : null}
    </Layout>
  );
}

// An official outside the employee list (or HR) acts under a stand-in id, not a NIP: the name already says who.
const by = (d: { nip: string; name: string; role: string } | undefined) =>
  d
    ? `${d.name} (${ROLE_LABELS[d.role] ?? d.role}${isStandInId(d.nip) ? "" : `, NIP ${d.nip}`})`
    : "orang lain";

/** Shown after a successful POST. */
export function ConfirmationPage(props: { view: LinkView; decidedAt: string }) {
  return (
    <Message
      title="Terima kasih, keputusan Anda tercatat"
      tone="ok"
      view={props.view}
      content
      lines={[
        `${KIND_TITLES[props.view.decision.kind]} untuk ${props.view.decision.employee.name} telah tercatat pada ${when(props.decidedAt)}.`,
        "Tautan ini tidak dapat digunakan lagi. Anda boleh menutup halaman ini.",
      ]}
    />
  );
}

/** Shown for a link whose decision was already taken (GET 200, POST 409): who decided and when. */
export function AlreadyDecidedPage(props: {
  view?: LinkView;
  decidedBy?: { nip: string; name: string; role: string };
  decidedAt?: string;
}) {
  const decidedBy = props.decidedBy ?? props.view?.decision.decidedBy;
  const decidedAt = props.decidedAt ?? props.view?.decision.decidedAt;
  return (
    <Message
      title="Keputusan sudah diambil"
      tone="info"
      view={props.view}
      content
      lines={[
        `Keputusan ini sudah diambil oleh ${by(decidedBy)} pada ${when(decidedAt)}.`,
        "Tidak ada yang perlu Anda lakukan lagi melalui tautan ini.",
      ]}
    />
  );
}

/** Shown for expired or superseded decisions and for links past their expiry (410): what happened and who or what decided. */
export function GonePage(props: {
  view?: LinkView;
  reason: "link-expired" | "expired" | "superseded";
  closedReason?: string;
  closedBy?: string;
  closedAt?: string;
}) {
  const closedBy = props.closedBy ? ` oleh ${ROLE_LABELS[props.closedBy] ?? props.closedBy}` : "";
  const detail = props.closedReason ? `Keterangan: ${props.closedReason}.` : "";
  const lines = {
    "link-expired": [
      "Masa berlaku tautan ini telah habis.",
      "Jika permintaan ini masih berjalan, tautan baru telah atau akan dikirim melalui email (pengingat atau eskalasi).",
    ],
    expired: [
      `Batas waktu keputusan ini telah lewat dan telah ditindaklanjuti${closedBy} pada ${when(props.closedAt)}.`,
      detail,
    ],
    superseded: [
      `Permintaan ini telah dibatalkan atau digantikan${closedBy} pada ${when(props.closedAt)}.`,
      detail,
    ],
  }[props.reason].filter(Boolean);
  return (
    <Message
      title={props.reason === "superseded" ? "Permintaan dibatalkan" : "Tautan tidak berlaku lagi"}
      tone="warn"
      view={props.view}
      content
      lines={lines}
    />
  );
}

/** Shown for unknown links (404). */
export function UnknownLinkPage() {
  return (
    <Message
      title="Tautan tidak dikenal"
      tone="error"
      lines={[
        "Tautan ini tidak dikenal oleh kinerja. Pastikan Anda menyalin alamat lengkap dari email.",
        "Bila masalah berlanjut, hubungi pengelola kinerja di unit Anda.",
      ]}
    />
  );
}

/** Shown for tampered links (403). */
export function TamperedLinkPage() {
  return (
    <Message
      title="Tautan tidak sah"
      tone="error"
      lines={[
        "Tanda tangan tautan ini tidak cocok; tautan mungkin telah diubah.",
        "Gunakan tautan asli dari email Anda atau hubungi pengelola kinerja.",
      ]}
    />
  );
}

/** Shown when the rate limit was hit (429). */
export function RateLimitedPage(props: { retryAfterSeconds: number }) {
  return (
    <Message
      title="Terlalu banyak permintaan"
      tone="warn"
      lines={[`Silakan coba lagi dalam ${props.retryAfterSeconds} detik.`]}
    />
  );
}

/** Shown for a request the page cannot read (415/413). */
export function BadRequestPage(props: { message: string }) {
  return <Message title="Permintaan tidak dapat diproses" tone="error" lines={[props.message]} />;
}

/** Any other error on a link page (a storage outage, a fault): the status's title and what to do, in Indonesian. */
export function ErrorPage(props: { title: string; message?: string }) {
  const lines = props.message ? [props.message] : [];
  return (
    <Message
      title={props.title}
      tone="error"
      lines={[
        ...lines,
        "Coba lagi sebentar lagi. Bila masalah berlanjut, hubungi pengelola kinerja di unit Anda.",
      ]}
    />
  );
}
