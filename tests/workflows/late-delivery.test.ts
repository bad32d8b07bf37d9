// A decision taken in time whose outcome did not reach the workflow (its task token refused the callback) must be
// honoured when the final timeout fires: the workflow delivers the stored outcome instead of deciding for the person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { decide } from "../../packages/core/src/decision/decide";
import type { DecisionDeps } from "../../packages/core/src/decision/decision-deps";
import { TaskCallbackTransientError } from "../../packages/core/src/decision/decision.errors";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  mailsOf,
  pendingLinks,
  proposal,
  proposeCascaded,
  seedUnit,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

describe("an acknowledgement decided in time but delivered late", { timeout: 120_000 }, () => {
  let world: World;
  let employee: Person;
  let secretary: Person;
  let head: Person;
  let id: string;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    const unit = await seedUnit(world, "dinas-uji", 1);
    ({ secretary, head } = unit);
    employee = unit.people[0]!;
    id = `q1-${employee.nip}`;
    await createCycle(world, {
      cycleId: "q1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
    });
    await launchCycle(world.control, "q1");
    await settle(world);
    // Rule 27: the employee is asked once the secretary's own SKP is approved.
    await act(world, secretary.email, `q1-${secretary.nip}`, "skp-proposal", proposal("Target sekretaris"));
    await act(world, head.email, `q1-${secretary.nip}`, "skp-approval", { decision: "approve" });
    await proposeCascaded(world, employee.email, id, proposal());
    await act(world, secretary.email, id, "skp-approval", { decision: "approve" });
    await advanceDays(world, 90);
    const [first, second] = (await appraisal(world, id)).skp!.rhk[0]!.indicators;
    await act(world, employee.email, id, "realization", {
      items: [
        { indicatorId: first!.id, value: 12 },
        { indicatorId: second!.id, value: 95 },
      ],
    });
    await act(world, secretary.email, id, "review", {
      hasilKerja: "meets",
      perilaku: "meets",
      feedback: "Baik",
    });
    expect((await appraisal(world, id)).stage).toBe("feedback");
  }, 120_000);
  afterAll(async () => world?.close());

  it("honours an objection whose delivery failed in the last round instead of auto-acknowledging", async () => {
    // Into the last round of the objection window (the reminder waits until the deadline).
    await advanceDays(world, 3.1);
    expect((await mailsOf(world, employee.email, "acknowledgement")).map((m) => m.mailKind)).toContain(
      "reminder",
    );
    const [token] = await pendingLinks(world, employee.email, id, "acknowledgement");
    expect(token).toBeDefined();
    // The click is claimed and audited, but Step Functions refuses the callback (throttled), so the waiting task
    // never hears of it; the person still gets an answer and the outcome is stored undelivered.
    const refusing: DecisionDeps = {
      ...world.decisionDeps,
      callbacks: {
        succeed: async () => {
          throw new TaskCallbackTransientError("SendTaskSuccess throttled (injected)");
        },
        fail: async () => undefined,
      },
    };
    const result = await decide(refusing, token!, {
      decision: "object",
      reason: "Realisasi saya belum dihitung",
    });
    expect(result.delivered).toBe(false);
    await settle(world);
    const repo = decisionRepo(world.decisionDeps.storage);
    const key = `${id}#acknowledgement`;
    expect(await repo.getDecision(key)).toMatchObject({ status: "decided", delivery: "undelivered" });
    expect((await appraisal(world, id)).stage).toBe("feedback");

    // The objection window closes: the stored objection wins over the automatic acknowledgement.
    await advanceDays(world, 12);
    const after = await appraisal(world, id);
    expect(after.failure).toBeUndefined();
    expect(after.acknowledgement).toBeUndefined();
    expect(after.objection).toMatchObject({ reason: "Realisasi saya belum dihitung" });
    expect(await repo.getDecision(key)).toMatchObject({ status: "decided", delivery: "delivered" });
    const trail = (await world.storage.audit.listAudit(id)).map((e) => e.action);
    expect(trail).toContain("objection-filed");
    expect(trail).not.toContain("auto-acknowledged");

    // The objection goes on to the superior of the appraising official as usual.
    await act(world, head.email, id, "objection-decision", {
      decision: "reject",
      note: "Penilaian sudah sesuai",
    });
    const done = await appraisal(world, id);
    expect(done.stage).toBe("done");
    expect(done.objection?.decision?.outcome).toBe("reject");
  });
});
