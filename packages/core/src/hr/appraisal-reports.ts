// HR's reads of appraisals: one appraisal's whole story (record, decisions, mails, audit), the decisions a cycle has
// waited on too long, and the employees flagged at risk.
import type { AppraisalRecord } from "../appraisal/appraisal-record.repo";
import { resolveCycleSettings } from "../cycle/cycle-settings";
import { decisionRepo, type DecisionRecord } from "../decision/decision.repo";
import { listAppraisalMailProblems } from "../mail/delivery-problem";
import { mapLimited } from "../util/map-limited";
import { requireCycle, type HrDeps } from "./hr-deps";
import { HrNotFoundError } from "./hr.errors";

// The task token (and its hash) never leave the server (DESIGN 4).
function publicDecision(d: DecisionRecord) {
  const {
    taskToken: _token,
    taskTokenHash: _hash,
    deliveryErrorTokenHash: _errHash,
    ttl: _ttl,
    context: _context,
    ...rest
  } = d;
  return rest;
}

/** `GET /api/appraisals/{id}`: the whole record (SKP, realisation, review, objection, follow-up), its decisions and audit trail. */
export async function appraisalStory(deps: HrDeps, appraisalId: string) {
  const [record, flow, trail, decisions, mailProblems] = await Promise.all([
    deps.storage.appraisals.getAppraisal(appraisalId),
    deps.control.store.getAppraisal(appraisalId),
    deps.storage.audit.listAudit(appraisalId),
    decisionRepo(deps.storage).listByAppraisal(appraisalId),
    listAppraisalMailProblems(deps.storage, appraisalId),
  ]);
  if (!record && !flow) throw new HrNotFoundError("hrAppraisalNotFound", { appraisalId });
  const { appliedSteps: _steps, ...state } = (flow ?? {}) as Record<string, unknown>;
  const cycle = await deps.storage.cycles.getCycle((record?.cycleId ?? (flow?.cycleId as string))!);
  return {
    ...state,
    ...(record
      ? {
          id: record.id,
          cycleId: record.cycleId,
          nip: record.nip,
          name: record.name,
          unitId: record.unitId,
          stage: record.stage,
          ...(record.ratings ? { ratings: record.ratings } : {}),
          ...(record.predikat ? { predikat: record.predikat } : {}),
          ...(record.periodicResults ? { periodicResults: record.periodicResults } : {}),
          ...(record.failureReason ? { failureReason: record.failureReason } : {}),
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
        }
      : {}),
    cycle: cycle
      ? {
          id: cycle.cycleId,
          name: cycle.name,
          kind: cycle.kind,
          periodStart: cycle.periodStart,
          periodEnd: cycle.periodEnd,
          status: cycle.status,
        }
      : null,
    decisions: decisions.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(publicDecision),
    // Mails of this appraisal SES could not deliver, newest first.
    mailProblems,
    audit: trail.map((e) => ({
      at: e.at,
      actor: e.actor,
      action: e.action,
      ...(e.kind ? { kind: e.kind } : {}),
      ...(e.linkId ? { linkId: e.linkId } : {}),
      detail: e.detail ?? {},
    })),
  };
}

/** One decision the cycle has waited for longer than the cycle's reminder time. */
export interface OverdueDecision {
  appraisalId: string;
  nip: string;
  name: string;
  unitId: string;
  kind: string;
  /** Who may decide now (after an escalation, the next superior too). */
  waitingFor: { nip: string; name: string; role: string }[];
  /** When the decision was first requested. */
  since: string;
  /** Whole days waited so far. */
  waitingDays: number;
  /** End of the current reminder round, and when the decision expires for good. */
  dueAt: string | null;
  expiresAt: string;
  /** Waited past the escalation time (the next superior has been asked as well). */
  escalated: boolean;
}

/**
 * Decisions still pending after the cycle's `reminderAfterDays` (a reminder has gone out), longest waiting first.
 * Reminder rounds re-arm the same decision, so "since" is when it was first requested. The employee's
 * acknowledgement is left out: waiting inside the objection window is the rule, not a delay.
 */
