// HR's reads of cycles: the audit trail, a cycle's appraisals, its predikat distribution per unit (checked against the
// organisation ratings), the cycle page, its undelivered mails, the list of cycles and the results export.
import { APPRAISAL_STAGES } from "../appraisal/appraisal-record.entity";
import type { AppraisalRecord } from "../appraisal/appraisal-record.repo";
import { resolveCycleSettings } from "../cycle/cycle-settings";
import type { CycleItem } from "../cycle/cycle.repo";
import { checkDistribution } from "../distribution/distribution";
import { t } from "../i18n/messages";
import { LAUNCH_SKIP_MESSAGES } from "../launch/launch-skip.entity";
import { listCycleMailProblems } from "../mail/delivery-problem";
import type { Unit } from "../org/org.schema";
import { effectiveOrgRating, PREDIKATS, type OrgRating, type Predikat } from "../rating/rating";
import { buildResultsCsv, type ExportAppraisal, type ExportFormat } from "./export-csv";
import { HR_AUDIT_SUBJECTS, requireCycle, type HrDeps } from "./hr-deps";

/** The HR audit trail of a subject (a cycle's or the imports'), oldest first. */
export async function hrAuditTrail(deps: HrDeps, subject: string) {
  const events = await deps.storage.audit.listAudit(subject);
  return events.map((e) => ({ at: e.at, actor: e.actor, action: e.action, detail: e.detail ?? {} }));
}

/** A cycle's appraisals in the shape of `GET /api/cycles/{id}/appraisals`. */
export async function listCycleAppraisals(deps: HrDeps, cycleId: string) {
  await requireCycle(deps, cycleId);
  const records = await deps.storage.appraisals.listByCycle(cycleId);
  return records
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.nip.localeCompare(b.nip))
    .map((r) => ({
      id: r.id,
      nip: r.nip,
      name: r.name,
      unitId: r.unitId,
      stage: r.stage,
      ...(r.ratings
        ? {
            ratings: {
              hasilKerja: (r.ratings as { hasilKerja?: string }).hasilKerja,
              perilaku: (r.ratings as { perilaku?: string }).perilaku,
            },
          }
        : {}),
      ...(r.predikat ? { predikat: r.predikat } : {}),
    }));
}

const emptyCounts = () => Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>;

/** One unit's line of the distribution. */
export interface UnitDistribution {
  unitId: string;
  unitName: string;
  orgRating: OrgRating | null;
  /** The unit whose rating applies (itself, or the ancestor it inherits from). */
  orgRatingFrom: string | null;
  /** Appraisals of the unit in the cycle (the population, DESIGN 3.1), and how many have a predikat so far. */
  appraisals: number;
  rated: number;
  counts: Record<Predikat, number>;
  warnings: { rule: string; message: string }[];
}

/** Predikat distribution of a cycle, overall and per unit, checked against each unit's organisation rating. */
export async function cycleDistribution(
  deps: HrDeps,
  cycleId: string,
  preloaded?: { records: AppraisalRecord[]; units: Unit[] },
) {
  const [records, units, ratings, cycle] = await Promise.all([
    preloaded?.records ?? deps.storage.appraisals.listByCycle(cycleId),
    preloaded?.units ?? deps.storage.org.listUnits(),
    deps.storage.cycles.listOrgRatings(cycleId),
    deps.storage.cycles.getCycle(cycleId),
  ]);
  const own = new Map(ratings.map((r) => [r.unitId, r.rating as OrgRating]));
  const parents = new Map(units.map((u) => [u.unitId, u.parentUnitId]));
  const names = new Map(units.map((u) => [u.unitId, u.name]));
  const thresholds = resolveCycleSettings(cycle?.settings).distributionThresholds;
  const overall = emptyCounts();
  const byUnit = new Map<string, { appraisals: number; counts: Record<Predikat, number> }>();
  for (const r of records) {
    if (r.stage === "cancelled") continue;
    const entry = byUnit.get(r.unitId) ?? { appraisals: 0, counts: emptyCounts() };
    entry.appraisals += 1;
    if (r.predikat && (PREDIKATS as readonly string[]).includes(r.predikat)) {
      entry.counts[r.predikat as Predikat] += 1;
      overall[r.predikat as Predikat] += 1;
    }
    byUnit.set(r.unitId, entry);
  }
  const unitsOut: UnitDistribution[] = [...byUnit.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([unitId, entry]) => {
      const effective = effectiveOrgRating(unitId, own, parents);
      const rated = PREDIKATS.reduce((s, p) => s + entry.counts[p], 0);
      // As the workflow checks it (checkUnitDistribution): the cycle's thresholds, the unrated still to come.
      const warnings = effective
        ? checkDistribution(effective.rating, entry.counts, {
            thresholds,
            unrated: entry.appraisals - rated,
          }).map((w) => ({ rule: w.rule, message: w.message }))
        : [];
      return {
        unitId,
        unitName: names.get(unitId) ?? unitId,
        orgRating: effective?.rating ?? null,
        orgRatingFrom: effective?.from ?? null,
        appraisals: entry.appraisals,
        rated,
        counts: entry.counts,
        warnings,
      };
    });
  return {
    overall,
    units: unitsOut,
    thresholds,
    orgRatings: ratings.map((r) => ({
      unitId: r.unitId,
      rating: r.rating as OrgRating,
      setBy: r.setBy,
      setAt: r.setAt,
    })),
  };
}

