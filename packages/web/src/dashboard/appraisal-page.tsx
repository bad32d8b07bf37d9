// One appraisal's full story on the dashboard: who, the SKP, realisation, review, objection, follow-up, periodic
// results, decisions, undelivered mails, HR's actions and the audit trail.
import { isStandInId } from "@kinerja/core/org/org-settings";
import type { PeriodicResult } from "@kinerja/core/periodic/periodic";
import { formatDate, formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import type { appraisalStory } from "@kinerja/core/hr/appraisal-reports";
import { targetText, when } from "../pages/format";
import type { Principal } from "../auth/jwt-verifier";
import { AppraisalActions, failureText } from "./appraisal-actions";
import { AuditTable } from "./audit-trail";
import { MailProblems } from "./mail-problems";
import { kindTitle, person, predikatLabel, ratingLabel, stageLabel } from "./page-labels";
import { DashboardLayout } from "./layout";

type Story = Awaited<ReturnType<typeof appraisalStory>>;

type StoryRecord = Story & {
  appraiser?: { nip: string; name: string };
  superiorOfAppraiser?: { nip: string; name: string };
  skp?: {
    status: string;
    rhk: {
      id: string;
      text: string;
      kind: string;
      indicators: {
        id: string;
        text: string;
        aspect: string;
        target: { min: number; max?: number; unit: string };
      }[];
    }[];
    returnComments?: { at: string; by: string; comment: string }[];
  };
  realisation?: {
    items: { indicatorId: string; value: number; evidenceUrl?: string; note?: string }[];
    at: string;
  };
  review?: {
    hasilKerja: string;
    perilaku: string;
    feedback: string;
    justification?: string;
    unitHeadOverride?: { note: string };
    decidedAt: string;
  };
  objection?: {
    reason: string;
    filedAt: string;
    decision?: {
      outcome: string;
      note: string;
      predikatBefore: string;
      predikatAfter: string;
      decidedAt: string;
    };
  };
  followUp?: {
    kind?: string;
    recommendations?: string[];
    coachingPlan?: { deadline?: string };
    creditPoints?: { jenjang: string; months: number; points: number };
  };
  employmentType?: string;
  jenjang?: string;
  discipline?: {
    fromMonth: string;
    toMonth: string;
    monthsWithData: number;
    absentDays: number;
    provenConsecutiveDays: number;
    sanction: { code: string; reason: string };
  };
  failure?: { stage: string; error: string; cause: string; at: string };
  cancellation?: { at: string; by: string; reason: string };
  periodicResults?: Pick<
    PeriodicResult,
    "periodKey" | "label" | "overallAchievementPct" | "atRisk" | "riskReasons" | "rating"
  >[];
};

/** An official as HR reads them: name and NIP, or the name alone for one outside the employee list. */
const official = (p: { nip: string; name: string } | undefined) =>
  p ? (isStandInId(p.nip) ? p.name : `${p.name} (${p.nip})`) : "-";

// Names of the people an appraisal's audit trail may name by NIP (the employee, the officials, the deciders).
function peopleOf(s: StoryRecord): Map<string, string> {
  const people = new Map<string, string>();
  const add = (p: { nip?: string; name?: string } | undefined) => {
    if (p?.nip && p.name) people.set(p.nip, p.name);
  };
  add({ nip: s.nip, name: s.name });
  add(s.appraiser);
  add(s.superiorOfAppraiser);
  for (const d of s.decisions) {
    for (const r of d.recipients ?? []) add(r);
    add(d.decidedBy);
  }
  return people;
}

/** One appraisal's full story: who, the SKP, realisation, review, objection, follow-up, decisions and the audit trail. */
export function AppraisalPage(props: { principal: Principal; story: Story; notice?: string; now: Date }) {
  const s = props.story as StoryRecord;
  const pending = s.decisions.filter(
    (d) => d.status === "pending" && Date.parse(d.expiresAt) > props.now.getTime(),
  );
  return (
    <DashboardLayout title={`Penilaian ${s.name}`} principal={props.principal}>
      <p>
        {s.cycle ? (
          <a href={`/dashboard/cycles/${encodeURIComponent(s.cycle.id)}`}>{`← ${s.cycle.name}`}</a>
        ) : (
          <a href="/dashboard">← Semua siklus</a>
        )}
      </p>
      <h1>{`Penilaian kinerja ${s.name}`}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <div class="card">
        <dl class="meta">
          <dt>NIP</dt>
          <dd>{s.nip}</dd>
          <dt>Unit</dt>
          <dd>{s.unitId}</dd>
          <dt>Jenis kepegawaian</dt>
          <dd data-field="employmentType">
            {s.employmentType ? labelOf("employmentType", s.employmentType) : "-"}
          </dd>
          {s.jenjang ? (
            <>
              <dt>Jenjang jabatan fungsional</dt>
              <dd data-field="jenjang">{labelOf("jenjang", s.jenjang)}</dd>
            </>
          ) : null}
          <dt>Tahap</dt>
          <dd>
            <span class={`badge ${s.stage ?? ""}`}>{stageLabel(s.stage ?? "-")}</span>
          </dd>
          <dt>Pejabat penilai</dt>
          <dd>{official(s.appraiser)}</dd>
          <dt>Atasan pejabat penilai</dt>
          <dd>{official(s.superiorOfAppraiser)}</dd>
          <dt>Predikat</dt>
          <dd data-field="predikat">{predikatLabel(s.predikat)}</dd>
        </dl>
        {s.failure && !props.principal.roles.includes("hr") ? (
          <p class="error">{`Gagal pada tahap ${stageLabel(s.failure.stage)}: ${failureText(s.failure)}`}</p>
        ) : null}
        {s.cancellation ? (
          <p class="notice">{`Dibatalkan ${when(s.cancellation.at)} oleh ${s.cancellation.by}: ${s.cancellation.reason}`}</p>
        ) : null}
      </div>

      {props.principal.roles.includes("hr") && s.id ? (
        <AppraisalActions
          appraisalId={s.id}
          name={s.name ?? s.id}
          stage={s.stage ?? "-"}
          {...(s.failure ? { failure: s.failure } : {})}
          pendingDecisions={pending}
        />
      ) : null}

      <MailProblems problems={props.story.mailProblems} canResend={props.principal.roles.includes("hr")} />

      <h2>Sasaran Kinerja Pegawai (SKP)</h2>
      {s.skp ? (
        <div class="card">
          <p class="muted">{`Status SKP: ${labelOf("skpStatus", s.skp.status)}`}</p>
          {s.skp.rhk.map((r) => (
            <div>
              <h3>{`${labelOf("rhkKind", r.kind)}: ${r.text}`}</h3>
              <ul>
                {r.indicators.map((i) => {
                  const real = s.realisation?.items.find((x) => x.indicatorId === i.id);
                  return (
                    <li>{`${i.text} (${labelOf("aspect", i.aspect)}) — target ${targetText(i.target)}; realisasi ${real ? `${formatNumber(real.value)} ${i.target.unit}` : "-"}`}</li>
                  );
                })}
              </ul>
            </div>
          ))}
          {(s.skp.returnComments ?? []).map((rc) => (
            <p class="muted">{`Dikembalikan ${when(rc.at)}: ${rc.comment}`}</p>
          ))}
        </div>
      ) : (
        <p class="muted">Pegawai belum mengusulkan SKP.</p>
      )}

      {s.periodicResults?.length ? (
        <>
          <h2>Evaluasi berkala</h2>
          <div class="card" data-field="periodicResults">
            <ul>
              {s.periodicResults.map((r) => (
                <li>
                  {`${r.label}: capaian ${r.overallAchievementPct === null ? "-" : `${formatNumber(r.overallAchievementPct)}%`}`}
                  {r.atRisk ? `, perlu pembinaan (${r.riskReasons.join("; ")})` : ""}
                  {r.rating
                    ? `; dinilai ${r.rating.ratedBy.name}: hasil kerja ${ratingLabel(r.rating.hasilKerja)}, perilaku ${ratingLabel(r.rating.perilaku)}, predikat ${predikatLabel(r.rating.predikat)}${r.rating.note ? ` (${r.rating.note})` : ""}`
                    : "; belum dinilai pejabat penilai"}
                </li>
              ))}
            </ul>
          </div>
        </>
      ) : null}

      <h2>Penilaian dan umpan balik</h2>
      {s.review ? (
        <div class="card">
          <dl class="meta">
            <dt>Hasil kerja</dt>
            <dd>{ratingLabel(s.review.hasilKerja)}</dd>
            <dt>Perilaku kerja</dt>
            <dd>{ratingLabel(s.review.perilaku)}</dd>
            <dt>Umpan balik</dt>
            <dd>{s.review.feedback}</dd>
            {s.review.justification ? (
              <>
                <dt>Justifikasi</dt>
                <dd>{s.review.justification}</dd>
              </>
            ) : null}
            <dt>Dinilai</dt>
            <dd>{when(s.review.decidedAt)}</dd>
          </dl>
          {s.review.unitHeadOverride ? <p class="notice">{s.review.unitHeadOverride.note}</p> : null}
        </div>
      ) : (
        <p class="muted">Belum dinilai.</p>
      )}
      {s.objection ? (
        <div class="card">
          <h3>Keberatan</h3>
          <p>{`Diajukan ${when(s.objection.filedAt)}: ${s.objection.reason}`}</p>
          {s.objection.decision ? (
            <p>{`Keputusan: ${labelOf("decisionChoice", s.objection.decision.outcome)} (${predikatLabel(s.objection.decision.predikatBefore)} → ${predikatLabel(s.objection.decision.predikatAfter)})${s.objection.decision.note ? `, ${s.objection.decision.note}` : ""}`}</p>
          ) : (
            <p class="warn">Menunggu keputusan atasan pejabat penilai.</p>
          )}
        </div>
      ) : null}
      {s.followUp ? (
        <div class="card">
          <h3>Tindak lanjut</h3>
          {s.followUp.kind ? <p>{labelOf("followUpKind", s.followUp.kind)}</p> : null}
          <ul>
            {(s.followUp.recommendations ?? []).map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          {s.followUp.coachingPlan?.deadline ? (
            <p>{`Batas pembinaan: ${formatDate(s.followUp.coachingPlan.deadline)}`}</p>
          ) : null}
          {s.followUp.creditPoints ? (
            <p data-field="creditPoints">{`Angka kredit: ${formatNumber(s.followUp.creditPoints.points)} (${labelOf("jenjang", s.followUp.creditPoints.jenjang)}, ${s.followUp.creditPoints.months} bulan)`}</p>
          ) : null}
        </div>
      ) : null}
      {s.discipline ? (
        <div class="card">
          <h3>Disiplin (PP 94/2021)</h3>
          <p class="muted">Jalur terpisah dari predikat kinerja, dari data kehadiran yang diimpor.</p>
          <p data-field="discipline">{`${labelOf("disciplineSanction", s.discipline.sanction.code)}: ${s.discipline.sanction.reason} (${s.discipline.fromMonth} s.d. ${s.discipline.toMonth}, ${s.discipline.monthsWithData} bulan berdata)`}</p>
        </div>
      ) : null}

      <h2>Keputusan melalui tautan</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Keputusan</th>
              <th>Status</th>
              <th>Penerima</th>
              <th>Dibuat</th>
              <th>Tenggat</th>
              <th>Diputuskan</th>
            </tr>
          </thead>
          <tbody>
            {s.decisions.map((d) => (
              <tr>
                <td>{kindTitle(d.kind)}</td>
                <td data-status={d.status}>{labelOf("decisionStatus", d.status)}</td>
                <td>{(d.recipients ?? []).map(person).join(", ")}</td>
                <td>{when(d.createdAt)}</td>
                <td>{when(d.dueAt)}</td>
                <td>{d.decidedAt ? `${when(d.decidedAt)} oleh ${d.decidedBy?.name ?? "-"}` : "-"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Jejak audit</h2>
      <AuditTable events={s.audit} people={peopleOf(s)} />
    </DashboardLayout>
  );
}
