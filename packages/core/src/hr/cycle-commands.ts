// HR's commands on cycles: create (with the overlap and past-period guards) and launch, relaunch, cancel a cycle or
// one appraisal, retry a failed appraisal, and set a unit's organisation rating (re-evaluating the heads it concerns).
// Every action is audited on the cycle (hr-deps.ts).
import { randomBytes } from "node:crypto";
import { applyOrgRatingToHead, checkUnitDistribution, type HeadReevaluation } from "../appraisal-flow/review";
import { cancelAppraisal, cancelCycle, launchCycle, retryAppraisal } from "../cycle/cycle-control";
import type { CycleItem } from "../cycle/cycle.repo";
import { labelOf } from "../i18n/labels";
import { calendarDateIn } from "../period/calendar";
import type { OrgRating } from "../rating/rating";
import { ItemAlreadyExistsError } from "../storage/storage.errors";
import { audit, HR_AUDIT_SUBJECTS, hrActorOf, requireCycle, type HrActor, type HrDeps } from "./hr-deps";
import {
  HrConflictError,
  HrCycleOverlapError,
  HrInputError,
  HrNotFoundError,
  type HrFieldIssue,
} from "./hr.errors";
import type { CreateCycleInput } from "./hr.schema";

/** A new cycle id: readable (kind and year) and unguessable enough not to collide. */
export function newCycleId(input: Pick<CreateCycleInput, "kind" | "periodStart">): string {
  return `${input.kind}-${input.periodStart.slice(0, 7)}-${randomBytes(3).toString("hex")}`;
}

/** Creates a cycle and starts its launch workflow (DESIGN 3: `POST /api/cycles` -> 202 {id, status}). */
export async function createAndLaunchCycle(
  deps: HrDeps,
  input: CreateCycleInput,
  actor: HrActor,
): Promise<{ id: string; status: string }> {
  if (!(await deps.storage.org.currentState())) {
    throw new HrInputError("hrNoOrganisation", {}, [{ path: "unitIds", key: "hrNoOrganisationField" }]);
  }
  if (input.unitIds) {
    const issues: HrFieldIssue[] = [];
    for (const [i, unitId] of input.unitIds.entries()) {
      if (!(await deps.storage.org.getUnit(unitId)))
        issues.push({ path: `unitIds.${i}`, key: "hrUnitNotFound", params: { unitId } });
    }
    if (issues.length > 0) throw new HrInputError("hrUnknownUnits", {}, issues);
  }
  const id = input.id ?? newCycleId(input);
  // A retry with the caller's own id answers "already exists" below, not "overlaps itself".
  const exists = input.id ? await deps.storage.cycles.getCycle(input.id) : undefined;
  const today = calendarDateIn(deps.clock.now());
  if (!exists && input.periodEnd < today && !input.confirmPast)
    throw new HrConflictError("hrCyclePast", { periodEnd: input.periodEnd, today });
  const overlaps = exists ? [] : await overlappingCycles(deps, input);
  if (overlaps.length > 0 && !input.allowOverlap) {
    const first = overlaps[0]!;
    throw new HrCycleOverlapError({
      cycleId: first.cycleId,
      name: first.name,
      periodStart: first.periodStart,
      periodEnd: first.periodEnd,
    });
  }
  try {
    await deps.storage.cycles.createCycle({
      cycleId: id,
      name: input.name,
      kind: input.kind,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      ...(input.unitIds ? { unitIds: input.unitIds } : {}),
      settings: input.settings ?? {},
    });
  } catch (err) {
    if (err instanceof ItemAlreadyExistsError)
      throw new HrConflictError("hrCycleExists", { cycleId: id }, { cause: err });
    throw err;
  }
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.cycle(id),
    actor,
    "cycle-created",
    {
      name: input.name,
      kind: input.kind,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      unitIds: input.unitIds ?? null,
      settings: input.settings ?? {},
      ...(overlaps.length > 0 ? { overlaps: overlaps.map((c) => c.cycleId), allowOverlap: true } : {}),
      ...(input.periodEnd < today ? { pastPeriodConfirmed: true } : {}),
    },
    "cycle-created",
  );
  return relaunchCycle(deps, id, actor);
}