/** `GET /api/cycles/{id}`: the cycle, its settings, counts per stage, the distribution and HR's audit trail of it. */
export async function cycleDetail(deps: HrDeps, cycleId: string) {
  const cycle = await requireCycle(deps, cycleId);
  const [records, units, trail, skips, mailProblems] = await Promise.all([
    deps.storage.appraisals.listByCycle(cycleId),
    deps.storage.org.listUnits(),
    hrAuditTrail(deps, HR_AUDIT_SUBJECTS.cycle(cycleId)),
    deps.control.store.launchSkips(cycleId),
    listCycleMailProblems(deps.storage, cycleId),
  ]);
  const counts = Object.fromEntries(APPRAISAL_STAGES.map((s) => [s, 0])) as Record<
    (typeof APPRAISAL_STAGES)[number],
    number
  >;
  for (const r of records) counts[r.stage] += 1;
  const distribution = await cycleDistribution(deps, cycleId, { records, units });
  return {
    id: cycle.cycleId,
    name: cycle.name,
    kind: cycle.kind,
    periodStart: cycle.periodStart,
    periodEnd: cycle.periodEnd,
    unitIds: cycle.unitIds ?? null,
    settings: resolveCycleSettings(cycle.settings),
    status: cycle.status,
    ...(cycle.failureReason ? { failureReason: cycle.failureReason } : {}),
    createdAt: cycle.createdAt,
    updatedAt: cycle.updatedAt,
    total: records.length,
    // Who the launch left out and why (the top of the hierarchy while no appraiser of the top is set).
    skipped: skips.map((k) => ({ ...k, message: t(LAUNCH_SKIP_MESSAGES[k.reason], "id") })),
    counts,
    distribution,
    // Mails SES could not deliver (bounces, complaints, rejects, delays); the cycle page lists them.
    mailProblems: mailProblems.length,
    audit: trail,
  };
}

/** The cycle's mails SES could not deliver, newest first (the dashboard's "Email tidak terkirim"). */
export async function cycleMailProblems(deps: HrDeps, cycleId: string) {
  await requireCycle(deps, cycleId);
  return listCycleMailProblems(deps.storage, cycleId);
}

/** `GET /api/cycles`: every cycle, newest first, with its counts per stage. */
export async function listCycles(deps: HrDeps) {
  const cycles = await deps.storage.cycles.listCycles();
  return Promise.all(
    cycles.map(async (c) => cycleSummary(c, await deps.storage.appraisals.countByStage(c.cycleId))),
  );
}

/** A cycle as `GET /api/cycles` and the dashboard overview list it: who it is, and its counts per stage. */
export function cycleSummary<C extends Record<string, number>>(c: CycleItem, counts: C) {
  return {
    id: c.cycleId,
    name: c.name,
    kind: c.kind,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    status: c.status,
    createdAt: c.createdAt,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };
}

/** `GET /api/cycles/{id}/export.csv[?format=excel]`: the results file (see export-csv.ts for the columns). */
export async function exportCycleCsv(
  deps: HrDeps,
  cycleId: string,
  format: ExportFormat = "csv",
): Promise<{ filename: string; csv: string }> {
  const cycle = await requireCycle(deps, cycleId);
  const [records, units, ratings] = await Promise.all([
    deps.storage.appraisals.listByCycle(cycleId),
    deps.storage.org.listUnits(),
    deps.storage.cycles.listOrgRatings(cycleId),
  ]);
  const own = new Map(ratings.map((r) => [r.unitId, r.rating as OrgRating]));
  const parents = new Map(units.map((u) => [u.unitId, u.parentUnitId]));
  const appraiserNames = new Map<string, string>();
  for (const nip of new Set(records.map((r) => r.appraiserNip).filter((n): n is string => !!n))) {
    const person = await deps.storage.org.getEmployee(nip);
    if (person) appraiserNames.set(nip, person.name);
  }
  const csv = buildResultsCsv(
    {
      cycle: {
        id: cycle.cycleId,
        name: cycle.name,
        periodStart: cycle.periodStart,
        periodEnd: cycle.periodEnd,
      },
      appraisals: records.map((r) => ({
        nip: r.nip,
        name: r.name,
        unitId: r.unitId,
        positionType: r.positionType,
        employmentType: r.employmentType,
        jenjang: r.jenjang,
        appraiserNip: r.appraiserNip,
        appraiserName: r.appraiserNip ? appraiserNames.get(r.appraiserNip) : undefined,
        stage: r.stage,
        ratings: r.ratings as { hasilKerja?: string; perilaku?: string } | undefined,
        predikat: r.predikat,
        objection: r.objection as { decision?: { outcome?: string } } | undefined,
        followUp: r.followUp as ExportAppraisal["followUp"],
        discipline: r.discipline as ExportAppraisal["discipline"],
      })),
      unitNames: new Map(units.map((u) => [u.unitId, u.name])),
      orgRatingOf: (unitId) => effectiveOrgRating(unitId, own, parents)?.rating,
    },
    format,
  );
  return { filename: `kinerja-${cycle.cycleId}${format === "excel" ? "-excel" : ""}.csv`, csv };
}
