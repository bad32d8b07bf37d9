// The dashboard overview (issue 17 item 2): per cycle the counts per stage, the predikat distribution and how many
// employees are at risk, from ONE read of the cycle's appraisal records (listByCycle), never a read per appraisal,
// so the overview of ten cycles costs ten queries however many people they hold.
import { APPRAISAL_STAGES } from "../../appraisal-record/appraisal-record.entity";
import { PREDIKATS, type Predikat } from "../../rating/rating";
import { atRiskOf, cycleSummary, type HrDeps } from "./hr.service";

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
}

/** Every cycle with its overview, in the order the cycles are listed (newest first). */
export async function cycleOverviews(deps: Pick<HrDeps, "storage">): Promise<CycleOverview[]> {
  const cycles = await deps.storage.cycles.listCycles();
  return Promise.all(
    cycles.map(async (c) => {
      const records = await deps.storage.appraisals.listByCycle(c.cycleId);
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
      };
    }),
  );
}
