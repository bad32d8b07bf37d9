import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  proposal,
  proposeCascaded,
  seedUnit,
  settle,
  startWorld,
  type World,
} from "./harness";

describe("one employee through a quarterly cycle", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
  });
  afterAll(async () => world?.close());

  it("goes from launch through target setting, measurement, review and feedback to done", async () => {
    const { head, secretary, people } = await seedUnit(world, "dinas-uji", 1);
    const [employee] = people;
    await createCycle(world, {
      cycleId: "q1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
    });
    await launchCycle(world.control, "q1");
    await settle(world);
    const id = `q1-${employee!.nip}`;
    expect((await appraisal(world, id)).stage).toBe("target-setting");

    // Rule 27: the employee is asked once the appraiser's own SKP is approved, and cascades from it.
    await act(world, secretary.email, `q1-${secretary.nip}`, "skp-proposal", proposal("Target sekretaris"));
    await act(world, head.email, `q1-${secretary.nip}`, "skp-approval", { decision: "approve" });
    await proposeCascaded(world, employee!.email, id, proposal());
    await act(world, secretary.email, id, "skp-approval", { decision: "approve" });
    expect((await appraisal(world, id)).stage).toBe("measurement");

    await advanceDays(world, 90);
    const skp = (await appraisal(world, id)).skp!;
    const [first, second] = skp.rhk[0]!.indicators;
    await act(world, employee!.email, id, "realization", {
      items: [
        { indicatorId: first!.id, value: 12, evidenceUrl: "https://bukti.test/1" },
        { indicatorId: second!.id, value: 95 },
      ],
    });
    expect((await appraisal(world, id)).stage).toBe("review");
    await act(world, secretary.email, id, "review", {
      hasilKerja: "above",
      perilaku: "meets",
      feedback: "Bagus",
    });
    const reviewed = await appraisal(world, id);
    expect(reviewed.stage).toBe("feedback");
    expect(reviewed.predikat).toBe("baik");
    await act(world, employee!.email, id, "acknowledgement", { decision: "acknowledge" });
    const done = await appraisal(world, id);
    expect(done.stage).toBe("done");
    expect(done.measurement).toMatchObject({ overallAchievementPct: expect.any(Number) });
    expect(done.followUp).toMatchObject({ kind: expect.any(String) });
  });
});
