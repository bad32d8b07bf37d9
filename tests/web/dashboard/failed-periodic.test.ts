// Failed periodic evaluations on a cycle's failed page (issue 17): each period whose latest run failed, with the
// reason in Indonesian (the stored reason is "<ErrorName>: <detail>", as MarkPeriodicEvaluationFailed records it) and
// what HR can do: nothing while the daily run retries it, else pass it to IT once the attempts are used up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERIODIC_MAX_ATTEMPTS } from "../../../packages/core/src/periodic/periodic";
import { createPeriodicStore } from "../../../packages/core/src/periodic/periodic.repo";
import { markPeriodicEvaluationFailed } from "../../../packages/core/src/periodic/periodic.service";
import { organisation, settle, startHrWorld, type HrWorld } from "../hr/hr-world";
import { session, visibleText } from "./form-posts";

describe("failed periodic evaluations on the failed page", { timeout: 120_000 }, () => {
  let w: HrWorld;
  let cycleId = "";

  const fail = async (
    periodKey: string,
    label: string,
    attempt: number,
    error: { Error: string; Cause: string },
  ) => {
    const store = createPeriodicStore(w.world.storage, w.world.control.store);
    for (let a = 1; a <= attempt; a++) {
      await store.startRun({ cycleId, periodKey, label, executionName: `${cycleId}-${periodKey}-${a}` });
      const deps = { store, mail: w.world.decisionDeps.mail, clock: w.world.clock };
      expect(await markPeriodicEvaluationFailed(deps, { cycleId, periodKey, attempt: a, error })).toEqual({
        recorded: true,
      });
    }
  };
  const rowOf = (html: string, periodKey: string) =>
    visibleText(new RegExp(`<tr data-period="${periodKey}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "");

  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", organisation(1).csv)).status).toBe(200);
    const res = await w.call("POST", "/api/cycles", {
      name: "Tahunan 2027",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      unitIds: ["dinas-kesehatan"],
      settings: { periodicEvaluation: "quarterly" },
    });
    expect(res.status).toBe(202);
    cycleId = ((await res.json()) as { id: string }).id;
    await settle(w.world);
  }, 60_000);
  afterAll(async () => w?.close());

  it("says there is none while no run failed", async () => {
    const html = await (await session(w).get(`/dashboard/cycles/${cycleId}/failed`)).text();
    expect(visibleText(html)).toContain("Tidak ada evaluasi periodik yang gagal dalam siklus ini.");
  });

  it("lists a failed run with its Indonesian reason and what HR can do", async () => {
    await fail("2027-Q1", "Triwulan I 2027", 1, {
      Error: "States.Timeout",
      Cause: "Task timed out after 300 seconds",
    });
    await fail("2027-Q2", "Triwulan II 2027", PERIODIC_MAX_ATTEMPTS, {
      Error: "PeriodicRunStalled",
      Cause: "no progress since 2027-01-04T01:00:00.000Z",
    });
    for (const role of ["hr", "viewer"] as const) {
      const res = await session(w, role).get(`/dashboard/cycles/${cycleId}/failed`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const retried = rowOf(html, "2027-Q1");
      expect(retried).toContain("Triwulan I 2027");
      expect(retried).toContain("Waktu langkah alur kerja habis");
      expect(retried).toContain(
        `Tidak perlu tindakan: jalan harian berikutnya mencoba periode ini lagi otomatis (percobaan 1 dari ${PERIODIC_MAX_ATTEMPTS} gagal)`,
      );
      const gaveUp = rowOf(html, "2027-Q2");
      expect(gaveUp).toContain("Evaluasi periodik berhenti tanpa kemajuan");
      expect(gaveUp).toContain(`Sudah gagal ${PERIODIC_MAX_ATTEMPTS} kali dan tidak dicoba lagi otomatis`);
      // The English error name is never the text HR reads (only in the technical detail, if at all).
      expect(gaveUp).not.toContain("PeriodicRunStalled");
    }
  });
});
