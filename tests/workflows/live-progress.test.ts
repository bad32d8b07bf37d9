// Issue 17 item 3: the cycle page shows a launch's progress while it runs, read from the table after every launch
// page (here: right after each RecordLaunchPage of the real launch workflow returns), and stops refreshing itself
// once the launch is done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsx } from "hono/jsx";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { cycleProgress, type CycleProgress } from "../../packages/core/src/hr/cycle-progress";
import type { HrDeps } from "../../packages/core/src/hr/hr-deps";
import { LiveProgress, progressRefresh } from "../../packages/web/src/dashboard/progress";
import { DashboardLayout } from "../../packages/web/src/dashboard/layout";
import { readDefinition } from "../../workflows/registry";
import { createCycle, seedUnit, settle, startWorld, type World } from "./harness";

const CYCLE = "y2027";
const STAFF = 250; // + the head (no superior, no appraiser of the top configured: skipped) and the secretary
let world: World;
let hr: HrDeps;
const duringLaunch: CycleProgress[] = [];
/** Participants per launch page, as the launch workflow reads them (one source: the ASL). */
const PAGE = (
  JSON.parse(readDefinition("launchCycle")) as {
    States: { PrepareParticipantPage: { Parameters: { Payload: { pageSize: number } } } };
  }
).States.PrepareParticipantPage.Parameters.Payload.pageSize;

const render = async (progress: CycleProgress) => ({
  panel: String(await jsx(LiveProgress, { progress, href: `/dashboard/cycles/${CYCLE}` }).toString()),
  page: String(
    await jsx(DashboardLayout, {
      title: "Siklus",
      refreshSeconds: progressRefresh(progress),
      children: "",
    }).toString(),
  ),
});

beforeAll(async () => {
  world = await startWorld("2027-01-04T01:00:00.000Z", {
    wrap: (name, handler) => async (event, context) => {
      const out = await handler(event, context);
      // What a refresh of the cycle page would read right after this launch page was counted.
      if (name === "record-launch-page") duringLaunch.push(await cycleProgress(hr, CYCLE));
      return out;
    },
  });
  hr = { storage: world.storage, clock: world.clock, control: world.control };
  await seedUnit(world, "dinas-uji", STAFF);
  await createCycle(world, {
    cycleId: CYCLE,
    kind: "annual",
    periodStart: "2027-01-01",
    periodEnd: "2027-12-31",
  });
  await launchCycle(world.control, CYCLE);
  await settle(world);
}, 240_000);
afterAll(async () => world?.close());

describe("live progress of a launch (issue 17 item 3)", () => {
  it("counts launched, skipped and failed from the stored pages while the launch runs", async () => {
    // 252 employees in pages of PAGE (99): three pages, each counted before the next one starts.
    expect(duringLaunch).toHaveLength(Math.ceil((STAFF + 2) / PAGE));
    expect(duringLaunch).toHaveLength(3);
    const [first, second] = duringLaunch;
    expect(first!.active).toBe(true);
    expect(first!.launch).toMatchObject({ running: true, total: STAFF + 2, failed: 0 });
    expect(first!.launch.launched).toBeGreaterThan(0);
    expect(first!.launch.launched + first!.launch.skipped).toBe(PAGE);
    expect(second!.launch.launched + second!.launch.skipped).toBe(2 * PAGE);

    const { panel, page } = await render(first!);
    expect(panel).toContain(`<progress id="launch-progress" max="${STAFF + 2}" value="${PAGE}">`);
    expect(panel).toContain(
      `${first!.launch.launched} dari ${STAFF + 2} pegawai diluncurkan · ${first!.launch.skipped} tidak dinilai · 0 gagal`,
    );
    expect(page).toContain('<meta http-equiv="refresh" content="3"/>');
  });

  it("stops refreshing once the launch is done: the bar stays full with its counts, the refresh goes", async () => {
    const last = duringLaunch.at(-1)!;
    // The last page sets the cycle running before it returns.
    expect(last.launch.running).toBe(false);
    const done = await cycleProgress(hr, CYCLE);
    expect(done).toMatchObject({
      active: false,
      periodic: [],
      launch: { running: false, total: STAFF + 2, launched: STAFF + 1, skipped: 1, failed: 0 },
    });
    const { panel, page } = await render(done);
    expect(panel).toContain(`<progress id="launch-progress" max="${STAFF + 2}" value="${STAFF + 2}">`);
    expect(panel).toContain("Peluncuran penilaian selesai");
    expect(panel).not.toContain("memuat ulang sendiri");
    expect(page).not.toContain("http-equiv");
  });
});
