// The appraising official's periodic rating page (decision kind `periodic-rating`, DOMAIN 5): the team's automatic
// snapshot of the period, the 3x3 predikat matrix, and per member a hasil kerja and perilaku rating with a short note.
// Script-free: one form, one submit; the page after submitting lists what was recorded.
import type { LinkView } from "@kinerja/core/decision/link-view";
import { formatDate, formatPercent } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { predikatFor, RATINGS, type Rating } from "@kinerja/core/rating/rating";
import { PERIODIC_RATING_NOTE_MAX } from "@kinerja/core/periodic/periodic-rating-body";
import { Input, Select, type FormState } from "./form-controls";
import { listOf, str } from "./format";

const ratingOptions = RATINGS.map((r) => ({ value: r, label: labelOf("rating", r) }));
const pct = (value: unknown) => (typeof value === "number" ? formatPercent(value) : "belum ada data");
const isRating = (value: unknown): value is Rating => RATINGS.includes(value as Rating);

function periodOf(view: LinkView) {
  const p = (view.decision.context.period ?? {}) as Record<string, unknown>;
  return {
    label: str(p.label) ?? "-",
    start: str(p.start),
    end: str(p.end),
  };
}

/** The predikat matrix of PermenPANRB 6/2022 (hasil kerja x perilaku), from the one rule in core (predikatFor). */
export function PredikatMatrix() {
  const order: Rating[] = ["above", "meets", "below"];
  return (
    <table aria-label="Matriks predikat kinerja">
      <caption>Predikat kinerja periodik menurut rating hasil kerja dan rating perilaku kerja</caption>
      <thead>
        <tr>
          <th scope="col">Hasil kerja \ Perilaku kerja</th>
          {order.map((p) => (
            <th scope="col">{labelOf("rating", p)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {order.map((h) => (
          <tr>
            <th scope="row">{labelOf("rating", h)}</th>
            {order.map((p) => (
              <td>{labelOf("predikat", predikatFor(h, p))}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the official rates: the period, each member's snapshot (achievement, attendance, at risk) and the matrix. */
export function PeriodicRatingContext(props: { view: LinkView }) {
  const ctx = props.view.decision.context;
  const period = periodOf(props.view);
  const members = listOf(ctx.members);
  return (
    <>
      <section class="card" aria-label="Periode evaluasi">
        <h2>Evaluasi kinerja periodik {period.label}</h2>
        <dl class="meta">
          <dt>Siklus</dt>
          <dd>{str(ctx.cycleName) ?? "-"}</dd>
          <dt>Periode</dt>
          <dd>
            {period.label}
            {period.start && period.end
              ? ` (${formatDate(period.start)} s.d. ${formatDate(period.end)})`
              : ""}
          </dd>
          <dt>Pegawai yang Anda nilai</dt>
          <dd>{members.length} orang</dd>
        </dl>
      </section>
      <section class="card" aria-label="Capaian tim">
        <h2>Capaian otomatis periode ini</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Pegawai</th>
              <th scope="col">Capaian</th>
              <th scope="col">Kehadiran</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const reasons = Array.isArray(m.riskReasons) ? m.riskReasons.map(String) : [];
              return (
                <tr>
                  <th scope="row">
                    {str(m.name)} (NIP {str(m.nip)})
                  </th>
                  <td>{pct(m.overallAchievementPct)}</td>
                  <td>
                    {typeof m.attendanceRate === "number"
                      ? formatPercent(Math.round(m.attendanceRate * 1000) / 10)
                      : "belum ada data"}
                  </td>
                  <td>
                    {m.atRisk ? "Perlu pembinaan" : "Sesuai jalur"}
                    {reasons.length ? (
                      <ul>
                        {reasons.map((r) => (
                          <li>{r}</li>
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
      <section class="card" aria-label="Matriks predikat">
        <h2>Matriks predikat</h2>
        <PredikatMatrix />
        <p class="hint">
          Predikat periodik dipakai untuk pembinaan dan dialog kinerja; sanksi hanya mengikuti hasil tahunan.
          Predikat di bawah Baik membuka dialog kinerja (pembinaan) dengan pegawai.
        </p>
      </section>
    </>
  );
}

/** Per member: hasil kerja and perilaku ratings (the snapshot's suggestion is a hint, not a default) and a note. */
export function PeriodicRatingFields(props: { view: LinkView; state: FormState }) {
  const members = listOf(props.view.decision.context.members);
  return (
    <>
      <p class="hint">
        Beri rating hasil kerja dan rating perilaku kerja untuk setiap pegawai; predikat periodik mengikuti
        matriks di atas. Catatan singkat (opsional) merangkum dialog kinerja.
      </p>
      {members.map((m, i) => {
        const p = `ratings.${i}`;
        const suggested = str(m.suggestedHasilKerja);
        return (
          <fieldset id={`f-ratings-${i}`}>
            <legend>
              {str(m.name)} (NIP {str(m.nip)})
            </legend>
            <p class="hint">
              Capaian {pct(m.overallAchievementPct)}
              {suggested && isRating(suggested)
                ? `; saran rating hasil kerja dari capaian: ${labelOf("rating", suggested)}`
                : ""}
            </p>
            <input type="hidden" name={`${p}.appraisalId`} value={String(m.appraisalId)} />
            <div class="row cols-3">
              <Select
                name={`${p}.hasilKerja`}
                label="Rating hasil kerja"
                empty="— pilih —"
                state={props.state}
                options={ratingOptions}
              />
              <Select
                name={`${p}.perilaku`}
                label="Rating perilaku kerja"
                empty="— pilih —"
                state={props.state}
                options={ratingOptions}
              />
              <Input
                name={`${p}.note`}
                label={`Catatan (opsional, paling banyak ${PERIODIC_RATING_NOTE_MAX} karakter)`}
                state={props.state}
              />
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

/** What was recorded (the page after submitting, and a decided link's page): per member ratings and predikat. */
export function PeriodicRatingOutcome(props: { view: LinkView }) {
  const o = props.view.decision.outcome ?? {};
  const members = new Map(listOf(props.view.decision.context.members).map((m) => [String(m.appraisalId), m]));
  const period = periodOf(props.view);
  return (
    <section class="card" aria-label="Penilaian periodik yang dicatat">
      <h2>Penilaian periodik {period.label} yang dicatat</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Pegawai</th>
            <th scope="col">Hasil kerja</th>
            <th scope="col">Perilaku kerja</th>
            <th scope="col">Predikat periodik</th>
            <th scope="col">Catatan</th>
          </tr>
        </thead>
        <tbody>
          {listOf(o.ratings).map((r) => {
            const m = members.get(String(r.appraisalId));
            return (
              <tr>
                <th scope="row">{m ? `${str(m.name)} (NIP ${str(m.nip)})` : String(r.appraisalId)}</th>
                <td>{isRating(r.hasilKerja) ? labelOf("rating", r.hasilKerja) : "-"}</td>
                <td>{isRating(r.perilaku) ? labelOf("rating", r.perilaku) : "-"}</td>
                <td>
                  {isRating(r.hasilKerja) && isRating(r.perilaku)
                    ? labelOf("predikat", predikatFor(r.hasilKerja, r.perilaku))
                    : "-"}
                </td>
                <td>{str(r.note) ?? "-"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
