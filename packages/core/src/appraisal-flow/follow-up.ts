// Follow-up: development or coaching by predikat, consecutive poor annual results, the PPPK branch; credit points of
// functional officials and the discipline finding from attendance are recorded beside it; the appraisal is done.
import {
  creditPointsForPeriod,
  isJfLevel,
  monthsOfPerformance,
  type CreditPointsAward,
} from "../credit-points/credit-points";
import { disciplineFindingFromAttendance } from "../discipline/discipline";
import { followUpFor } from "../follow-up/follow-up";
import { formatNumber } from "../i18n/format";
import { appointmentMonthOfNip, employmentTypeOfNip } from "../org/org";
import type { Predikat } from "../rating/rating";
import type { FlowAppraisal, FlowCycle } from "./flow-store";
import { CycleNotFoundError, MissingDataError } from "../workflow/workflow.errors";
import { expectStage, type FlowDeps, loadLive, save } from "./common";

/**
 * Credit points of a functional official for the cycle's period (rules 30-32), pro-rated by the months of performance:
 * the months of the period, from the appointment month a PNS NIP shows when that falls inside the period (an NI PPPK
 * shows the year only, so the whole period counts). Undefined for other positions; a functional official without a
 * jenjang gets a note instead of points.
 */
function creditPointsOf(
  record: FlowAppraisal,
  cycle: FlowCycle,
  predikat: Predikat,
): { award: CreditPointsAward } | { missing: "jenjang" } | undefined {
  if (record.positionType !== "fungsional") return undefined;
  if (!isJfLevel(record.jenjang)) return { missing: "jenjang" };
  const months = monthsOfPerformance(
    { start: cycle.periodStart, end: cycle.periodEnd },
    appointmentMonthOfNip(record.nip),
  );
  return { award: creditPointsForPeriod({ jenjang: record.jenjang, predikat, months }) };
}

/** ApplyFollowUp: follow-up by predikat (development or coaching, consecutive poor results); the appraisal is done. */
export async function applyFollowUp(
  deps: FlowDeps,
  input: { appraisalId: string },
): Promise<{ kind: string }> {
  const record = await loadLive(deps, input.appraisalId);
  if (record.stage === "done")
    return { kind: String((record.followUp as { kind?: string } | undefined)?.kind ?? "") };
  expectStage(record, ["follow-up"], "ApplyFollowUp");
  if (!record.predikat) throw new MissingDataError(`appraisal ${record.id} has no predikat for follow-up`);
  // Consecutive poor results (rule 42) count annual results only: a periodic (monthly, quarterly) result informs
  // coaching within the improvement window and never counts towards a sanction review, nor do earlier periodic ones.
  const cycle = await deps.store.getCycle(record.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${record.cycleId} does not exist`);
  const annual = cycle.kind === "annual";
  const previous = annual
    ? await deps.store.previousAppraisals(record.nip, record.cycleId, { kind: "annual" })
    : [];
  // Records launched before the employment type was carried: the number says it.
  const employmentType = record.employmentType ?? employmentTypeOfNip(record.nip) ?? "pns";
  const followUp = followUpFor({
    predikat: record.predikat,
    positionType: record.positionType as Parameters<typeof followUpFor>[0]["positionType"],
    employmentType,
    resultKind: annual ? "annual" : "periodic",
    // followUpFor wants the earlier results oldest first; the store answers newest first.
    previousPredikats: previous
      .flatMap((a) => (a.predikat && a.stage === "done" ? [a.predikat] : []))
      .reverse(),
    at: deps.clock.now(),
  });
  const credit = creditPointsOf(record, cycle, record.predikat);
  const recommendations = [...followUp.recommendations];
  if (credit && "award" in credit)
    recommendations.push(
      `Angka kredit periode ini: ${formatNumber(credit.award.points)} (${credit.award.months}/12 x ${formatNumber(credit.award.multiplier * 100)}% x koefisien ${formatNumber(credit.award.coefficient)}; Peraturan BKN 3/2023).`,
    );
  if (credit && "missing" in credit)
    recommendations.push(
      "Jenjang jabatan fungsional belum tercatat, sehingga angka kredit tidak dihitung: lengkapi kolom jenjang pada data pegawai.",
    );
  // PP 94/2021 counts unauthorised absence per calendar year: January of the period's last year up to its end.
  const toMonth = cycle.periodEnd.slice(0, 7);
  const attendance = await deps.store.attendance(record.nip, `${toMonth.slice(0, 4)}-01`, toMonth);
  const discipline = disciplineFindingFromAttendance(attendance, toMonth);
  await save(
    deps,
    record,
    {
      stage: "done",
      followUp: {
        ...followUp,
        recommendations,
        employmentType,
        ...(credit && "award" in credit ? { creditPoints: credit.award } : {}),
      },
      ...(discipline ? { discipline } : {}),
    },
    "follow-up",
    {
      actor: "system",
      action: "follow-up",
      detail: {
        kind: followUp.kind,
        consecutivePoor: followUp.consecutivePoor,
        employmentType,
        ...(credit && "award" in credit ? { creditPoints: credit.award.points } : {}),
        ...(discipline ? { absentDays: discipline.absentDays, discipline: discipline.sanction.code } : {}),
      },
    },
  );
  return { kind: followUp.kind };
}