/** A unit and every unit below it (`parents`: unit -> parent unit). */
export function withSubUnits(
  unitIds: readonly string[],
  parents: ReadonlyMap<string, string | undefined>,
): Set<string> {
  const out = new Set<string>();
  for (const unitId of parents.keys()) {
    const seen = new Set<string>();
    for (let at: string | undefined = unitId; at && !seen.has(at); at = parents.get(at)) {
      seen.add(at);
      if (unitIds.includes(at)) {
        out.add(unitId);
        break;
      }
    }
  }
  for (const unitId of unitIds) out.add(unitId);
  return out;
}

/**
 * Live cycles (not cancelled) that the new one would duplicate: the same kind, an overlapping period (both ends
 * inclusive) and some of the same employees (the whole organisation, or units that share a unit once sub-units are
 * included). Different kinds never duplicate each other: the quarterly or monthly cycles of a year are periodic
 * evaluations that live inside its annual cycle (DOMAIN 9: periodic and annual evaluation). Oldest first.
 */
export async function overlappingCycles(
  deps: HrDeps,
  input: Pick<CreateCycleInput, "kind" | "periodStart" | "periodEnd" | "unitIds">,
): Promise<CycleItem[]> {
  const candidates = (await deps.storage.cycles.listCycles()).filter(
    (c) =>
      c.status !== "cancelled" &&
      c.kind === input.kind &&
      c.periodStart <= input.periodEnd &&
      input.periodStart <= c.periodEnd,
  );
  if (candidates.length === 0) return [];
  const units = await deps.storage.org.listUnits();
  const parents = new Map(units.map((u) => [u.unitId, u.parentUnitId]));
  const mine = input.unitIds ? withSubUnits(input.unitIds, parents) : undefined;
  return candidates
    .filter((c) => {
      if (!mine || !c.unitIds || c.unitIds.length === 0) return true;
      const theirs = withSubUnits(c.unitIds, parents);
      return [...theirs].some((u) => mine.has(u));
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.cycleId.localeCompare(b.cycleId));
}

/** Starts (or, after a failed start, restarts) a cycle's launch; the deterministic execution name makes it idempotent. */
export async function relaunchCycle(
  deps: HrDeps,
  cycleId: string,
  actor: HrActor,
): Promise<{ id: string; status: string }> {
  const cycle = await requireCycle(deps, cycleId);
  if (cycle.status === "cancelled") throw new HrConflictError("hrCycleCancelled", { cycleId });
  const out = await launchCycle(deps.control, cycleId);
  // The launch execution starts once per cycle (its name is fixed), so its start is one event; a request that started
  // nothing is a request of its own, named by its time.
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.cycle(cycleId),
    actor,
    "cycle-launched",
    { started: out.started },
    out.started ? "cycle-launched" : `cycle-launched#again#${deps.clock.now().toISOString()}`,
  );
  const after = await requireCycle(deps, cycleId);
  return { id: cycleId, status: after.status };
}

/** Cancels every live appraisal of a cycle and the cycle itself. */
export async function cancelCycleAsHr(
  deps: HrDeps,
  cycleId: string,
  reason: string,
  actor: HrActor,
): Promise<{ id: string; status: string; cancelled: number }> {
  const cycle = await requireCycle(deps, cycleId);
  if (cycle.status === "cancelled") throw new HrConflictError("hrCycleAlreadyCancelled", { cycleId });
  const out = await cancelCycle(deps.control, { cycleId, by: actor.subject, reason });
  // A cycle is cancelled once (a cancelled cycle refuses another cancel above).
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.cycle(cycleId),
    actor,
    "cycle-cancelled",
    { reason, appraisalsCancelled: out.cancelled },
    "cycle-cancelled",
  );
  return { id: cycleId, status: "cancelled", cancelled: out.cancelled };
}

/** Cancels one appraisal (its own audit trail records who and why). */
export async function cancelAppraisalAsHr(deps: HrDeps, appraisalId: string, reason: string, actor: HrActor) {
  return cancelAppraisal(deps.control, { appraisalId, by: actor.subject, reason });
}

