// Issue 18 (found by the cycle bench's annual sample): one appraising official decides the reviews of a whole unit at
// the same moment. Each RecordReview re-counts the unit's distribution against its organisation rating (rules 12-16)
// and records the warnings; the recount used to loop until its write won, O(n^2) for n reviews together, and some
// RecordReviews hit Lambda's 30 s timeout, their appraisals ending "failed". Now every appraisal reaches feedback and
// the recorded warnings are those of a count taken after the last review was saved. On DynamoDB Local, the engine and
// the real ASL, deciding through the decision service behind POST /l/{token}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../packages/core/src/decision/decide";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { createDynamoFlowStore } from "../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { cycleDistribution } from "../../packages/core/src/hr/cycle-reports";
import { setOrgRating } from "../../packages/core/src/hr/cycle-commands";
import {
  advanceDays,
  appraisal,
  createCycle,
  executions,
  pendingLinks,
  reportRealisation,
  seedUnit,
  setTargets,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

/** Staff of the unit, all reviewed by one official: enough that the old recount loop ran past the timeout. */
const STAFF = 40;

describe("rules 12-16: a unit's reviews decided at the same moment", { timeout: 600_000 }, () => {
  let world: World;
  let secretary: Person;
  let people: Person[];
  const id = (p: Person) => `q1-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    const org = await seedUnit(world, "dinas-uji", STAFF);
    ({ secretary, people } = org);
    await createCycle(world, {
      cycleId: "q1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-uji"],
      settings: { periodicEvaluation: "none" },
    });
    await launchCycle(world.control, "q1");
    await settle(world);
    await setTargets(world, id, [org.head, secretary, ...people]);
    await advanceDays(world, 87);
    await reportRealisation(world, [secretary, ...people], id);
    await setOrgRating(
      { storage: world.storage, control: world.control, clock: world.clock },
      { unitId: "dinas-uji", cycleId: "q1", rating: "baik" },
      { subject: "siti.hr", name: "Siti (HR)" },
    );
  }, 600_000);
  afterAll(async () => world?.close());

  it("every review is recorded (none fails) and the unit's recorded warnings are a count after the last one", async () => {
    // The links first, then every decision at once, as one official clicking through a prepared list.
    const tokens = await Promise.all(
      people.map(async (p) => {
        const [token] = await pendingLinks(world, secretary.email, id(p), "review");
        if (!token) throw new Error(`no pending review link for ${id(p)}`);
        return token;
      }),
    );
    await Promise.all(
      tokens.map((token, i) =>
        decide(world.decisionDeps, token, {
          // A third Sangat Baik, the rest Baik: under a Baik rating the unit lacks a Butuh Perbaikan or Kurang.
          ...(i % 3 === 0
            ? { hasilKerja: "above", perilaku: "above" }
            : { hasilKerja: "meets", perilaku: "meets" }),
          feedback: "Sesuai penilaian.",
          justification: "Kinerja unit pada triwulan ini dinilai per pegawai.",
        }),
      ),
    );
    await settle(world);

    const records = await Promise.all(people.map((p) => appraisal(world, id(p))));
    expect(
      records
        .filter((a) => a.stage !== "feedback")
        .map((a) => `${a.id}: ${a.stage} ${a.failure?.error ?? ""} ${a.failure?.cause?.slice(0, 200) ?? ""}`),
      "appraisals not at feedback",
    ).toEqual([]);
    const failed = executions(world).filter((e) => e.status !== "RUNNING" && e.status !== "SUCCEEDED");
    expect(
      failed.map((e) => `${e.name}: ${e.error}`),
      "executions that ended badly",
    ).toEqual([]);

    // What the dashboard counts afresh from the appraisal records is what the workflow recorded.
    const unit = (
      await cycleDistribution({ storage: world.storage, control: world.control, clock: world.clock }, "q1")
    ).units.find((u) => u.unitId === "dinas-uji")!;
    expect(unit).toMatchObject({ appraisals: STAFF, rated: STAFF });
    expect(unit.warnings.map((w) => w.rule)).toEqual(["requires-butuh-perbaikan-or-kurang"]);
    expect(await createDynamoFlowStore(world.storage).distributionWarnings("q1", "dinas-uji")).toEqual(
      unit.warnings,
    );
  });
});
