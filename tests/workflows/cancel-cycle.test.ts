// HR cancels a whole cycle: every execution stops, pending decisions are superseded (a late click gets
// 410 and says why) and every record is marked cancelled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelCycle, launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { viewLink } from "../../packages/core/src/decision/link-view";
import {
  act,
  appraisal,
  createCycle,
  executionsByStatus,
  pendingLinks,
  proposal,
  proposeCascaded,
  seedUnit,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

describe("cancelling a whole cycle", { timeout: 60_000 }, () => {
  let world: World;
  let people: Person[];
  let secretary: Person;
  let head: Person;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    ({ people, secretary, head } = await seedUnit(world, "dinas-batal", 3));
    await createCycle(world, {
      cycleId: "c1",
      kind: "monthly",
      periodStart: "2027-01-01",
      periodEnd: "2027-01-31",
    });
    await launchCycle(world.control, "c1");
    await settle(world);
  });
  afterAll(async () => world?.close());

  it("stops every execution, supersedes pending decisions and marks every record cancelled", async () => {
    // Rule 27: staff are asked once the secretary's own SKP is approved.
    await act(world, secretary.email, `c1-${secretary.nip}`, "skp-proposal", proposal("Target sekretaris"));
    await act(world, head.email, `c1-${secretary.nip}`, "skp-approval", { decision: "approve" });
    await proposeCascaded(world, people[0]!.email, `c1-${people[0]!.nip}`, proposal());
    const [approvalToken] = await pendingLinks(
      world,
      secretary.email,
      `c1-${people[0]!.nip}`,
      "skp-approval",
    );
    const [proposalToken] = await pendingLinks(
      world,
      people[1]!.email,
      `c1-${people[1]!.nip}`,
      "skp-proposal",
    );
    expect(approvalToken && proposalToken).toBeTruthy();

    const out = await cancelCycle(world.control, {
      cycleId: "c1",
      by: "hr-1",
      reason: "siklus dibuka ulang",
    });
    await settle(world);
    expect(out.cancelled).toBe(4);
    expect(executionsByStatus(world).RUNNING ?? []).toEqual([]);
    expect(executionsByStatus(world).ABORTED).toHaveLength(4);
    for (const p of [...people, secretary])
      expect((await appraisal(world, `c1-${p.nip}`)).stage).toBe("cancelled");
    for (const token of [approvalToken!, proposalToken!]) {
      const view = await viewLink(world.decisionDeps, token);
      expect(view.state).toBe("superseded");
      expect(view.decision.closedReason).toContain("siklus dibuka ulang");
    }
    expect((await world.storage.cycles.getCycle("c1"))?.status).toBe("cancelled");
    const trail = await world.storage.audit.listAudit(`c1-${people[0]!.nip}`);
    expect(trail.at(-1)).toMatchObject({ action: "cancelled", actor: "hr:hr-1" });
  });
});