/** Retries a failed appraisal from the stage it failed in (its own audit trail records it). */
export async function retryAppraisalAsHr(deps: HrDeps, appraisalId: string, actor: HrActor) {
  return retryAppraisal(deps.control, { appraisalId, by: actor.subject });
}

/**
 * Sets a unit's organisation rating in a cycle (DOMAIN 6.4). Sub-units without their own rating follow it
 * (effectiveOrgRating). A head reviewed before it was set is re-evaluated at once (applyOrgRatingToHead: rule 11, the
 * head mailed, audited with HR as actor) and the distribution of every unit following the rating is re-checked. A
 * change that would move a settled head's results rating (objection decided, follow-up ran) is refused with 409 and
 * the previous rating kept.
 */
export async function setOrgRating(
  deps: HrDeps,
  input: { unitId: string; cycleId: string; rating: OrgRating },
  actor: HrActor,
) {
  const cycle = await requireCycle(deps, input.cycleId);
  if (cycle.status === "cancelled") throw new HrConflictError("hrCycleCancelled", { cycleId: input.cycleId });
  if (!(await deps.storage.org.getUnit(input.unitId)))
    throw new HrNotFoundError("hrUnitNotFound", { unitId: input.unitId });
  const flow = deps.control;
  const following = await flow.store.unitsFollowingOrgRating(input.cycleId, input.unitId);
  const heads = (await deps.storage.appraisals.listByCycle(input.cycleId)).filter(
    (r) => r.unitHead && following.includes(r.unitId) && r.stage !== "cancelled",
  );
  const previous = await deps.storage.cycles.getOrgRating(input.cycleId, input.unitId);
  const refuse = (settled: Extract<HeadReevaluation, { outcome: "settled" }>) =>
    new HrConflictError("hrOrgRatingHeadSettled", {
      unitId: input.unitId,
      name: settled.name,
      appraisalId: settled.appraisalId,
      stage: labelOf("stage", settled.stage),
      rating: labelOf("orgRating", input.rating),
      previous: previous ? labelOf("orgRating", previous.rating) : "belum ditetapkan",
      before: labelOf("rating", settled.hasilKerja.before),
      after: labelOf("rating", settled.hasilKerja.after),
    });
  for (const head of heads) {
    const dry = await applyOrgRatingToHead(flow, head.id, hrActorOf(actor), { dryRun: input.rating });
    if (dry.outcome === "settled") throw refuse(dry);
  }
  const saved = await deps.storage.cycles.setOrgRating({ ...input, setBy: hrActorOf(actor) });
  const change = `org-rating#${input.unitId}#${saved.setAt}`;
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.cycle(input.cycleId),
    actor,
    "org-rating-set",
    { unitId: input.unitId, rating: input.rating, previous: previous?.rating ?? null },
    change,
  );
  const headsRevised: { appraisalId: string; hasilKerja: string; predikat: string }[] = [];
  for (const head of heads) {
    const done = await applyOrgRatingToHead(flow, head.id, hrActorOf(actor));
    if (done.outcome === "revised")
      headsRevised.push({
        appraisalId: done.appraisalId,
        hasilKerja: done.hasilKerja.after,
        predikat: done.predikat.after,
      });
    if (done.outcome === "settled") {
      // The head moved past feedback between the check and the write: keep the rating it was settled under.
      if (previous)
        await deps.storage.cycles.setOrgRating({
          ...input,
          rating: previous.rating as OrgRating,
          setBy: previous.setBy,
        });
      else
        await deps.storage.entities.orgRating.delete({ cycleId: input.cycleId, unitId: input.unitId }).go();
      await audit(
        deps,
        HR_AUDIT_SUBJECTS.cycle(input.cycleId),
        actor,
        "org-rating-set",
        {
          unitId: input.unitId,
          rating: previous?.rating ?? null,
          previous: input.rating,
          reverted: done.appraisalId,
        },
        `${change}#reverted`,
      );
      throw refuse(done);
    }
  }
  for (const unitId of following) await checkUnitDistribution(flow, input.cycleId, unitId);
  return {
    cycleId: saved.cycleId,
    unitId: saved.unitId,
    rating: saved.rating,
    setBy: saved.setBy,
    setAt: saved.setAt,
    headsRevised,
  };
}
