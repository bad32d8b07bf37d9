import type { OutboxEntry } from "@kinerja/core/mail/outbox-mail";
import { Layout } from "./layout";
import { formatNumber, formatShortDateTime } from "@kinerja/core/i18n/format";
import { hasLabel, labelOf, labelsOf } from "@kinerja/core/i18n/labels";
import { when } from "./format";

/** What a mail is, from its tags: "Pengingat · Persetujuan SKP", "Hasil keputusan keberatan"; "-" when untagged. */
export function mailKindText(tags: Record<string, string> | undefined): string {
  if (!tags) return "-";
  if (tags.mailKind)
    return `${labelOf("mailKind", tags.mailKind)}${tags.kind ? ` · ${labelOf("decisionKind", tags.kind)}` : ""}`;
  return tags.kind ? labelOf("mailKind", tags.kind) : "-";
}

/** Mails per page of the outbox page. */
export const OUTBOX_PAGE_SIZE = 50;

/** The kinds a person can filter by: what a mail is (request, reminder, ...) and what it is about (a decision kind). */
const KIND_OPTIONS = [
  { group: "Jenis email", labels: labelsOf("mailKind") },
  { group: "Tentang", labels: labelsOf("decisionKind") },
];

/** The local outbox as a list a person can page and filter through. */
export function OutboxListPage(props: {
  mails: OutboxEntry[];
  filter: { to?: string; kind?: string };
  /** Mails matching the filter, and in the whole outbox. */
  count: number;
  total: number;
  /** Links to the neighbouring pages (absent at either end). */
  older?: string;
  newer?: string;
}) {
  const { filter } = props;
  const filtered = Boolean(filter.to || filter.kind);
  const kindText = filter.kind
    ? labelOf(hasLabel("mailKind", filter.kind) ? "mailKind" : "decisionKind", filter.kind)
    : undefined;
  return (
    <Layout title="Kotak keluar lokal">
      <h1>Kotak keluar lokal</h1>
      <p class="hint">
        Semua email yang dikirim runtime lokal, terbaru lebih dahulu. Juga tersedia sebagai JSON:
        ?format=json.
      </p>
      <form method="get" action="/_local/mail" class="card">
        <input type="hidden" name="format" value="html" />
        <div class="row cols-2">
          <div>
            <label for="to">Penerima (alamat email)</label>
            <input type="text" id="to" name="to" value={filter.to ?? ""} />
          </div>
          <div>
            <label for="kind">Jenis</label>
            <select id="kind" name="kind">
              <option value="">Semua jenis</option>
              {KIND_OPTIONS.map((g) => (
                <optgroup label={g.group}>
                  {Object.entries(g.labels).map(([code, label]) => (
                    <option value={code} selected={filter.kind === code}>
                      {label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </div>
        <div class="actions">
          <button type="submit">Saring</button>
          {filtered ? <a href="/_local/mail?format=html">Hapus saringan</a> : null}
        </div>
      </form>
      <p data-field="counts">
        {filtered
          ? `${formatNumber(props.count)} dari ${formatNumber(props.total)} email cocok${filter.to ? ` · penerima ${filter.to}` : ""}${kindText ? ` · jenis ${kindText}` : ""}.`
          : `${formatNumber(props.total)} email seluruhnya.`}
        {props.mails.length > 0 ? ` Halaman ini: ${formatNumber(props.mails.length)} email.` : ""}
      </p>
      {props.mails.length === 0 ? (
        <p class="notice">{filtered ? "Tidak ada email yang cocok." : "Belum ada email."}</p>
      ) : null}
      {/* At phone width each mail is a card (label beside value, styles.ts `table.cards`): no sideways scrolling. */}
      <div class="table-wrap">
        <table class="cards">
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
                <td data-label="Waktu">
                  <time datetime={m.sentAt}>{formatShortDateTime(m.sentAt)}</time>
                </td>
                <td data-label="Kepada">
                  <a href={`/_local/mail?to=${encodeURIComponent(m.to)}&format=html`}>{m.to}</a>
                </td>
                <td data-label="Jenis">{mailKindText(m.tags)}</td>
                <td data-label="Subjek">
                  <a href={`/_local/mail/${encodeURIComponent(m.id)}?format=html`}>{m.subject}</a>
                </td>
                <td data-label="Tautan">
                  {/* One grid cell for all links, so a card keeps them beside their label. */}
                  <span>
                    {m.links.map((l, i) => (
                      <>
                        {i > 0 ? " " : null}
                        <a href={l}>{`buka ${i + 1}`}</a>
                      </>
                    ))}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="actions" aria-label="Halaman">
        {props.newer ? (
          <a href={props.newer} rel="prev">
            ← Lebih baru
          </a>
        ) : null}
        {props.older ? (
          <a href={props.older} rel="next">
            Lebih lama →
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}

/** A request the outbox page cannot answer (a cursor it did not make, a bad filter). */
export function OutboxErrorPage(props: { message: string }) {
  return (
    <Layout title="Permintaan tidak valid">
      <h1>Permintaan tidak valid</h1>
      <p class="notice error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="/_local/mail?format=html">← Halaman pertama kotak keluar</a>
      </p>
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
