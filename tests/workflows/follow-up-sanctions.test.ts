// Rule 42 inside the running workflow: consecutive poor results that lead to a sanction review count annual results
// only. Two quarterly cycles in a row, both Butuh Perbaikan, end in coaching each time (periodic results inform
// coaching within the improvement window, never sanctions); two poor years in a row open a sanction review. On
// DynamoDB Local, the engine and the real ASL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import {
  act,
  actAll,
  advanceDays,
  appraisal,
  createCycle,
  proposal,
  reportRealisation,
  seedUnit,
  setTargets,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

interface FollowUpRecord {
  kind: string;
  sanctionReview: boolean;
  consecutivePoor: number;
  coachingPlan?: { deadline?: string };
  sanctionPath?: unknown;
}

describe("follow-up of periodic results (rule 42)", { timeout: 120_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let staff: Person;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    let people: Person[];
    ({ head, secretary, people } = await seedUnit(world, "dinas-uji", 1));
    staff = people[0]!;
  }, 120_000);
  afterAll(async () => world?.close());

  /** One cycle from launch to follow-up: the staff member's results are below expectations. */
  async function poorCycle(
    cycleId: string,
    kind: "quarterly" | "annual",
    periodStart: string,
    periodEnd: string,
    daysToPeriodEnd: number,
  ) {
    await createCycle(world, {
      cycleId,
      kind,
      periodStart,
      periodEnd,
      unitIds: ["dinas-uji"],
      settings: { periodicEvaluation: "none" },
    });
    await launchCycle(world.control, cycleId);
    await settle(world);
    const id = (p: Person) => `${cycleId}-${p.nip}`;
    await setTargets(world, id, [head, secretary, staff], {
      proposalOf: (p) =>
        proposal(p === staff ? "Tersusunnya laporan persuratan" : "Terkelolanya kesekretariatan"),
    });
    await advanceDays(world, daysToPeriodEnd);
    await reportRealisation(world, [staff, secretary], id, 0.6);
    await actAll(world, [
      [
        secretary.email,
        id(staff),
        "review",
        { hasilKerja: "below", perilaku: "meets", feedback: "Target triwulan belum tercapai." },
      ],
      [head.email, id(secretary), "review", { hasilKerja: "meets", perilaku: "meets", feedback: "Baik." }],
    ]);
    await act(world, staff.email, id(staff), "acknowledgement", { decision: "acknowledge" });
    await act(world, secretary.email, id(secretary), "acknowledgement", { decision: "acknowledge" });
    const done = await appraisal(world, id(staff));
    expect(done.stage).toBe("done");
    expect(done.predikat).toBe("butuh_perbaikan");
    return done.followUp as FollowUpRecord;
  }

  it("coaches after a first poor quarter", async () => {
    const followUp = await poorCycle("q1", "quarterly", "2027-01-01", "2027-03-31", 87);
    expect(followUp).toMatchObject({ kind: "coaching", sanctionReview: false, consecutivePoor: 1 });
  });

  it("coaches again after a second poor quarter: periodic results never count towards a sanction review", async () => {
    const followUp = await poorCycle("q2", "quarterly", "2027-04-01", "2027-06-30", 92);
    expect(followUp).toMatchObject({ kind: "coaching", sanctionReview: false, consecutivePoor: 1 });
  });

  it("counts annual results only: the first poor year coaches, the second in a row opens a sanction review", async () => {
    // Launched in July for the next year: the two poor quarters before do not count.
    const first = await poorCycle("y2028", "annual", "2028-01-01", "2028-12-31", 550);
    expect(first).toMatchObject({ kind: "coaching", sanctionReview: false, consecutivePoor: 1 });
    const second = await poorCycle("y2029", "annual", "2029-01-01", "2029-12-31", 365);
    expect(second).toMatchObject({ kind: "sanction-review", sanctionReview: true, consecutivePoor: 2 });
    // Rules 40-41 on the record HR reads: the improvement window, then at most a year of temporary placement.
    const until = second.coachingPlan!.deadline!;
    expect(second.sanctionPath).toEqual({
      kind: "transfer-or-demotion",
      improvementUntil: until,
      temporaryPlacementMaxMonths: 12,
      temporaryPlacementUntil: `${Number(until.slice(0, 4)) + 1}${until.slice(4)}`,
    });
  });
});
