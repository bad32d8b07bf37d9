// One cycle on the dashboard: progress, distribution per unit beside what the org rating allows, overdue
// decisions, employees at risk, failed appraisals, undelivered mails, appraisals, export and HR's audit trail.
import { formatNumber, formatPercent, formatPeriod } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { ORG_RATINGS } from "@kinerja/core/rating/rating";
import type { cycleDetail, listCycleAppraisals } from "@kinerja/core/hr/cycle-reports";
import type { employeesAtRisk, overdueDecisions } from "@kinerja/core/hr/appraisal-reports";
import type { CycleProgress } from "@kinerja/core/hr/cycle-progress";
import type { MailProblem } from "@kinerja/core/mail/delivery-problem";
import { when } from "../pages/format";
import type { Principal } from "../auth/jwt-verifier";
import { allowedPattern } from "./allowed-pattern";
import { RetryButton } from "./appraisal-actions";
import { AuditTable } from "./audit-trail";
import { ChartLegend, DistributionChart, StageProgress } from "./charts";
import { DashboardLayout } from "./layout";
import { MailProblems } from "./mail-problems";
import { kindTitle, orgLabel, person, predikatLabel, ratingLabel, stageLabel } from "./page-labels";
import { LiveProgress, progressRefresh } from "./progress";

type CycleDetail = Awaited<ReturnType<typeof cycleDetail>>;
type AppraisalRows = Awaited<ReturnType<typeof listCycleAppraisals>>;
type Overdue = Awaited<ReturnType<typeof overdueDecisions>>;
type AtRisk = Awaited<ReturnType<typeof employeesAtRisk>>;

