// The dashboard overview per cycle (issue 17 item 2): stage counts as working bars (native <progress> with the
// count as value and the cycle's total as max, sized by the stylesheet, never by an inline style the CSP blocks),
// the predikat distribution, at-risk and failed counts; ten cycles read with one appraisal query each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_CSS } from "../../../packages/web/src/dashboard/dashboard-css";
import { organisation, settle, startHrWorld, type HrWorld } from "../hr/hr-world";
import { session, visibleText } from "./form-posts";

const MONTHS = 10;
const monthOf = (i: number) => `2027-${String(i + 1).padStart(2, "0")}`;
const lastDay = (i: number) => new Date(Date.UTC(2027, i + 1, 0)).toISOString().slice(0, 10);

describe("the dashboard overview of ten cycles", { timeout: 300_000 }, () => {
  let w: HrWorld;
  const ids: string[] = [];
  const org = organisation(1);

  beforeAll(async () => {
    w = await startHrWorld("2026-12-28T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
    for (let i = 0; i < MONTHS; i++) {
      const res = await w.call("POST", "/api/cycles", {
        name: `Bulanan ${monthOf(i)}`,
        kind: "monthly",
        periodStart: `${monthOf(i)}-01`,
        periodEnd: lastDay(i),
        unitIds: ["dinas-kesehatan"],
        settings: { periodicEvaluation: "none" },
      });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    await settle(w.world);
    // One cycle with a cancelled appraisal, one with a predikat and one flagged at risk (written as the workflow's
    // projection would hold them: the overview only reads the records).
    const [first] = await w.world.storage.appraisals.listByCycle(ids[0]!);
    expect((await w.call("POST", `/api/appraisals/${first!.id}/cancel`, { reason: "Mutasi" })).status).toBe(
      200,
    );
    const [a, b] = await w.world.storage.appraisals.listByCycle(ids[1]!);
    await w.world.storage.appraisals.updateAppraisal(a!, { predikat: "baik" });
    await w.world.storage.appraisals.updateAppraisal(b!, {
      periodicResults: [
        {
          label: "Bulan I",
          evaluatedAt: "2027-02-01T00:00:00.000Z",
          atRisk: true,
          overallAchievementPct: 40,
          riskReasons: ["Capaian di bawah 60%"],
        },
      ],
    });
  }, 280_000);
  afterAll(async () => w?.close());

  it("shows per cycle the stage counts as bars with their values, predikat, at-risk and failed counts", async () => {
    const res = await session(w).get("/dashboard");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const [i, id] of ids.entries()) {
      const card = new RegExp(`<section[^>]*data-cycle="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1];
      expect(card, id).toBeDefined();
      const bars = [...card!.matchAll(/<progress max="(\d+)" value="(\d+)"[^>]*data-stage="([a-z-]+)"/g)].map(
        (m) => ({ max: Number(m[1]), value: Number(m[2]), stage: m[3] }),
      );
      expect(bars.length).toBeGreaterThanOrEqual(5);
      // Every bar is scaled to the cycle's total; the stage the people are in has a filled (non-zero) bar.
      for (const bar of bars) expect(bar.max).toBe(2);
      const live = bars.find((b) => b.stage === "target-setting")!;
      expect(live.value).toBe(i === 0 ? 1 : 2);
      if (i === 0) expect(bars.find((b) => b.stage === "cancelled")!.value).toBe(1);
      const text = visibleText(card!);
      expect(text).toContain(`Berpredikat: ${i === 1 ? 1 : 0} dari ${i === 0 ? 1 : 2}`);
      expect(text).toContain(`Pegawai berisiko: ${i === 1 ? 1 : 0}`);
      expect(text).toContain("Penilaian gagal: 0");
      // The predikat chart only where someone has one: one bar of Baik with a width.
      if (i === 1) expect(card).toMatch(/<rect class="bar baik"[^>]*width="(?!0")\d+"[^>]*data-count="1"/);
      else expect(card).not.toContain("<svg");
    }
    // The bars get their size from the stylesheet (an inline style would be blocked by the CSP).
    expect(html).not.toMatch(/<progress[^>]*style=/);
    expect(DASHBOARD_CSS).toMatch(/\.stages progress\{[^}]*width:100%/);
  });

  it("reads each cycle's appraisals with one query, never one per appraisal", async () => {
    const appraisals = w.world.storage.appraisals;
    const calls = { listByCycle: 0, perAppraisal: 0 };
    const listByCycle = appraisals.listByCycle.bind(appraisals);
    const getAppraisal = appraisals.getAppraisal.bind(appraisals);
    const getFlow = w.world.control.store.getAppraisal.bind(w.world.control.store);
    appraisals.listByCycle = (...args) => ((calls.listByCycle += 1), listByCycle(...args));
    appraisals.getAppraisal = (...args) => ((calls.perAppraisal += 1), getAppraisal(...args));
    w.world.control.store.getAppraisal = (...args) => ((calls.perAppraisal += 1), getFlow(...args));
    try {
      const started = performance.now();
      expect((await session(w).get("/dashboard")).status).toBe(200);
      const ms = performance.now() - started;
      expect(calls).toEqual({ listByCycle: MONTHS, perAppraisal: 0 });
      console.log(
        `overview of ${MONTHS} cycles: ${Math.round(ms)} ms, ${calls.listByCycle} appraisal queries`,
      );
    } finally {
      appraisals.listByCycle = listByCycle;
      appraisals.getAppraisal = getAppraisal;
      w.world.control.store.getAppraisal = getFlow;
    }
  });
});
