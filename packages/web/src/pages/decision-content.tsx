// What a decision is about, read-only: the SKP (RHK, parent RHK, perspective, indicators, aspects, targets, annex,
// special expectations), the realisation with its evidence, the measurement, the result of a review and the objection.
// The decision forms show the parts their person decides on; decided and expired links show the same, read-only.
import type { LinkView } from "@kinerja/core/decision/link-view";
import { BERAKHLAK } from "@kinerja/core/rating/rating";
import { hasLabel, labelOf, type LabelGroup } from "@kinerja/core/i18n/labels";
import { formatNumber } from "@kinerja/core/i18n/format";
import { listOf, str, when } from "./format";
import { PeriodicRatingContext, PeriodicRatingOutcome } from "./periodic-rating";

/** A number as Indonesians write it ("95,5"); "-" only when there is no number. */
export const num = (value: unknown): string =>
  typeof value === "number" && Number.isFinite(value) ? formatNumber(value) : (str(value) ?? "-");

/** A target `{min, max?, unit}` as people write it ("1–2 dokumen", "95,5 persen"). */
export function targetLabel(target: unknown): string {
  if (!target || typeof target !== "object") return "-";
  const t = target as { min?: unknown; max?: unknown; unit?: unknown };
  const range = t.max !== undefined && t.max !== t.min ? `${num(t.min)}–${num(t.max)}` : num(t.min);
  return `${range} ${str(t.unit) ?? ""}`.trim();
}

/** The Indonesian label of a code, or undefined when the value is not a code of the group (the page then says so). */
const labelIf = (group: LabelGroup, code: unknown): string | undefined =>
  typeof code === "string" && hasLabel(group, code) ? labelOf(group, code) : undefined;
export const ratingLabel = (r: unknown) => labelIf("rating", r);
export const predikatLabel = (p: unknown) => labelIf("predikat", p);
export const aspectLabel = (a: unknown): string => labelIf("aspect", a) ?? str(a) ?? "";
export const perspectiveLabel = (p: unknown) => labelIf("perspective", p);
const kindLabel = (k: unknown) => labelIf("rhkKind", k) ?? str(k) ?? "";
const choiceLabel = (c: unknown) => {
  const label = labelIf("decisionChoice", c);
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : str(c);
};

const ANNEX_LISTS = [
  ["dukunganSumberDaya", "Dukungan sumber daya"],
  ["skemaPertanggungjawaban", "Skema pertanggungjawaban"],
  ["konsekuensi", "Konsekuensi"],
] as const;

/** The annex lists in the order of the regulation (rule 29). */
export const ANNEX_FIELDS = ANNEX_LISTS;

type Ctx = Record<string, unknown>;
const objectOf = (value: unknown): Ctx | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Ctx) : undefined;