/** One cycle: progress, distribution per unit beside what the org rating allows, overdue decisions, at risk, appraisals. */
export function CyclePage(props: {
  principal: Principal;
  cycle: CycleDetail;
  appraisals: AppraisalRows;
  overdue: Overdue;
  atRisk: AtRisk;
  /** Mails of the cycle SES could not deliver (cycleMailProblems). */
  mailProblems?: MailProblem[];
  notice?: string;
  canWrite: boolean;
  /** What runs in the cycle now (cycleProgress): shown with bars, and the page refreshes itself while it runs. */
  progress?: CycleProgress;
}) {
  const c = props.cycle;
  const names = new Map(c.distribution.units.map((u) => [u.unitId, u.unitName]));
  return (
    <DashboardLayout
      title={c.name}
      principal={props.principal}
      refreshSeconds={progressRefresh(props.progress)}
    >
      <p>
        <a href="/dashboard">← Semua siklus</a>
      </p>
      <h1>{c.name}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <LiveProgress progress={props.progress} href={`/dashboard/cycles/${encodeURIComponent(c.id)}`} />
      <div class="card">
        <dl class="meta">
          <dt>Jenis</dt>
          <dd>{labelOf("periodKind", c.kind)}</dd>
          <dt>Periode</dt>
          <dd>{formatPeriod(c.periodStart, c.periodEnd)}</dd>
          <dt>Status</dt>
          <dd>
            <span class={`badge ${c.status}`}>{labelOf("cycleStatus", c.status)}</span>
            {c.failureReason ? ` ${c.failureReason}` : ""}
          </dd>
          <dt>Pegawai dinilai</dt>
          <dd>{formatNumber(c.total)}</dd>
          {c.skipped.length > 0 ? (
            <>
              <dt>Tidak dinilai</dt>
              <dd data-field="skipped">
                <ul>
                  {c.skipped.map((k) => (
                    <li>{`${k.name} (NIP ${k.nip}): ${k.message}`}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>Pengaturan</dt>
          <dd data-field="settings">{`Evaluasi berkala: ${labelOf("periodicEvaluation", c.settings.periodicEvaluation).toLowerCase()}; pengingat setelah ${formatNumber(c.settings.reminderAfterDays)} hari; eskalasi setelah ${formatNumber(c.settings.escalateAfterDays)} hari; masa keberatan ${formatNumber(c.settings.objectionWindowDays)} hari`}</dd>
        </dl>
        <div class="actions">
          <a href={`/dashboard/cycles/${encodeURIComponent(c.id)}/export.csv`} download>
            Unduh hasil (CSV)
          </a>
          <a href={`/dashboard/cycles/${encodeURIComponent(c.id)}/export.csv?format=excel`} download>
            Unduh hasil untuk Excel (CSV titik koma)
          </a>
          <a href={`/dashboard/cycles/${encodeURIComponent(c.id)}/failed`} data-link="failed">
            {`Penilaian gagal (${formatNumber(c.counts.failed ?? 0)})`}
          </a>
          {props.canWrite && c.status !== "cancelled" ? (
            <a class="button secondary" href={`/dashboard/cycles/${encodeURIComponent(c.id)}/cancel`}>
              Batalkan siklus…
            </a>
          ) : null}
        </div>
      </div>

      <MailProblems
        problems={props.mailProblems ?? []}
        withAppraisal
        escalateAfterDays={c.settings.escalateAfterDays}
        canResend={props.canWrite}
      />

      <h2>Kemajuan per tahap</h2>
      <div class="card">
        <StageProgress counts={c.counts} total={c.total} />
      </div>

      <h2 id="distribusi">Sebaran predikat per unit</h2>
      <ChartLegend />
      {c.distribution.units.length === 0 ? <p class="notice">Belum ada penilaian dalam siklus ini.</p> : null}
      {c.distribution.units.map((u) => (
        <section class="card" aria-labelledby={`u-${u.unitId}`} data-unit={u.unitId}>
          <h3 id={`u-${u.unitId}`}>{`${u.unitName} (${u.unitId})`}</h3>
          <p class="muted">{`Capaian organisasi: ${orgLabel(u.orgRating)}${u.orgRatingFrom && u.orgRatingFrom !== u.unitId ? ` (mengikuti ${names.get(u.orgRatingFrom) ?? u.orgRatingFrom})` : ""} · ${u.rated} dari ${u.appraisals} pegawai sudah berpredikat`}</p>
          <div class="unit">
            <DistributionChart
              unitId={u.unitId}
              counts={u.counts}
              orgRating={u.orgRating}
              thresholds={c.distribution.thresholds}
            />
            <div>
              <h3>Yang dibolehkan capaian organisasi</h3>
              {u.orgRating ? (
                <ul class="allowed">
                  {allowedPattern(u.orgRating, u.appraisals, c.distribution.thresholds).map((line) => (
                    <li>{line.text}</li>
                  ))}
                </ul>
              ) : (
                <p class="muted">
                  Tetapkan capaian organisasi unit ini agar pola distribusi dapat diperiksa.
                </p>
              )}
              {props.canWrite ? (
                <form
                  method="post"
                  action={`/dashboard/cycles/${encodeURIComponent(c.id)}/org-rating`}
                  class="actions"
                >
                  <input type="hidden" name="unitId" value={u.unitId} />
                  <label
                    class="visually-hidden"
                    for={`rating-${u.unitId}`}
                  >{`Capaian organisasi ${u.unitName}`}</label>
                  <select id={`rating-${u.unitId}`} name="rating">
                    {ORG_RATINGS.map((r) => (
                      <option value={r} selected={r === u.orgRating}>
                        {labelOf("orgRating", r)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    Tetapkan capaian
                  </button>
                </form>
              ) : null}
            </div>
          </div>
          {u.warnings.length > 0 ? (
            u.warnings.map((w) => (
              <p class="warn" data-rule={w.rule}>
                {w.message}
              </p>
            ))
          ) : u.orgRating ? (
            <p class="ok">Sebaran sesuai pola distribusi.</p>
          ) : null}
        </section>
      ))}

      <h2 id="terlambat">Keputusan yang terlambat</h2>
      <p class="muted">{`Keputusan yang belum diambil lebih dari ${formatNumber(c.settings.reminderAfterDays)} hari setelah diminta.`}</p>
      {props.overdue.length === 0 ? (
        <p class="ok">Tidak ada keputusan yang terlambat.</p>
      ) : (
        <div class="table-wrap">
          <table class="overdue">
            <thead>
              <tr>
                <th>Menunggu keputusan dari</th>
                <th>Keputusan</th>
                <th>Pegawai</th>
                <th>Diminta sejak</th>
                <th>Lama menunggu</th>
                <th>Eskalasi</th>
              </tr>
            </thead>
            <tbody>
              {props.overdue.map((o) => (
                <tr>
                  <td>{o.waitingFor.map(person).join(", ") || "-"}</td>
                  <td>{kindTitle(o.kind)}</td>
                  <td>
                    <a href={`/dashboard/appraisals/${encodeURIComponent(o.appraisalId)}`}>{o.name}</a>
                  </td>
                  <td>{when(o.since)}</td>
                  <td>{`${formatNumber(o.waitingDays)} hari`}</td>
                  <td>{o.escalated ? "sudah dieskalasi" : "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="berisiko">Pegawai berisiko</h2>
      {props.atRisk.length === 0 ? (
        <p class="ok">Tidak ada pegawai yang ditandai berisiko.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Pegawai</th>
                <th>Unit</th>
                <th>Periode</th>
                <th>Capaian</th>
                <th>Alasan</th>
              </tr>
            </thead>
            <tbody>
              {props.atRisk.map((r) => (
                <tr>
                  <td>
                    <a href={`/dashboard/appraisals/${encodeURIComponent(r.appraisalId)}`}>{r.name}</a>
                  </td>
                  <td>{names.get(r.unitId) ?? r.unitId}</td>
                  <td>{r.period}</td>
                  <td>{formatPercent(r.achievementPct)}</td>
                  <td>{r.reasons.join("; ") || "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="penilaian">Penilaian</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>NIP</th>
              <th>Nama</th>
              <th>Unit</th>
              <th>Tahap</th>
              <th>Hasil kerja</th>
              <th>Perilaku</th>
              <th>Predikat</th>
            </tr>
          </thead>
          <tbody>
            {props.appraisals.map((a) => (
              <tr data-appraisal={a.id}>
                <td>{a.nip}</td>
                <td>
                  <a href={`/dashboard/appraisals/${encodeURIComponent(a.id)}`}>{a.name}</a>
                </td>
                <td>{names.get(a.unitId) ?? a.unitId}</td>
                <td>
                  {stageLabel(a.stage)}
                  {a.stage === "failed" && props.canWrite ? (
                    <RetryButton appraisalId={a.id} name={a.name} />
                  ) : null}
                </td>
                <td>{ratingLabel(a.ratings?.hasilKerja)}</td>
                <td>{ratingLabel(a.ratings?.perilaku)}</td>
                <td>{predikatLabel(a.predikat)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Jejak audit siklus</h2>
      <AuditTable events={c.audit} />
    </DashboardLayout>
  );
}
