// The review form of a decision link: hasil kerja, the seven perilaku values and the overall rating, feedback, and
// the distribution preview of the unit (what this review does to the predikat shares the org rating allows).
import type { LinkView } from "@kinerja/core/decision/link-view";
import { labelOf } from "@kinerja/core/i18n/labels";
import { BERAKHLAK, ORG_RATING_TO_HASIL_KERJA, type Predikat, PREDIKATS } from "@kinerja/core/rating/rating";
import type { ReviewDistributionPreview } from "@kinerja/core/distribution/distribution";
import { listOf, str } from "./format";
import { num } from "./decision-content";
import { type FormState, Radios, ratingOptions, TextArea } from "./form-controls";

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

export function ReviewFields(props: { view: LinkView; state: FormState }) {
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
