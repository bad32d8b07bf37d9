// Rule 27 inside the running workflow: an employee's SKP cascades from the appraiser's approved SKP. Staff are asked
// for their SKP only once their appraiser's SKP in the cycle is approved (no request, reminder or escalation before,
// so the deadline counts from then), their request offers the RHK of that approved version and says so, an RHK utama
// without a superior RHK is refused by the link and by the workflow step, and the top of the cascade (an appraiser with
// no SKP in the cycle) proposes without one. On DynamoDB Local, the engine and the real ASL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../packages/core/src/decision/decide";
import { createApp } from "../../packages/web/src/app";
import { InvalidDecisionBodyError } from "../../packages/core/src/decision/decision.errors";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { cancelAppraisal, launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { CASCADE_RECHECK_MS, planCascadeWait } from "../../packages/core/src/appraisal-flow/decision-plan";
import { recordSkpProposal } from "../../packages/core/src/appraisal-flow/targets";
import { DecisionRejectedError } from "../../packages/core/src/workflow/workflow.errors";
import {
  act,
  actAll,
  advanceDays,
  appraisal,
  createCycle,
  executions,
  mailsOf,
  offeredSuperiorRhk,
  pendingLinks,
  proposal,
  seedUnit,
  settle,
  startWorld,
  type Act,
  type Person,
  type World,
} from "./harness";

const DAY = 86_400_000;

/** A staff SKP: an RHK utama intervening on `parent` (none when undefined) and an RHK tambahan, which needs none. */
const staffSkp = (parent: string | undefined) => ({
  rhk: [
    { ...proposal("Tersusunnya laporan keuangan").rhk[0]!, ...(parent ? { parentRhkId: parent } : {}) },
    {
      text: "Terlaksananya tugas tambahan kepanitiaan",
      kind: "tambahan",
      indicators: [{ text: "Jumlah kegiatan", aspect: "kuantitas", target: { min: 2, unit: "kegiatan" } }],
    },
  ],
});

/** The secretary's SKP version 2: two RHK utama (ids v2-rhk1 and v2-rhk2 once submitted). */
const secretarySkpV2 = {
  rhk: [
    proposal("Terkelolanya kesekretariatan dinas").rhk[0]!,
    { ...proposal("Tertibnya administrasi keuangan dinas").rhk[0]! },
  ],
};

describe("SKP cascade (rule 27)", { timeout: 180_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let staff: Person[];
  const cycleId = "kaskade-2027";
  const id = (p: Person) => `${cycleId}-${p.nip}`;
  const transitionsOf = (p: Person) => executions(world).find((e) => e.name === id(p))?.transitions ?? 0;
  let atLaunch = 0;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    ({ head, secretary, people: staff } = await seedUnit(world, "dinas-kaskade", 2));
    await createCycle(world, {
      cycleId,
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      unitIds: ["dinas-kaskade"],
      settings: { periodicEvaluation: "none" },
    });
    await launchCycle(world.control, cycleId);
    await settle(world);
    atLaunch = transitionsOf(staff[0]!);
  }, 120_000);
  afterAll(async () => world?.close());

  it("does not ask staff for an SKP while their appraiser's SKP is not approved (no link accepts one without a parent)", async () => {
    for (const p of staff) {
      const early = await pendingLinks(world, p.email, id(p), "skp-proposal");
      // Before rule 27 was enforced, this link was open at launch and accepted an RHK utama without a parent.
      for (const token of early)
        await expect(decide(world.decisionDeps, token, proposal())).rejects.toBeInstanceOf(
          InvalidDecisionBodyError,
        );
      expect(early).toEqual([]);
      expect(await mailsOf(world, p.email, "skp-proposal")).toEqual([]);
      const trail = await world.storage.audit.listAudit(id(p));
      expect(trail.map((e) => e.action)).toContain("skp-awaits-superior");
    }
  });

  it("lets the top of the cascade (appraiser without an SKP in the cycle) propose without a superior RHK", async () => {
    const [token] = await pendingLinks(world, secretary.email, id(secretary), "skp-proposal");
    const context = (await decisionRepo(world.decisionDeps.storage).listByAppraisal(id(secretary))).find(
      (d) => d.kind === "skp-proposal",
    )!.context!;
    expect(context).toMatchObject({ isTopLevel: true, superiorRhk: [] });
    await decide(world.decisionDeps, token!, proposal("Terkelolanya kesekretariatan"));
    await settle(world);
    expect((await appraisal(world, id(secretary))).skp).toMatchObject({ status: "submitted", version: 1 });
  });

  it("keeps staff waiting, without reminders or escalation, while the appraiser's SKP is returned and revised", async () => {
    await act(world, head.email, id(secretary), "skp-approval", {
      decision: "return",
      comment: "Pisahkan RHK keuangan.",
    });
    await act(world, secretary.email, id(secretary), "skp-proposal", secretarySkpV2);
    // Past the reminder (3 days) and the escalation (7 days) an SKP request from launch would have had.
    await advanceDays(world, 10);
    for (const p of staff) {
      expect(await pendingLinks(world, p.email, id(p), "skp-proposal")).toEqual([]);
      expect(await mailsOf(world, p.email, "skp-proposal")).toEqual([]);
      expect((await appraisal(world, id(p))).stage).toBe("target-setting");
    }
    // The secretary is told of no overdue staff SKP: nothing is overdue.
    const notices = (await world.outbox.list({ to: secretary.email, limit: 100 })).filter(
      (m) => m.tags?.kind === "skp-proposal" && m.tags.notice,
    );
    expect(notices).toEqual([]);
    // Waiting costs one look every CASCADE_RECHECK_MS (three transitions), not a poll per day.
    const looks = Math.floor((10 * DAY) / CASCADE_RECHECK_MS);
    expect(transitionsOf(staff[0]!) - atLaunch).toBeLessThanOrEqual(3 * looks);
  });

  it("asks staff once the appraiser's SKP is approved, offering the RHK of the approved version and mailing them", async () => {
    await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
    for (const p of staff) {
      const mails = await mailsOf(world, p.email, "skp-proposal");
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ mailKind: "request" });
      expect(mails[0]!.subject).toContain("SKP atasan Anda telah disetujui");
      // The returned version 1 is not what the staff cascade from: version 2's RHK, as approved.
      expect(await offeredSuperiorRhk(world, p.email, id(p))).toEqual([
        { id: "v2-rhk1", text: "Terkelolanya kesekretariatan dinas", kind: "utama" },
        { id: "v2-rhk2", text: "Tertibnya administrasi keuangan dinas", kind: "utama" },
      ]);
      // The deadline counts from the approval, not from launch.
      const decision = (await decisionRepo(world.decisionDeps.storage).listByAppraisal(id(p))).find(
        (d) => d.kind === "skp-proposal",
      )!;
      expect(Math.abs(Date.parse(decision.dueAt!) - (world.clock.now().getTime() + 7 * DAY))).toBeLessThan(
        60_000,
      );
    }
  });

  it("refuses an RHK utama without a superior RHK, or naming one the approved SKP does not have, with the row named", async () => {
    const p = staff[0]!;
    const [token] = await pendingLinks(world, p.email, id(p), "skp-proposal");
    // Through the link's POST, as a client would send it: 400 naming the row in Indonesian.
    const app = createApp({ decisions: world.decisionDeps, outbox: world.outbox });
    const res = await app.request(`/l/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "accept-language": "id" },
      body: JSON.stringify(staffSkp(undefined)),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
      {
        path: "rhk.0.parentRhkId",
        message:
          "RHK 1 adalah RHK utama dan harus mengintervensi salah satu RHK atasan yang telah disetujui.",
      },
    ]);
    const stale = await decide(world.decisionDeps, token!, staffSkp("v1-rhk1")).catch((e: unknown) => e);
    expect((stale as InvalidDecisionBodyError).issues).toEqual([
      { path: "rhk.0.parentRhkId", message: expect.stringContaining('RHK 1: RHK atasan "v1-rhk1"') },
    ]);
    // The workflow step refuses a body that bypassed the link, too.
    await expect(
      recordSkpProposal(world.deps, {
        appraisalId: id(p),
        decided: { kind: "skp-proposal", decision: staffSkp(undefined), decidedAt: new Date().toISOString() },
      }),
    ).rejects.toBeInstanceOf(DecisionRejectedError);
    expect((await appraisal(world, id(p))).skp).toBeUndefined();
  });

  it("accepts SKPs that cascade (the RHK tambahan needs no parent) and approves them", async () => {
    await actAll(world, [
      [staff[0]!.email, id(staff[0]!), "skp-proposal", staffSkp("v2-rhk2")],
      [staff[1]!.email, id(staff[1]!), "skp-proposal", staffSkp("v2-rhk1")],
    ]);
    await actAll(
      world,
      staff.map((p): Act => [secretary.email, id(p), "skp-approval", { decision: "approve" }]),
    );
    const first = await appraisal(world, id(staff[0]!));
    expect(first.stage).toBe("measurement");
    expect(first.skp!.rhk.map((r) => r.parentRhkId)).toEqual(["v2-rhk2", undefined]);
    expect((await appraisal(world, id(staff[1]!))).skp!.rhk[0]!.parentRhkId).toBe("v2-rhk1");
  });

  it("plans a wait that would outlive the execution as a continuation instead", () => {
    const now = new Date("2027-12-01T00:00:00.000Z");
    expect(planCascadeWait({ now, executionStartTime: new Date(now.getTime() - 329 * DAY) }).action).toBe(
      "continue-as-new",
    );
    expect(planCascadeWait({ now, executionStartTime: now })).toMatchObject({
      action: "wait-for-superior",
      timeoutSeconds: CASCADE_RECHECK_MS / 1000,
    });
  });
});

describe("SKP cascade when the appraiser's appraisal is cancelled (rule 27)", { timeout: 180_000 }, () => {
  let world: World;
  let secretary: Person;
  let staff: Person[];
  const cycleId = "kaskade-batal";
  const id = (p: Person) => `${cycleId}-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    ({ secretary, people: staff } = await seedUnit(world, "dinas-batal", 1));
    await createCycle(world, {
      cycleId,
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      unitIds: ["dinas-batal"],
      settings: { periodicEvaluation: "none" },
    });
    await launchCycle(world.control, cycleId);
    await settle(world);
  }, 120_000);
  afterAll(async () => world?.close());

  it("asks the staff at once as the top of the cascade: the appraiser has no SKP in the cycle any more", async () => {
    const p = staff[0]!;
    expect(await pendingLinks(world, p.email, id(p), "skp-proposal")).toEqual([]);
    await cancelAppraisal(world.control, { appraisalId: id(secretary), by: "hr", reason: "Mutasi" });
    // HR's cancel resumes the waiting task: no week-long wait for the re-check.
    await settle(world);
    expect(await pendingLinks(world, p.email, id(p), "skp-proposal")).toHaveLength(1);
    expect(await offeredSuperiorRhk(world, p.email, id(p))).toEqual([]);
    await act(world, p.email, id(p), "skp-proposal", proposal());
    expect((await appraisal(world, id(p))).skp).toMatchObject({ status: "submitted" });
  });
});

describe("SKP cascade across launch pages (rule 27)", { timeout: 300_000 }, () => {
  let world: World;
  let secretary: Person;
  let staff: Person[];
  const cycleId = "kaskade-besar";
  const id = (p: Person) => `${cycleId}-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    // 100 staff fill the first launch page: their executions start before the secretary's record is written.
    ({ secretary, people: staff } = await seedUnit(world, "dinas-besar", 100));
    await createCycle(world, {
      cycleId,
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      unitIds: ["dinas-besar"],
      settings: { periodicEvaluation: "none" },
    });
    await launchCycle(world.control, cycleId);
    await settle(world);
  }, 300_000);
  afterAll(async () => world?.close());

  it("keeps staff launched before their appraiser's record waiting, not at the top of the cascade", async () => {
    expect(await pendingLinks(world, secretary.email, id(secretary), "skp-proposal")).toHaveLength(1);
    for (const p of [staff[0]!, staff[99]!]) {
      expect(await pendingLinks(world, p.email, id(p), "skp-proposal")).toEqual([]);
      expect((await world.storage.audit.listAudit(id(p))).map((e) => e.action)).toContain(
        "skp-awaits-superior",
      );
    }
  });
});
