// A quarterly cycle for a unit of 23 appraisals through every path of the appraisal workflow, on DynamoDB
// Local + the local engine + the real ASL + the real step handlers, with the clock advanced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelAppraisal, launchCycle, retryAppraisal } from "../../packages/core/src/cycle/cycle-control";
import { MissingDataError } from "../../packages/core/src/workflow/workflow.errors";
import {
  createDynamoFlowStore,
  createFlowEntities,
} from "../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { viewLink } from "../../packages/core/src/decision/link-view";
import type { Rating } from "../../packages/core/src/rating/rating";
import { checkDistribution } from "../../packages/core/src/distribution/distribution";
import {
  act,
  actAll,
  advanceDays,
  advanceSeconds,
  appraisal,
  cascaded,
  createCycle,
  executionsByStatus,
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
import { TransientError } from "../../packages/core/src/storage/storage.errors";

// DOMAIN 6.3: hasil kerja x perilaku -> predikat, all nine cells.
const cells: [Rating, Rating, string][] = [
  ["above", "above", "sangat_baik"],
  ["above", "meets", "baik"],
  ["above", "below", "kurang"],
  ["meets", "above", "baik"],
  ["meets", "meets", "baik"],
  ["meets", "below", "kurang"],
  ["below", "above", "butuh_perbaikan"],
  ["below", "meets", "butuh_perbaikan"],
  ["below", "below", "sangat_kurang"],
];

describe("a quarterly cycle for a unit of 23 appraisals", { timeout: 120_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let people: Person[];
  let subUnitId: string;
  const faults = { transientReviewsLeft: 2, permanentSnapshotFor: "" };
  const id = (p: Person) => `q1-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z", {
      // Test hook around the real handlers: a transient fault that heals, and a permanent one.
      wrap: (name, handler) => async (event, context) => {
        const appraisalId = (event as { appraisalId?: string }).appraisalId;
        if (name === "record-review" && appraisalId === id(people[8]!) && faults.transientReviewsLeft > 0) {
          faults.transientReviewsLeft -= 1;
          throw new TransientError("DynamoDB throttled the write (injected)");
        }
        if (name === "take-measurement-snapshot" && appraisalId === faults.permanentSnapshotFor) {
          faults.permanentSnapshotFor = "";
          throw new MissingDataError("attendance rows for March are missing (injected)");
        }
        return handler(event, context);
      },
    });
    ({ head, secretary, people, subUnitId } = await seedUnit(world, "dinas-uji", 22));
    await createCycle(world, {
      cycleId: "q1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-uji"],
    });
    await launchCycle(world.control, "q1");
    await settle(world);
  }, 120_000);
  afterAll(async () => world?.close());

  it("launches one appraisal per participant, sub-units included and the top official left out", async () => {
    const running = executionsByStatus(world).RUNNING ?? [];
    expect(running).toHaveLength(23);
    expect(running).toContain(id(secretary));
    expect(running).not.toContain(`q1-${head.nip}`);
    expect((executionsByStatus(world).SUCCEEDED ?? []).filter((n) => n.startsWith("q1-launch"))).toEqual([
      "q1-launch-1",
    ]);
    expect((await appraisal(world, id(secretary))).unitId).toBe(subUnitId);
  });

  it("sets targets: approve, return and revise, and cancels one appraisal", async () => {
    await act(world, secretary.email, id(secretary), "skp-proposal", proposal(`Target ${secretary.name}`));
    await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
    // Rule 27: the staff are asked once the secretary's SKP is approved, and cascade from its RHK.
    const [offered] = await offeredSuperiorRhk(world, people[0]!.email, id(people[0]!));
    await actAll(
      world,
      people.map((p): Act => [
        p.email,
        id(p),
        "skp-proposal",
        cascaded(proposal(`Target ${p.name}`), offered!.id),
      ]),
    );
    await actAll(
      world,
      people.slice(4).map((p): Act => [secretary.email, id(p), "skp-approval", { decision: "approve" }]),
    );

    await act(world, secretary.email, id(people[0]!), "skp-approval", {
      decision: "return",
      comment: "Tambahkan indikator waktu",
    });
    const returned = await appraisal(world, id(people[0]!));
    expect(returned.skp?.status).toBe("returned");
    const [revisionToken] = await pendingLinks(world, people[0]!.email, id(people[0]!), "skp-proposal");
    const context = (await viewLink(world.decisionDeps, revisionToken!)).decision.context as {
      returnComment: string;
      superiorRhk: { id: string }[];
    };
    expect(context.returnComment).toBe("Tambahkan indikator waktu");
    // The secretary's SKP is approved by now, so the revision cascades from the secretary's RHK (rule 27).
    expect(context.superiorRhk).toHaveLength(1);
    const revision = proposal("Target revisi");
    await act(world, people[0]!.email, id(people[0]!), "skp-proposal", {
      rhk: revision.rhk.map((r) => ({ ...r, parentRhkId: context.superiorRhk[0]!.id })),
    });
    await act(world, secretary.email, id(people[0]!), "skp-approval", { decision: "approve" });
    const revised = await appraisal(world, id(people[0]!));
    expect(revised.stage).toBe("measurement");
    expect(revised.skp).toMatchObject({ status: "approved", version: 2 });

    await cancelAppraisal(world.control, {
      appraisalId: id(people[3]!),
      by: "hr-1",
      reason: "pegawai pindah instansi",
    });
    await settle(world);
    expect((await appraisal(world, id(people[3]!))).stage).toBe("cancelled");
    expect(executionsByStatus(world).ABORTED).toEqual([id(people[3]!)]);
  });

  it("reminds the appraising official after 3 days and escalates to the superior after 7", async () => {
    await advanceDays(world, 3.1);
    expect((await mailsOf(world, secretary.email, "skp-approval")).map((m) => m.mailKind)).toContain(
      "reminder",
    );
    // The cancelled appraisal's decision was superseded: its links no longer work.
    expect(await pendingLinks(world, secretary.email, id(people[3]!), "skp-approval")).toEqual([]);
    await act(world, secretary.email, id(people[1]!), "skp-approval", { decision: "approve" });

    await advanceDays(world, 4);
    expect((await mailsOf(world, head.email, "skp-approval")).map((m) => m.mailKind)).toContain("escalation");
    await act(world, head.email, id(people[2]!), "skp-approval", { decision: "approve" });
    for (const p of [...people.slice(0, 3), ...people.slice(4), secretary])
      expect((await appraisal(world, id(p))).stage).toBe("measurement");
  });

  it("waits for the period end, then collects realisation and snapshots the measurement", async () => {
    // Imported data the snapshot reads: attendance of one employee, survey responses (IKM) of the unit.
    await world.storage.imports.putAttendance(
      ["2027-01", "2027-02", "2027-03"].map((month) => ({
        nip: people[0]!.nip,
        month,
        workDays: 20,
        present: 19,
        lateMinutes: 30,
        absentWithoutLeave: 1,
        importId: "att-1",
      })),
    );
    await world.storage.imports.putSurveyResponses(
      Array.from({ length: 10 }, (_, i) => ({
        unitId: "dinas-uji",
        respondentId: `r${i}`,
        submittedAt: `2027-02-${String(i + 1).padStart(2, "0")}T03:00:00.000Z`,
        scores: [4, 3, 3, 4, 3, 3, 4, 3, 3],
        importId: "ikm-1",
      })),
    );
    await advanceDays(world, 45);
    expect(await pendingLinks(world, people[0]!.email, id(people[0]!), "realization")).toEqual([]);
    await advanceDays(world, 37);
    faults.permanentSnapshotFor = id(people[9]!);
    const reporters = [...people.slice(0, 3), ...people.slice(4), secretary];
    const acts: Act[] = [];
    for (const p of reporters) {
      const indicators = (await appraisal(world, id(p))).skp!.rhk.flatMap((r) => r.indicators);
      acts.push([
        p.email,
        id(p),
        "realization",
        {
          items: indicators.map((ind, i) => ({
            indicatorId: ind.id,
            value: ind.target.min * (i === 0 ? 1 : 0.8),
            evidenceUrl: "https://bukti.test/" + ind.id,
          })),
        },
      ]);
    }
    await actAll(world, acts);
    const snap = (await appraisal(world, id(people[0]!))).measurement as {
      indicators: { evidenceCount: number }[];
      overallAchievementPct: number;
    };
    expect(snap.indicators.map((i) => i.evidenceCount)).toEqual([1, 1]);
    expect(snap.overallAchievementPct).toBeGreaterThan(80);
  });

  it("marks an appraisal failed on a permanent step fault, shows why, and a retry resumes it", async () => {
    const failed = await appraisal(world, id(people[9]!));
    expect(failed.stage).toBe("failed");
    expect(failed.failure).toMatchObject({
      stage: "review",
      error: "MissingDataError",
      cause: "attendance rows for March are missing (injected)",
    });
    const record = await world.storage.appraisals.getAppraisal(id(people[9]!));
    expect(record?.failureReason).toContain("attendance rows for March are missing");

    await retryAppraisal(world.control, { appraisalId: id(people[9]!), by: "hr-1" });
    await settle(world);
    const resumed = await appraisal(world, id(people[9]!));
    expect(resumed.stage).toBe("review");
    expect(resumed.measurement).toBeDefined();
    expect(await pendingLinks(world, secretary.email, id(people[9]!), "review")).toHaveLength(1);
  });

  it("reviews all nine matrix cells, applies the unit-head rule and records distribution warnings", async () => {
    await world.storage.cycles.setOrgRating({
      cycleId: "q1",
      unitId: subUnitId,
      rating: "istimewa",
      setBy: "hr-1",
    });
    await world.storage.cycles.setOrgRating({
      cycleId: "q1",
      unitId: "dinas-uji",
      rating: "kurang",
      setBy: "hr-1",
    });
    const rest = [...people.slice(0, 3), ...people.slice(4)];
    // The appraising official submits the reviews at once: the unit's distribution check must not lose any.
    await actAll(
      world,
      rest.map((p, i): Act => [
        secretary.email,
        id(p),
        "review",
        {
          hasilKerja: cells[i % 9]![0],
          perilaku: cells[i % 9]![1],
          feedback: `Umpan balik ${p.name}`,
          // Every matrix cell on purpose: some depart from the Kurang pattern, which needs a justification.
          justification: "Sebaran mengikuti capaian tiap pegawai.",
        },
      ]),
    );
    await advanceSeconds(world, 600); // the injected transient faults back off and retry
    for (const [i, p] of rest.entries()) {
      const a = await appraisal(world, id(p));
      expect(a.failure, p.name).toBeUndefined();
      expect(a.stage, p.name).toBe("feedback");
      expect(a.predikat, p.name).toBe(cells[i % 9]![2]);
    }
    expect(faults.transientReviewsLeft).toBe(0);

    // The review form of a unit that breaches its pattern is told so (it asks for a justification).
    const [secretaryReview] = await pendingLinks(world, head.email, id(secretary), "review");
    expect((await viewLink(world.decisionDeps, secretaryReview!)).decision.context).toHaveProperty(
      "distributionWarnings",
    );
    await act(world, head.email, id(secretary), "review", {
      hasilKerja: "meets",
      perilaku: "above",
      feedback: "Baik",
      justification: "Satu-satunya pegawai sekretariat; capaian unit istimewa.",
    });
    const sec = await appraisal(world, id(secretary));
    expect(sec.review).toMatchObject({
      hasilKerja: "above",
      submittedHasilKerja: "meets",
      unitHeadOverride: { orgRating: "istimewa" },
    });
    expect(sec.predikat).toBe("sangat_baik");

    const warnings = await createDynamoFlowStore(world.storage).listDistributionWarnings("q1");
    const unit = warnings.find((w) => w.unitId === "dinas-uji");
    const counts: Record<string, number> = {};
    for (const p of rest) {
      const predikat = (await appraisal(world, id(p))).predikat!;
      counts[predikat] = (counts[predikat] ?? 0) + 1;
    }
    const expected = checkDistribution("kurang", counts).map((w) => ({ rule: w.rule, message: w.message }));
    expect(expected.length).toBeGreaterThan(0);
    expect(unit?.warnings).toEqual(expected);
  });

  it("acknowledges, decides objections (upheld and rejected) and auto-acknowledges after the objection window", async () => {
    const [upheld, rejected, silent] = [people[4]!, people[5]!, people[6]!];
    const before = (await appraisal(world, id(upheld))).predikat;
    await act(world, upheld.email, id(upheld), "acknowledgement", {
      decision: "object",
      reason: "Realisasi saya belum dihitung",
    });
    await act(world, rejected.email, id(rejected), "acknowledgement", {
      decision: "object",
      reason: "Tidak setuju",
    });
    await act(world, head.email, id(upheld), "objection-decision", {
      decision: "uphold",
      revised: { hasilKerja: "above", perilaku: "above" },
      note: "Bukti baru diterima",
    });
    await act(world, head.email, id(rejected), "objection-decision", {
      decision: "reject",
      note: "Penilaian sudah sesuai",
    });
    const up = await appraisal(world, id(upheld));
    expect(up.stage).toBe("done");
    expect(up.objection?.decision).toMatchObject({
      outcome: "uphold",
      predikatBefore: before,
      predikatAfter: "sangat_baik",
    });
    expect(up.predikat).toBe("sangat_baik");
    const revisedMail = (await world.outbox.list({ to: upheld.email })).find(
      (m) => m.tags?.kind === "objection-result",
    );
    expect(revisedMail?.subject).toContain("Sangat Baik");
    const rej = await appraisal(world, id(rejected));
    expect(rej.objection?.decision?.outcome).toBe("reject");
    expect(rej.predikat).toBe(rej.objection?.decision?.predikatBefore);

    const ackers = [...people.slice(0, 3), ...people.slice(7), secretary];
    await actAll(
      world,
      ackers.map((p): Act => [p.email, id(p), "acknowledgement", { decision: "acknowledge" }]),
    );

    await advanceDays(world, 3.1);
    expect((await mailsOf(world, silent.email, "acknowledgement")).map((m) => m.mailKind)).toContain(
      "reminder",
    );
    expect((await appraisal(world, id(silent))).stage).toBe("feedback");
    await advanceDays(world, 12);
    const auto = await appraisal(world, id(silent));
    expect(auto.failure).toBeUndefined();
    expect(auto.stage).toBe("done");
    expect(auto.acknowledgement).toMatchObject({ automatic: true });
    expect(await pendingLinks(world, silent.email, id(silent), "acknowledgement")).toEqual([]);
  });

  it("ends with every live appraisal done, follow-up by predikat, and a full audit trail", async () => {
    const byStatus = executionsByStatus(world);
    expect(byStatus.RUNNING ?? []).toEqual([]);
    const all = (await world.deps.store.listAppraisalsOfCycle("q1", null, 100)).items;
    expect(all).toHaveLength(23);
    expect(all.filter((a) => a.stage === "failed").map((a) => a.failure)).toEqual([]);
    expect(all.filter((a) => a.stage === "done")).toHaveLength(22);
    expect(all.find((a) => a.stage === "cancelled")?.id).toBe(id(people[3]!));
    const poor = all.find((a) => a.predikat === "sangat_kurang")!;
    expect(poor.followUp).toMatchObject({ kind: "coaching" });
    const best = all.find((a) => a.predikat === "sangat_baik" && a.id !== id(secretary))!;
    expect(best.followUp).toMatchObject({ kind: "recognition" });
    const trail = await world.storage.audit.listAudit(id(people[4]!));
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "created",
        "skp-submitted",
        "skp-approved",
        "realisation-reported",
        "reviewed",
        "objection-filed",
        "objection-upheld",
        "follow-up",
      ]),
    );
    expect(trail.filter((e) => e.action === "decision").length).toBeGreaterThanOrEqual(5);
  });

  it("relaunching the cycle starts nothing new and counts the existing executions", async () => {
    const before = Object.values(executionsByStatus(world)).flat().length;
    await world.control.control.start(world.arns.launchCycle, "q1-relaunch", {
      cycleId: "q1",
      generation: 1,
      cursor: null,
      pagesInExecution: 0,
    });
    await settle(world);
    const after = executionsByStatus(world);
    expect(Object.values(after).flat().length).toBe(before + 1);
    expect(after.SUCCEEDED).toContain("q1-relaunch");
    const pages = (await createFlowEntities(world.storage).launchPage.query.byCycle({ cycleId: "q1" }).go())
      .data;
    const first = pages.filter((p) => p.pageKey.startsWith("q1-launch-1#"));
    const relaunch = pages.filter((p) => p.pageKey.startsWith("q1-relaunch#"));
    expect(first.reduce((s, p) => s + p.started, 0)).toBe(23);
    expect(relaunch.reduce((s, p) => s + p.started, 0)).toBe(0);
    expect(relaunch.reduce((s, p) => s + p.alreadyExisting, 0)).toBe(23);
  });
});
