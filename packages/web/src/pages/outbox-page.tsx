import type { OutboxEntry } from "@kinerja/core/mail/outbox-mail";
import { Layout } from "./layout";
import { when } from "./format";

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
              <th scope="col">Subjek</th>
              <th scope="col">Tautan</th>
            </tr>
          </thead>
          <tbody>
            {props.mails.map((m) => (
              <tr>
                <td>{when(m.sentAt)}</td>
                <td>
                  <a href={`/_local/mail?to=${encodeURIComponent(m.to)}&format=html`}>{m.to}</a>
                </td>
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
