// The dashboard overview (issue 17 item 2): per cycle the counts per stage, the predikat distribution and how many
// employees are at risk, from ONE read of the cycle's appraisal records (listByCycle), never a read per appraisal,
// so the overview of ten cycles costs ten queries however many people they hold (plus one query each of the sparse
// index of pending decisions for the overdue count).
import { decisionRepo, type DecisionRecord } from "../decision/decision.repo";
import { APPRAISAL_STAGES } from "../appraisal/appraisal-record.entity";
import { PREDIKATS, type Predikat } from "../rating/rating";
import { atRiskOf } from "./appraisal-reports";
import { cycleSummary } from "./cycle-reports";
import type { HrDeps } from "./hr-deps";

type StageCounts = Record<(typeof APPRAISAL_STAGES)[number], number>;

/** One cycle as the overview shows it (the fields of `GET /api/cycles` and more). */
export interface CycleOverview {
  id: string;
  name: string;
  kind: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  createdAt: string;
  total: number;
  counts: StageCounts;
  /** Predikat of the appraisals not cancelled, and how many of them have one yet. */
  predikat: Record<Predikat, number>;
  rated: number;
  /** Employees whose latest periodic result or measurement flags them at risk. */
  atRisk: number;
  /** Pending decisions past their deadline (see overdueByDeadline). */
  overdue: number;
}

/** One pending decision past its deadline, as the overdue list shows it. */
export interface PastDueDecision {
  appraisalId: string;
  /** The decision's public id (the resend form names it). */
  decisionId: string;
  kind: string;
  /** Whom the decision is about. */
  employee: { nip: string; name: string };
  /** Who may decide now (after an escalation, the next superior too). */
  waitingFor: { nip: string; name: string; role: string }[];
  dueAt: string;
  /** Whole days past the deadline (0: less than a day). */
  daysLate: number;
}

const DAY_MS = 86_400_000;

/**
 * Pending decisions of the cycle whose deadline (dueAt: the escalation moment, decision-plan.ts) has passed on the
 * app clock, longest overdue first. One query of the sparse pendingByCycle index. The employee's acknowledgement is
 * left out: at its deadline the workflow acknowledges it automatically, so it is never waited on past it.
 */
export async function overdueByDeadline(
  deps: Pick<HrDeps, "storage" | "clock">,
  cycleId: string,
): Promise<PastDueDecision[]> {
  const now = deps.clock.now();
  const pending = await decisionRepo(deps.storage).listPendingDueBefore(cycleId, now.toISOString());
  return pending
    .filter((d) => d.kind !== "acknowledgement")
    .map((d: DecisionRecord) => ({
      appraisalId: d.appraisalId,
      decisionId: d.decisionId,
      kind: d.kind,
      employee: { nip: d.employee.nip, name: d.employee.name },
      waitingFor: (d.recipients ?? []).map((p) => ({ nip: p.nip, name: p.name, role: p.role })),
      dueAt: d.dueAt!,
      daysLate: Math.floor((now.getTime() - Date.parse(d.dueAt!)) / DAY_MS),
    }));
}

/** Every cycle with its overview, in the order the cycles are listed (newest first). */
export async function cycleOverviews(deps: Pick<HrDeps, "storage" | "clock">): Promise<CycleOverview[]> {
  const cycles = await deps.storage.cycles.listCycles();
  return Promise.all(
    cycles.map(async (c) => {
      const [records, overdue] = await Promise.all([
        deps.storage.appraisals.listByCycle(c.cycleId),
        overdueByDeadline(deps, c.cycleId),
      ]);
      const counts = Object.fromEntries(APPRAISAL_STAGES.map((s) => [s, 0])) as StageCounts;
      const predikat = Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>;
      for (const r of records) {
        counts[r.stage] += 1;
        if (r.stage !== "cancelled" && r.predikat && r.predikat in predikat)
          predikat[r.predikat as Predikat] += 1;
      }
      return {
        ...cycleSummary(c, counts),
        predikat,
        rated: PREDIKATS.reduce((n, p) => n + predikat[p], 0),
        atRisk: atRiskOf(records).length,
        overdue: overdue.length,
      };
    }),
  );
}
