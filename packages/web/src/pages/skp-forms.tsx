// The SKP forms of a decision link: the employee's proposal (RHK, indicators, annex; refilled from the previous
// proposal after a return) and the appraiser's approval.
import type { LinkView } from "@kinerja/core/decision/link-view";
import { typedNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { BERAKHLAK } from "@kinerja/core/rating/rating";
import { ASPECTS, PERSPECTIVES, RHK_KINDS } from "@kinerja/core/skp/skp.schema";
import { listOf, str } from "./format";
import { ANNEX_FIELDS } from "./decision-content";
import { fieldId, type FormState, Input, Radios, Select, TextArea } from "./form-controls";

/** The form values of an SKP already proposed (shown again after a return, so the employee revises instead of retyping). */
export function previousValues(ctx: Record<string, unknown>): Record<string, string> {
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

export function SkpProposalFields(props: { view: LinkView; state: FormState }) {
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

export function SkpApprovalFields(props: { view: LinkView; state: FormState }) {
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