export async function overdueDecisions(deps: HrDeps, cycleId: string): Promise<OverdueDecision[]> {
  const cycle = await requireCycle(deps, cycleId);
  const settings = resolveCycleSettings(cycle.settings);
  const now = deps.clock.now().getTime();
  const DAY = 86_400_000;
  const live = (await deps.storage.appraisals.listByCycle(cycleId)).filter(
    (r) => !["done", "cancelled", "failed"].includes(r.stage),
  );
  const repo = decisionRepo(deps.storage);
  // One query per live appraisal: pending decisions have no index by cycle; bounded concurrency keeps it polite.
  const perAppraisal = await mapLimited(live, 16, async (r) => {
    const decisions = await repo.listByAppraisal(r.id);
    return decisions
      .filter(
        (d) =>
          d.status === "pending" &&
          d.kind !== "acknowledgement" &&
          now - Date.parse(d.createdAt) >= settings.reminderAfterDays * DAY,
      )
      .map((d) => ({
        appraisalId: r.id,
        nip: r.nip,
        name: r.name,
        unitId: r.unitId,
        kind: d.kind,
        waitingFor: (d.recipients ?? []).map((p) => ({ nip: p.nip, name: p.name, role: p.role })),
        since: d.createdAt,
        waitingDays: Math.floor((now - Date.parse(d.createdAt)) / DAY),
        dueAt: d.dueAt ?? null,
        expiresAt: d.expiresAt,
        escalated: now - Date.parse(d.createdAt) >= settings.escalateAfterDays * DAY,
      }));
  });
  return perAppraisal.flat().sort((a, b) => a.since.localeCompare(b.since) || a.nip.localeCompare(b.nip));
}

/** One employee flagged at risk by a periodic evaluation or the measurement snapshot. */
export interface AtRiskEmployee {
  appraisalId: string;
  nip: string;
  name: string;
  unitId: string;
  stage: string;
  period: string;
  evaluatedAt?: string;
  achievementPct: number | null;
  reasons: string[];
}

/** Employees whose latest periodic result (or measurement snapshot) flags them at risk. */
export async function employeesAtRisk(deps: HrDeps, cycleId: string): Promise<AtRiskEmployee[]> {
  await requireCycle(deps, cycleId);
  return atRiskOf(await deps.storage.appraisals.listByCycle(cycleId));
}

/** Of a cycle's records, those whose latest periodic result (or measurement snapshot) flags them at risk. */
export function atRiskOf(records: AppraisalRecord[]): AtRiskEmployee[] {
  const out: AtRiskEmployee[] = [];
  for (const r of records) {
    if (r.stage === "cancelled") continue;
    const periodic = (r.periodicResults ?? []) as {
      label?: string;
      evaluatedAt?: string;
      atRisk?: boolean;
      overallAchievementPct?: number | null;
      riskReasons?: string[];
    }[];
    const latest = [...periodic]
      .sort((a, b) => (a.evaluatedAt ?? "").localeCompare(b.evaluatedAt ?? ""))
      .at(-1);
    const measurement = r.measurement as
      { atRisk?: boolean; overallAchievementPct?: number | null; riskReasons?: string[] } | undefined;
    // The final measurement, once taken, supersedes the periodic results of the year.
    const source = measurement ?? latest;
    if (!source?.atRisk) continue;
    out.push({
      appraisalId: r.id,
      nip: r.nip,
      name: r.name,
      unitId: r.unitId,
      stage: r.stage,
      period: measurement ? "Akhir periode" : (latest?.label ?? "-"),
      ...(!measurement && latest?.evaluatedAt ? { evaluatedAt: latest.evaluatedAt } : {}),
      achievementPct: source.overallAchievementPct ?? null,
      reasons: source.riskReasons ?? [],
    });
  }
  return out.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.nip.localeCompare(b.nip));
}
