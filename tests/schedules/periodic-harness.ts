// Test world for the periodic evaluations: the workflows' world (DynamoDB Local, the real local engine with every
// registered ASL file and the real handlers, the outbox mail, an adjustable clock) plus helpers that seed running
// cycles whose appraisals are in measurement with an approved SKP, and imported measurement data.
import type { FlowAppraisal } from "../../packages/core/src/appraisal-flow/flow-store";
import { createFlowEntities } from "../../packages/core/src/appraisal-flow/flow-store.dynamo";
import type { ExecutionRow } from "../../packages/local/src/engine/index";
import { startWorld, type World } from "../workflows/harness";
import { stateMachines } from "../../workflows/registry";

export type { World } from "../workflows/harness";

/** Starts a world at `startAt` (ISO); `options.wrap` injects faults around the real handlers. */
export async function startPeriodicWorld(
  startAt: string,
  options: Parameters<typeof startWorld>[1] = {},
): Promise<
  World & { arnOf(machine: "periodicDispatch" | "periodicEvaluation" | "sweepRedeliverDecisions"): string }
> {
  const world = await startWorld(startAt, options);
  // The redelivery sweep job reads the decision deps from the runtime deps (the cloud builds them from its config).
  Object.assign(world.deps, { decision: world.decisionDeps });
  const { region, accountId } = world.states.engine;
  return Object.assign(world, {
    arnOf(machine: "periodicDispatch" | "periodicEvaluation" | "sweepRedeliverDecisions") {
      // The workflows' world creates every registered machine as kinerja-<name>.
      return `arn:aws:states:${region}:${accountId}:stateMachine:kinerja-${stateMachines[machine].name}`;
    },
  });
}

/** A NIP built from a number (18 digits; the periodic evaluation does not validate NIPs). */
export const nip = (n: number) => `19800101200501${String(1000 + n).slice(-4)}`;

/** One seeded appraising official and their team. */
export interface SeededTeam {
  appraiser: { nip: string; name: string; email: string };
  members: { appraisalId: string; cycleId: string; nip: string; name: string }[];
}

/** Seeds a running cycle with `teams` appraising officials of `perTeam` employees each, all in measurement. */
export async function seedCycle(
  world: World,
  options: {
    cycleId: string;
    periodicEvaluation: "monthly" | "quarterly" | "none";
    teams: number;
    perTeam: number;
    periodStart?: string;
    periodEnd?: string;
    /** false: the appraisals are still in target setting (no approved SKP, so no measurement reads). */
    approvedSkp?: boolean;
  },
): Promise<SeededTeam[]> {
  const { cycleId } = options;
  await world.storage.cycles.createCycle({
    cycleId,
    name: `Siklus ${cycleId}`,
    kind: "annual",
    periodStart: options.periodStart ?? "2026-01-01",
    periodEnd: options.periodEnd ?? "2026-12-31",
    settings: { periodicEvaluation: options.periodicEvaluation },
    status: "running",
  } as never);
  const teams: SeededTeam[] = [];
  const records: FlowAppraisal[] = [];
  for (let t = 0; t < options.teams; t += 1) {
    const appraiser = {
      nip: nip(5000 + t),
      name: `Pejabat Penilai ${t + 1}`,
      email: `penilai${t + 1}.${cycleId}@salor.test`,
    };
    const team: SeededTeam = { appraiser, members: [] };
    for (let m = 0; m < options.perTeam; m += 1) {
      const n = t * options.perTeam + m + 1;
      const employeeNip = nip(n);
      const appraisalId = `${cycleId}-${employeeNip}`;
      team.members.push({ appraisalId, cycleId, nip: employeeNip, name: `Pegawai ${n}` });
      records.push({
        id: appraisalId,
        cycleId,
        nip: employeeNip,
        name: `Pegawai ${n}`,
        email: `pegawai${n}@salor.test`,
        unitId: `unit-${t % 3}`,
        positionType: "pelaksana",
        unitHead: false,
        appraiser,
        stage: options.approvedSkp === false ? "target-setting" : "measurement",
        version: 1,
        executionBaseName: appraisalId,
        ...(options.approvedSkp === false ? {} : { skp: approvedSkp(appraiser.nip) }),
        appliedSteps: [],
      });
    }
    teams.push(team);
  }
  // The items FlowStore.createAppraisal writes (workflow state + the record HR reads), batch-written: seeding a
  // thousand appraisals one transaction at a time would dominate the test.
  const { flow } = createFlowEntities(world.storage);
  const at = world.clock.now().toISOString();
  await flow
    .put(
      records.map((r) => ({
        appraisalId: r.id,
        cycleId: r.cycleId,
        nip: r.nip,
        state: r,
        version: r.version,
      })),
    )
    .go({ concurrency: 8 });
  await world.storage.entities.appraisal
    .put(
      records.map((r) => ({
        id: r.id,
        cycleId: r.cycleId,
        nip: r.nip,
        name: r.name,
        email: r.email,
        unitId: r.unitId,
        positionType: r.positionType,
        unitHead: r.unitHead,
        appraiserNip: r.appraiser.nip,
        stage: r.stage,
        createdAt: at,
        updatedAt: at,
        version: 1,
      })),
    )
    .go({ concurrency: 8 });
  return teams;
}