/** The SKP a decision is about: every RHK with the superior RHK it intervenes on, its indicators and targets. */
export function SkpSection(props: { skp: unknown; superiorRhk?: unknown; title?: string }) {
  const skp = objectOf(props.skp);
  const rhk = listOf(skp?.rhk);
  const parents = new Map(listOf(props.superiorRhk).map((s) => [String(s.id), str(s.text)]));
  const showPerspective = rhk.some((r) => perspectiveLabel(r.perspective));
  const annex = objectOf(skp?.annex);
  const expectations = listOf(skp?.ekspektasiKhusus);
  return (
    <section class="card" aria-label={props.title ?? "Sasaran Kinerja Pegawai"}>
      <h2>{props.title ?? "Sasaran Kinerja Pegawai (SKP)"}</h2>
      {rhk.length === 0 ? (
        <p>Belum ada SKP yang diajukan.</p>
      ) : (
        rhk.map((r, i) => (
          <div class="rhk">
            <h3>
              RHK {i + 1}: {str(r.text)}
            </h3>
            <dl class="meta">
              <dt>Jenis</dt>
              <dd>{kindLabel(r.kind)}</dd>
              <dt>RHK atasan yang diintervensi</dt>
              <dd>
                {str(r.parentRhkId)
                  ? (parents.get(String(r.parentRhkId)) ?? `RHK atasan ${String(r.parentRhkId)}`)
                  : "Tidak mengintervensi RHK atasan"}
              </dd>
              {showPerspective ? (
                <>
                  <dt>Perspektif</dt>
                  <dd>{perspectiveLabel(r.perspective) ?? "Belum ditentukan"}</dd>
                </>
              ) : null}
            </dl>
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Indikator RHK {i + 1}</caption>
                <thead>
                  <tr>
                    <th scope="col">Indikator kinerja individu</th>
                    <th scope="col">Aspek</th>
                    <th scope="col">Target</th>
                  </tr>
                </thead>
                <tbody>
                  {listOf(r.indicators).map((ind) => (
                    <tr>
                      <td>{str(ind.text)}</td>
                      <td>{aspectLabel(ind.aspect)}</td>
                      <td>{targetLabel(ind.target)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))
      )}
      {annex ? (
        <>
          <h3>Lampiran SKP</h3>
          <dl class="meta">
            {ANNEX_LISTS.map(([key, label]) => {
              const items = Array.isArray(annex[key])
                ? (annex[key] as unknown[]).map(str).filter(Boolean)
                : [];
              return (
                <>
                  <dt>{label}</dt>
                  <dd>
                    {items.length ? (
                      <ul>
                        {items.map((t) => (
                          <li>{t}</li>
                        ))}
                      </ul>
                    ) : (
                      "Tidak diisi"
                    )}
                  </dd>
                </>
              );
            })}
          </dl>
        </>
      ) : null}
      {expectations.length ? (
        <>
          <h3>Ekspektasi khusus pimpinan</h3>
          <dl class="meta">
            {expectations.map((e) => (
              <>
                <dt>{BERAKHLAK.find((b) => b.key === e.key)?.label ?? str(e.key)}</dt>
                <dd>{str(e.text)}</dd>
              </>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}

/** Realisation against target per indicator, with the evidence links and notes the employee reported. */
export function RealisationSection(props: { context: Ctx }) {
  const ctx = props.context;
  const indicators = listOf(ctx.indicators);
  const measurement = objectOf(ctx.measurement);
  const measured = new Map(listOf(measurement?.indicators).map((m) => [String(m.id), m]));
  const reported = new Map(listOf(objectOf(ctx.realisation)?.items).map((i) => [String(i.indicatorId), i]));
  if (!indicators.length) return <p class="notice warn">SKP ini belum memiliki indikator.</p>;
  return (
    <section class="card" aria-label="Realisasi terhadap target">
      <h2>Realisasi terhadap target</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Indikator</th>
              <th scope="col">Target</th>
              <th scope="col">Realisasi</th>
              <th scope="col">Capaian</th>
              <th scope="col">Bukti dukung dan catatan</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((ind) => {
              const m = measured.get(String(ind.id));
              const r = reported.get(String(ind.id));
              const realised = m?.realised ?? r?.value;
              const url = str(r?.evidenceUrl);
              return (
                <tr>
                  <td>
                    {str(ind.text)} <span class="hint">({aspectLabel(ind.aspect)})</span>
                  </td>
                  <td>{targetLabel(ind.target)}</td>
                  <td>{typeof realised === "number" ? num(realised) : "Tidak dilaporkan"}</td>
                  <td>
                    {typeof m?.achievementPct === "number" ? `${num(m.achievementPct)}%` : "Belum dihitung"}
                  </td>
                  <td>
                    {url && /^https?:\/\//i.test(url) ? (
                      <a href={url} rel="noopener noreferrer nofollow" target="_blank">
                        Buka bukti dukung
                      </a>
                    ) : (
                      "Tanpa tautan bukti"
                    )}
                    {str(r?.note) ? <p class="hint">Catatan: {str(r?.note)}</p> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {measurement ? <MeasurementFacts measurement={measurement} /> : null}
    </section>
  );
}

function MeasurementFacts(props: { measurement: Ctx }) {
  const m = props.measurement;
  const attendance = objectOf(m.attendance);
  const ikm = objectOf(m.ikm);
  const risks = Array.isArray(m.riskReasons) ? (m.riskReasons as unknown[]).map(str).filter(Boolean) : [];
  return (
    <dl class="meta">
      <dt>Capaian keseluruhan</dt>
      <dd>
        {typeof m.overallAchievementPct === "number" ? `${num(m.overallAchievementPct)}%` : "Belum ada data"}
      </dd>
      {ratingLabel(m.suggestedHasilKerja) ? (
        <>
          <dt>Saran sistem (bukan ketentuan)</dt>
          <dd>{ratingLabel(m.suggestedHasilKerja)}</dd>
        </>
      ) : null}
      {attendance ? (
        <>
          <dt>Kehadiran</dt>
          <dd>
            {num(attendance.present)} dari {num(attendance.workDays)} hari kerja
            {typeof attendance.rate === "number" ? ` (${num(Math.round(attendance.rate * 1000) / 10)}%)` : ""}
            {typeof attendance.absentWithoutLeave === "number" && attendance.absentWithoutLeave > 0
              ? `; ${num(attendance.absentWithoutLeave)} hari tanpa keterangan`
              : ""}
          </dd>
        </>
      ) : null}
      {ikm ? (
        <>
          <dt>Indeks kepuasan masyarakat unit</dt>
          <dd>
            {num(ikm.converted)} (mutu {str(ikm.grade)})
          </dd>
        </>
      ) : null}
      {risks.length ? (
        <>
          <dt>Catatan risiko</dt>
          <dd>{risks.join("; ")}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The result of a review: results and behaviour ratings, each BerAKHLAK value, the predikat and the feedback. */
export function ResultSection(props: { result: unknown; title?: string }) {
  const r = objectOf(props.result);
  if (!r) return <p class="notice warn">Hasil penilaian belum tersedia.</p>;
  const detail = objectOf(r.perilakuDetail);
  const override = objectOf(r.unitHeadOverride);
  return (
    <section class="card" aria-label={props.title ?? "Hasil penilaian"}>
      <h2>{props.title ?? "Hasil penilaian"}</h2>
      <dl class="meta">
        <dt>Rating hasil kerja</dt>
        <dd>{ratingLabel(r.hasilKerja) ?? "Belum dinilai"}</dd>
        <dt>Rating perilaku kerja</dt>
        <dd>{ratingLabel(r.perilaku) ?? "Belum dinilai"}</dd>
        <dt>Predikat kinerja</dt>
        <dd>
          <strong>{predikatLabel(r.predikat) ?? "Belum ditetapkan"}</strong>
        </dd>
      </dl>
      {override ? (
        <p class="hint">
          Rating hasil kerja mengikuti predikat kinerja organisasi karena pegawai memimpin unit kerja
          {str(override.note) ? `: ${str(override.note)}` : "."}
        </p>
      ) : null}
      {detail ? (
        <>
          <h3>Perilaku kerja per nilai BerAKHLAK</h3>
          <dl class="meta">
            {BERAKHLAK.map((b) => (
              <>
                <dt>{b.label}</dt>
                <dd>{ratingLabel(detail[b.key]) ?? "Tidak dinilai terpisah"}</dd>
              </>
            ))}
          </dl>
        </>
      ) : null}
      <h3>Umpan balik pejabat penilai</h3>
      <p>{str(r.feedback) ?? "Tidak ada umpan balik tertulis."}</p>
    </section>
  );
}

/** The employee's objection and its grounds. */
export function ObjectionSection(props: { objection: unknown }) {
  const o = objectOf(props.objection);
  return (
    <section class="card" aria-label="Keberatan pegawai">
      <h2>Keberatan pegawai</h2>
      {o ? (
        <dl class="meta">
          <dt>Diajukan</dt>
          <dd>{when(str(o.filedAt))}</dd>
          <dt>Alasan keberatan</dt>
          <dd>{str(o.reason)}</dd>
        </dl>
      ) : (
        <p>Belum ada keberatan.</p>
      )}
    </section>
  );
}

/** Everything a decision of this kind is about, read-only (the forms add their fields after it). */
export function DecisionContext(props: { view: LinkView }) {
  const d = props.view.decision;
  const ctx = d.context;
  switch (d.kind) {
    case "skp-proposal":
      return ctx.previous ? (
        <SkpSection
          skp={{ rhk: ctx.previous, annex: ctx.previousAnnex }}
          superiorRhk={ctx.superiorRhk}
          title="SKP yang diajukan sebelumnya"
        />
      ) : null;
    case "skp-approval":
      return (
        <SkpSection skp={ctx.skp ?? { rhk: ctx.rhk }} superiorRhk={ctx.superiorRhk} title="Usulan SKP" />
      );
    case "realization":
      return null;
    case "review":
      return (
        <>
          <SkpSection skp={ctx.skp} />
          <RealisationSection context={ctx} />
        </>
      );
    case "acknowledgement":
      return <ResultSection result={ctx.result} title="Hasil penilaian kinerja Anda" />;
    case "objection-decision":
      return (
        <>
          <ResultSection result={ctx.result} title="Hasil penilaian yang diajukan keberatan" />
          <ObjectionSection objection={ctx.objection} />
        </>
      );
    case "periodic-rating":
      return <PeriodicRatingContext view={props.view} />;
  }
}

/** What was decided through a link (on a decided link's page): the answer, in words. */
export function OutcomeSection(props: { view: LinkView }) {
  const d = props.view.decision;
  const o = d.outcome;
  if (!o) return null;
  const text = (k: string) => str(o[k]);
  let body;
  switch (d.kind) {
    case "skp-proposal":
      body = <SkpSection skp={o} superiorRhk={d.context.superiorRhk} title="SKP yang diajukan" />;
      break;
    case "realization":
      body = (
        <RealisationSection context={{ indicators: d.context.indicators, realisation: { items: o.items } }} />
      );
      break;
    case "review":
      body = <ResultSection result={{ ...o, predikat: undefined }} title="Penilaian yang dikirim" />;
      break;
    case "periodic-rating":
      body = <PeriodicRatingOutcome view={props.view} />;
      break;
    default: {
      const revised = objectOf(o.revised);
      const expectations = objectOf(o.ekspektasiKhusus);
      body = (
        <section class="card" aria-label="Keputusan">
          <h2>Keputusan</h2>
          <dl class="meta">
            <dt>Keputusan</dt>
            <dd>{choiceLabel(o.decision)}</dd>
            {text("comment") ? (
              <>
                <dt>Catatan</dt>
                <dd>{text("comment")}</dd>
              </>
            ) : null}
            {text("reason") ? (
              <>
                <dt>Alasan keberatan</dt>
                <dd>{text("reason")}</dd>
              </>
            ) : null}
            {revised ? (
              <>
                <dt>Rating baru</dt>
                <dd>
                  Hasil kerja {ratingLabel(revised.hasilKerja)}, perilaku kerja{" "}
                  {ratingLabel(revised.perilaku)}
                </dd>
              </>
            ) : null}
            {text("note") ? (
              <>
                <dt>Catatan keputusan</dt>
                <dd>{text("note")}</dd>
              </>
            ) : null}
            {expectations
              ? BERAKHLAK.filter((b) => str(expectations[b.key])).map((b) => (
                  <>
                    <dt>Ekspektasi khusus: {b.label}</dt>
                    <dd>{str(expectations[b.key])}</dd>
                  </>
                ))
              : null}
          </dl>
        </section>
      );
    }
  }
  return body;
}
