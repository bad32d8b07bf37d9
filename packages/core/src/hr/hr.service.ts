// What HR does and reads, over the storage repos and the workflow control services: open and launch cycles,
// set organisation ratings, cancel and retry, read a cycle's progress and distribution, one appraisal's story,
// overdue decisions, employees at risk, IKM per unit and the results export. Every HR action is audited.
import { randomBytes } from "node:crypto";
import type { Clock } from "../clock/clock";
import { decisionRepo, type DecisionRecord } from "../decision/decision.repo";
import { checkDistribution } from "../distribution/distribution";
import { computeIkm, type IkmResult } from "../ikm/ikm";
import { IkmNoDataError } from "../ikm/ikm.errors";
import { t, type Lang } from "../i18n/messages";
import {
  importAttendance,
  importEmployees,
  importIndicators,
  importSurvey,
  IMPORTS_AUDIT_SUBJECT,
  type DataImportResult,
  type EmployeeImportResult,
} from "../imports/import-service";
import {
  appendEmployeeUploadPart,
  pagedImportErrors,
  roughRowCount,
  stageEmployeeUpload,
  SYNC_EMPLOYEE_IMPORT_MAX_ROWS,
  type PagedImportAccepted,
} from "../imports/employee-import-job";
import type { Unit } from "../org/org.schema";
import { UnitNotFoundError } from "../org/org.errors";
import { effectiveOrgRating, PREDIKATS, type OrgRating, type Predikat } from "../rating/rating";
import type { Storage } from "../storage/storage";
import { ItemAlreadyExistsError } from "../storage/storage.errors";
import type { AppraisalRecord } from "../appraisal/appraisal-record.repo";
import { APPRAISAL_STAGES } from "../appraisal/appraisal-record.entity";
import {
  cancelAppraisal,
  cancelCycle,
  launchCycle,
  retryAppraisal,
  type ControlDeps,
} from "../cycle/cycle-control";
import { resolveCycleSettings } from "../cycle/cycle-settings";
import { LAUNCH_SKIP_MESSAGES } from "../launch/launch-skip.entity";
import { applyOrgRatingToHead, checkUnitDistribution, type HeadReevaluation } from "../appraisal-flow/review";
import { labelOf } from "../i18n/labels";
import { indicatorScopesOf } from "../appraisal-flow/measurement";
import { buildResultsCsv, type ExportAppraisal, type ExportFormat } from "./export-csv";
import { calendarDateIn } from "../period/calendar";
import type { CycleItem } from "../cycle/cycle.repo";
import {
  HrConflictError,
  HrCycleOverlapError,
  HrInputError,
  HrNotFoundError,
  type HrFieldIssue,
} from "./hr.errors";
import type { CreateCycleInput } from "./hr.schema";
import { listAppraisalMailProblems, listCycleMailProblems } from "../mail/delivery-problem";

/** What the HR services need: storage, the workflow control (launch, cancel, retry) and the clock. */
export interface HrDeps {
  storage: Storage;
  control: ControlDeps;
  clock: Clock;
}

/** The HR person acting (from the verified token). */
export interface HrActor {
  subject: string;
  name?: string;
}

/** Audit subjects of HR actions that are not about one appraisal (the audit trail is keyed by subject). */
export const HR_AUDIT_SUBJECTS = {
  cycle: (cycleId: string) => `cycle:${cycleId}`,
  imports: IMPORTS_AUDIT_SUBJECT,
} as const;

const actorOf = (actor: HrActor) => `hr:${actor.subject}`;

/** Records an HR action once: `eventId` names the change it made (see AuditEventInput.eventId), never the request. */
async function audit(
  deps: HrDeps,
  subject: string,
  actor: HrActor,
  action: string,
  detail: Record<string, unknown>,
  eventId: string,
) {
  await deps.storage.audit.appendAudit({
    appraisalId: subject,
    eventId,
    actor: actorOf(actor),
    action,
    detail: { ...detail, ...(actor.name ? { by: actor.name } : {}) },
  });
}

async function requireCycle(deps: HrDeps, cycleId: string) {
  const cycle = await deps.storage.cycles.getCycle(cycleId);
  if (!cycle) throw new HrNotFoundError("hrCycleNotFound", { cycleId });
  return cycle;
}

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
    const dry = await applyOrgRatingToHead(flow, head.id, actorOf(actor), { dryRun: input.rating });
    if (dry.outcome === "settled") throw refuse(dry);
  }
  const saved = await deps.storage.cycles.setOrgRating({ ...input, setBy: actorOf(actor) });
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
    const done = await applyOrgRatingToHead(flow, head.id, actorOf(actor));
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

