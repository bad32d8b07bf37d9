// `kinerja demo` through its library entry: a whole annual cycle for the demo Salor organisation, with the people
// acting only through their emailed links. Every figure it reports is checked against the records after a restart
// on the same data dir: the appraisal records and audit trail in DynamoDB, and the engine's executions.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemo } from "../../packages/local/src/demo/run-demo";
import type { DemoReport } from "../../packages/local/src/demo/report";
import { countEngineWork } from "../../packages/local/src/demo/cost";
import { DEMO_STAFFING_AUTHORITY, demoOrganisation } from "../../packages/core/src/imports/sample-org";
import { EXTERNAL_OFFICIAL_IDS } from "../../packages/core/src/org/org-settings";
import { plannedSkp, type PlannedRhk } from "../../packages/local/src/demo/people";
import { createLocalRuntime, type LocalRuntime } from "../../packages/local/src/runtime/runtime";
import { createDynamoFlowStore } from "../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import type { FlowAppraisal } from "../../packages/core/src/appraisal-flow/flow-store";

describe("kinerja demo", () => {
  let report: DemoReport;
  let rt: LocalRuntime;
  let records: FlowAppraisal[];
  const stagesSeen = new Set<string>();

  beforeAll(async () => {
    report = await runDemo({ keep: true, onProgress: (p) => stagesSeen.add(p.stage) });
    rt = await createLocalRuntime({
      dataDir: report.dataDir,
      port: 0,
      statesPort: 0,
      dynamoPort: 0,
      seed: false,
    });
    const flow = createDynamoFlowStore(rt.storage);
    records = [];
    let cursor: string | null = null;
    do {
      const page = await flow.listAppraisalsOfCycle(report.cycleId, cursor, 200);
      records.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }, 600_000);
  afterAll(async () => {
    await rt?.close();
    if (report) rmSync(report.dataDir, { recursive: true, force: true });
  });

  it("leaves no decision decided but undelivered: every click's outcome was consumed by its workflow (issue 18 item 1)", async () => {
    // A click no longer marks its decision delivered; the workflow step that consumes the outcome does.
    const owed = await decisionRepo({
      client: rt.storage.client,
      tableName: rt.storage.tableName,
    }).listUndelivered(10);
    expect(owed.map((d) => `${d.kind} ${d.decisionKey}`)).toEqual([]);
  });

  it("appraises everyone, the Sekda at the top included, and brings every appraisal to done", () => {
    const appraised = demoOrganisation().people;
    expect(report.appraisals.total).toBe(appraised.length);
    expect(records.map((r) => r.nip).sort()).toEqual(appraised.map((p) => p.nip).sort());
    expect(report.appraisals.byStage).toEqual({ done: records.length });
    expect(records.every((r) => r.stage === "done")).toBe(true);
    expect([...stagesSeen]).toEqual([
      "target-setting",
      "measurement",
      "realisation",
      "review",
      "feedback",
      "follow-up",
    ]);
  });

  it("has the Bupati, staffing authority outside the employee list, appraise the Sekda through his mailed links", () => {
    const sekda = demoOrganisation().people.find((p) => !p.superiorNip)!;
    const r = records.find((x) => x.nip === sekda.nip)!;
    expect(r.appraiser).toEqual({
      nip: EXTERNAL_OFFICIAL_IDS.pejabatPembinaKepegawaian,
      name: DEMO_STAFFING_AUTHORITY.name,
      email: DEMO_STAFFING_AUTHORITY.email,
      external: { position: DEMO_STAFFING_AUTHORITY.position },
    });
    expect(r.stage).toBe("done");
    expect(r.skp?.approvedBy).toBe(EXTERNAL_OFFICIAL_IDS.pejabatPembinaKepegawaian);
    expect(r.review?.decidedBy).toBe(EXTERNAL_OFFICIAL_IDS.pejabatPembinaKepegawaian);
    // As the leader approving it, he adds special behaviour expectations to the Sekda's SKP.
    expect((r.skp?.ekspektasiKhusus ?? []).length).toBeGreaterThan(0);
  });

  it("reports the predikat distribution per unit exactly as the records hold it", () => {
    for (const unit of report.units) {
      const members = records.filter((r) => r.unitId === unit.unitId);
      expect(unit.population).toBe(members.length);
      for (const [predikat, n] of Object.entries(unit.counts))
        expect(n, `${unit.unitId} ${predikat}`).toBe(members.filter((r) => r.predikat === predikat).length);
    }
    expect(Object.values(report.overall).reduce((a, b) => a + b, 0)).toBe(records.length);
    // Varied ratings: at least three different predikat across the regency.
    expect(Object.values(report.overall).filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("shows the people's story in the records: a returned SKP, an escalation, objections, silence", async () => {
    const returned = records.find((r) => r.id === report.people.returnedSkp?.appraisalId);
    expect(returned?.skp?.returnComments.map((c) => c.comment)).toEqual([report.people.returnedSkp!.comment]);
    expect(returned?.skp?.version).toBe(2);

    expect(report.people.escalated).not.toBeNull();
    const escalated = records.find((r) => r.id === report.people.escalated!.appraisalId)!;
    expect(escalated.skp?.approvedBy).toBe(report.people.escalated!.decidedBy);
    expect(escalated.skp?.approvedBy).not.toBe(escalated.appraiser.nip);

    expect(report.people.objections.map((o) => o.outcome).sort()).toEqual(["reject", "uphold"]);
    for (const o of report.people.objections) {
      const r = records.find((x) => x.id === o.appraisalId)!;
      expect(r.objection?.decision).toMatchObject({
        outcome: o.outcome,
        predikatBefore: o.predikatBefore,
        predikatAfter: o.predikatAfter,
      });
      expect(r.predikat).toBe(o.predikatAfter);
    }
    expect(report.people.autoAcknowledged).toHaveLength(2);
    expect(
      records
        .filter((r) => r.acknowledgement?.automatic)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...report.people.autoAcknowledged].sort());
  });

  it("counts one audited decision per link the people acted on", async () => {
    // A periodic rating is one link per appraising official and period: its decision entry is the team's, and each
    // appraisal it rates gets a periodic-rating entry.
    const periodic = report.people.byKind["periodic-rating"] ?? 0;
    let audited = 0;
    const ratedPeriods: number[] = [];
    for (const r of records) {
      const trail = await rt.storage.audit.listAudit(r.id);
      audited += trail.filter((e) => e.action === "decision").length;
      ratedPeriods.push(trail.filter((e) => e.action === "periodic-rating").length);
    }
    expect(audited).toBe(report.people.decisions - periodic);
    expect(report.people.byKind["review"]).toBe(records.length);
    // The appraisers rated their teams through the periodic rating pages: every appraisal has its periodic ratings.
    expect(periodic).toBeGreaterThan(0);
    expect(Math.min(...ratedPeriods)).toBeGreaterThanOrEqual(3);
  });

  it("takes every decision through the pages' forms, never posting JSON to a link", () => {
    const p = report.people;
    expect(p.decisions).toBeGreaterThan(records.length * 4);
    expect(p.viaForms).toBe(p.decisions);
    // Every post to a link was a browser form: the decisions, the "add rows" presses and any late submit (409).
    expect(Object.keys(p.pages.posts)).toEqual(["application/x-www-form-urlencoded"]);
    expect(p.pages.posts["application/x-www-form-urlencoded"]).toBe(
      p.decisions + p.pages.rowButtons + p.pages.lateSubmits,
    );
    expect(p.pages.pageViews).toBeGreaterThanOrEqual(p.decisions);
    // HR too acted only through pages, in their own browser: the provider's sign-in form, the org-settings CSV
    // uploaded and applied (multipart), the create-cycle form and its confirmation, one org-rating form per unit.
    const hr = report.hr.pages;
    expect(hr.posts).toEqual({
      "application/x-www-form-urlencoded": 1 + 2 + report.units.filter((u) => u.orgRating !== "-").length,
      "multipart/form-data": 2,
    });
    // JPT heads plan four RHK and the returned SKP gains indicators: more rows than the form shows at first.
    const heads = demoOrganisation().people.filter((x) => x.positionType === "jpt");
    expect(p.pages.rowButtons).toBeGreaterThanOrEqual(heads.length + 1);
  });

  it("stores every SKP as its person typed it on the form: RHK, perspective, indicators, targets, annex", () => {
    const people = new Map(demoOrganisation().people.map((p) => [p.nip, p]));
    type Row = Pick<PlannedRhk, "text" | "kind"> & {
      perspective?: string;
      indicators: { text: string; aspect: string; target: unknown }[];
    };
    const shape = (rhk: Row[]) =>
      rhk.map((r) => ({
        text: r.text,
        kind: r.kind,
        perspective: r.perspective,
        indicators: r.indicators.map((i) => ({ text: i.text, aspect: i.aspect, target: i.target })),
      }));
    for (const r of records) {
      const plan = plannedSkp(people.get(r.nip)!, r.id === report.people.returnedSkp?.appraisalId);
      expect(shape(r.skp?.rhk ?? []), r.nip).toEqual(shape(plan.rhk));
      expect(r.skp?.annex, r.nip).toEqual(plan.annex);
    }
  });

  it("cascades every SKP below the top (rule 27): each RHK utama intervenes on an RHK of the appraiser's SKP", () => {
    const byNip = new Map(records.map((r) => [r.nip, r]));
    const below = records.filter((r) => byNip.has(r.appraiser.nip));
    expect(below.length).toBeGreaterThan(records.length / 2);
    for (const r of records) {
      const superior = byNip.get(r.appraiser.nip);
      for (const rhk of (r.skp?.rhk ?? []).filter((x) => x.kind === "utama"))
        if (superior)
          expect(
            superior.skp!.rhk.map((x) => x.id),
            r.nip,
          ).toContain(rhk.parentRhkId);
        else expect(rhk.parentRhkId, `${r.nip} is at the top of the cascade`).toBeUndefined();
    }
  });

  it("brings the JPT heads through with one perspective per RHK, the annex and the leader's expectations", () => {
    const heads = demoOrganisation().people.filter((x) => x.positionType === "jpt");
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) {
      const r = records.find((x) => x.nip === head.nip)!;
      expect(r.stage, head.name).toBe("done");
      expect(r.skp?.rhk.map((x) => x.perspective)).toEqual([
        "penerima_layanan",
        "proses_bisnis_internal",
        "penguatan_internal",
        "anggaran",
      ]);
      expect(r.skp?.annex?.skemaPertanggungjawaban.length).toBeGreaterThan(0);
    }
    const staff = records.filter((r) => !heads.some((h) => h.nip === r.nip));
    expect(staff.every((r) => r.skp?.rhk.every((x) => x.perspective === undefined))).toBe(true);
    // Indicator targets typed with a decimal comma ("75,5") are stored as numbers.
    const head = records.find((x) => x.nip === heads[0]!.nip)!;
    expect(head.skp?.rhk[2]?.indicators[0]?.target.min).toBe(75.5);
    // Heads approve their heads of division's SKP with special behaviour expectations.
    const kabid = records.filter(
      (r) => demoOrganisation().people.find((x) => x.nip === r.nip)?.positionType === "administrator",
    );
    expect(kabid.every((r) => (r.skp?.ekspektasiKhusus ?? []).some((e) => e.key === "akuntabel"))).toBe(true);
  });

  it("reports the engine's billable transitions and executions, priced", () => {
    const work = countEngineWork(rt.engine);
    expect(report.cost).toMatchObject(work);
    expect(work.stateTransitions).toBeGreaterThan(records.length * 10);
    const appraisalRuns = rt.engine.store
      .listExecutions({ machine: null, status: null, afterStart: null, afterArn: null, limit: 100_000 })
      .filter((e) => e.stateMachineArn.endsWith(":kinerja-appraisal"));
    expect(appraisalRuns.filter((e) => e.status !== "SUCCEEDED")).toEqual([]);
    expect(report.cost.usd.stepFunctions).toBeCloseTo((work.stateTransitions / 1000) * 0.025, 6);
    expect(report.cost.usd.total).toBeGreaterThan(0);
  });
});
