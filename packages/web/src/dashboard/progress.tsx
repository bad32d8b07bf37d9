// Live progress on the cycle page (issue 17 item 3). Choice: a <meta http-equiv="refresh"> while a launch or a
// periodic evaluation runs, and none once nothing runs. It needs no script (the dashboard's CSP stays script-src
// 'none'), every refresh reads the counts from the table (cycleProgress), and a page left open stops refreshing by
// itself when the run ends. The bars are <progress> elements (no inline style, which the CSP blocks); a browser that
// ignores meta refresh still has the "Muat ulang" link.
import { formatNumber, formatPercent } from "@kinerja/core/i18n/format";
import type { CycleProgress } from "@kinerja/core/hr/cycle-progress";

/** Seconds between two refreshes of the cycle page while something runs. */
export const PROGRESS_REFRESH_SECONDS = 3;

/** The refresh interval for a page showing `progress`: only while something runs. */
export function progressRefresh(progress: CycleProgress | undefined): number | undefined {
  return progress?.active ? PROGRESS_REFRESH_SECONDS : undefined;
}

// A <progress> with its share as text (what a browser without the element shows, and what a screen reader reads).
function Bar(props: { id: string; label: string; value: number; max: number }) {
  const max = Math.max(props.max, 1);
  const value = Math.min(props.value, max);
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <progress id={props.id} max={max} value={value}>
        {formatPercent((value / max) * 100, "id", 0)}
      </progress>
    </>
  );
}

/**
 * What runs in the cycle now, with counts and bars. A finished launch keeps its full bar and counts (what HR checks
 * first: everyone launched, who was skipped, what failed), without the refresh.
 */
export function LiveProgress(props: { progress: CycleProgress | undefined; href: string }) {
  const p = props.progress;
  if (!p) return null;
  const l = p.launch;
  const launchShown = l.running || l.launched + l.skipped > 0;
  if (!p.active && !launchShown) return null;
  return (
    <section
      class="card live-progress"
      aria-labelledby="kemajuan-proses"
      data-progress={p.active ? "live" : "done"}
    >
      <h2 id="kemajuan-proses">{p.active ? "Sedang berjalan" : "Peluncuran"}</h2>
      {launchShown ? (
        <div data-run="launch">
          <Bar
            id="launch-progress"
            label={l.running ? "Peluncuran penilaian berjalan" : "Peluncuran penilaian selesai"}
            value={l.launched + l.skipped}
            max={l.total}
          />
          <p data-field="launch-counts">
            {`${formatNumber(l.launched)} dari ${formatNumber(l.total)} pegawai diluncurkan · ${formatNumber(l.skipped)} tidak dinilai · ${formatNumber(l.failed)} gagal`}
          </p>
        </div>
      ) : null}
      {p.periodic.map((r) => (
        <div data-run="periodic" data-period={r.periodKey}>
          <Bar
            id={`periodic-${r.periodKey}`}
            label={`Evaluasi berkala ${r.label}`}
            value={r.processed}
            max={r.total}
          />
          <p data-field="periodic-counts">
            {`${formatNumber(r.pages)} halaman selesai · ${formatNumber(r.processed)} dari ${formatNumber(r.total)} penilaian diperiksa · ${formatNumber(r.evaluated)} dievaluasi`}
          </p>
        </div>
      ))}
      {p.active ? (
        <p class="muted">
          {`Halaman ini memuat ulang sendiri setiap ${PROGRESS_REFRESH_SECONDS} detik selama proses berjalan. `}
          <a href={props.href}>Muat ulang sekarang</a>
        </p>
      ) : null}
    </section>
  );
}
