// Plain-text rendering of what the CLI prints: the dev runtime banner, the demo report, a cycle's distribution.
// Codes are printed as their Indonesian labels and numbers and dates in Indonesian format; `--json` keeps the codes.
import { STAGES } from "@kinerja/core/appraisal/appraisal";
import { formatDate, formatDateTime, formatNumber, formatPeriod } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { PREDIKATS } from "@kinerja/core/rating/rating";
import type { LocalRuntime } from "../runtime/runtime";
import type { DemoReport, PredikatCounts } from "../demo/report";
import { count, say } from "./say";

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
    `  Masuk dasbor     ${runtime.devAccounts.hr.username} / ${runtime.devAccounts.hr.password}   (pemantau: ${runtime.devAccounts.viewer.username} / ${runtime.devAccounts.viewer.password}; tersimpan di ${runtime.dataDir}/dev-sign-in.json)`,
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

const usd = (n: number, digits: number) => `USD ${formatNumber(n, "id", digits)}`;

/** Page views and form posts by content type. */
const pageTraffic = (pages: DemoReport["hr"]["pages"]) => [
  say("demoPagesOpened", { n: count(pages.pageViews) }),
  ...Object.entries(pages.posts).map(([type, n]) => say("demoPostsAs", { n: count(n), type })),
];

/** What the demo's people sent to the link pages: page views, form posts by content type, row buttons, late submits. */
function formTraffic(pages: DemoReport["people"]["pages"]): string {
  return [
    ...pageTraffic(pages),
    say("demoRowButtons", { n: count(pages.rowButtons) }),
    ...(pages.lateSubmits ? [say("demoLateSubmits", { n: count(pages.lateSubmits) })] : []),
  ].join(", ");
}

/** "12 Penilaian, 3 Selesai": counts by code, as labels of `group`. */
const countsText = (counts: Record<string, number>, label: (code: string) => string) =>
  Object.entries(counts)
    .map(([code, n]) => `${count(n)} ${label(code)}`)
    .join(", ");

/** The end of `kinerja demo`: distribution per unit, what people did, cost, and where to look (Indonesian). */
export function demoReportText(report: DemoReport): string {
  const c = report.cost;
  const lines = [
    "",
    say("demoFinished", {
      cycleId: report.cycleId,
      period: formatPeriod(report.period.start, report.period.end),
      seconds: formatNumber(report.wallMs / 1000, "id", 1),
    }),
    say("demoSimulated", {
      from: formatDate(report.simulated.from),
      to: formatDate(report.simulated.to),
      total: count(report.appraisals.total),
      stages: countsText(report.appraisals.byStage, (s) => labelOf("stage", s)),
    }),
    "",
    say("demoDistribution"),
    ...distributionTable([
      ...report.units.map((u) => ({
        label: `${u.name} [${labelOf("orgRating", u.orgRating)}]`,
        population: u.population,
        counts: u.counts,
      })),
      { label: "Kabupaten Salor", population: report.appraisals.total, counts: report.overall },
    ]),
  ];
  const warned = report.units.filter((u) => u.warnings.length > 0);
  if (warned.length > 0) {
    lines.push("", say("demoWarnings"));
    for (const u of warned) for (const w of u.warnings) lines.push(`  ${u.name}: ${w.message}`);
  }
  const p = report.people;
  const decisions = count(p.decisions);
  lines.push(
    "",
    say("demoDecisions", { decisions, kinds: countsText(p.byKind, (k) => labelOf("decisionKind", k)) }),
    `  ${say("demoViaForms", { viaForms: count(p.viaForms), decisions, traffic: formTraffic(p.pages) })}`,
    `  ${say("demoHrDesk", { traffic: pageTraffic(report.hr.pages).join(", ") })}`,
    `  ${
      p.returnedSkp
        ? say("demoReturnedSkp", { appraisalId: p.returnedSkp.appraisalId, comment: p.returnedSkp.comment })
        : say("demoNoReturnedSkp")
    }`,
    `  ${
      p.escalated
        ? say("demoEscalated", { appraisalId: p.escalated.appraisalId, by: p.escalated.decidedBy })
        : say("demoNoEscalation")
    }`,
    ...p.objections.map(
      (o) =>
        `  ${say("demoObjection", {
          outcome: capitalise(labelOf("decisionChoice", o.outcome)),
          appraisalId: o.appraisalId,
          before: labelOf("predikat", o.predikatBefore),
          after: labelOf("predikat", o.predikatAfter),
        })}`,
    ),
    `  ${say("demoAutoAcknowledged", { list: p.autoAcknowledged.join(", ") || say("demoNone") })}`,
    "",
    say("demoCost", { region: c.region }),
    `  Step Functions  ${say("demoCostStepFunctions", { transitions: count(c.stateTransitions), executions: count(c.executions) })}   ${usd(c.usd.stepFunctions, 4)}`,
    `  Lambda          ${say("demoCostLambda", { invocations: count(c.lambdaInvocations), ms: count(c.prices.assumedLambdaMs), mb: count(c.prices.assumedLambdaMemoryMb) })}   ${usd(c.usd.lambda, 4)}`,
    `  SES             ${say("demoCostSes", { mails: count(c.mails) })}   ${usd(c.usd.ses, 4)}`,
    `  Jumlah          ${usd(c.usd.total, 4)}  ${say("demoCostTotal", { perAppraisal: formatNumber(c.usdPerAppraisal, "id", 5) })}`,
    "",
    say("demoWhere"),
    `  ${
      report.kept
        ? say("demoBrowse", {
            browse: report.where.browse,
            mail: report.where.mail,
            executions: report.where.executions,
          })
        : say("demoRemoved")
    }`,
    "",
  );
  return lines.join("\n");
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A cycle as `GET /api/cycles/{id}` answers it (the parts the CLI prints). */
export interface CycleView {
  id: string;
  name?: string;
  status?: string;
  counts?: Record<string, number>;
  /** Who the launch left out and why (the top of the hierarchy while no appraiser of the top is set). */
  skipped?: { nip: string; name: string; message: string }[];
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
  // One line per reason: how many were left out, who, and what HR can do about it.
  const reasons = new Map<string, { name: string; nip: string }[]>();
  for (const k of cycle.skipped ?? []) reasons.set(k.message, [...(reasons.get(k.message) ?? []), k]);
  for (const [reason, people] of reasons)
    lines.push(
      `  ${say("cliCycleSkipped", {
        count: count(people.length),
        names: people.map((p) => `${p.name}, NIP ${p.nip}`).join("; "),
        reason,
      })}`,
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