/** The approved SKP every seeded member has (two indicators of one RHK). */
function approvedSkp(appraiserNip: string): FlowAppraisal["skp"] {
  return {
    status: "approved",
    version: 2,
    rhk: [
      {
        id: "rhk-1",
        text: "Tersusunnya dokumen pelayanan",
        kind: "utama",
        indicators: [
          {
            id: "ind-docs",
            rhkId: "rhk-1",
            text: "Jumlah dokumen pelayanan",
            aspect: "kuantitas",
            target: { min: 12, unit: "dokumen" },
          },
          {
            id: "ind-quality",
            rhkId: "rhk-1",
            text: "Kualitas dokumen",
            aspect: "kualitas",
            target: { min: 100, unit: "%" },
          },
        ],
      },
    ],
    returnComments: [],
    approvedAt: "2026-01-20T03:00:00.000Z",
    approvedBy: appraiserNip,
  };
}

/**
 * Imports indicator values for every member and each period ("YYYY-MM" or "YYYY-Qn", as in the indicator-data CSV):
 * on track (one document a month, cumulative; quality 90%) except the members `lagging` says, who deliver nothing.
 */
export async function importMonthlyValues(
  world: World,
  teams: SeededTeam[],
  months: string[],
  lagging: (memberNip: string) => boolean,
): Promise<void> {
  const rows = teams.flatMap((team) =>
    team.members.flatMap((m) =>
      months.flatMap((month) => [
        {
          nip: m.nip,
          cycleId: m.cycleId,
          indicatorId: "ind-docs",
          period: month,
          value: lagging(m.nip) ? 0 : cumulativeMonths(month),
          source: "test",
          importId: "seed",
        },
        {
          nip: m.nip,
          cycleId: m.cycleId,
          indicatorId: "ind-quality",
          period: month,
          value: 90,
          source: "test",
          importId: "seed",
        },
      ]),
    ),
  );
  await world.storage.entities.indicatorData.put(rows).go({ concurrency: 8 });
}

/** Documents delivered by the end of `period` at one a month ("2026-03" -> 3, "2026-Q2" -> 6). */
function cumulativeMonths(period: string): number {
  const quarter = /-Q([1-4])$/.exec(period);
  return quarter ? Number(quarter[1]) * 3 : Number(period.slice(5));
}

/** Every execution of a state machine (oldest first). */
export function executionsOf(world: World, stateMachineArn: string): ExecutionRow[] {
  const all: ExecutionRow[] = [];
  let nextToken: string | undefined;
  do {
    const page = world.states.engine.listExecutions({ stateMachineArn, maxResults: 1000, nextToken }) as {
      executions: ExecutionRow[];
      nextToken?: string;
    };
    all.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken);
  return all.sort((a, b) => a.startMs - b.startMs || a.name.localeCompare(b.name));
}

/**
 * Runs the daily dispatch as the schedule would at 01:00 WIB on `day` (YYYY-MM-DD) and waits for the evaluations it
 * started and their continuations; answers the names it started.
 */
export async function dispatchDay(
  world: World & { arnOf(machine: "periodicDispatch" | "periodicEvaluation"): string },
  day: string,
): Promise<string[]> {
  const engine = world.states.engine;
  const evaluationArn = world.arnOf("periodicEvaluation");
  const before = new Set(executionsOf(world, evaluationArn).map((e) => e.name));
  const { executionArn } = engine.startExecution({
    stateMachineArn: world.arnOf("periodicDispatch"),
    name: `dispatch-${day}`,
    input: JSON.stringify({
      scheduledTime: new Date(`${day}T01:00:00+07:00`).toISOString(),
      lookbackDays: 35,
    }),
  });
  const dispatched = await engine.waitForExecution(executionArn, 60_000);
  if (dispatched.status !== "SUCCEEDED") throw new Error(`dispatch-${day} ended ${dispatched.status}`);
  const started = executionsOf(world, evaluationArn).filter((e) => !before.has(e.name));
  await waitForRuns(world, evaluationArn);
  return started.map((e) => e.name).sort();
}

/** Waits until no execution of the machine is running (a run ends in its last continuation). */
export async function waitForRuns(world: World, stateMachineArn: string, timeoutMs = 120_000): Promise<void> {
  for (;;) {
    const running = executionsOf(world, stateMachineArn).filter((e) => e.status === "RUNNING");
    if (running.length === 0) return;
    for (const e of running) await world.states.engine.waitForExecution(e.arn, timeoutMs);
  }
}

/** Digest mails in the outbox (oldest first). */
export async function digestMails(world: World) {
  const mails = await world.outbox.list({ limit: 10_000 });
  return mails
    .filter((m) => m.tags?.kind === "periodic-digest")
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.to.localeCompare(b.to));
}
