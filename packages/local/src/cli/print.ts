// Plain-text rendering of what the CLI prints: the dev runtime banner, the demo report, a cycle's distribution.
// Codes are printed as their Indonesian labels and numbers and dates in Indonesian format; `--json` keeps the codes.
import { STAGES } from "@kinerja/core/appraisal/appraisal";
import { formatDateTime, formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { PREDIKATS } from "@kinerja/core/rating/rating";
import type { LocalRuntime } from "../runtime/runtime";
import type { DemoReport, PredikatCounts } from "../demo/run-demo";

const PREDIKAT_LABELS: [keyof PredikatCounts, string][] = PREDIKATS.map(
  (p): [keyof PredikatCounts, string] => [p, labelOf("predikat", p)],
);
const PREDIKAT_WIDTH = Math.max(...PREDIKAT_LABELS.map(([, l]) => l.length)) + 2;

const pad = (text: string | number, width: number) => String(text).padEnd(width);
const padLeft = (text: string | number, width: number) => String(text).padStart(width);

/** The banner `kinerja dev` prints once everything answers. */
export function devBanner(runtime: LocalRuntime, startMs: number): string {
  const u = runtime.urls;
  return [
    "",
    `kinerja berjalan (siap dalam ${formatNumber(startMs / 1000, "id", 1)} detik; jam runtime ${formatDateTime(runtime.clockState().now)})`,
    "",
    `  Dasbor           ${u.dashboard}`,
    `  Kotak keluar     ${u.mail}`,
    `  Eksekusi         ${u.executions}`,
    `  Jam runtime      ${u.clock}`,
    `  API HR           ${u.web}/api   (OpenAPI: ${u.web}/openapi.json)`,
    `  Step Functions   ${u.states}   (aws --endpoint-url ${u.states} stepfunctions ...)`,
    `  DynamoDB Local   ${u.dynamodb}`,
    "",
    `  Direktori data   ${runtime.dataDir}${runtime.seeded ? "   (organisasi demo Kabupaten Salor sudah diisi)" : ""}`,
    `  Token HR         tersimpan di ${runtime.dataDir}/hr-token`,
    "",
    runtime.hrToken,
    "",
    "Coba: npx kinerja cycle start --name 'Tahunan 2027' --kind annual --from 2027-01-01 --to 2027-12-31",
    "      npx kinerja clock advance P30D      (Ctrl+C menghentikan semuanya; data tetap ada untuk start berikutnya)",
    "",
  ].join("\n");
}

/** A table of predikat counts per row. */
function distributionTable(
  rows: { label: string; population: number; counts: PredikatCounts; note?: string }[],
): string[] {
  const nameWidth = Math.max(24, ...rows.map((r) => r.label.length + 2));
  const header = `  ${pad("Unit", nameWidth)}${padLeft("N", 6)}${PREDIKAT_LABELS.map(([, l]) => padLeft(l, PREDIKAT_WIDTH)).join("")}`;
  const lines = [header, `  ${"-".repeat(header.length - 2)}`];
  for (const r of rows) {
    const cells = PREDIKAT_LABELS.map(([k]) => {
      const n = r.counts[k];
      const pct = r.population ? Math.round((n / r.population) * 100) : 0;
      return padLeft(n ? `${formatNumber(n)} (${formatNumber(pct)}%)` : "-", PREDIKAT_WIDTH);
    });
    lines.push(
      `  ${pad(r.label, nameWidth)}${padLeft(formatNumber(r.population), 6)}${cells.join("")}${r.note ? `  ${r.note}` : ""}`,
    );
  }
  return lines;
}

/** What the demo's people sent to the link pages: page views, form posts by content type, row buttons, late submits. */
function formTraffic(pages: DemoReport["people"]["pages"]): string {
  return [
    `${pages.pageViews} pages opened`,
    ...Object.entries(pages.posts).map(([type, n]) => `${n} posts as ${type}`),
    `${pages.rowButtons} presses of "Tambah baris"`,
    ...(pages.lateSubmits ? [`${pages.lateSubmits} too late (409)`] : []),
  ].join(", ");
}

/** The end of `kinerja demo`: distribution per unit, what people did, cost, and where to look. */
export function demoReportText(report: DemoReport): string {
  const c = report.cost;
  const lines = [
    "",
    `Annual cycle ${report.cycleId} (${report.period.start} .. ${report.period.end}) finished in ${(report.wallMs / 1000).toFixed(1)} s`,
    `Simulated time ${report.simulated.from.slice(0, 10)} .. ${report.simulated.to.slice(0, 10)}; ${report.appraisals.total} appraisals: ${Object.entries(
      report.appraisals.byStage,
    )
      .map(([s, n]) => `${n} ${s}`)
      .join(", ")}`,
    "",
    "Predikat distribution per unit (organisation rating in brackets):",
    ...distributionTable([
      ...report.units.map((u) => ({
        label: `${u.name} [${u.orgRating}]`,
        population: u.population,
        counts: u.counts,
      })),
      { label: "Kabupaten Salor", population: report.appraisals.total, counts: report.overall },
    ]),
  ];
  const warned = report.units.filter((u) => u.warnings.length > 0);
  if (warned.length > 0) {
    lines.push(
      "",
      "Distribution warnings (DOMAIN 6.4: they warn, they do not block; reviews below expectation carry a justification):",
    );
    for (const u of warned) for (const w of u.warnings) lines.push(`  ${u.name}: ${w.message}`);
  }
  const p = report.people;
  lines.push(
    "",
    `People acted on ${p.decisions} emailed links: ${Object.entries(p.byKind)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ")}`,
    `  ${p.viaForms} of ${p.decisions} decisions went through the pages' forms (${formTraffic(p.pages)})`,
    p.returnedSkp
      ? `  SKP returned once and revised: ${p.returnedSkp.appraisalId} ("${p.returnedSkp.comment}")`
      : "  (no SKP was returned)",
    p.escalated
      ? `  Approval escalated to the next superior after 7 days: ${p.escalated.appraisalId} (approved by ${p.escalated.decidedBy})`
      : "  (no escalation was needed)",
    ...p.objections.map(
      (o) =>
        `  Objection ${o.outcome === "uphold" ? "upheld" : "rejected"}: ${o.appraisalId} (${o.predikatBefore} -> ${o.predikatAfter})`,
    ),
    `  Auto-acknowledged after the 14-day objection window: ${p.autoAcknowledged.join(", ") || "none"}`,
    "",
    `Cost of this cycle on AWS (${c.region}, on-demand list prices, free tiers ignored):`,
    `  Step Functions  ${c.stateTransitions} state transitions in ${c.executions} executions   USD ${c.usd.stepFunctions.toFixed(4)}`,
    `  Lambda          ${c.lambdaInvocations} invocations (~${c.prices.assumedLambdaMs} ms at ${c.prices.assumedLambdaMemoryMb} MB)   USD ${c.usd.lambda.toFixed(4)}`,
    `  SES             ${c.mails} mails   USD ${c.usd.ses.toFixed(4)}`,
    `  Total           USD ${c.usd.total.toFixed(4)}  (USD ${c.usdPerAppraisal.toFixed(5)} per appraisal; DynamoDB and API Gateway not counted)`,
    "",
    "Where to look:",
    report.kept
      ? `  ${report.where.browse}   then open /dashboard, ${report.where.mail} and ${report.where.executions}`
      : "  (the data dir was removed; run with --keep to browse it)",
    "",
  );
  return lines.join("\n");
}

/** A cycle as `GET /api/cycles/{id}` answers it (the parts the CLI prints). */
export interface CycleView {
  id: string;
  name?: string;
  status?: string;
  counts?: Record<string, number>;
  distribution?: {
    overall?: Partial<PredikatCounts>;
    units?: {
      unitId: string;
      orgRating?: string | null;
      counts?: Partial<PredikatCounts>;
      warnings?: { rule: string; message: string }[];
    }[];
  };
}

const fullCounts = (c: Partial<PredikatCounts> | undefined): PredikatCounts => ({
  sangat_baik: 0,
  baik: 0,
  butuh_perbaikan: 0,
  kurang: 0,
  sangat_kurang: 0,
  ...(c ?? {}),
});
const total = (c: PredikatCounts) => Object.values(c).reduce((a, b) => a + b, 0);

/** `kinerja cycle status <id>` and `kinerja report <id>`: stages and the distribution per unit, in Indonesian. */
export function cycleText(cycle: CycleView, withDistribution: boolean): string {
  const lines = [
    `${cycle.id}${cycle.name ? ` (${cycle.name})` : ""}: ${cycle.status ? labelOf("cycleStatus", cycle.status) : "?"}`,
  ];
  const counts = cycle.counts ?? {};
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  // Stages in the order an appraisal passes them, then any stage this CLI does not know yet.
  const order = [...STAGES, ...Object.keys(counts).filter((s) => !(STAGES as readonly string[]).includes(s))];
  lines.push(
    `  Penilaian per tahap (${formatNumber(all)}): ${
      order
        .filter((s) => (counts[s] ?? 0) > 0)
        .map((s) => `${labelOf("stage", s)} ${formatNumber(counts[s]!)}`)
        .join(", ") || "belum ada"
    }`,
  );
  if (withDistribution && cycle.distribution) {
    const units = (cycle.distribution.units ?? []).map((u) => {
      const c = fullCounts(u.counts);
      return {
        label: `${u.unitId}${u.orgRating ? ` [${labelOf("orgRating", u.orgRating)}]` : ""}`,
        population: total(c),
        counts: c,
        note: u.warnings?.length ? `${formatNumber(u.warnings.length)} peringatan` : undefined,
      };
    });
    const overall = fullCounts(cycle.distribution.overall);
    lines.push(
      "",
      ...distributionTable([...units, { label: "Keseluruhan", population: total(overall), counts: overall }]),
    );
    for (const u of cycle.distribution.units ?? [])
      for (const w of u.warnings ?? []) lines.push(`  ${u.unitId}: ${w.message}`);
  }
  return lines.join("\n");
}
