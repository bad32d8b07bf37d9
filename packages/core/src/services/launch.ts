// Core functions of the launch workflow: page the cycle's participants (sub-units included, top officials
// excluded), create their appraisal records idempotently, and count the executions started.
import * as v from "valibot";
import type { Clock } from "../clock/clock";
import type { FlowAppraisal, FlowEmployee, FlowStore } from "./flow-store";
import { CycleNotFoundError, InvalidStepInputError, MissingDataError } from "./workflow.errors";

/** Participants read and prepared per launch page (Map items per page). */
export const LAUNCH_PAGE_SIZE = 100;
/** Pages one launch execution handles before continuing in a new one (keeps history far below 25,000 events). */
export const LAUNCH_PAGES_PER_EXECUTION = 20;

/** Deps of the launch services. */
export interface LaunchDeps {
  store: FlowStore;
  clock: Clock;
}

/** One Map item: an appraisal execution to start. */
export interface LaunchItem {
  appraisalId: string;
  cycleId: string;
  nip: string;
  executionName: string;
}

/** The deterministic id of an employee's appraisal in a cycle (relaunch finds the same record). */
export const appraisalIdOf = (cycleId: string, nip: string) => `${cycleId}-${nip}`;

/** Cursor across units: which unit (index in the sorted unit list) and where within it. */
const CursorSchema = v.object({ unit: v.pipe(v.number(), v.integer(), v.minValue(0)), inner: v.nullable(v.string()) });

function decodeCursor(cursor: string | null): v.InferOutput<typeof CursorSchema> {
  if (cursor === null) return { unit: 0, inner: null };
  try {
    return v.parse(CursorSchema, JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch (err) {
    throw new InvalidStepInputError(`cursor: not a launch cursor (${(err as Error).message})`);
  }
}

const encodeCursor = (c: v.InferOutput<typeof CursorSchema>) => Buffer.from(JSON.stringify(c)).toString("base64url");

/** PrepareParticipantPage: one page of participants with their records created (idempotent). */
export async function prepareParticipantPage(
  deps: LaunchDeps,
  input: { cycleId: string; cursor: string | null; pageSize?: number },
): Promise<{ items: LaunchItem[]; nextCursor: string | null }> {
  const cycle = await deps.store.getCycle(input.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${input.cycleId} does not exist`);
  const units = (await deps.store.unitsWithDescendants(cycle.unitIds)).slice().sort();
  const limit = input.pageSize ?? LAUNCH_PAGE_SIZE;
  let cursor = decodeCursor(input.cursor);
  const items: LaunchItem[] = [];
  while (items.length < limit && cursor.unit < units.length) {
    const page = await deps.store.listEmployeesOfUnits([units[cursor.unit]!], cursor.inner, limit - items.length);
    for (const employee of page.items) {
      // DESIGN 3.1: the top official (no superior) is appraised outside the system.
      if (!employee.superiorNip) continue;
      items.push(await prepareRecord(deps, cycle.id, employee));
    }
    cursor = page.nextCursor ? { unit: cursor.unit, inner: page.nextCursor } : { unit: cursor.unit + 1, inner: null };
  }
  return { items, nextCursor: cursor.unit < units.length ? encodeCursor(cursor) : null };
}

async function prepareRecord(deps: LaunchDeps, cycleId: string, employee: FlowEmployee): Promise<LaunchItem> {
  const appraiser = await deps.store.getEmployee(employee.superiorNip!);
  if (!appraiser) throw new MissingDataError(`employee ${employee.nip}: appraiser ${employee.superiorNip} does not exist`);
  const superior = appraiser.superiorNip ? await deps.store.getEmployee(appraiser.superiorNip) : undefined;
  const appraisalId = appraisalIdOf(cycleId, employee.nip);
  const record: FlowAppraisal = {
    id: appraisalId,
    cycleId,
    nip: employee.nip,
    name: employee.name,
    email: employee.email,
    unitId: employee.unitId,
    positionType: employee.positionType,
    unitHead: employee.unitHead,
    appraiser: { nip: appraiser.nip, name: appraiser.name, email: appraiser.email },
    ...(superior ? { superiorOfAppraiser: { nip: superior.nip, name: superior.name, email: superior.email } } : {}),
    stage: "target-setting",
    version: 1,
    executionBaseName: appraisalId,
    appliedSteps: [],
  };
  await deps.store.createAppraisal(record);
  return { appraisalId, cycleId, nip: employee.nip, executionName: appraisalId };
}

/** RecordLaunchPage: counts this page's outcomes (idempotent per page) and says whether to go on here or continue as new. */
export async function recordLaunchPage(
  deps: LaunchDeps,
  input: { cycleId: string; cursor: string | null; nextCursor: string | null; outcomes: { outcome: "started" | "already-exists" }[]; pagesInExecution: number },
): Promise<{ done: boolean; continueAsNew: boolean; pagesInExecution: number; started: number; alreadyExisting: number }> {
  const started = input.outcomes.filter((o) => o.outcome === "started").length;
  const alreadyExisting = input.outcomes.length - started;
  const totals = await deps.store.recordLaunchPage(input.cycleId, input.cursor ?? "first", { started, alreadyExisting, pages: 1 });
  const done = input.nextCursor === null;
  if (done) await deps.store.setCycleStatus(input.cycleId, "running");
  const pagesInExecution = input.pagesInExecution + 1;
  return { done, continueAsNew: !done && pagesInExecution >= LAUNCH_PAGES_PER_EXECUTION, pagesInExecution, ...totals };
}

/** MarkLaunchFailed: records on the cycle why the launch stopped (HR fixes the data and relaunches). */
export async function markLaunchFailed(deps: LaunchDeps, input: { cycleId: string; error: { Error: string; Cause?: string } }): Promise<void> {
  await deps.store.setCycleStatus(input.cycleId, "launch-failed", `${input.error.Error}: ${input.error.Cause ?? ""}`.slice(0, 2000));
}
