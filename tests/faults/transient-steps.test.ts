// Every step handler of the appraisal workflow fails transiently (a throttling-like TransientError) 30% of the time,
// injected through the lambda resolver's wrapper: half before the real handler runs, half after it ran (the write
// happened but the answer was lost, so the retry must be idempotent). A cycle still ends with everyone done, each
// decision in the audit trail once, and the invariant check clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { checkInvariants, engineStatesView } from "../../packages/local/src/doctor/doctor";
import { seededRandom } from "../../packages/core/src/random/seeded-random";
import {
  actAll,
  advanceDays,
  advanceSeconds,
  appraisal,
  cascaded,
  createCycle,
  executionsByStatus,
  offeredSuperiorRhk,
  proposal,
  seedUnit,
  settle,
  startWorld,
  type Act,
  type Person,
  type World,
} from "../workflows/harness";
import { TransientError } from "../../packages/core/src/storage/storage.errors";

describe("a cycle whose step handlers fail transiently 30% of the time", { timeout: 180_000 }, () => {
  let world: World;
  let people: Person[];
  let secretary: Person;
  const injected = { before: 0, after: 0, calls: 0 };
  // Seeded, so a failing run can be replayed.
  const random = seededRandom(Number(process.env.KINERJA_FAULT_SEED ?? 9));
  const id = (p: Person) => `tr-${p.nip}`;
  // Let injected faults back off and retry (the ASL retries TransientError up to 6 times, 2 s doubling, max 60 s).
  const recover = async () => {
    for (let i = 0; i < 4; i++) await advanceSeconds(world, 130);
  };
  const decideAll = async (acts: Act[]) => {
    await actAll(world, acts);
    await recover();
  };

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z", {
      wrap: (name, handler) => async (event, context) => {
        injected.calls++;
        const roll = random();
        if (roll < 0.15) {
          injected.before++;
          throw new TransientError(`ThrottlingException: rate exceeded (injected before ${name})`);
        }
        const result = await handler(event, context);
        if (roll < 0.3) {
          injected.after++;
          throw new TransientError(`ThrottlingException: response lost (injected after ${name})`);
        }
        return result;
      },
    });
    ({ people, secretary } = await seedUnit(world, "dinas-transient", 9));
    await createCycle(world, {
      cycleId: "tr",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-transient"],
    });
    await launchCycle(world.control, "tr");
    await settle(world);
    await recover();
  }, 120_000);
  afterAll(async () => world?.close());

  it("still takes every appraisal from target setting to done", async () => {
    const everyone = [...people, secretary];
    const head = { email: "kadis@salor.test" };
    // Rule 27: the secretary's SKP first; the staff are asked once it is approved, and cascade from it.
    await decideAll([[secretary.email, id(secretary), "skp-proposal", proposal(`Target ${secretary.name}`)]]);
    await decideAll([[head.email, id(secretary), "skp-approval", { decision: "approve" }]]);
    const [parent] = await offeredSuperiorRhk(world, people[0]!.email, id(people[0]!));
    await decideAll(
      people.map((p): Act => [
        p.email,
        id(p),
        "skp-proposal",
        cascaded(proposal(`Target ${p.name}`), parent!.id),
      ]),
    );
    await decideAll(
      people.map((p): Act => [secretary.email, id(p), "skp-approval", { decision: "approve" }]),
    );
    for (const p of everyone) expect((await appraisal(world, id(p))).stage, p.name).toBe("measurement");

    await advanceDays(world, 90);
    await recover();
    const realisations: Act[] = [];
    for (const p of everyone) {
      const indicators = (await appraisal(world, id(p))).skp!.rhk.flatMap((r) => r.indicators);
      realisations.push([
        p.email,
        id(p),
        "realization",
        { items: indicators.map((ind) => ({ indicatorId: ind.id, value: ind.target.min })) },
      ]);
    }
    await decideAll(realisations);
    await decideAll([
      ...people.map((p): Act => [
        secretary.email,
        id(p),
        "review",
        { hasilKerja: "meets", perilaku: "meets", feedback: `Umpan balik ${p.name}` },
      ]),
      [head.email, id(secretary), "review", { hasilKerja: "meets", perilaku: "above", feedback: "Baik" }],
    ]);
    await decideAll(
      everyone.map((p): Act => [p.email, id(p), "acknowledgement", { decision: "acknowledge" }]),
    );

    const stages = await Promise.all(everyone.map(async (p) => (await appraisal(world, id(p))).stage));
    expect(stages).toEqual(everyone.map(() => "done"));
    expect(executionsByStatus(world).RUNNING ?? []).toEqual([]);
    // The faults really happened, on both sides of the handler.
    expect(injected.before).toBeGreaterThan(10);
    expect(injected.after).toBeGreaterThan(10);
    console.log(`transient faults: ${JSON.stringify(injected)}`);
  });

  it("leaves every decision in the audit trail exactly once and the invariants intact", async () => {
    const report = await checkInvariants({
      storage: { client: world.storage.client, tableName: world.storage.tableName },
      states: engineStatesView(world.states.engine),
    });
    expect(report.findings).toEqual([]);
    expect(report.stages).toEqual({ done: 10 });
    expect(report.scanned.decisionAuditEvents).toBe(50);
  });
});
