// Core functions of the launch workflow: page the cycle's participants (sub-units included; the top of the hierarchy
// when the org settings name their appraiser, else recorded as skipped), create their appraisal records
// idempotently, and count the executions started.
import * as v from "valibot";
import type { Clock } from "../clock/clock";
import type {
  FlowAppraisal,
  FlowEmployee,
  FlowPerson,
  FlowStore,
  LaunchSkip,
} from "../appraisal-flow/flow-store";
import { topOfficialAppraiserPerson } from "../appraisal-flow/officials";
import { CycleNotFoundError, InvalidStepInputError, MissingDataError } from "../workflow/workflow.errors";

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
const CursorSchema = v.object({
  unit: v.pipe(v.number(), v.integer(), v.minValue(0)),
  inner: v.nullable(v.string()),
});

function decodeCursor(cursor: string | null): v.InferOutput<typeof CursorSchema> {
  if (cursor === null) return { unit: 0, inner: null };
  try {
    return v.parse(CursorSchema, JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch (err) {
    throw new InvalidStepInputError(`cursor: not a launch cursor (${(err as Error).message})`);
  }
}

const encodeCursor = (c: v.InferOutput<typeof CursorSchema>) =>
  Buffer.from(JSON.stringify(c)).toString("base64url");

/** PrepareParticipantPage: one page of participants with their records created (idempotent). */
export async function prepareParticipantPage(
  deps: LaunchDeps,
  input: {
    cycleId: string;
    cursor: string | null;
    /** Participants read and prepared per page (Map items per page); launch-cycle.asl.json sets it. */
    pageSize: number;
    /** The appraisal state machine the Map starts: its executions' ARNs are known before they start. */
    appraisalStateMachineArn?: string;
  },
): Promise<{ items: LaunchItem[]; nextCursor: string | null }> {
  const cycle = await deps.store.getCycle(input.cycleId);
  if (!cycle) throw new CycleNotFoundError(`cycle ${input.cycleId} does not exist`);
  const units = (await deps.store.unitsWithDescendants(cycle.unitIds)).slice().sort();
  const limit = input.pageSize;
  let cursor = decodeCursor(input.cursor);
  // The top of the hierarchy (no superior) is appraised by the appraiser of the top the org settings name; without
  // one they are left out and the cycle records why (HR sees it).
  const settings = await deps.store.orgSettings();
  const topAppraiser = settings ? topOfficialAppraiserPerson(settings) : undefined;
  const participants: FlowEmployee[] = [];
  const skipped: LaunchSkip[] = [];
  let read = 0;
  while (read < limit && cursor.unit < units.length) {
    const page = await deps.store.listEmployeesOfUnits([units[cursor.unit]!], cursor.inner, limit - read);
    read += page.items.length;
    for (const e of page.items) {
      if (participates(e, topAppraiser)) participants.push(e);
      else skipped.push({ nip: e.nip, name: e.name, unitId: e.unitId, reason: "top-official-no-appraiser" });
    }
    cursor = page.nextCursor
      ? { unit: cursor.unit, inner: page.nextCursor }
      : { unit: cursor.unit + 1, inner: null };
  }
  // Most of a page shares a few appraisers: look each person up once; then write the page's records together.
  const people = new Map<string, Promise<FlowEmployee | undefined>>();
  const lookup = (nip: string) => {
    let found = people.get(nip);
    if (!found) people.set(nip, (found = deps.store.getEmployee(nip)));
    return found;
  };
  const records = await Promise.all(
    participants.map((p) =>
      recordOf(cycle.id, p, lookup, topAppraiser, units, input.appraisalStateMachineArn),
    ),
  );
  await deps.store.createAppraisals(records);
  if (skipped.length > 0) await deps.store.recordLaunchSkips(cycle.id, skipped);
  const items = records.map((r) => ({
    appraisalId: r.id,
    cycleId: r.cycleId,
    nip: r.nip,
    executionName: r.executionBaseName,
  }));
  return { items, nextCursor: cursor.unit < units.length ? encodeCursor(cursor) : null };
}

/** Whether an employee of the cycle's units is appraised in it: everyone with a superior, and the top of the hierarchy
 *  when the org settings name its appraiser. */
/** Whether the launch appraises this employee: the top of the hierarchy only with an appraiser of the top set. */
export function participates(
  e: Pick<FlowEmployee, "superiorNip">,
  topAppraiser: FlowPerson | undefined,
): boolean {
  return Boolean(e.superiorNip || topAppraiser);
}

/**
 * The ARN an execution named `name` of `stateMachineArn` gets (Step Functions' format, the local engine's too): the
 * launch records it with the new record, so the execution's LoadAppraisal finds itself recorded and writes nothing.
 */
export const executionArnOf = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;

async function recordOf(
  cycleId: string,
  employee: FlowEmployee,
  lookup: (nip: string) => Promise<FlowEmployee | undefined>,
  topAppraiser: FlowPerson | undefined,
  units: string[],
  stateMachineArn: string | undefined,
): Promise<FlowAppraisal> {
  const inOrganisation = employee.superiorNip ? await lookup(employee.superiorNip) : undefined;
  const appraiser = inOrganisation ?? (employee.superiorNip ? undefined : topAppraiser);
  if (!appraiser)
    throw new MissingDataError(`employee ${employee.nip}: appraiser ${employee.superiorNip} does not exist`);
  // An appraiser without a superior in the organisation (the top, or an official outside it) leaves none here: their
  // appraisees' objections go to the staffing authority (appraisal-flow whoMustAct).
  const superior = inOrganisation?.superiorNip ? await lookup(inOrganisation.superiorNip) : undefined;
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
    ...(employee.employmentType ? { employmentType: employee.employmentType } : {}),
    ...(employee.jenjang ? { jenjang: employee.jenjang } : {}),
    appraiser: {
      nip: appraiser.nip,
      name: appraiser.name,
      email: appraiser.email,
      ...(appraiser.external ? { external: appraiser.external } : {}),
    },
    ...(superior
      ? { superiorOfAppraiser: { nip: superior.nip, name: superior.name, email: superior.email } }
      : {}),
    // Rule 27: an appraiser appraised in this cycle has an SKP the employee's cascades from (its record may be written
    // on a later launch page); one who is not leaves the employee at the top of the cascade.
    appraiserInCycle: Boolean(
      inOrganisation && units.includes(inOrganisation.unitId) && participates(inOrganisation, topAppraiser),
    ),
    stage: "target-setting",
    version: 1,
    executionBaseName: appraisalId,
    ...(stateMachineArn ? { executionArn: executionArnOf(stateMachineArn, appraisalId) } : {}),
    appliedSteps: [],
  };
  return record;
}

/** RecordLaunchPage: counts this page's outcomes (idempotent per page) and says whether to go on here or continue as new. */
export async function recordLaunchPage(
  deps: LaunchDeps,
  input: {
    cycleId: string;
    /** The launch execution's name: pages are counted per launch, so a relaunch's counts stand beside the first. */
    launchName: string;
    cursor: string | null;
    nextCursor: string | null;
    outcomes: { outcome: "started" | "already-exists" }[];
    pagesInExecution: number;
  },
): Promise<{
  done: boolean;
  continueAsNew: boolean;
  pagesInExecution: number;
  started: number;
  alreadyExisting: number;
}> {
  const started = input.outcomes.filter((o) => o.outcome === "started").length;
  const alreadyExisting = input.outcomes.length - started;
  const totals = await deps.store.recordLaunchPage(
    input.cycleId,
    `${input.launchName}#${input.cursor ?? "first"}`,
    {
      started,
      alreadyExisting,
      pages: 1,
    },
  );
  const done = input.nextCursor === null;
  if (done) await deps.store.setCycleStatus(input.cycleId, "running");
  const pagesInExecution = input.pagesInExecution + 1;
  return {
    done,
    continueAsNew: !done && pagesInExecution >= LAUNCH_PAGES_PER_EXECUTION,
    pagesInExecution,
    ...totals,
  };
}

/** MarkLaunchFailed: records on the cycle why the launch stopped (HR fixes the data and relaunches). */
export async function markLaunchFailed(
  deps: LaunchDeps,
  input: { cycleId: string; error: { Error: string; Cause?: string } },
): Promise<void> {
  await deps.store.setCycleStatus(
    input.cycleId,
    "launch-failed",
    `${input.error.Error}: ${input.error.Cause ?? ""}`.slice(0, 2000),
  );
}
