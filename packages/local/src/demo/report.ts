// The demo's report, read back from the records once the year is over: appraisals per stage, the predikat
// distribution overall and per unit with its warnings, what the people and HR did, and what the cycle would cost on
// AWS. `kinerja demo` prints it (cli/print.ts) or writes it as JSON.
import type { FlowAppraisal } from "@kinerja/core/appraisal-flow/flow-store";
import type { createDynamoFlowStore } from "@kinerja/core/appraisal-flow/flow-store.dynamo";
import type { DemoOrganisation } from "@kinerja/core/imports/sample-org";
import type { LocalRuntime } from "../runtime/runtime";
import type { BrowserTally } from "./browser";
import { countEngineWork, priceWork, type CostFigures } from "./cost";
import type { PeopleTally } from "./mail-actions";
import { ORG_RATINGS, PERIOD, type DemoCast } from "./scenario";

/** The predikat counts of a population. */
export type PredikatCounts = Record<
  "sangat_baik" | "baik" | "butuh_perbaikan" | "kurang" | "sangat_kurang",
  number
>;

/** The demo's result, read back from the records (DynamoDB and the engine). */
export interface DemoReport {
  dataDir: string;
  kept: boolean;
  cycleId: string;
  period: { start: string; end: string };
  simulated: { from: string; to: string };
  wallMs: number;
  appraisals: { total: number; byStage: Record<string, number> };
  overall: PredikatCounts;
  units: {
    unitId: string;
    name: string;
    orgRating: string;
    population: number;
    counts: PredikatCounts;
    warnings: { rule: string; message: string }[];
  }[];
  people: {
    /** Decisions the people took (one audited decision each; a periodic rating is audited on each appraisal it rates). */
    decisions: number;
    /** Of them, the ones taken by submitting the link page's form (all of them: the people have no other way). */
    viaForms: number;
    /**
     * The requests to link pages: views, form posts by content type, presses of the "add rows" buttons, and forms
     * submitted after another link of the same decision had been used (answered 409).
     */
    pages: BrowserTally & { rowButtons: number; lateSubmits: number };
    byKind: Record<string, number>;
    returnedSkp: { appraisalId: string; comment: string } | null;
    escalated: { appraisalId: string; decidedBy: string } | null;
    objections: {
      appraisalId: string;
      outcome: "uphold" | "reject";
      predikatBefore: string;
      predikatAfter: string;
    }[];
    autoAcknowledged: string[];
  };
  /** What HR did, all through the dashboard's pages in their own browser: page views and form posts by type. */
  hr: { pages: BrowserTally };
  cost: CostFigures;
  where: { dataDir: string; browse: string; mail: string; executions: string };
}

const emptyCounts = (): PredikatCounts => ({
  sangat_baik: 0,
  baik: 0,
  butuh_perbaikan: 0,
  kurang: 0,
  sangat_kurang: 0,
});

/** What the report is read from: the run, the records of its cycle, and what the people and HR did. */
export interface ReportSources {
  rt: LocalRuntime;
  flow: ReturnType<typeof createDynamoFlowStore>;
  org: DemoOrganisation;
  cast: DemoCast;
  cycleId: string;
  /** The cycle's appraisals at the end of the year. */
  list: FlowAppraisal[];
  dataDir: string;
  kept: boolean;
  /** When the run started (wall clock, ms) and the simulated instant the cycle was opened. */
  startedMs: number;
  simulatedFrom: string;
  people: PeopleTally;
  hr: BrowserTally;
}

/** The report of a finished demo run. */
export async function readReport(s: ReportSources): Promise<DemoReport> {
  const { rt, list } = s;
  const byStage: Record<string, number> = {};
  for (const a of list) byStage[a.stage] = (byStage[a.stage] ?? 0) + 1;
  const overall = emptyCounts();
  const warnings = await s.flow.listDistributionWarnings(s.cycleId);
  const units = s.org.units
    .filter((u) => list.some((a) => a.unitId === u.unitId))
    .map((u) => {
      const counts = emptyCounts();
      const members = list.filter((a) => a.unitId === u.unitId);
      for (const a of members) if (a.predikat) counts[a.predikat] += 1;
      return {
        unitId: u.unitId,
        name: u.name,
        orgRating: ORG_RATINGS[u.unitId] ?? "-",
        population: members.length,
        counts,
        warnings: warnings.find((w) => w.unitId === u.unitId)?.warnings ?? [],
      };
    });
  for (const a of list) if (a.predikat) overall[a.predikat] += 1;

  const away = s.cast.awayApprover.nip;
  const escalatedRecord = list.find(
    (a) =>
      a.nip !== undefined &&
      s.cast.byNip.get(a.nip)?.superiorNip === away &&
      a.skp?.approvedBy &&
      a.skp.approvedBy !== away,
  );
  const mails = (await rt.outbox.list({ limit: 1_000_000 })).length;
  const returnedSkp = s.people.returned;
  const cost = priceWork(countEngineWork(rt.engine), mails, list.length);
  return {
    dataDir: s.dataDir,
    kept: s.kept,
    cycleId: s.cycleId,
    period: PERIOD,
    simulated: { from: s.simulatedFrom, to: rt.clock.now().toISOString() },
    wallMs: Date.now() - s.startedMs,
    appraisals: { total: list.length, byStage },
    overall,
    units,
    people: {
      decisions: s.people.decisions,
      viaForms: s.people.viaForms,
      pages: s.people.pages,
      byKind: s.people.byKind,
      returnedSkp: returnedSkp
        ? {
            appraisalId: list.find((a) => a.nip === returnedSkp.nip)?.id ?? "",
            comment: returnedSkp.comment,
          }
        : null,
      escalated: escalatedRecord
        ? { appraisalId: escalatedRecord.id, decidedBy: escalatedRecord.skp!.approvedBy! }
        : null,
      objections: list
        .filter((a) => a.objection?.decision)
        .map((a) => ({
          appraisalId: a.id,
          outcome: a.objection!.decision!.outcome,
          predikatBefore: a.objection!.decision!.predikatBefore,
          predikatAfter: a.objection!.decision!.predikatAfter,
        })),
      autoAcknowledged: list.filter((a) => a.acknowledgement?.automatic).map((a) => a.id),
    },
    hr: { pages: { ...s.hr, posts: { ...s.hr.posts } } },
    cost,
    where: {
      dataDir: s.dataDir,
      browse: `KINERJA_DATA_DIR=${s.dataDir} npm start`,
      mail: "/_local/mail",
      executions: "/_local/executions",
    },
  };
}
