// Issue 15 item 9 inside the running workflow (DynamoDB Local, the engine, the real ASL and handlers): imported
// indicator data feeds only the appraisal (cycle) whose SKP has the indicator, an unknown indicator id is refused at
// import with a row error (it used to be accepted and fail the appraisal at the period's end), values of an earlier
// cycle never feed a later one although their ids repeat (`v1-rhk1-i1`), and an execution that fails on an error no
// catcher names still marks the appraisal failed with its reason, so HR can retry it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle, retryAppraisal } from "../../packages/core/src/cycle/cycle-control";
import { runImport } from "../../packages/core/src/hr/import-commands";
import type { HrDeps } from "../../packages/core/src/hr/hr-deps";
import type { DataImportResult } from "../../packages/core/src/imports/import-service";
import { t } from "../../packages/core/src/i18n/messages";
import {
  act,
  actAll,
  advanceDays,
  advanceSeconds,
  appraisal,
  createCycle,
  executionsByStatus,
  proposal,
  seedUnit,
  settle,
  startWorld,
  type Act,
  type Person,
  type World,
} from "./harness";

interface Snapshot {
  indicators: { id: string; realised: number | null; reports: number }[];
  importedNotInSkp?: string[];
}

describe("imported indicator data and failed executions (issue 15 item 9)", { timeout: 180_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let people: Person[];
  let hr: HrDeps;
  const faults = { snapshotFailsFor: "" };
  const actor = { subject: "siti.hr", name: "Siti (HR)" };

  const importCsv = async (csv: string) =>
    (await runImport(hr, "indicators", csv, actor, "id")) as DataImportResult;

  /** Runs the target-setting stage of `cycleId` for the unit: the secretary's SKP first, then the staff's. */
  const setTargets = async (cycleId: string) => {
    const id = (p: Person) => `${cycleId}-${p.nip}`;
    await act(world, secretary.email, id(secretary), "skp-proposal", proposal("Target sekretariat"));
    await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
    const parentRhkId = (await appraisal(world, id(secretary))).skp!.rhk[0]!.id;
    const staffSkp = { rhk: proposal().rhk.map((r) => ({ ...r, parentRhkId })) };
    await actAll(
      world,
      people.map((p): Act => [p.email, id(p), "skp-proposal", staffSkp]),
    );
    await actAll(
      world,
      people.map((p): Act => [secretary.email, id(p), "skp-approval", { decision: "approve" }]),
    );
  };

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z", {
      // A defect no catcher names (a plain Error), thrown once by the measurement snapshot of one appraisal.
      wrap: (name, handler) => async (event, context) => {
        const appraisalId = (event as { appraisalId?: string }).appraisalId;
        if (name === "take-measurement-snapshot" && appraisalId === faults.snapshotFailsFor) {
          faults.snapshotFailsFor = "";
          throw new Error("cannot read property 'value' of undefined (injected defect)");
        }
        return handler(event, context);
      },
    });
    ({ head, secretary, people } = await seedUnit(world, "dinas-uji", 2));
    hr = { storage: world.storage, clock: world.clock, control: world.control };
    for (const [cycleId, periodStart, periodEnd] of [
      ["q1", "2027-01-01", "2027-03-31"],
      ["q2", "2027-04-01", "2027-06-30"],
    ] as const)
      await createCycle(world, {
        cycleId,
        kind: "quarterly",
        periodStart,
        periodEnd,
        unitIds: ["dinas-uji"],
        settings: { periodicEvaluation: "none" },
      });
    await launchCycle(world.control, "q1");
    await settle(world);
    await setTargets("q1");
  }, 180_000);
  afterAll(async () => world?.close());

  it("refuses an indicator id the employee's SKP does not have, naming the row, and writes nothing", async () => {
    const [p0] = people;
    const skpIds = (await appraisal(world, `q1-${p0!.nip}`)).skp!.rhk.flatMap((r) =>
      r.indicators.map((i) => i.id),
    );
    expect(skpIds).toEqual(["v1-rhk1-i1", "v1-rhk1-i2"]);
    const refused = await importCsv(
      `nip,indicator_id,period,value,source\n${p0!.nip},v1-rhk1-i1,2027-01,4,simpeg\n${p0!.nip},v1-rhk9-i1,2027-Q1,12,simpeg`,
    );
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          field: "indicator_id",
          message: t("csvIndicatorUnknown", "id", { indicatorId: "v1-rhk9-i1", cycles: "q1" }),
        },
      ],
    });
    expect(await world.storage.imports.indicatorDataOf(p0!.nip, { cycleId: "q1" })).toEqual([]);
  });

  it("feeds an accepted value into the snapshot of its cycle", async () => {
    const [p0] = people;
    expect(
      await importCsv(`nip,indicator_id,period,value,source\n${p0!.nip},v1-rhk1-i1,2027-Q1,12,simpeg`),
    ).toMatchObject({ ok: true, rows: 1 });
    await advanceDays(world, 87);
    // The employee reports the quality indicator; the quantity comes from the source system.
    await act(world, p0!.email, `q1-${p0!.nip}`, "realization", {
      items: [{ indicatorId: "v1-rhk1-i2", value: 95 }],
    });
    const measured = (await appraisal(world, `q1-${p0!.nip}`)).measurement as Snapshot;
    expect(measured.indicators.map((i) => [i.id, i.realised])).toEqual([
      ["v1-rhk1-i1", 12],
      ["v1-rhk1-i2", 95],
    ]);
    expect(measured.importedNotInSkp).toBeUndefined();
  });

  it("marks the appraisal failed with the reason when a step fails on an error no catcher names; HR retries it", async () => {
    const [, p1] = people;
    const appraisalId = `q1-${p1!.nip}`;
    faults.snapshotFailsFor = appraisalId;
    await act(world, p1!.email, appraisalId, "realization", {
      items: [
        { indicatorId: "v1-rhk1-i1", value: 12 },
        { indicatorId: "v1-rhk1-i2", value: 90 },
      ],
    });
    const failed = await appraisal(world, appraisalId);
    expect(failed.stage).toBe("failed");
    expect(failed.failure).toMatchObject({
      stage: "review",
      error: "Error",
      cause: "cannot read property 'value' of undefined (injected defect)",
    });
    // The execution ended through MarkFailed (EndFailed), which names it on the record.
    expect(failed.failure?.executionArn).toContain(appraisalId);
    expect(executionsByStatus(world).FAILED).toContain(appraisalId);

    await retryAppraisal(world.control, { appraisalId, by: "siti.hr" });
    await advanceSeconds(world, 5);
    const retried = await appraisal(world, appraisalId);
    expect(retried.stage).toBe("review");
    expect((retried.measurement as Snapshot).indicators.map((i) => i.realised)).toEqual([12, 90]);
  });

  it("never feeds a value of an earlier cycle into a later one whose indicator ids repeat", async () => {
    const [p0] = people;
    await launchCycle(world.control, "q2");
    await settle(world);
    await setTargets("q2");
    const q2 = await appraisal(world, `q2-${p0!.nip}`);
    // Same ids as in q1: ids are per SKP version, and every cycle starts at version 1.
    expect(q2.skp!.rhk[0]!.indicators.map((i) => i.id)).toEqual(["v1-rhk1-i1", "v1-rhk1-i2"]);
    // A value for Q1 names a period outside q2: refused, and the q1 value is where it was.
    const refused = await importCsv(
      `nip,indicator_id,period,value,source,cycle_id\n${p0!.nip},v1-rhk1-i1,2027-Q1,30,simpeg,q2`,
    );
    expect(refused.ok ? [] : refused.errors.map((e) => [e.line, e.field])).toEqual([[2, "period"]]);

    await advanceDays(world, 91);
    await act(world, p0!.email, `q2-${p0!.nip}`, "realization", {
      items: [{ indicatorId: "v1-rhk1-i2", value: 80 }],
    });
    const measured = (await appraisal(world, `q2-${p0!.nip}`)).measurement as Snapshot;
    expect(measured.indicators.map((i) => [i.id, i.realised, i.reports])).toEqual([
      ["v1-rhk1-i1", null, 0],
      ["v1-rhk1-i2", 80, 1],
    ]);
    // After the snapshot a value would never be read: the import says so instead of accepting it.
    const late = await importCsv(
      `nip,indicator_id,period,value,source\n${p0!.nip},v1-rhk1-i1,2027-Q2,3,simpeg`,
    );
    expect(late).toEqual({
      ok: false,
      errors: [{ line: 2, field: "period", message: t("csvIndicatorMeasured", "id", { cycleId: "q2" }) }],
    });
  });
});
