// Issue 16 item 2: one periodic evaluation of 10,000 appraisals on the local engine, which enforces AWS's limits
// (25,000 history events per execution, 256 KB per payload). The run pages the appraisals and then the digest
// recipients and continues as new every PAGES_PER_EXECUTION pages, so no execution comes near a limit.
// Real ASL, real handlers, DynamoDB Local; the appraisals are batch-written entities (no launch). Measured on the
// shared 2-core machine at load 15: seeding 35 s, the run 192 s (6 executions, 14,420 history events at most), about
// 4 minutes for the file; hence the long hook timeout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodicDepsFrom } from "../../functions/jobs/job";
import { createPeriodicEntities } from "../../packages/core/src/periodic/periodic.repo";
import { periodicExecutionName } from "../../packages/core/src/periodic/periodic";
import { readDefinition } from "../../workflows/registry";
import type { ExecutionRow } from "../../packages/local/src/engine/index";
import {
  executionsOf,
  seedCycle,
  startPeriodicWorld,
  type SeededTeam,
  waitForRuns,
} from "../schedules/periodic-harness";

// 250 appraising officials x 40 employees = 10,000 live appraisals: 100 pages of appraisals, 3 pages of officials.
// They are in target setting (no approved SKP yet, as in a cycle's first quarter): the evaluation records the same
// result items without the measurement reads, which tests/schedules/periodic-evaluation.test.ts covers.
const TEAMS = 250;
const PER_TEAM = 40;
const APPRAISALS = TEAMS * PER_TEAM;
const CYCLE = "skala";
/** The run's default pages per execution, as the ASL sets it. */
const PAGES_PER_EXECUTION = (
  JSON.parse(readDefinition("periodicEvaluation")) as {
    States: { ApplyDefaults: { Parameters: { defaults: { pagesPerExecution: number } } } };
  }
).States.ApplyDefaults.Parameters.defaults.pagesPerExecution;

let world: Awaited<ReturnType<typeof startPeriodicWorld>>;
let teams: SeededTeam[];
let runs: ExecutionRow[];
let elapsedMs = 0;

/** The number of history events of an execution, read from the engine's history API (newest event first). */
function historyLength(executionArn: string): number {
  const page = world.states.engine.getExecutionHistory({
    executionArn,
    reverseOrder: true,
    maxResults: 1,
  }) as {
    events: { id: number }[];
  };
  return page.events[0]?.id ?? 0;
}

beforeAll(async () => {
  // 2026-04-01T01:00 WIB: the first quarter ended yesterday.
  world = await startPeriodicWorld("2026-03-31T18:00:00Z");
  const seeding = Date.now();
  teams = await seedCycle(world, {
    cycleId: CYCLE,
    periodicEvaluation: "quarterly",
    teams: TEAMS,
    perTeam: PER_TEAM,
    approvedSkp: false,
  });
  console.info(`seeded ${APPRAISALS} appraisals in ${Date.now() - seeding} ms`);
  const started = Date.now();
  const { executionArn } = world.states.engine.startExecution({
    stateMachineArn: world.arnOf("periodicEvaluation"),
    name: periodicExecutionName(CYCLE, "2026-Q1"),
    input: JSON.stringify({ cycleId: CYCLE, periodKey: "2026-Q1" }),
  });
  await world.states.engine.waitForExecution(executionArn, 540_000);
  // The run ends in its last continuation.
  await waitForRuns(world, world.arnOf("periodicEvaluation"), 540_000);
  runs = executionsOf(world, world.arnOf("periodicEvaluation"));
  elapsedMs = Date.now() - started;
}, 600_000);

afterAll(async () => {
  await world?.close();
});

describe(`one periodic evaluation of ${APPRAISALS.toLocaleString("en")} appraisals (issue 16 item 2)`, () => {
  it("completes in continuations with deterministic names, each far below the history and payload limits", async () => {
    const pages = APPRAISALS / 100 + Math.ceil(TEAMS / 100);
    const generations = Math.ceil(pages / PAGES_PER_EXECUTION);
    expect(runs.map((r) => r.name)).toEqual(
      Array.from({ length: generations }, (_, g) => periodicExecutionName(CYCLE, "2026-Q1", 1, g + 1)),
    );
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => "SUCCEEDED"));
    const lengths = runs.map((r) => historyLength(r.arn));
    for (const length of lengths) expect(length).toBeLessThan(20_000);
    expect(JSON.parse(runs[runs.length - 1]!.output!)).toEqual({
      evaluated: APPRAISALS,
      atRisk: APPRAISALS,
      digests: TEAMS,
    });
    const run = (await periodicDepsFrom(world.deps).store.listRuns(CYCLE))[0];
    expect(run).toMatchObject({ status: "completed", attempt: 1, evaluated: APPRAISALS, digests: TEAMS });
    console.info(
      `periodic evaluation of ${APPRAISALS} appraisals: ${elapsedMs} ms, ${runs.length} executions, ` +
        `${runs.reduce((s, r) => s + r.transitions, 0)} transitions, history events per execution ${lengths.join(", ")}`,
    );
  });

  it("records the period's result once for every appraisal", async () => {
    const { result } = createPeriodicEntities(world.storage);
    const results = (
      await result.query
        .byPeriod({ cycleId: CYCLE, periodKey: "2026-Q1" })
        .go({ pages: "all", attributes: ["appraisalId"] })
    ).data;
    expect(results).toHaveLength(APPRAISALS);
    expect(new Set(results.map((r) => r.appraisalId)).size).toBe(APPRAISALS);
    const sample = [
      teams[0]!.members[0]!,
      teams[TEAMS - 1]!.members[PER_TEAM - 1]!,
      teams[Math.floor(TEAMS / 2)]!.members[9]!,
    ];
    for (const member of sample) {
      const record = await world.storage.appraisals.getAppraisal(member.appraisalId);
      expect(record!.periodicResults).toHaveLength(1);
    }
  });

  it("sends one digest to each appraising official, about their own team", async () => {
    const { digest } = createPeriodicEntities(world.storage);
    const claims = (
      await digest.query.byAppraiser({ cycleId: CYCLE, periodKey: "2026-Q1" }).go({ pages: "all" })
    ).data;
    expect(claims.map((c) => c.appraiserNip).sort()).toEqual(teams.map((t) => t.appraiser.nip).sort());
    expect(claims.every((c) => c.status === "sent" && c.members === PER_TEAM)).toBe(true);
    // The outbox, per official (a listing of all mails is cut at 1 MB).
    for (const team of teams) {
      const mails = (await world.outbox.list({ to: team.appraiser.email })).filter(
        (m) => m.tags?.kind === "periodic-digest",
      );
      expect(mails, team.appraiser.email).toHaveLength(1);
    }
  });
});
