// Charts as server-rendered SVG and native <progress> elements: no script and no inline style, so they work under
// the pages' CSP (SVG geometry attributes are not styles).
import { STAGES, STAGE_LABELS, type Stage } from "@kinerja/core/appraisal/appraisal";
import { PREDIKATS, PREDIKAT_LABELS, type OrgRating, type Predikat } from "@kinerja/core/rating/rating";
import type { DistributionThresholds } from "@kinerja/core/distribution/distribution";
import { allowedPattern } from "./allowed-pattern";

/** Stages shown on progress bars, in the order an appraisal passes them. */
export const PROGRESS_STAGES: readonly Stage[] = STAGES;

/** One progress bar per stage: how many of the cycle's appraisals are in it. */
export function StageProgress(props: { counts: Partial<Record<Stage, number>>; total: number }) {
  const total = Math.max(props.total, 0);
  return (
    <div class="stages" role="list" aria-label="Kemajuan per tahap">
      {PROGRESS_STAGES.filter((s) => !["cancelled", "failed"].includes(s) || (props.counts[s] ?? 0) > 0).map(
        (stage) => {
          const n = props.counts[stage] ?? 0;
          return (
            <>
              <span role="listitem" id={`stage-${stage}`}>
                {STAGE_LABELS[stage].id}
              </span>
              <progress
                max={total || 1}
                value={n}
                aria-labelledby={`stage-${stage}`}
                data-stage={stage}
              >{`${n} dari ${total}`}</progress>
              <span class="n">{`${n}/${total}`}</span>
            </>
          );
        },
      )}
    </div>
  );
}

const ROW = 26;
const LEFT = 150;
const WIDTH = 520;
const BAR = WIDTH - LEFT - 50;

/**
 * Horizontal bars of the predikat counts of one unit; dashed lines mark what the organisation rating allows
 * (red: the most people allowed, blue: the fewest required), so a breach is visible at a glance.
 */
export function DistributionChart(props: {
  unitId: string;
  counts: Record<Predikat, number>;
  orgRating: OrgRating | null;
  thresholds?: Partial<DistributionThresholds>;
}) {
  const n = PREDIKATS.reduce((s, p) => s + props.counts[p], 0);
  const scale = (people: number) => (n === 0 ? 0 : Math.round((people / n) * BAR));
  const lines = props.orgRating
    ? allowedPattern(props.orgRating, n, props.thresholds).filter((l) => l.predikats.length === 1)
    : [];
  const height = PREDIKATS.length * ROW + 8;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`chart-${props.unitId}-title`}
      data-unit={props.unitId}
    >
      <title
        id={`chart-${props.unitId}-title`}
      >{`Sebaran predikat ${props.unitId}: ${PREDIKATS.map((p) => `${PREDIKAT_LABELS[p].id} ${props.counts[p]}`).join(", ")}`}</title>
      {PREDIKATS.map((p, i) => {
        const y = 4 + i * ROW;
        const limit = lines.find((l) => l.predikats[0] === p);
        return (
          <g data-predikat={p}>
            <text x={0} y={y + 15}>
              {PREDIKAT_LABELS[p].id}
            </text>
            <rect class="track" x={LEFT} y={y + 3} width={BAR} height={16} rx={3} />
            <rect
              class={`bar ${p}`}
              x={LEFT}
              y={y + 3}
              width={scale(props.counts[p])}
              height={16}
              rx={3}
              data-count={props.counts[p]}
            />
            <text x={LEFT + BAR + 8} y={y + 15}>
              {String(props.counts[p])}
            </text>
            {limit ? (
              <line
                class={limit.bound === "max" ? "limit" : "min"}
                x1={LEFT + scale(limit.people)}
                x2={LEFT + scale(limit.people)}
                y1={y}
                y2={y + 22}
              />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** The legend of the chart's marker lines. */
export function ChartLegend() {
  return (
    <p class="legend">
      <span>Garis merah putus-putus: batas paling banyak</span>
      <span>Garis biru: jumlah paling sedikit</span>
    </p>
  );
}
