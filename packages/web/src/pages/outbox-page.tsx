import type { OutboxEntry } from "@kinerja/core/mail/outbox-mail";
import { Layout } from "./layout";
import { formatShortDateTime } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { when } from "./format";

/** What a mail is, from its tags: "Pengingat · Persetujuan SKP", "Hasil keputusan keberatan"; "-" when untagged. */
export function mailKindText(tags: Record<string, string> | undefined): string {
  if (!tags) return "-";
  if (tags.mailKind)
    return `${labelOf("mailKind", tags.mailKind)}${tags.kind ? ` · ${labelOf("decisionKind", tags.kind)}` : ""}`;
  return tags.kind ? labelOf("mailKind", tags.kind) : "-";
}

/** The local outbox as a list a person can click through. */
export function OutboxListPage(props: { mails: OutboxEntry[]; to?: string }) {
  return (
    <Layout title="Kotak keluar lokal">
      <h1>Kotak keluar lokal</h1>
      <p class="hint">
        Semua email yang dikirim runtime lokal, terbaru lebih dahulu{props.to ? ` (untuk ${props.to})` : ""}.
        Juga tersedia sebagai JSON: ?format=json.
      </p>
      {props.mails.length === 0 ? <p class="notice">Belum ada email.</p> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Waktu</th>
              <th scope="col">Kepada</th>
              <th scope="col">Jenis</th>
              <th scope="col">Subjek</th>
              <th scope="col">Tautan</th>
            </tr>
          </thead>
          <tbody>
            {props.mails.map((m) => (
              <tr>
                <td>
                  <time datetime={m.sentAt}>{formatShortDateTime(m.sentAt)}</time>
                </td>
                <td>
                  <a href={`/_local/mail?to=${encodeURIComponent(m.to)}&format=html`}>{m.to}</a>
                </td>
                <td>{mailKindText(m.tags)}</td>
                <td>
                  <a href={`/_local/mail/${encodeURIComponent(m.id)}?format=html`}>{m.subject}</a>
                </td>
                <td>
                  {m.links.map((l, i) => (
                    <a href={l}>{`buka ${i + 1}`}</a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** One mail of the outbox: headers, the plain-text body, and its links. */
export function OutboxMailPage(props: { mail: OutboxEntry }) {
  const m = props.mail;
  return (
    <Layout title={m.subject}>
      <p>
        <a href="/_local/mail?format=html">← Kotak keluar</a>
      </p>
      <h1>{m.subject}</h1>
      <dl class="meta card">
        <dt>Kepada</dt>
        <dd>{m.to}</dd>
        <dt>Dikirim</dt>
        <dd>{when(m.sentAt)}</dd>
        <dt>Jenis</dt>
        <dd>{mailKindText(m.tags)}</dd>
      </dl>
      <pre>{m.text}</pre>
      <ul>
        {m.links.map((l) => (
          <li>
            <a href={l}>{l}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