/** Runs one CSV import and audits it (rejected files too: who tried what, and how many rows were wrong). */
export async function runImport(
  deps: HrDeps,
  kind: "employees" | "attendance" | "survey" | "indicators",
  csvText: string,
  actor: HrActor,
  lang?: Lang,
  parts = 1,
): Promise<EmployeeImportResult | DataImportResult | PagedImportAccepted> {
  // `lang`: the language of the row messages (English by default). `parts` > 1: an employee file sent in parts.
  const options = { now: deps.clock.now(), ...(lang ? { lang } : {}) };
  if (kind === "employees" && (parts > 1 || roughRowCount(csvText) > SYNC_EMPLOYEE_IMPORT_MAX_ROWS))
    return acceptPagedEmployeeImport(deps, csvText, actor, { ...options, parts });
  const result =
    kind === "employees"
      ? await importEmployees(deps.storage, csvText, options)
      : kind === "attendance"
        ? await importAttendance(deps.storage, csvText, options)
        : kind === "survey"
          ? await importSurvey(deps.storage, csvText, options)
          : await importIndicators(deps.storage, csvText, options, indicatorScopesOf(deps.control.store));
  const { ok: _ok, ...summary } = result as Record<string, unknown>;
  // "import-accepted": every row is staged and the import will complete (resumeImports logs its "import-committed").
  const action = !result.ok
    ? "import-rejected"
    : "status" in result && result.status === "applying"
      ? "import-accepted"
      : "import-committed";
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.imports,
    actor,
    action,
    {
      kind,
      bytes: Buffer.byteLength(csvText),
      ...(result.ok ? summary : { errors: result.errors.length, firstError: result.errors[0] ?? null }),
    },
    // An accepted file is its job; a rejected one left no job, so it is this upload (its request time).
    result.ok ? `${result.importId}#${action}` : `${action}#${kind}#${options.now.toISOString()}`,
  );
  return result;
}

/**
 * A large employee file (over SYNC_EMPLOYEE_IMPORT_MAX_ROWS rows): stored as chunks, then the import-employees
 * workflow validates and writes it (execution named by the import id); HR watches `GET /api/imports/{id}`.
 */
async function acceptPagedEmployeeImport(
  deps: HrDeps,
  csvText: string,
  actor: HrActor,
  options: { now: Date; lang?: Lang; parts: number },
): Promise<PagedImportAccepted> {
  const machine = deps.control.stateMachines.importEmployees;
  if (!machine)
    throw new HrInputError("hrImportTooLargeHere", { max: String(SYNC_EMPLOYEE_IMPORT_MAX_ROWS) }, [
      { path: "file", key: "hrImportTooLargeHere", params: { max: String(SYNC_EMPLOYEE_IMPORT_MAX_ROWS) } },
    ]);
  const accepted = await stageEmployeeUpload(deps.storage, csvText, options);
  if (options.parts === 1)
    await deps.control.control.start(machine, accepted.importId, { importId: accepted.importId });
  await audit(
    deps,
    HR_AUDIT_SUBJECTS.imports,
    actor,
    "import-accepted",
    {
      kind: "employees",
      bytes: Buffer.byteLength(csvText),
      importId: accepted.importId,
      rows: accepted.rows,
    },
    `${accepted.importId}#import-accepted`,
  );
  return accepted;
}

/**
 * `POST /api/imports/{id}/parts/{part}`: the next part of an employee file announced with `?parts=`; the last part
 * starts the import-employees workflow. A part out of order (or sent twice) is refused with 409, changing nothing.
 */
export async function appendEmployeeImportPart(
  deps: HrDeps,
  importId: string,
  part: number,
  csvText: string,
): Promise<PagedImportAccepted> {
  const machine = deps.control.stateMachines.importEmployees;
  const out = await appendEmployeeUploadPart(deps.storage, importId, part, csvText);
  if (!out.ok) {
    if (out.refusal === "unknown") throw new HrNotFoundError("hrImportNotFound", { importId });
    const job = await deps.storage.imports.getJob(importId);
    throw new HrConflictError("hrImportPartRefused", {
      part: String(part),
      expected: String((job?.partsReceived ?? 1) + 1),
      parts: String(job?.uploadParts ?? 1),
    });
  }
  if (out.complete && machine) await deps.control.control.start(machine, importId, { importId });
  const job = await deps.storage.imports.getJob(importId);
  return {
    ok: true,
    importId,
    status: "validating",
    rows: out.rows,
    partsExpected: job?.uploadParts ?? part,
  };
}

