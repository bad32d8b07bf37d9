// A periodic evaluation whose run fails is started again by the next daily dispatch under the next attempt's name
// (<cycle>-<period>-r2, -r3), at most PERIODIC_MAX_ATTEMPTS runs per period; an unexpected error (not one the ASL
// names) is recorded on the run too (States.ALL catch), so no run stays "running" behind a failed execution.
// Real engine, ASL, handlers and DynamoDB Local; the fault is injected around the real ListPeriodicAppraisalPage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodicDepsFrom } from "../../functions/jobs/job";
import { PERIODIC_MAX_ATTEMPTS } from "../../packages/core/src/periodic/periodic";
import { digestMails, dispatchDay, executionsOf, seedCycle, startPeriodicWorld } from "./periodic-harness";

/** Cycles whose page listing fails, and how many more times it fails (Infinity: always). */
const failuresLeft = new Map<string, number>([
  ["once", 1],
  ["always", Infinity],
]);

let world: Awaited<ReturnType<typeof startPeriodicWorld>>;

beforeAll(async () => {
  // 2026-04-01T01:00 WIB: the first quarter ended yesterday.
  world = await startPeriodicWorld("2026-03-31T18:00:00Z", {
    wrap: (functionName, handler) =>
      functionName.endsWith("list-periodic-appraisal-page")
        ? async (event, context) => {
            const cycleId = (event as { cycleId?: string }).cycleId ?? "";
            const left = failuresLeft.get(cycleId) ?? 0;
            if (left > 0) {
              failuresLeft.set(cycleId, left - 1);
              // Not an error the ASL names: a defect, as a TypeError would be.
              throw Object.assign(new Error(`cannot read appraisals of ${cycleId}`), { name: "TypeError" });
            }
            return handler(event, context);
          }
        : handler,
  });
  for (const cycleId of ["once", "always"])
    await seedCycle(world, { cycleId, periodicEvaluation: "quarterly", teams: 2, perTeam: 3 });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

const dispatch = (day: string) => dispatchDay(world, day);

const runOf = async (cycleId: string) =>
  (await periodicDepsFrom(world.deps).store.listRuns(cycleId)).find((r) => r.periodKey === "2026-Q1");
const statusOf = (name: string) =>
  executionsOf(world, world.arnOf("periodicEvaluation")).find((e) => e.name === name)?.status;

describe("a failed periodic evaluation run", () => {
  it("is recorded as failed with its reason, even for an error the workflow does not name", async () => {
    expect(await dispatch("2026-04-01")).toEqual(["always-2026-Q1", "once-2026-Q1"]);
    expect(statusOf("once-2026-Q1")).toBe("FAILED");
    expect(await runOf("once")).toMatchObject({
      status: "failed",
      attempt: 1,
      executionName: "once-2026-Q1",
      failureReason: expect.stringContaining("cannot read appraisals of once"),
    });
  });

  it("is started again by the next day's dispatch as -r2, and completes with one digest per official", async () => {
    expect(await dispatch("2026-04-02")).toEqual(["always-2026-Q1-r2", "once-2026-Q1-r2"]);
    expect(statusOf("once-2026-Q1-r2")).toBe("SUCCEEDED");
    expect(await runOf("once")).toMatchObject({
      status: "completed",
      attempt: 2,
      executionName: "once-2026-Q1-r2",
      evaluated: 6,
      digests: 2,
    });
    const digests = (await digestMails(world)).filter((m) => m.to.includes(".once@"));
    expect(digests).toHaveLength(2);
  });

  it(`stops after ${PERIODIC_MAX_ATTEMPTS} failed runs and stays failed for HR to see; a completed one is not run again`, async () => {
    expect(await dispatch("2026-04-03")).toEqual([`always-2026-Q1-r${PERIODIC_MAX_ATTEMPTS}`]);
    expect(await dispatch("2026-04-04")).toEqual([]);
    expect(await runOf("always")).toMatchObject({
      status: "failed",
      attempt: PERIODIC_MAX_ATTEMPTS,
      executionName: `always-2026-Q1-r${PERIODIC_MAX_ATTEMPTS}`,
    });
    expect(await runOf("once")).toMatchObject({ status: "completed", attempt: 2 });
  });
});
