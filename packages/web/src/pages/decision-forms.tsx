import type { Child } from "hono/jsx";
import type { LinkView } from "@kinerja/core/decision/decision.service";
import {
  BERAKHLAK,
  PREDIKAT_LABELS,
  RATING_LABELS,
  RATINGS,
  type Predikat,
  type Rating,
} from "@kinerja/core/rating/rating";
import { ASPECTS, ASPECT_LABELS, type Aspect } from "@kinerja/core/skp/skp.schema";
import { Layout } from "./layout";
import { KIND_TITLES, ROLE_LABELS, listOf, str, targetText, when } from "./format";

/** Posted values (to refill a form after an error) and field errors `{path, message}`. */
export interface FormState {
  values: Record<string, string>;
  errors: { path: string; message: string }[];
  /** Rows shown by the no-JS SKP form; grows with the "add rows" buttons. */
  rhkRows?: number;
  indicatorRows?: number;
}

const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;

function ErrorsFor(props: { path: string; state: FormState }) {
  const mine = props.state.errors.filter((e) => e.path === props.path || e.path.startsWith(`${props.path}.`));
  if (!mine.length) return null;
  return (
    <>
      {mine.map((e) => (
        <p class="field-error" id={`${fieldId(props.path)}-error`}>
          {e.message}
        </p>
      ))}
    </>
  );
}

function ErrorSummary(props: { state: FormState }) {
  if (!props.state.errors.length) return null;
  return (
    <div class="notice error" role="alert" aria-labelledby="error-title" tabindex={-1}>
      <strong id="error-title">Formulir belum dapat dikirim. Periksa isian berikut:</strong>
      <ul class="errors">
        {props.state.errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.path)}`}>{e.path || "formulir"}</a>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Radios(props: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  state: FormState;
  hint?: Child;
}) {
  const hasError = props.state.errors.some((e) => e.path === props.name);
  return (
    <fieldset
      id={fieldId(props.name)}
      aria-describedby={hasError ? `${fieldId(props.name)}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint}
      {props.options.map((o) => (
        <label class="choice">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            required
            checked={props.state.values[props.name] === o.value}
          />
          <span>
            {o.label}
            {o.hint ? <span class="hint"> ({o.hint})</span> : null}
          </span>
        </label>
      ))}
      <ErrorsFor path={props.name} state={props.state} />
    </fieldset>
  );
}

function TextArea(props: {
  name: string;
  label: string;
  state: FormState;
  required?: boolean;
  hint?: string;
  rows?: number;
}) {
  const id = fieldId(props.name);
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.required ? " (wajib)" : " (opsional)"}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      >
        {props.state.values[props.name] ?? ""}
      </textarea>
      <ErrorsFor path={props.name} state={props.state} />
    </div>
  );
}

function Input(props: {
  name: string;
  label: string;
  state: FormState;
  type?: "text" | "url" | "number";
  required?: boolean;
  visuallyHiddenLabel?: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <div>
      <label for={id} class={props.visuallyHiddenLabel ? "visually-hidden" : undefined}>
        {props.label}
      </label>
      <input
        id={id}
        type={props.type === "number" ? "text" : (props.type ?? "text")}
        inputmode={props.type === "number" ? "decimal" : undefined}
        name={props.name}
        value={props.state.values[props.name] ?? ""}
        required={props.required}
      />
      <ErrorsFor path={props.name} state={props.state} />
    </div>
  );
}

const ratingOptions = RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r].id }));
const ratingLabel = (r: unknown) =>
  typeof r === "string" && r in RATING_LABELS ? RATING_LABELS[r as Rating].id : "-";
const predikatLabel = (p: unknown) =>
  typeof p === "string" && p in PREDIKAT_LABELS ? PREDIKAT_LABELS[p as Predikat].id : "-";
const aspectLabel = (a: unknown) =>
  typeof a === "string" && a in ASPECT_LABELS ? ASPECT_LABELS[a as Aspect].id : String(a ?? "-");

