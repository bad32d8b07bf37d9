// The dashboard's home: every cycle with its progress per stage and facts, and the CSV templates.
import { formatNumber, formatPeriod } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import type { CycleOverview } from "@kinerja/core/hr/cycle-overview";
import type { Principal } from "../auth/jwt-verifier";
import { DistributionChart, StageProgress } from "./charts";
import { ImportTemplates } from "./import-templates";
import { DashboardLayout } from "./layout";
import { overduePath } from "./overdue-page";

/** Every cycle with its progress per stage. */
export function CyclesPage(props: { principal: Principal; cycles: CycleOverview[] }) {
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
