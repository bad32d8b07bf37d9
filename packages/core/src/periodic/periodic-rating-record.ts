// Recording a periodic rating (decision kind `periodic-rating`): the appraising official's ratings of the team for one
// period land on each member's periodic result (the periodicResult item and the appraisal record's `periodicResults`)
// with one audit entry per appraisal. No workflow waits for this decision: the decision service "delivers" it by calling
// recordPeriodicRating instead of SendTaskSuccess, so a failed recording stays `undelivered` and the daily redelivery
// sweep records it again. Every write is idempotent (same values, deterministic audit ids).
import type { Clock } from "../clock/clock";
import type { DecisionRecord, DecisionStorage } from "../decision/decision.repo";
import { addDays, calendarDateIn } from "../period/calendar";
import { labelOf } from "../i18n/labels";
import { entitiesOf, type Entities } from "../storage/entities";
import { predikatFor, type Predikat } from "../rating/rating";
import { isConditionFailure, TransientError } from "../storage/storage.errors";
import { COACHING_DIALOGUE_DAYS, type PeriodicRating, type PeriodicResult } from "./periodic";
import type { PeriodicRatingBody } from "./periodic-rating-body";
import { PERIODIC_RATING_KIND } from "../decision/decision-kinds";

/** One team member as the rating page shows them: the period's automatic snapshot. */
export interface PeriodicRatingMember {
  appraisalId: string;
  nip: string;
  name: string;
  overallAchievementPct: number | null;
  atRisk: boolean;
  riskReasons: string[];
  suggestedHasilKerja: string;
  attendanceRate: number | null;
}

/** The context of a periodic-rating decision (what the page lists and the recording needs). */
export interface PeriodicRatingContext {
  cycleId: string;
  cycleName: string;
  period: { key: string; label: string; labelEn: string; start: string; end: string };
  evaluatedAt: string;
  appraiser: { nip: string; name: string };
  members: PeriodicRatingMember[];
}

/** Predikats below Baik: a periodic result there opens a coaching dialogue (it never counts towards sanctions). */
const NEEDS_COACHING: ReadonlySet<Predikat> = new Set(["butuh_perbaikan", "kurang", "sangat_kurang"]);

/** The result with the rating, and a coaching dialogue opened by a poor predikat when none is open yet. */
function withRating(result: PeriodicResult, rating: PeriodicRating, appraiserNip: string): PeriodicResult {
  const coaching =
    result.coaching ??
    (NEEDS_COACHING.has(rating.predikat)
      ? {
          status: "opened" as const,
          openedAt: rating.ratedAt,
          dueBy: addDays(calendarDateIn(new Date(rating.ratedAt)), COACHING_DIALOGUE_DAYS),
          appraiserNip,
        }
      : null);
  return { ...result, rating, coaching };
}

/** Records a decided periodic rating on every rated member (idempotent); throws when a write failed (retried later). */
export async function recordPeriodicRating(
  storage: DecisionStorage,
  clock: Clock,
  decision: DecisionRecord,
): Promise<{ recorded: number }> {
  const outcome = (decision.outcome ?? {}) as {
    decision?: PeriodicRatingBody;
    decidedBy?: { nip: string; name: string; role: string };
    decidedAt?: string;
    linkId?: string;
  };
  const ctx = decision.context as unknown as PeriodicRatingContext;
  const by = outcome.decidedBy ?? decision.decidedBy;
  const at = outcome.decidedAt ?? decision.decidedAt;
  if (!outcome.decision || !by || !at)
    throw new TransientError(`decision ${decision.decisionKey} has no outcome`);
  const { periodicResult: results, appraisal: appraisals, auditEvent: audit } = entitiesOf(storage);
  const periodKey = ctx.period.key;
  let recorded = 0;
  for (const row of outcome.decision.ratings) {
    // decide() refused rows outside the team, so an unknown row can only be a stale context: skip it.
    if (!ctx.members.some((m) => m.appraisalId === row.appraisalId)) continue;
    const rating: PeriodicRating = {
      hasilKerja: row.hasilKerja,
      perilaku: row.perilaku,
      predikat: predikatFor(row.hasilKerja, row.perilaku),
      ...(row.note ? { note: row.note } : {}),
      ratedBy: { nip: by.nip, name: by.name },
      ratedAt: at,
      decisionId: decision.decisionId,
    };
    const stored = (await results.get({ appraisalId: row.appraisalId, periodKey }).go({ consistent: true }))
      .data;
    if (!stored) continue; // the snapshot is the period's record; without it there is nothing to rate
    const before = stored.result as PeriodicResult;
    const result = withRating(before, rating, stored.appraiserNip);
    await results.patch({ appraisalId: row.appraisalId, periodKey }).set({ result }).go({ response: "none" });
    await attachToAppraisal(appraisals, row.appraisalId, result, clock);
    await audit
      .put([
        {
          appraisalId: row.appraisalId,
          eventId: `periodic-rating-${periodKey}`,
          at,
          actor: by.nip,
          // Like "reviewed" beside a review's decision entry: the decision's own entry is the team's (decide()).
          action: "periodic-rating",
          kind: PERIODIC_RATING_KIND,
          ...(outcome.linkId ? { linkId: outcome.linkId } : {}),
          detail: {
            decisionId: decision.decisionId,
            role: by.role,
            name: by.name,
            periodKey,
            label: ctx.period.label,
            hasilKerja: rating.hasilKerja,
            perilaku: rating.perilaku,
            predikat: rating.predikat,
            ...(rating.note ? { note: rating.note } : {}),
          },
        },
        // A poor periodic predikat asks for the coaching dialogue (once; an at-risk snapshot may have opened it).
        ...(!before.coaching && result.coaching
          ? [
              {
                appraisalId: row.appraisalId,
                eventId: `coaching-rating-${periodKey}`,
                at,
                actor: "system",
                action: "coaching-dialogue-opened",
                detail: {
                  periodKey,
                  appraiserNip: stored.appraiserNip,
                  dueBy: result.coaching.dueBy,
                  reasons: [`Predikat periodik ${ctx.period.label}: ${labelOf("predikat", rating.predikat)}`],
                },
              },
            ]
          : []),
      ])
      .go();
    recorded += 1;
  }
  return { recorded };
}

/** Replaces the period's entry in the appraisal record's periodic results (optimistic on the record's version). */
async function attachToAppraisal(
  appraisals: Entities["appraisal"],
  appraisalId: string,
  result: PeriodicResult,
  clock: Clock,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const record = (await appraisals.get({ id: appraisalId }).go({ consistent: true })).data;
    if (!record) return;
    const list = (record.periodicResults ?? []) as PeriodicResult[];
    const index = list.findIndex((r) => r.periodKey === result.periodKey);
    if (index >= 0 && JSON.stringify(list[index]) === JSON.stringify(result)) return;
    const next = index >= 0 ? list.map((r, i) => (i === index ? result : r)) : [...list, result];
    try {
      await appraisals
        .patch({ id: appraisalId })
        .set({ periodicResults: next, updatedAt: clock.now().toISOString() })
        .add({ version: 1 })
        .where((attr, { eq }) => eq(attr.version, record.version))
        .go({ response: "none" });
      return;
    } catch (error) {
      // The workflow wrote the record meanwhile: read it again and put the rating on the newer version.
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new TransientError(`appraisal ${appraisalId} kept changing while recording its periodic rating`);
}
