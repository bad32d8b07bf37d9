// An annual cycle (January target setting, review the next January, a late objection) lasts more than a
// year; the appraisal continues in new executions so that none runs longer than AWS's one-year limit,
// which the local engine enforces.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  executions,
  proposal,
  proposeCascaded,
  seedUnit,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

const YEAR_MS = 365 * 86_400_000;

describe("an annual cycle with a late objection", { timeout: 120_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let employee: Person;
  let id: string;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    const seeded = await seedUnit(world, "dinas-tahunan", 1);
    ({ head, secretary } = seeded);
    employee = seeded.people[0]!;
    id = `y2027-${employee.nip}`;
    await createCycle(world, {
      cycleId: "y2027",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      settings: { objectionWindowDays: 14 },
    });
    await launchCycle(world.control, "y2027");
    await settle(world);
  });
  afterAll(async () => world?.close());

  it("the engine enforces the one-year limit on a single execution (control)", async () => {
    const other = await startWorld("2027-01-04T01:00:00.000Z");
    const { stateMachineArn } = other.states.engine.createStateMachine({
      name: "too-long",
      definition: JSON.stringify({
        StartAt: "WaitTooLong",
        States: { WaitTooLong: { Type: "Wait", Seconds: 400 * 86_400, End: true } },
      }),
      roleArn: "arn:aws:iam::000000000000:role/kinerja",
    }) as { stateMachineArn: string };
    const { executionArn } = other.states.engine.startExecution({
      stateMachineArn,
      name: "too-long-1",
      input: "{}",
    });
    await other.states.engine.advance(366 * 86_400_000);
    const row = other.states.engine.describeExecution(executionArn);
    await other.close();
    expect(["FAILED", "TIMED_OUT"]).toContain(row.status);
  });

  it("finishes over more than a year with no execution longer than one year", async () => {
    await act(
      world,
      secretary.email,
      `y2027-${secretary.nip}`,
      "skp-proposal",
      proposal("Target sekretaris"),
    );
    await act(world, head.email, `y2027-${secretary.nip}`, "skp-approval", { decision: "approve" });
    await proposeCascaded(world, employee.email, id, proposal());
    await act(world, secretary.email, id, "skp-approval", { decision: "approve" });
    expect((await appraisal(world, id)).stage).toBe("measurement");

    // Through the year: the first execution stops waiting before it turns one year old and continues as new.
    await advanceDays(world, 340);
    const midYear = executions(world).filter((e) => e.name.startsWith(id));
    expect(midYear.map((e) => [e.name, e.status])).toEqual(
      expect.arrayContaining([
        [id, "SUCCEEDED"],
        [`${id}-g2`, "RUNNING"],
      ]),
    );

    // January: realisation, review, then a late objection on day 13 of the 14-day window.
    await advanceDays(world, 27);
    const indicators = (await appraisal(world, id)).skp!.rhk.flatMap((r) => r.indicators);
    await act(world, employee.email, id, "realization", {
      items: indicators.map((ind) => ({ indicatorId: ind.id, value: ind.target.min })),
    });
    await advanceDays(world, 5);
    await act(world, secretary.email, id, "review", {
      hasilKerja: "meets",
      perilaku: "meets",
      feedback: "Cukup baik",
    });
    await advanceDays(world, 13);
    await act(world, employee.email, id, "acknowledgement", {
      decision: "object",
      reason: "Capaian triwulan IV belum dihitung",
    });
    await advanceDays(world, 10);
    await act(world, head.email, id, "objection-decision", {
      decision: "reject",
      note: "Capaian sudah dihitung",
    });

    const done = await appraisal(world, id);
    expect(done.stage).toBe("done");
    expect(done.objection?.decision?.outcome).toBe("reject");
    const mine = executions(world).filter((e) => e.name.startsWith(id));
    expect(mine.every((e) => e.status === "SUCCEEDED")).toBe(true);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const e of mine) expect(e.stopMs! - e.startMs, e.name).toBeLessThan(YEAR_MS);
    const span = Math.max(...mine.map((e) => e.stopMs!)) - Math.min(...mine.map((e) => e.startMs));
    expect(span).toBeGreaterThan(YEAR_MS);
  });
});
