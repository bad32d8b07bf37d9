// Server-rendered pages of the HR dashboard (Bahasa Indonesia): cycles, one cycle (progress, distribution,
// overdue decisions, employees at risk, appraisals, export), one appraisal's story, and the token login page.
import { isStandInId } from "@kinerja/core/org/org-settings";
import type { PeriodicResult } from "@kinerja/core/periodic/periodic";
import {
  CSV_TEMPLATE_COLUMNS,
  CSV_TEMPLATE_KINDS,
  type CsvTemplateKind,
} from "@kinerja/core/imports/templates";
import type { Child } from "hono/jsx";
import { formatDate, formatNumber, formatPercent, formatPeriod } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { ORG_RATINGS } from "@kinerja/core/rating/rating";
import type { appraisalStory, employeesAtRisk, overdueDecisions } from "@kinerja/core/hr/appraisal-reports";
import type { cycleDetail, listCycleAppraisals } from "@kinerja/core/hr/cycle-reports";
import type { CycleOverview } from "@kinerja/core/hr/cycle-overview";
import { targetText, when } from "../pages/format";
import type { Principal } from "../auth/jwt-verifier";
import { allowedPattern } from "./allowed-pattern";
import { AuditTable } from "./audit-trail";
import { MailProblems } from "./mail-problems";
import type { MailProblem } from "@kinerja/core/mail/delivery-problem";
import { ChartLegend, DistributionChart, StageProgress } from "./charts";
import { LiveProgress, progressRefresh } from "./progress";
import type { CycleProgress } from "@kinerja/core/hr/cycle-progress";
import { AppraisalActions, failureText, RetryButton } from "./appraisal-actions";
import { overduePath } from "./overdue-page";

type CycleList = CycleOverview[];
type CycleDetail = Awaited<ReturnType<typeof cycleDetail>>;
type AppraisalRows = Awaited<ReturnType<typeof listCycleAppraisals>>;
type Overdue = Awaited<ReturnType<typeof overdueDecisions>>;
type AtRisk = Awaited<ReturnType<typeof employeesAtRisk>>;
type Story = Awaited<ReturnType<typeof appraisalStory>>;

const stageLabel = (s: string) => labelOf("stage", s);
const predikatLabel = (p: string | undefined) => (p ? labelOf("predikat", p) : "-");
const ratingLabel = (r: unknown) => (typeof r === "string" ? labelOf("rating", r) : "-");
const orgLabel = (r: string | null | undefined) => (r ? labelOf("orgRating", r) : "belum ditetapkan");
const roleLabel = (r: string) => labelOf("role", r);
const kindTitle = (k: string) => labelOf("decisionKind", k);
const person = (p: { name: string; role: string }) => `${p.name} (${roleLabel(p.role)})`;

/**
 * Who is signed in, as a person reads it: the name, then the roles' labels unless the name already says them
 * (the local dev tokens are named after their role: "Pengelola Kinerja", "Pemantau"); a dev token is marked as
 * local. Dev tokens minted before they had plain names ("Pengelola Kinerja (dev)", valid for years) read the same.
 */
export function signedInText(principal: Principal): string {
  const dev = principal.subject.startsWith("dev-");
  const name = (principal.name ?? principal.subject).replace(/\s*\(dev\)\s*$/i, "");
  const roles = principal.roles.map(roleLabel).filter((r) => r.toLowerCase() !== name.toLowerCase());
  const extras = [...roles, ...(dev ? ["token lokal"] : [])];
  return `Masuk sebagai ${name}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}`;
}

