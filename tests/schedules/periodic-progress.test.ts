// Issue 17 item 3: the cycle page shows a running periodic evaluation's progress (pages done, appraisals gone
// through and evaluated) read from its run record and pages after every page, and nothing once the run completed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsx } from "hono/jsx";
import { periodicExecutionName } from "../../packages/core/src/periodic/periodic";
import { cycleProgress, type CycleProgress } from "../../packages/core/src/hr/cycle-progress";
import type { HrDeps } from "../../packages/core/src/hr/hr-deps";
import { LiveProgress, progressRefresh } from "../../packages/web/src/dashboard/progress";
import { seedCycle, startPeriodicWorld, waitForRuns } from "./periodic-harness";

const CYCLE = "y2026";
const TEAMS = 3;
const PER_TEAM = 80; // 240 appraisals: three pages of 100
let world: Awaited<ReturnType<typeof startPeriodicWorld>>;
let hr: HrDeps;
const afterPages: CycleProgress[] = [];

beforeAll(async () => {
  // 2026-04-01T01:00 WIB: the first quarter ended yesterday.
  world = await startPeriodicWorld("2026-03-31T18:00:00Z", {
    wrap: (name, handler) => async (event, context) => {
      const out = await handler(event, context);
      if (name === "record-periodic-page" && (event as { phase?: string }).phase === "evaluate")
        afterPages.push(await cycleProgress(hr, CYCLE));
      return out;
    },
  });
  hr = { storage: world.storage, clock: world.clock, control: world.control };
  await seedCycle(world, {
    cycleId: CYCLE,
    periodicEvaluation: "quarterly",
    teams: TEAMS,
    perTeam: PER_TEAM,
  });
  const { executionArn } = world.states.engine.startExecution({
    stateMachineArn: world.arnOf("periodicEvaluation"),
    name: periodicExecutionName(CYCLE, "2026-Q1"),
    input: JSON.stringify({ cycleId: CYCLE, periodKey: "2026-Q1" }),
  });
  await world.states.engine.waitForExecution(executionArn, 240_000);
  await waitForRuns(world, world.arnOf("periodicEvaluation"), 240_000);
}, 300_000);
afterAll(async () => world?.close());

describe("live progress of a periodic evaluation (issue 17 item 3)", () => {
  it("counts pages, appraisals gone through and evaluated while the run is running", async () => {
    expect(afterPages).toHaveLength(3);
    expect(afterPages.map((p) => p.periodic.map((r) => [r.pages, r.processed]))).toEqual([
      [[1, 100]],
      [[2, 200]],
      [[3, 240]],
    ]);
    const first = afterPages[0]!;
    expect(first.active).toBe(true);
    expect(first.periodic[0]).toMatchObject({
      periodKey: "2026-Q1",
      total: TEAMS * PER_TEAM,
      evaluated: 100,
    });
    expect(progressRefresh(first)).toBe(3);
    const panel = String(await jsx(LiveProgress, { progress: first, href: "/x" }).toString());
    expect(panel).toContain(`<progress id="periodic-2026-Q1" max="${TEAMS * PER_TEAM}" value="100">`);
    expect(panel).toContain("1 halaman selesai · 100 dari 240 penilaian diperiksa · 100 dievaluasi");
  });

  it("shows nothing and stops refreshing once the run completed", async () => {
    const done = await cycleProgress(hr, CYCLE);
    expect(done).toMatchObject({ active: false, periodic: [] });
    expect(progressRefresh(done)).toBeUndefined();
    expect(String(await jsx(LiveProgress, { progress: done, href: "/x" }).toString())).toBe("");
  });
});
