// Issue 16 item 2: every failure of a paged periodic evaluation is recorded on the run and retried. A run that fails
// in a continuation (a page whose evaluations fail non-transiently) is recorded failed with its reason by that
// continuation; a run whose execution vanished without a word (stopped, or States.Runtime, which nothing can catch)
// is recorded failed by the dispatch once it shows no progress for PERIODIC_STALE_AFTER_MS. Either way the next
// dispatch starts the period again as -r2, and each appraisal keeps one result for the period.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodicDepsFrom } from "../../functions/jobs/job";
import { PERIODIC_STALE_AFTER_MS, periodicExecutionName } from "../../packages/core/src/periodic/periodic";
import { createPeriodicEntities } from "../../packages/core/src/periodic/periodic.repo";
import { findDueEvaluations } from "../../packages/core/src/periodic/periodic.service";
import {
  digestMails,
  dispatchDay,
  executionsOf,
  seedCycle,
  startPeriodicWorld,
  waitForRuns,
  type SeededTeam,
} from "./periodic-harness";

/** Evaluations of cycle "putus" fail (a defect, not retried) once this many of its appraisals were evaluated. */
const FAIL_AFTER = 200;
let failing = true;
const evaluated = new Set<string>();
/** Holds the first page listing of cycle "hilang" until the test has stopped its execution. */
let releaseHilang: () => void = () => {};
let hilangHeld: Promise<void>;
const hilangGate = new Promise<void>((resolve) => (releaseHilang = resolve));

let world: Awaited<ReturnType<typeof startPeriodicWorld>>;
let putus: SeededTeam[];

beforeAll(async () => {
  // 2026-04-01T01:00 WIB: the first quarter ended yesterday.
  let held: () => void = () => {};
  hilangHeld = new Promise<void>((resolve) => (held = resolve));
  world = await startPeriodicWorld("2026-03-31T18:00:00Z", {
    wrap: (functionName, handler) => {
      if (functionName.endsWith("evaluate-appraisal-period"))
        return async (event, context) => {
          const { cycleId, appraisalId } = event as { cycleId: string; appraisalId: string };
          if (cycleId === "putus" && failing && evaluated.size >= FAIL_AFTER && !evaluated.has(appraisalId))
            throw Object.assign(new Error(`cannot read the appraisal ${appraisalId}`), {
              name: "ValidationException",
            });
          const out = await handler(event, context);
          if (cycleId === "putus") evaluated.add(appraisalId);
          return out;
        };
      if (functionName.endsWith("list-periodic-appraisal-page"))
        return async (event, context) => {
          if ((event as { cycleId: string }).cycleId === "hilang") {
            held();
            await hilangGate;
          }
          return handler(event, context);
        };
      return handler;
    },
  });
  // 3 officials x 100 employees: 3 pages of appraisals, then 1 page of officials.
  putus = await seedCycle(world, {
    cycleId: "putus",
    periodicEvaluation: "quarterly",
    teams: 3,
    perTeam: 100,
  });
  await seedCycle(world, { cycleId: "hilang", periodicEvaluation: "quarterly", teams: 1, perTeam: 4 });
}, 120_000);

afterAll(async () => {
  releaseHilang();
  await world?.close();
});

const evaluationArn = () => world.arnOf("periodicEvaluation");
const runOf = async (cycleId: string) =>
  (await periodicDepsFrom(world.deps).store.listRuns(cycleId)).find((r) => r.periodKey === "2026-Q1");
const executionsNamed = (prefix: string) =>
  executionsOf(world, evaluationArn())
    .filter((e) => e.name.startsWith(prefix))
    .map((e) => [e.name, e.status, e.error ?? null]);

