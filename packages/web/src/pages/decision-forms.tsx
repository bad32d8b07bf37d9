import type { Child } from "hono/jsx";
import type { DecisionKind, LinkView } from "@kinerja/core/decision/decision.service";
import { fieldLabel } from "@kinerja/core/i18n/fields";
import { typedNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import {
  BERAKHLAK,
  ORG_RATING_TO_HASIL_KERJA,
  PREDIKATS,
  RATINGS,
  type Predikat,
} from "@kinerja/core/rating/rating";
import type { ReviewDistributionPreview } from "@kinerja/core/distribution/distribution";
import { ASPECTS, PERSPECTIVES, RHK_KINDS } from "@kinerja/core/skp/skp.schema";
import { Layout } from "./layout";
import { KIND_TITLES, ROLE_LABELS, listOf, str, when } from "./format";
import { ANNEX_FIELDS, DecisionContext, aspectLabel, num, targetLabel } from "./decision-content";
import { PeriodicRatingFields } from "./periodic-rating";

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

function ErrorSummary(props: { state: FormState; kind: DecisionKind }) {
  if (!props.state.errors.length) return null;
  return (
    <div class="notice error" role="alert" aria-labelledby="error-title" tabindex={-1}>
      <strong id="error-title">Formulir belum dapat dikirim. Periksa isian berikut:</strong>
      <ul class="errors">
        {props.state.errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.path)}`}>{fieldLabel(e.path, props.kind)}</a>: {e.message}
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
  /** Shown after the label: "wajib", "opsional", or a condition ("wajib bila ..."); nothing when left out. */
  need?: string;
  required?: boolean;
  hint?: string;
  rows?: number;
}) {
  const id = fieldId(props.name);
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.need ? ` (${props.need})` : ""}
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

export function Input(props: {
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

const ratingOptions = RATINGS.map((r) => ({ value: r, label: labelOf("rating", r) }));

/** Who, for whom, by when: the summary every decision page starts with. */
export function DecisionSummary(props: { view: LinkView }) {
  const d = props.view.decision;
  return (
    <section class="card" aria-label="Ringkasan">
      <dl class="meta">
        {d.kind === "periodic-rating" ? null : (
          <>
            <dt>Pegawai</dt>
            <dd>
              {d.employee.name} (NIP {d.employee.nip})
            </dd>
          </>
        )}
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

/** The form values of an SKP already proposed (shown again after a return, so the employee revises instead of retyping). */
function previousValues(ctx: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  listOf(ctx.previous).forEach((r, i) => {
    const p = `rhk.${i}`;
    for (const key of ["text", "kind", "parentRhkId", "perspective"] as const)
      if (str(r[key])) values[`${p}.${key}`] = str(r[key])!;
    listOf(r.indicators).forEach((ind, j) => {
      const q = `${p}.indicators.${j}`;
      if (str(ind.text)) values[`${q}.text`] = str(ind.text)!;
      if (str(ind.aspect)) values[`${q}.aspect`] = str(ind.aspect)!;
      const t = (ind.target ?? {}) as Record<string, unknown>;
      if (typeof t.min === "number") values[`${q}.target.min`] = typedNumber(t.min);
      if (typeof t.max === "number") values[`${q}.target.max`] = typedNumber(t.max);
      if (str(t.unit)) values[`${q}.target.unit`] = str(t.unit)!;
    });
  });
  const annex = (ctx.previousAnnex ?? {}) as Record<string, unknown>;
  for (const [key] of ANNEX_FIELDS)
    if (Array.isArray(annex[key])) values[`annex.${key}`] = (annex[key] as unknown[]).map(String).join("\n");
  return values;
}

/** How many RHK and indicator rows the previous SKP needs on the form. */
function previousRows(ctx: Record<string, unknown>): { rhk: number; indicators: number } {
  const rhk = listOf(ctx.previous);
  return {
    rhk: rhk.length,
    indicators: Math.max(0, ...rhk.map((r) => listOf(r.indicators).length)),
  };
}

export function Select(props: {
  name: string;
  label: string;
  state: FormState;
  options: { value: string; label: string }[];
  empty: string;
}) {
  const id = fieldId(props.name);
  const hasError = props.state.errors.some(
    (e) => e.path === props.name || e.path.startsWith(`${props.name}.`),
  );
  return (
    <div>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={hasError ? "true" : undefined}
        aria-describedby={hasError ? `${id}-error` : undefined}
      >
        <option value="">{props.empty}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={props.state.values[props.name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorsFor path={props.name} state={props.state} />
    </div>
  );
}

function SkpProposalFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  const superior = listOf(ctx.superiorRhk);
  // The top of the cascade (rule 27): the appraiser has no SKP in the cycle; older contexts only had the RHK list.
  const top = typeof ctx.isTopLevel === "boolean" ? ctx.isTopLevel : superior.length === 0;
  const superiorName = str((ctx.superior as { name?: unknown } | undefined)?.name);
  const isJpt = ctx.positionType === "jpt";
  const returnComments = [
    str(ctx.returnComment),
    ...listOf(ctx.returnComments).map((c) => str(c.comment) ?? str(c.text)),
  ].filter(Boolean);
  const rows = previousRows(ctx);
  const rhkRows = Math.max(props.state.rhkRows ?? 3, rows.rhk);
  const indRows = Math.max(props.state.indicatorRows ?? 3, rows.indicators);
  const superiorOptions = superior.map((s) => ({ value: String(s.id), label: str(s.text) ?? String(s.id) }));
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
          <p>Isian di bawah memuat SKP yang Anda ajukan sebelumnya; perbaiki lalu kirim kembali.</p>
        </div>
      ) : null}
      <section class="card">
        <h2>RHK atasan yang dapat diintervensi</h2>
        {superior.length ? (
          <>
            {superiorName ? (
              <p>SKP atasan Anda, {superiorName}, telah disetujui dengan RHK berikut:</p>
            ) : null}
            <ul>
              {superior.map((s) => (
                <li>{str(s.text)}</li>
              ))}
            </ul>
          </>
        ) : top ? (
          <p>
            Atasan Anda tidak memiliki SKP dalam siklus ini; Anda berada di puncak kaskade, sehingga RHK utama
            tidak wajib mengintervensi RHK atasan.
          </p>
        ) : (
          <p>SKP atasan Anda belum disetujui; usulan SKP dapat dikirim setelah SKP atasan disetujui.</p>
        )}
        <p class="hint">
          Isi baris yang diperlukan saja; baris yang kosong seluruhnya diabaikan. Setiap RHK yang diisi wajib
          memuat rencana hasil kerja, jenis RHK, dan paling sedikit satu indikator lengkap (indikator, aspek,
          target minimal, satuan).
          {top ? "" : " Setiap RHK utama wajib mengintervensi satu RHK atasan; RHK tambahan tidak wajib."}
          {isJpt ? " Sebagai pejabat pimpinan tinggi, setiap RHK wajib memiliki perspektif." : ""} Angka
          desimal ditulis dengan koma, misalnya 95,5.
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
            <div class={isJpt ? "row cols-3" : "row cols-2"}>
              <Select
                name={`${p}.kind`}
                label="Jenis RHK"
                empty="— pilih —"
                state={props.state}
                options={RHK_KINDS.map((k) => ({ value: k, label: labelOf("rhkKind", k) }))}
              />
              <Select
                name={`${p}.parentRhkId`}
                label={
                  top ? "RHK atasan yang diintervensi" : "RHK atasan yang diintervensi (wajib bagi RHK utama)"
                }
                empty={superior.length ? "— pilih —" : "— tidak ada RHK atasan —"}
                state={props.state}
                options={superiorOptions}
              />
              {isJpt ? (
                <Select
                  name={`${p}.perspective`}
                  label="Perspektif"
                  empty="— pilih —"
                  state={props.state}
                  options={PERSPECTIVES.map((v) => ({ value: v, label: labelOf("perspective", v) }))}
                />
              ) : null}
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
                    <Select
                      name={`${q}.aspect`}
                      label="Aspek"
                      empty="— pilih —"
                      state={props.state}
                      options={ASPECTS.map((a) => ({ value: a, label: labelOf("aspect", a) }))}
                    />
                    <Input
                      name={`${q}.target.min`}
                      label="Target minimal"
                      type="number"
                      state={props.state}
                    />
                    <Input
                      name={`${q}.target.max`}
                      label="Target maksimal (bila berupa rentang)"
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
      <fieldset id={fieldId("annex")}>
        <legend>Lampiran SKP</legend>
        <p class="hint">Tulis satu butir per baris. Boleh dikosongkan bila tidak ada.</p>
        {ANNEX_FIELDS.map(([key, label]) => (
          <TextArea name={`annex.${key}`} label={label} need="opsional" state={props.state} rows={3} />
        ))}
      </fieldset>
    </>
  );
}

/** The cycle's rule from the seven values to the overall behaviour rating, in words (a different rating needs a reason). */
function aggregationHint(rule: unknown): string {
  const r = (rule ?? {}) as { belowWhenAtLeast?: unknown; aboveWhenAtLeast?: unknown };
  const below = typeof r.belowWhenAtLeast === "number" ? r.belowWhenAtLeast : 1;
  const above = typeof r.aboveWhenAtLeast === "number" ? r.aboveWhenAtLeast : 4;
  return (
    `Menurut aturan siklus ini: ${below === 1 ? "satu nilai" : `${num(below)} nilai`} atau lebih di bawah ekspektasi ` +
    `memberi "${labelOf("rating", "below")}"; selain itu ${num(above)} nilai atau lebih di atas ekspektasi memberi ` +
    `"${labelOf("rating", "above")}"; selebihnya "${labelOf("rating", "meets")}". Rating keseluruhan yang berbeda wajib disertai justifikasi.`
  );
}

/** A review's distribution preview from its context (null while the unit has no organisation rating). */
function previewOf(ctx: Record<string, unknown>) {
  const p = ctx.distributionPreview as ReviewDistributionPreview | null | undefined;
  const caused = (predikat: Predikat) => listOf(p?.byPredikat?.[predikat]?.caused);
  return { p: p?.byPredikat ? p : null, caused, anyCaused: PREDIKATS.some((x) => caused(x).length > 0) };
}

/**
 * Before the appraiser submits: the unit's current counts and, for each predikat this review could give, the
 * distribution warnings it would cause (the core's previewReview, refreshed when the page is shown). A predikat
 * with warnings needs a justification; a unit too small for the pattern is explained, not blamed on the review.
 */
function DistributionPreview(props: { ctx: Record<string, unknown> }) {
  const { p, caused } = previewOf(props.ctx);
  if (!p) return null;
  const headResult = props.ctx.unitHead === true ? ORG_RATING_TO_HASIL_KERJA[p.orgRating] : undefined;
  const from = str((props.ctx.distributionPreview as { orgRatingFrom?: unknown }).orgRatingFrom);
  return (
    <section class="card" aria-labelledby="distribution-preview" data-section="distribution-preview">
      <h2 id="distribution-preview">Distribusi predikat unit kerja</h2>
      <p>
        {`Capaian organisasi: ${labelOf("orgRating", p.orgRating)}${from ? ` (ditetapkan untuk unit ${from})` : ""}. ` +
          `Saat ini, tanpa penilaian ini: ${PREDIKATS.map((x) => `${labelOf("predikat", x)} ${num(p.counts[x] ?? 0)}`).join(", ")}` +
          `${p.unrated ? `; ${num(p.unrated)} pegawai lain belum berpredikat` : ""} (${num(p.population)} pegawai termasuk yang dinilai ini).`}
      </p>
      <ul class="allowed">
        {listOf(p.pattern).map((line) => (
          <li>{str(line.text)}</li>
        ))}
      </ul>
      {headResult ? (
        <p class="notice" role="note">
          {`Rating hasil kerja kepala unit mengikuti capaian organisasi: ${labelOf("rating", headResult)}, apa pun yang dipilih di atas.`}
        </p>
      ) : null}
      <table data-table="distribution-preview">
        <thead>
          <tr>
            <th scope="col">Bila predikat penilaian ini</th>
            <th scope="col">Peringatan distribusi yang ditimbulkan</th>
          </tr>
        </thead>
        <tbody>
          {PREDIKATS.map((x) => {
            const mine = caused(x);
            const other = listOf(p.byPredikat[x]?.warnings).filter(
              (w) => !mine.some((m) => m.rule === w.rule),
            );
            return (
              <tr data-predikat={x} data-warnings={String(mine.length)}>
                <th scope="row">{labelOf("predikat", x)}</th>
                <td>
                  {mine.length ? (
                    <>
                      <strong>Perlu justifikasi:</strong>
                      <ul>
                        {mine.map((w) => (
                          <li>{str(w.message) ?? str(w.rule)}</li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    "Tidak menimbulkan peringatan."
                  )}
                  {other.length ? (
                    <ul class="muted">
                      {other.map((w) => (
                        <li>{str(w.message) ?? str(w.rule)}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ReviewFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  const warnings = listOf(ctx.distributionWarnings);
  const preview = previewOf(ctx);
  const expectations = new Map(
    listOf((ctx.skp as { ekspektasiKhusus?: unknown } | null | undefined)?.ekspektasiKhusus).map((e) => [
      String(e.key),
      str(e.text),
    ]),
  );
  return (
    <>
      {ctx.unitHead ? (
        <p class="notice" role="note">
          Pegawai ini memimpin unit kerja: bila predikat kinerja organisasi unitnya sudah ditetapkan, rating
          hasil kerja mengikuti predikat organisasi tersebut.
        </p>
      ) : null}
      <Radios name="hasilKerja" legend="Rating hasil kerja" options={ratingOptions} state={props.state} />
      <h2>Perilaku kerja (BerAKHLAK)</h2>
      <p class="hint">
        Nilai setiap perilaku berdasarkan panduan perilakunya dan ekspektasi khusus pimpinan, lalu tetapkan
        rating perilaku kerja secara keseluruhan.
      </p>
      {BERAKHLAK.map((value) => (
        <Radios
          name={`perilakuDetail.${value.key}`}
          legend={value.label}
          options={ratingOptions}
          state={props.state}
          hint={
            <>
              <ul class="guidance" aria-label={`Panduan perilaku ${value.label}`}>
                {value.guidance.map((g) => (
                  <li>{g}</li>
                ))}
              </ul>
              {expectations.get(value.key) ? (
                <p class="hint">
                  <strong>Ekspektasi khusus pimpinan:</strong> {expectations.get(value.key)}
                </p>
              ) : null}
            </>
          }
        />
      ))}
      <Radios
        name="perilaku"
        legend="Rating perilaku kerja (keseluruhan)"
        options={ratingOptions}
        state={props.state}
        hint={<p class="hint">{aggregationHint(ctx.perilakuAggregation)}</p>}
      />
      <TextArea
        name="feedback"
        label="Umpan balik untuk pegawai"
        need="wajib"
        state={props.state}
        required
        rows={5}
      />
      <DistributionPreview ctx={ctx} />
      {warnings.length || preview.anyCaused ? (
        <TextArea
          name="justification"
          label="Justifikasi"
          need="wajib bila predikat yang diberikan menimbulkan peringatan distribusi"
          hint="Jelaskan alasan penilaian ini menyimpang dari pola distribusi capaian organisasi."
          state={props.state}
          rows={4}
        />
      ) : (
        <details
          open={
            props.state.values.justification ||
            props.state.errors.some((e) => e.path === "perilaku" || e.path === "justification")
              ? true
              : undefined
          }
        >
          <summary>Tambahkan justifikasi</summary>
          <TextArea name="justification" label="Justifikasi" need="opsional" state={props.state} rows={3} />
        </details>
      )}
    </>
  );
}

function RealizationFields(props: { view: LinkView; state: FormState }) {
  const indicators = listOf(props.view.decision.context.indicators);
  if (!indicators.length) return <p class="notice warn">SKP ini belum memiliki indikator.</p>;
  return (
    <>
      <p class="hint">
        Isi realisasi untuk indikator yang dilaporkan; indikator tanpa nilai tidak dikirim. Angka desimal
        ditulis dengan koma, misalnya 95,5. Tautan bukti dukung diawali https:// atau http://.
      </p>
      {indicators.map((ind, i) => {
        const p = `items.${i}`;
        return (
          <fieldset id={fieldId(p)}>
            <legend>{str(ind.text) ?? `Indikator ${i + 1}`}</legend>
            <p class="hint">
              Aspek {aspectLabel(ind.aspect)} · target {targetLabel(ind.target)}
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
  return (
    <>
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
        need="wajib bila SKP dikembalikan"
        state={props.state}
      />
      <details
        open={
          Object.keys(props.state.values).some((k) => k.startsWith("ekspektasiKhusus.")) ? true : undefined
        }
      >
        <summary>Tambahkan ekspektasi khusus pimpinan (opsional)</summary>
        <fieldset id={fieldId("ekspektasiKhusus")}>
          <legend>Ekspektasi khusus pimpinan</legend>
          <p class="hint">
            Bila menyetujui, Anda dapat menambahkan ekspektasi khusus untuk nilai BerAKHLAK tertentu;
            ekspektasi ini menjadi bagian SKP dan acuan penilaian perilaku. Kosongkan nilai yang tidak
            memerlukannya.
          </p>
          {BERAKHLAK.map((value) => (
            <TextArea
              name={`ekspektasiKhusus.${value.key}`}
              label={value.label}
              state={props.state}
              rows={2}
            />
          ))}
        </fieldset>
      </details>
    </>
  );
}

function AcknowledgementFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  const deadline = str(ctx.objectionDeadline) ?? props.view.decision.dueAt;
  const days = typeof ctx.objectionWindowDays === "number" ? ctx.objectionWindowDays : undefined;
  return (
    <>
      <p class="notice">
        Keberatan dapat diajukan{" "}
        {days ? `dalam ${num(days)} hari sejak hasil penilaian disampaikan, yaitu ` : ""}
        paling lambat {when(deadline)}. Bila sampai batas itu tidak ada tanggapan, hasil penilaian dianggap
        diterima.
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
        need="wajib bila mengajukan keberatan"
        state={props.state}
        rows={5}
      />
    </>
  );
}

function ObjectionDecisionFields(props: { view: LinkView; state: FormState }) {
  return (
    <>
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
        <legend>Rating baru (wajib bila keberatan dikabulkan)</legend>
        {(["hasilKerja", "perilaku"] as const).map((field) => (
          <Select
            name={`revised.${field}`}
            label={field === "hasilKerja" ? "Rating hasil kerja" : "Rating perilaku kerja"}
            empty="— pilih —"
            state={props.state}
            options={RATINGS.map((r) => ({ value: r, label: labelOf("rating", r) }))}
          />
        ))}
        <ErrorsFor path="revised" state={props.state} />
      </fieldset>
      <TextArea name="note" label="Catatan keputusan" need="wajib" state={props.state} required rows={4} />
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
  "periodic-rating": PeriodicRatingFields,
} as const;

/** The submit button of each kind, saying what it sends. */
const SUBMIT_LABELS = {
  "skp-proposal": "Kirim usulan SKP",
  "skp-approval": "Kirim keputusan",
  realization: "Kirim laporan realisasi",
  review: "Kirim penilaian",
  acknowledgement: "Kirim tanggapan",
  "objection-decision": "Kirim keputusan",
  "periodic-rating": "Kirim penilaian periodik",
} as const;

/** The page of a pending decision: summary, what is decided, the form of its kind, one submit button. Works without any script. */
export function DecisionPage(props: { view: LinkView; action: string; state?: FormState }) {
  const kind = props.view.decision.kind;
  const state =
    props.state ??
    (kind === "skp-proposal"
      ? { values: previousValues(props.view.decision.context), errors: [] }
      : { values: {}, errors: [] });
  const Fields = FIELDS[kind];
  const title = KIND_TITLES[kind];
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <ErrorSummary state={state} kind={kind} />
      <DecisionSummary view={props.view} />
      <DecisionContext view={props.view} />
      <form method="post" action={props.action} accept-charset="utf-8" novalidate>
        {kind === "skp-proposal" ? (
          // Enter in a field presses a form's first submit button: make that the real one, not "Tambah baris RHK".
          <button
            type="submit"
            name="_action"
            value="submit"
            class="visually-hidden"
            tabindex={-1}
            aria-hidden="true"
          >
            {SUBMIT_LABELS[kind]}
          </button>
        ) : null}
        <Fields view={props.view} state={state} />
        <div class="actions">
          <button type="submit" name="_action" value="submit">
            {SUBMIT_LABELS[kind]}
          </button>
        </div>
        <p class="hint">Isian hanya dapat dikirim satu kali; periksa kembali sebelum mengirim.</p>
      </form>
    </Layout>
  );
}
