// The overdue count and list (issue 17): pending decisions past their deadline on the app clock, counted on the
// overview per cycle from the sparse index of pending decisions (one query per cycle, no read per appraisal) and
// listed with who must act, on whom, which decision and how many days late. The index follows the decision: a
// reminder or escalation round keeps it in, deciding and cancelling take it out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisionRepo } from "../../../packages/core/src/decision/decision.repo";
import { act, advanceDays, organisation, settle, startHrWorld, type HrWorld } from "../hr/hr-world";
import { proposal } from "../../workflows/harness";
import { session, visibleText } from "./form-posts";

const cardOf = (html: string, cycleId: string) =>
  visibleText(
    new RegExp(`<section[^>]*data-cycle="${cycleId}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? "",
  );

describe("overdue decisions of a cycle", { timeout: 300_000 }, () => {
  let w: HrWorld;
  let cycleId = "";
  const org = organisation(1);
  const [nurse1, nurse2] = org.nurses;
  const idOf = (nip: string) => `${cycleId}-${nip}`;

  const overviewCount = async () => {
    const res = await session(w).get("/dashboard");
    expect(res.status).toBe(200);
    const m = /Keputusan lewat tenggat: (\d+)/.exec(cardOf(await res.text(), cycleId));
    expect(m, "the overview card states the overdue count").not.toBeNull();
    return Number(m![1]);
  };

  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
    const res = await w.call("POST", "/api/cycles", {
      name: "Triwulan I 2027",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-kesehatan"],
      settings: { periodicEvaluation: "none", reminderAfterDays: 3, escalateAfterDays: 7 },
    });
    expect(res.status).toBe(202);
    cycleId = ((await res.json()) as { id: string }).id;
    await settle(w.world);
  }, 280_000);
  afterAll(async () => w?.close());

  it("counts nothing before the deadline, through the reminder round", async () => {
    const pending = await decisionRepo(w.world.storage).listByAppraisal(idOf(nurse1!.nip));
    expect(pending.filter((d) => d.status === "pending").map((d) => d.kind)).toEqual(["skp-proposal"]);
    expect(await overviewCount()).toBe(0);
    await advanceDays(w.world, 6); // the reminder round (day 3) re-armed the decisions; the deadline is day 7
    expect(await overviewCount()).toBe(0);
    const list = visibleText(await (await session(w).get(`/dashboard/cycles/${cycleId}/terlambat`)).text());
    expect(list).toContain("Tidak ada keputusan yang lewat tenggat.");
  });

  it("counts and lists both SKP proposals once their deadline passed (the escalation round keeps them in)", async () => {
    await advanceDays(w.world, 3.5); // day 9.5: 2.5 days past the deadline, inside the escalation round
    expect(await overviewCount()).toBe(2);
    const res = await session(w).get(`/dashboard/cycles/${cycleId}/terlambat`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const rows = [...html.matchAll(/<tr data-decision="[^"]+" data-appraisal="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1]).sort()).toEqual([idOf(nurse1!.nip), idOf(nurse2!.nip)].sort());
    for (const [, appraisalId, row] of rows) {
      const text = visibleText(row!);
      const nurse = appraisalId === idOf(nurse1!.nip) ? nurse1! : nurse2!;
      expect(text).toContain(`${nurse.name} (pegawai)`); // the employee must propose their own SKP
      expect(text).toContain("Usulan Sasaran Kinerja Pegawai (SKP)");
      expect(text).toContain(`NIP ${nurse.nip}`);
      expect(text).toContain("2 hari");
      expect(row).toContain(`action="/dashboard/appraisals/${appraisalId}/resend"`);
    }
    // The viewer sees the list but no resend button.
    const viewer = await (await session(w, "viewer").get(`/dashboard/cycles/${cycleId}/terlambat`)).text();
    expect(viewer).toContain(nurse1!.name);
    expect(viewer).not.toContain("/resend");
  });

  it("reads the overdue count with one index query per cycle, never the decisions of each appraisal", async () => {
    const repo = decisionRepo(w.world.storage);
    const calls = { index: 0, perAppraisal: 0 };
    const { listPendingDueBefore, listByAppraisal } = repo;
    repo.listPendingDueBefore = (...a) => ((calls.index += 1), listPendingDueBefore(...a));
    repo.listByAppraisal = (...a) => ((calls.perAppraisal += 1), listByAppraisal(...a));
    try {
      expect(await overviewCount()).toBe(2);
    } finally {
      repo.listPendingDueBefore = listPendingDueBefore;
      repo.listByAppraisal = listByAppraisal;
    }
    expect(calls).toEqual({ index: 1, perAppraisal: 0 });
  });

  it("drops a decision from the count once decided, and a cancelled appraisal's", async () => {
    await act(w.world, nurse1!.email, idOf(nurse1!.nip), "skp-proposal", proposal("Merawat pasien"));
    // The approval that follows has its own deadline, days away: not overdue.
    expect(await overviewCount()).toBe(1);
    const cancel = await w.call("POST", `/api/appraisals/${idOf(nurse2!.nip)}/cancel`, { reason: "Mutasi" });
    expect(cancel.status).toBe(200);
    await settle(w.world);
    expect(await overviewCount()).toBe(0);
    const list = visibleText(await (await session(w).get(`/dashboard/cycles/${cycleId}/terlambat`)).text());
    expect(list).toContain("Tidak ada keputusan yang lewat tenggat.");
  });
});