/**
 * One import job as `GET /api/imports/{id}` (and `/api/imports/jobs/{id}`) shows it: `status` is `staging` |
 * `applying` (accepted, finishing by itself) | `committed` | `failed`; employee imports: `writing` | `committed` |
 * `failed`, and a large file also `validating` | `rejected`, with `progress` ({rowsDone, rowsTotal}) and, when
 * rejected, every row error (`errors: [{line, field, message}]`, `errorCount`).
 */
export async function importJobStatus(deps: HrDeps, importId: string) {
  const job = await deps.storage.imports.getJob(importId);
  if (!job) throw new HrNotFoundError("hrImportNotFound", { importId });
  const paged = job.kind === "employees" && (job.uploadChunks !== undefined || job.status === "validating");
  return {
    importId: job.importId,
    kind: job.kind,
    status: job.status,
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.counts ? { counts: job.counts as Record<string, number> } : {}),
    ...(job.failureReason ? { failureReason: job.failureReason } : {}),
    ...((job.uploadParts ?? 1) > 1
      ? { upload: { partsReceived: job.partsReceived ?? 1, parts: job.uploadParts } }
      : {}),
    ...(paged
      ? {
          progress: {
            rowsDone: job.status === "committed" ? (job.rowsTotal ?? 0) : (job.rowsDone ?? 0),
            rowsTotal: job.rowsTotal ?? null,
          },
        }
      : {}),
    ...(job.status === "rejected"
      ? { errorCount: job.errorCount ?? 0, errors: await pagedImportErrors(deps.storage, job) }
      : {}),
  };
}

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

/** The organisation rating that applies to a unit (the workflow and the dashboard share it, rating.ts). */
export { effectiveOrgRating };

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

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
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

/** `GET /api/units/{unitId}/ikm`: the unit's IKM over the survey responses submitted in [from, to]. */
export async function unitIkm(
  deps: HrDeps,
  unitId: string,
  query: { from?: string; to?: string; weighting?: "exact" | "regulation-0.11" },
): Promise<
  { unitId: string; from: string | null; to: string | null } & Omit<IkmResult, "ikm"> & { ikm: number }
> {
  if (!(await deps.storage.org.getUnit(unitId))) throw new HrNotFoundError("hrUnitNotFound", { unitId });
  const responses = await deps.storage.imports.surveyResponsesOf(unitId, { from: query.from, to: query.to });
  if (responses.length === 0) throw new HrNotFoundError("hrNoSurvey", { unitId });
  try {
    const result = computeIkm(
      responses.map((r) => ({ scores: r.scores as (1 | 2 | 3 | 4 | null)[] })),
      { weighting: query.weighting ?? "exact" },
    );
    return { unitId, from: query.from ?? null, to: query.to ?? null, ...result };
  } catch (err) {
    if (err instanceof IkmNoDataError)
      throw new HrConflictError(
        err.elements.length === 9 ? "hrIkmNoRespondents" : "hrIkmMissingElements",
        { unitId, elements: err.elements.map((e) => `u${e}`).join(", ") },
        { cause: err },
      );
    throw err;
  }
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

/** `GET /api/units`: every unit with its parent and head. */
export async function listUnits(deps: HrDeps) {
  const units = await deps.storage.org.listUnits();
  return units.sort((a, b) => a.unitId.localeCompare(b.unitId));
}

/** `GET /api/employees?limit=&after=`: one page of the whole organisation in NIP order (merged across shards). */
export async function listEmployeePage(deps: HrDeps, query: { limit: number; after?: string }) {
  return deps.storage.org.listEmployeesPage(query.after ?? null, query.limit);
}

/** `GET /api/employees?unit=`: everyone, or one unit's people (optionally with its sub-units). */
export async function listEmployees(deps: HrDeps, query: { unit?: string; subUnits?: boolean }) {
  if (!query.unit) return deps.storage.org.listEmployees();
  if (!(await deps.storage.org.getUnit(query.unit)))
    throw new HrNotFoundError("hrUnitNotFound", { unitId: query.unit });
  try {
    return await deps.storage.org.listEmployeesByUnit(query.unit, {
      includeSubUnits: query.subUnits ?? false,
    });
  } catch (err) {
    if (err instanceof UnitNotFoundError)
      throw new HrNotFoundError("hrUnitNotFound", { unitId: err.unitId }, { cause: err });
    throw err;
  }
}