/** Who, for whom, by when: the summary every decision page starts with. */
export function DecisionSummary(props: { view: LinkView }) {
  const d = props.view.decision;
  return (
    <section class="card" aria-label="Ringkasan">
      <dl class="meta">
        <dt>Pegawai</dt>
        <dd>
          {d.employee.name} (NIP {d.employee.nip})
        </dd>
        <dt>Diminta kepada</dt>
        <dd>
          {props.view.recipient.name}, {ROLE_LABELS[props.view.recipient.role] ?? props.view.recipient.role}
        </dd>
        <dt>Batas waktu</dt>
        <dd>{when(d.dueAt)}</dd>
        <dt>Tautan berlaku s.d.</dt>
        <dd>{when(props.view.linkExpiresAt)}</dd>
      </dl>
    </section>
  );
}

function IndicatorTable(props: { context: Record<string, unknown> }) {
  const indicators = listOf(props.context.indicators);
  if (!indicators.length) return null;
  const measurement = (props.context.measurement ?? {}) as Record<string, unknown>;
  const measured = new Map(listOf(measurement.indicators).map((m) => [String(m.id), m]));
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Indikator kinerja dan capaian</caption>
        <thead>
          <tr>
            <th scope="col">Indikator</th>
            <th scope="col">Aspek</th>
            <th scope="col">Target</th>
            <th scope="col">Realisasi</th>
            <th scope="col">Capaian</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((ind) => {
            const m = measured.get(String(ind.id));
            return (
              <tr>
                <td>{str(ind.text) ?? "-"}</td>
                <td>{aspectLabel(ind.aspect)}</td>
                <td>{targetText(ind.target)}</td>
                <td>{str(m?.realised) ?? "-"}</td>
                <td>{m?.achievementPct !== undefined ? `${m.achievementPct}%` : "-"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SkpTable(props: { skp: unknown }) {
  const rhk = listOf((props.skp as { rhk?: unknown } | undefined)?.rhk);
  if (!rhk.length) return <p>Rincian SKP tidak tersedia.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">RHK</th>
            <th scope="col">Jenis</th>
            <th scope="col">Indikator, aspek, target</th>
          </tr>
        </thead>
        <tbody>
          {rhk.map((r) => (
            <tr>
              <td>{str(r.text)}</td>
              <td>{str(r.kind)}</td>
              <td>
                <ul>
                  {listOf(r.indicators).map((i) => (
                    <li>
                      {str(i.text)} ({aspectLabel(i.aspect)}; target {targetText(i.target)})
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResultCard(props: { result: unknown }) {
  const r = (props.result ?? {}) as Record<string, unknown>;
  return (
    <section class="card" aria-label="Hasil penilaian">
      <dl class="meta">
        <dt>Hasil kerja</dt>
        <dd>{ratingLabel(r.hasilKerja)}</dd>
        <dt>Perilaku kerja</dt>
        <dd>{ratingLabel(r.perilaku)}</dd>
        <dt>Predikat kinerja</dt>
        <dd>
          <strong>{predikatLabel(r.predikat)}</strong>
        </dd>
      </dl>
      {str(r.feedback) ? (
        <>
          <h2>Umpan balik</h2>
          <p>{str(r.feedback)}</p>
        </>
      ) : null}
    </section>
  );
}

function SkpProposalFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  const superior = listOf(ctx.superiorRhk);
  const returnComments = [
    str(ctx.returnComment),
    ...listOf(ctx.returnComments).map((c) => str(c.comment) ?? str(c.text)),
  ].filter(Boolean);
  const rhkRows = props.state.rhkRows ?? 3;
  const indRows = props.state.indicatorRows ?? 3;
  return (
    <>
      {returnComments.length ? (
        <div class="notice warn" role="note">
          <strong>SKP dikembalikan untuk diperbaiki:</strong>
          <ul>
            {returnComments.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <section class="card">
        <h2>RHK atasan yang diintervensi</h2>
        {superior.length ? (
          <ul>
            {superior.map((s) => (
              <li>{str(s.text)}</li>
            ))}
          </ul>
        ) : (
          <p>Tidak ada RHK atasan di sistem (puncak kaskade).</p>
        )}
        <p class="hint">
          Isi baris yang diperlukan saja; baris yang kosong diabaikan. Setiap RHK utama harus mengintervensi
          satu RHK atasan dan memiliki paling sedikit satu indikator.
        </p>
      </section>
      <input type="hidden" name="_rhkRows" value={String(rhkRows)} />
      <input type="hidden" name="_indicatorRows" value={String(indRows)} />
      {Array.from({ length: rhkRows }, (_, i) => {
        const p = `rhk.${i}`;
        return (
          <fieldset id={fieldId(p)}>
            <legend>RHK {i + 1}</legend>
            <TextArea name={`${p}.text`} label="Rencana hasil kerja" state={props.state} rows={2} />
            <div class="row cols-3">
              <div>
                <label for={fieldId(`${p}.kind`)}>Jenis RHK</label>
                <select id={fieldId(`${p}.kind`)} name={`${p}.kind`}>
                  <option value="">— pilih —</option>
                  <option value="utama" selected={props.state.values[`${p}.kind`] === "utama"}>
                    Utama
                  </option>
                  <option value="tambahan" selected={props.state.values[`${p}.kind`] === "tambahan"}>
                    Tambahan
                  </option>
                </select>
                <ErrorsFor path={`${p}.kind`} state={props.state} />
              </div>
              <div>
                <label for={fieldId(`${p}.parentRhkId`)}>RHK atasan yang diintervensi</label>
                <select id={fieldId(`${p}.parentRhkId`)} name={`${p}.parentRhkId`}>
                  <option value="">— tidak ada —</option>
                  {superior.map((s) => (
                    <option
                      value={String(s.id)}
                      selected={props.state.values[`${p}.parentRhkId`] === String(s.id)}
                    >
                      {str(s.text)}
                    </option>
                  ))}
                </select>
                <ErrorsFor path={`${p}.parentRhkId`} state={props.state} />
              </div>
            </div>
            {Array.from({ length: indRows }, (_, j) => {
              const q = `${p}.indicators.${j}`;
              return (
                <fieldset id={fieldId(q)}>
                  <legend>
                    Indikator {i + 1}.{j + 1}
                  </legend>
                  <Input name={`${q}.text`} label="Indikator kinerja individu" state={props.state} />
                  <div class="row cols-4">
                    <div>
                      <label for={fieldId(`${q}.aspect`)}>Aspek</label>
                      <select id={fieldId(`${q}.aspect`)} name={`${q}.aspect`}>
                        <option value="">— pilih —</option>
                        {ASPECTS.map((a) => (
                          <option value={a} selected={props.state.values[`${q}.aspect`] === a}>
                            {ASPECT_LABELS[a].id}
                          </option>
                        ))}
                      </select>
                      <ErrorsFor path={`${q}.aspect`} state={props.state} />
                    </div>
                    <Input
                      name={`${q}.target.min`}
                      label="Target minimal"
                      type="number"
                      state={props.state}
                    />
                    <Input
                      name={`${q}.target.max`}
                      label="Target maksimal (opsional)"
                      type="number"
                      state={props.state}
                    />
                    <Input name={`${q}.target.unit`} label="Satuan" state={props.state} />
                  </div>
                </fieldset>
              );
            })}
          </fieldset>
        );
      })}
      <div class="actions">
        <button type="submit" name="_action" value="more-rhk" class="secondary" formnovalidate>
          Tambah baris RHK
        </button>
        <button type="submit" name="_action" value="more-indicators" class="secondary" formnovalidate>
          Tambah baris indikator
        </button>
      </div>
    </>
  );
}

function ReviewFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  const measurement = (ctx.measurement ?? {}) as Record<string, unknown>;
  const warnings = listOf(ctx.distributionWarnings);
  const suggested = str(ctx.suggestedHasilKerja) ?? str(measurement.suggestedHasilKerja);
  return (
    <>
      <section class="card">
        <h2>Ringkasan pengukuran</h2>
        <IndicatorTable context={ctx} />
        <dl class="meta">
          {measurement.overallAchievementPct !== undefined ? (
            <>
              <dt>Capaian keseluruhan</dt>
              <dd>{String(measurement.overallAchievementPct)}%</dd>
            </>
          ) : null}
          {suggested ? (
            <>
              <dt>Saran sistem (bukan ketentuan)</dt>
              <dd>{ratingLabel(suggested)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <Radios name="hasilKerja" legend="Rating hasil kerja" options={ratingOptions} state={props.state} />
      <h2>Perilaku kerja (BerAKHLAK)</h2>
      <p class="hint">
        Nilai setiap perilaku berdasarkan panduan perilakunya, lalu tetapkan rating perilaku kerja secara
        keseluruhan.
      </p>
      {BERAKHLAK.map((value) => (
        <Radios
          name={`perilakuDetail.${value.key}`}
          legend={value.label}
          options={ratingOptions}
          state={props.state}
          hint={
            <ul class="guidance" aria-label={`Panduan perilaku ${value.label}`}>
              {value.guidance.map((g) => (
                <li>{g}</li>
              ))}
            </ul>
          }
        />
      ))}
      <Radios
        name="perilaku"
        legend="Rating perilaku kerja (keseluruhan)"
        options={ratingOptions}
        state={props.state}
      />
      <TextArea name="feedback" label="Umpan balik untuk pegawai" state={props.state} required rows={5} />
      {warnings.length ? (
        <>
          <div class="notice warn" role="note">
            <strong>Distribusi predikat unit kerja belum sesuai dengan predikat kinerja organisasi:</strong>
            <ul>
              {warnings.map((w) => (
                <li>{str(w.message) ?? str(w.rule)}</li>
              ))}
            </ul>
          </div>
          <TextArea
            name="justification"
            label="Justifikasi"
            hint="Jelaskan alasan penilaian ini menyimpang dari distribusi yang diharapkan."
            state={props.state}
            rows={4}
          />
        </>
      ) : (
        <details>
          <summary>Tambahkan justifikasi (opsional)</summary>
          <TextArea name="justification" label="Justifikasi" state={props.state} rows={3} />
        </details>
      )}
    </>
  );
}

function RealizationFields(props: { view: LinkView; state: FormState }) {
  const indicators = listOf(props.view.decision.context.indicators);
  if (!indicators.length) return <p class="notice warn">Belum ada indikator pada SKP ini.</p>;
  return (
    <>
      <p class="hint">
        Isi realisasi untuk indikator yang dilaporkan; indikator tanpa nilai tidak dikirim. Tautan bukti harus
        diawali https:// atau http://.
      </p>
      {indicators.map((ind, i) => {
        const p = `items.${i}`;
        return (
          <fieldset id={fieldId(p)}>
            <legend>{str(ind.text) ?? `Indikator ${i + 1}`}</legend>
            <p class="hint">
              Aspek {aspectLabel(ind.aspect)} · target {targetText(ind.target)}
            </p>
            <input type="hidden" name={`${p}.indicatorId`} value={String(ind.id)} />
            <div class="row cols-3">
              <Input name={`${p}.value`} label="Realisasi" type="number" state={props.state} />
              <Input name={`${p}.evidenceUrl`} label="Tautan bukti dukung" type="url" state={props.state} />
              <Input name={`${p}.note`} label="Catatan" state={props.state} />
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

function SkpApprovalFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  return (
    <>
      <section class="card">
        <h2>Usulan SKP</h2>
        <SkpTable skp={ctx.skp ?? ctx.proposal} />
      </section>
      <Radios
        name="decision"
        legend="Keputusan"
        options={[
          { value: "approve", label: "Setujui SKP" },
          { value: "return", label: "Kembalikan untuk diperbaiki", hint: "wajib disertai catatan" },
        ]}
        state={props.state}
      />
      <TextArea
        name="comment"
        label="Catatan untuk pegawai"
        state={props.state}
        hint="Wajib bila SKP dikembalikan."
      />
    </>
  );
}

function AcknowledgementFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  return (
    <>
      <ResultCard result={ctx.result} />
      <p class="notice">
        Keberatan dapat diajukan paling lambat {when(str(ctx.objectionDeadline) ?? props.view.decision.dueAt)}
        .
      </p>
      <Radios
        name="decision"
        legend="Tanggapan Anda"
        options={[
          { value: "acknowledge", label: "Saya menerima hasil penilaian ini" },
          { value: "object", label: "Saya mengajukan keberatan", hint: "wajib disertai alasan" },
        ]}
        state={props.state}
      />
      <TextArea
        name="reason"
        label="Alasan keberatan"
        state={props.state}
        hint="Wajib bila mengajukan keberatan."
        rows={5}
      />
    </>
  );
}

function ObjectionDecisionFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  const objection = (ctx.objection ?? {}) as Record<string, unknown>;
  return (
    <>
      <ResultCard result={ctx.result} />
      <section class="card">
        <h2>Keberatan pegawai</h2>
        <p>{str(objection.reason) ?? "-"}</p>
      </section>
      <Radios
        name="decision"
        legend="Keputusan (final)"
        options={[
          { value: "uphold", label: "Kabulkan keberatan dan tetapkan rating baru" },
          { value: "reject", label: "Tolak keberatan; hasil penilaian tetap" },
        ]}
        state={props.state}
      />
      <fieldset id={fieldId("revised")}>
        <legend>Rating baru (hanya bila keberatan dikabulkan)</legend>
        {(["hasilKerja", "perilaku"] as const).map((field) => (
          <div>
            <label for={fieldId(`revised.${field}`)}>
              {field === "hasilKerja" ? "Rating hasil kerja" : "Rating perilaku kerja"}
            </label>
            <select id={fieldId(`revised.${field}`)} name={`revised.${field}`}>
              <option value="">— pilih —</option>
              {RATINGS.map((r) => (
                <option value={r} selected={props.state.values[`revised.${field}`] === r}>
                  {RATING_LABELS[r].id}
                </option>
              ))}
            </select>
            <ErrorsFor path={`revised.${field}`} state={props.state} />
          </div>
        ))}
        <ErrorsFor path="revised" state={props.state} />
      </fieldset>
      <TextArea name="note" label="Catatan keputusan" state={props.state} required rows={4} />
    </>
  );
}

const FIELDS = {
  "skp-proposal": SkpProposalFields,
  "skp-approval": SkpApprovalFields,
  realization: RealizationFields,
  review: ReviewFields,
  acknowledgement: AcknowledgementFields,
  "objection-decision": ObjectionDecisionFields,
} as const;

/** The page of a pending decision: summary, the form of its kind, one submit button. Works without any script. */
export function DecisionPage(props: { view: LinkView; action: string; state?: FormState }) {
  const state = props.state ?? { values: {}, errors: [] };
  const Fields = FIELDS[props.view.decision.kind];
  const title = KIND_TITLES[props.view.decision.kind];
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <ErrorSummary state={state} />
      <DecisionSummary view={props.view} />
      <form method="post" action={props.action} accept-charset="utf-8" novalidate>
        <Fields view={props.view} state={state} />
        <div class="actions">
          <button type="submit" name="_action" value="submit">
            Kirim keputusan
          </button>
        </div>
        <p class="hint">Keputusan hanya dapat dikirim satu kali.</p>
      </form>
    </Layout>
  );
}
