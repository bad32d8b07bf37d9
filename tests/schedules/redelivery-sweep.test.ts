import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { decide } from "../../packages/core/src/decision/decide";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import {
  act,
  appraisal,
  cascaded,
  createCycle,
  offeredSuperiorRhk,
  pendingLinks,
  proposal,
  seedUnit,
  settle,
} from "../workflows/harness";
import { startPeriodicWorld } from "./periodic-harness";

// A click whose delivery to the workflow failed (SendTaskSuccess unavailable) stays decided-but-undelivered; the
// daily sweep workflow hands it to the waiting task, so the appraisal moves on without waiting for a reminder round.
describe("the daily decision-redelivery sweep", () => {
  let world: Awaited<ReturnType<typeof startPeriodicWorld>>;
  beforeAll(async () => {
    world = await startPeriodicWorld("2026-01-05T01:00:00.000Z");
  });
  afterAll(async () => world?.close());

  it("delivers a decided-but-undelivered SKP proposal to the waiting appraisal workflow", async () => {
    const { head, secretary, people } = await seedUnit(world, "dinas-sweep", 1);
    const employee = people[0];
    await createCycle(world, {
      cycleId: "sw",
      kind: "quarterly",
      periodStart: "2026-01-01",
      periodEnd: "2026-03-31",
    });
    await launchCycle(world.control, "sw");
    await settle(world);
    const id = `sw-${employee.nip}`;
    // Rule 27: the employee is asked once the secretary's SKP is approved, and cascades from its RHK.
    await act(world, secretary.email, `sw-${secretary.nip}`, "skp-proposal", proposal("Target sekretaris"));
    await act(world, head.email, `sw-${secretary.nip}`, "skp-approval", { decision: "approve" });
    const [parent] = await offeredSuperiorRhk(world, employee.email, id);
    const [token] = await pendingLinks(world, employee.email, id, "skp-proposal");
    expect(token).toBeDefined();

    const unavailable = Object.assign(new Error("Step Functions is unavailable"), {
      name: "ServiceUnavailable",
    });
    const broken = {
      ...world.decisionDeps,
      callbacks: {
        succeed: async () => Promise.reject(unavailable),
        fail: async () => Promise.reject(unavailable),
      },
    };
    const result = await decide(
      broken as typeof world.decisionDeps,
      token!,
      cascaded(proposal(), parent!.id),
    );
    expect(result).toMatchObject({ delivered: false });
    await settle(world);
    expect((await appraisal(world, id)).skp).toBeUndefined();
    const stuck = (await decisionRepo(world.decisionDeps.storage).listByAppraisal(id)).find(
      (d) => d.kind === "skp-proposal",
    );
    expect(stuck).toMatchObject({ status: "decided", delivery: "undelivered" });

    const { executionArn } = world.states.engine.startExecution({
      stateMachineArn: world.arnOf("sweepRedeliverDecisions"),
      name: "decision-redelivery-daily-20260105T1900Z",
      input: JSON.stringify({ scheduledTime: "2026-01-05T19:00:00Z", limit: 500 }),
    });
    const sweep = await world.states.engine.waitForExecution(executionArn);
    expect(sweep.status).toBe("SUCCEEDED");
    expect(JSON.parse(sweep.output!)).toEqual({ attempted: 1, delivered: 1, skipped: 0 });
    await settle(world);

    const after = await appraisal(world, id);
    expect(after.skp?.status).toBe("submitted");
    expect(await pendingLinks(world, secretary.email, id, "skp-approval")).toHaveLength(1);
    const delivered = (await decisionRepo(world.decisionDeps.storage).listByAppraisal(id)).find(
      (d) => d.kind === "skp-proposal",
    );
    expect(delivered?.delivery).toBe("delivered");
  });
});