/** The dashboard frame: who is signed in, sign-out, our stylesheet only. */
export function DashboardLayout(props: {
  title: string;
  principal?: Principal;
  children: Child;
  /** Seconds after which the page reloads itself (only while something runs: progress.tsx). */
  refreshSeconds?: number;
}) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} · kinerja`}</title>
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
        <link rel="stylesheet" href="/dashboard/assets/dashboard.css" />
      </head>
      <body>
        <header class="top">
          <div>
            <a class="brand" href="/dashboard">
              kinerja · Dasbor Pengelola Kinerja
            </a>
            <div class="muted-on-dark">Pemerintah Kabupaten Salor</div>
          </div>
          {props.principal ? (
            <nav class="top-nav" aria-label="Menu dasbor">
              <a href="/dashboard">Siklus</a>
              <a href="/dashboard/cycles/new">Buat siklus</a>
              <a href="/dashboard/imports">Impor CSV</a>
            </nav>
          ) : null}
          {props.principal ? (
            <div class="who">
              {`${signedInText(props.principal)} `}
              <form method="post" action="/dashboard/logout">
                <button type="submit">Keluar</button>
              </form>
            </div>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

/**
 * The sign-in page, shown only when there is something to say (a refused sign-in, after sign-out, sign-in not
 * configured): GET /dashboard/login itself goes straight to the identity provider.
 */
export function LoginPage(props: { next: string; error?: string; notice?: string }) {
  return (
    <DashboardLayout title="Masuk">
      <h1>Masuk ke dasbor</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.notice ? <p class="notice">{props.notice}</p> : null}
      <div class="card">
        <p>Dasbor memakai akun dari penyedia identitas pemerintah daerah (OpenID Connect).</p>
        <form method="get" action="/dashboard/login" class="actions">
          <input type="hidden" name="next" value={props.next} />
          <button type="submit">Masuk lewat penyedia identitas</button>
        </form>
      </div>
    </DashboardLayout>
  );
}

/** What a signed-in person may not do (a viewer's action): HTTP 403 with the reason, in Indonesian. */
export function ForbiddenPage(props: { principal?: Principal; message: string }) {
  return (
    <DashboardLayout title="Akses ditolak" principal={props.principal}>
      <h1>Akses ditolak</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="/dashboard">Kembali ke dasbor</a>
      </p>
    </DashboardLayout>
  );
}

/** Every cycle with its progress per stage. */
export function CyclesPage(props: { principal: Principal; cycles: CycleList }) {
  return (
    <DashboardLayout title="Siklus penilaian" principal={props.principal}>
      <h1>Siklus penilaian kinerja</h1>
      {props.cycles.length === 0 ? (
        <p class="notice">
          Belum ada siklus. <a href="/dashboard/cycles/new">Buat siklus</a> (atau lewat CLI: kinerja cycle
          start).
        </p>
      ) : null}
      <div class="grid">
        {props.cycles.map((c) => (
          <section class="card" aria-labelledby={`c-${c.id}`} data-cycle={c.id}>
            <h2 id={`c-${c.id}`}>
              <a href={`/dashboard/cycles/${encodeURIComponent(c.id)}`}>{c.name}</a>
            </h2>
            <p class="muted">
              {`${labelOf("periodKind", c.kind)} · ${formatPeriod(c.periodStart, c.periodEnd)} · `}
              <span class={`badge ${c.status}`}>{labelOf("cycleStatus", c.status)}</span>
            </p>
            <StageProgress counts={c.counts} total={c.total} />
            <CycleFacts cycle={c} />
          </section>
        ))}
      </div>
      <ImportTemplates />
    </DashboardLayout>
  );
}

/** A cycle card's figures: predikat so far (the chart), at risk, failed, and where its overdue decisions are. */
function CycleFacts(props: { cycle: CycleOverview }) {
  const c = props.cycle;
  const path = `/dashboard/cycles/${encodeURIComponent(c.id)}`;
  return (
    <>
      <ul class="facts" data-facts>
        <li data-fact="rated">{`Berpredikat: ${formatNumber(c.rated)} dari ${formatNumber(c.total - c.counts.cancelled)}`}</li>
        <li data-fact="at-risk">
          <a href={`${path}#berisiko`}>{`Pegawai berisiko: ${formatNumber(c.atRisk)}`}</a>
        </li>
        <li data-fact="failed">
          <a href={`${path}/failed`}>{`Penilaian gagal: ${formatNumber(c.counts.failed)}`}</a>
        </li>
        <li data-fact="overdue">
          <a href={overduePath(c.id)}>{`Keputusan lewat tenggat: ${formatNumber(c.overdue)}`}</a>
        </li>
      </ul>
      {c.rated > 0 ? (
        <DistributionChart unitId={`cycle-${c.id}`} counts={c.predikat} orgRating={null} />
      ) : null}
    </>
  );
}

/** What each CSV import holds, as its section and template link are titled. */
export const TEMPLATE_TITLES: Readonly<Record<CsvTemplateKind, string>> = {
  employees: "Data pegawai dan unit kerja",
  attendance: "Kehadiran bulanan",
  survey: "Survei kepuasan masyarakat (IKM)",
  indicators: "Data indikator dari sistem sumber",
  "org-settings": "Pejabat pembina kepegawaian dan penilai pimpinan tertinggi",
};

/** An import's columns as one line: required ones, then the optional ones marked. */
export function templateColumnsText(kind: CsvTemplateKind): string {
  return [
    ...CSV_TEMPLATE_COLUMNS[kind].required,
    ...CSV_TEMPLATE_COLUMNS[kind].optional.map((col) => `${col} (opsional)`),
  ].join(", ");
}

/** The CSV templates of the four imports, with their columns (optional ones marked), from the imports' own constants. */
function ImportTemplates() {
  return (
    <section class="card" aria-labelledby="templat-csv">
      <h2 id="templat-csv">Templat impor CSV</h2>
      <p class="muted">Baris pertama berkas berisi nama kolom. Kolom bertanda (opsional) boleh tidak ada.</p>
      <ul>
        {CSV_TEMPLATE_KINDS.map((kind) => (
          <li>
            <a href={`/dashboard/templates/${kind}.csv`} download>
              {TEMPLATE_TITLES[kind]}
            </a>
            {": "}
            <code>{templateColumnsText(kind)}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

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