describe("a paged periodic evaluation that fails", { timeout: 240_000 }, () => {
  it("in a continuation (two pages per execution) is recorded failed with the reason that continuation met", async () => {
    const { executionArn } = world.states.engine.startExecution({
      stateMachineArn: evaluationArn(),
      name: periodicExecutionName("putus", "2026-Q1"),
      input: JSON.stringify({ cycleId: "putus", periodKey: "2026-Q1", pagesPerExecution: 2 }),
    });
    await world.states.engine.waitForExecution(executionArn, 120_000);
    await waitForRuns(world, evaluationArn());
    expect(executionsNamed("putus")).toEqual([
      ["putus-2026-Q1", "SUCCEEDED", null],
      ["putus-2026-Q1-p2", "FAILED", "ValidationException"],
    ]);
    expect(await runOf("putus")).toMatchObject({
      status: "failed",
      attempt: 1,
      failureReason: expect.stringMatching(/^ValidationException: .*cannot read the appraisal/),
    });
    expect(evaluated.size).toBe(FAIL_AFTER);
  });

  it("whose execution vanished is left running until it shows no progress for 6 hours; the dispatch does not start it twice", async () => {
    const { executionArn } = world.states.engine.startExecution({
      stateMachineArn: evaluationArn(),
      name: periodicExecutionName("hilang", "2026-Q1"),
      input: JSON.stringify({ cycleId: "hilang", periodKey: "2026-Q1" }),
    });
    await hilangHeld;
    // What States.Runtime does to a run: the execution ends and no state of it runs again.
    world.states.engine.stopExecution({ executionArn, error: "States.Runtime", cause: "simulated" });
    releaseHilang();
    await waitForRuns(world, evaluationArn());
    expect(await runOf("hilang")).toMatchObject({ status: "running", attempt: 1 });
    failing = false;
    // The next morning: "putus" failed, so its next attempt starts; "hilang" is quiet for less than 6 hours.
    expect(await dispatchDay(world, "2026-04-01")).toEqual(["putus-2026-Q1-r2"]);
    expect(await runOf("hilang")).toMatchObject({ status: "running", attempt: 1 });
  });

  it("is started again as -r2 by the next dispatch and completes, each appraisal with the period's result once", async () => {
    expect(executionsNamed("putus-2026-Q1-r2")).toEqual([["putus-2026-Q1-r2", "SUCCEEDED", null]]);
    expect(await runOf("putus")).toMatchObject({
      status: "completed",
      attempt: 2,
      evaluated: 300,
      digests: 3,
    });
    const { result } = createPeriodicEntities(world.storage);
    const results = (
      await result.query
        .byPeriod({ cycleId: "putus", periodKey: "2026-Q1" })
        .go({ pages: "all", attributes: ["appraisalId"] })
    ).data;
    expect(results).toHaveLength(300);
    expect(new Set(results.map((r) => r.appraisalId)).size).toBe(300);
    for (const member of [putus[0]!.members[0]!, putus[2]!.members[99]!]) {
      const record = await world.storage.appraisals.getAppraisal(member.appraisalId);
      expect(record!.periodicResults).toHaveLength(1);
      const audit = await world.storage.audit.listAudit(member.appraisalId);
      expect(audit.filter((e) => e.action === "periodic-evaluation")).toHaveLength(1);
    }
    const digests = (await digestMails(world)).filter((m) => m.to.includes(".putus@"));
    expect(digests).toHaveLength(3);
  });

  it("a vanished run is recorded failed once quiet for 6 hours, and the dispatch starts it again as -r2", async () => {
    await world.states.engine.advance(PERIODIC_STALE_AFTER_MS + 60_000);
    // What the dispatch's first step finds (and records) before it starts anything.
    const due = await findDueEvaluations(periodicDepsFrom(world.deps), {
      scheduledTime: new Date("2026-04-02T01:00:00+07:00").toISOString(),
    });
    expect(due.evaluations.map((e) => e.executionName)).toEqual(["hilang-2026-Q1-r2"]);
    expect(await runOf("hilang")).toMatchObject({
      status: "failed",
      attempt: 1,
      failureReason: expect.stringMatching(/^PeriodicRunStalled: no progress since 2026-03-31T18:0/),
    });
    expect(await dispatchDay(world, "2026-04-02")).toEqual(["hilang-2026-Q1-r2"]);
    expect(executionsNamed("hilang")).toEqual([
      ["hilang-2026-Q1", "ABORTED", "States.Runtime"],
      ["hilang-2026-Q1-r2", "SUCCEEDED", null],
    ]);
    expect(await runOf("hilang")).toMatchObject({
      status: "completed",
      attempt: 2,
      evaluated: 4,
      digests: 1,
    });
  });
});
