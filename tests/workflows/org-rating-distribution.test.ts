// The organisation rating and the distribution pattern inside the running workflow (issue 15 items 5 and 7), on
// DynamoDB Local, the engine and the real ASL, deciding through the decision service behind POST /l/{token}.
// Rule 11: a rating HR sets after the head's review used to change nothing (the head kept "Sesuai Ekspektasi" and
// Baik under Sangat Kurang); now the head is re-evaluated, mailed and audited, an objection's revision follows the
// rule, and a change that can no longer apply is refused. Rules 12-16: a review that causes a warning needs a
// justification, the review page shows the would-be warnings, thresholds come from the cycle's settings, a unit of one
// gets an explained warning, and the dashboard and the workflow read a sub-unit's rating the same way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { InvalidDecisionBodyError } from "../../packages/core/src/decision/decision.errors";
import { decide } from "../../packages/core/src/decision/decide";
import { viewLink } from "../../packages/core/src/decision/link-view";
import { previewReview } from "../../packages/core/src/distribution/distribution";
import { HrConflictError } from "../../packages/core/src/hr/hr.errors";
import { cycleDistribution } from "../../packages/core/src/hr/cycle-reports";
import { setOrgRating } from "../../packages/core/src/hr/cycle-commands";
import type { HrDeps } from "../../packages/core/src/hr/hr-deps";
import { createDynamoFlowStore } from "../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { createApp } from "../../packages/web/src/app";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  mailsOf,
  pendingLinks,
  reportRealisation,
  seedUnit,
  setTargets,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

const HR = { subject: "siti.hr", name: "Siti (HR)" };
const hrDeps = (world: World): HrDeps => ({
  storage: world.storage,
  control: world.control,
  clock: world.clock,
});

/** Seeds the unit, opens a quarterly cycle with `settings`, sets targets and reports realisation up to the reviews. */
async function toReviews(world: World, staff: number, settings: object) {
  const org = await seedUnit(world, "dinas-uji", staff, { section: true });
  await createCycle(world, {
    cycleId: "q1",
    kind: "quarterly",
    periodStart: "2027-01-01",
    periodEnd: "2027-03-31",
    unitIds: ["dinas-uji"],
    settings: { periodicEvaluation: "none", ...settings },
  });
  await launchCycle(world.control, "q1");
  await settle(world);
  const id = (p: Person) => `q1-${p.nip}`;
  const section = org.section!;
  const everyone = [...org.people, org.secretary, section];
  await setTargets(world, id, [org.head, ...everyone]);
  await advanceDays(world, 87);
  await reportRealisation(world, everyone, id);
  return { ...org, section, id };
}

describe("organisation rating and distribution in the workflow", { timeout: 180_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let section: Person;
  let people: Person[];
  let id: (p: Person) => string;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    // Half of the unit must be Sangat Kurang under a Sangat Kurang rating (the default is 60%).
    ({ head, secretary, section, people, id } = await toReviews(world, 4, {
      distributionThresholds: { majorityMinPct: 50 },
    }));
  }, 180_000);
  afterAll(async () => world?.close());

  it("rule 11: an organisation rating set after the head's review re-evaluates the head, mails and audits it", async () => {
    // The section head heads a sub-sub-unit with no rating of its own: it follows dinas-uji's (two levels up).
    await act(world, secretary.email, id(section), "review", {
      hasilKerja: "meets",
      perilaku: "meets",
      feedback: "Target unit tercapai.",
    });
    expect(await appraisal(world, id(section))).toMatchObject({
      stage: "feedback",
      predikat: "baik",
      review: { hasilKerja: "meets", orgRating: null },
    });

    const set = await setOrgRating(
      hrDeps(world),
      { unitId: "dinas-uji", cycleId: "q1", rating: "sangat_kurang" },
      HR,
    );
    expect(set.headsRevised).toEqual([
      { appraisalId: id(section), hasilKerja: "below", predikat: "butuh_perbaikan" },
    ]);
    const revised = await appraisal(world, id(section));
    expect(revised).toMatchObject({
      stage: "feedback",
      predikat: "butuh_perbaikan",
      review: {
        hasilKerja: "below",
        submittedHasilKerja: "meets",
        orgRating: "sangat_kurang",
        unitHeadOverride: { orgRating: "sangat_kurang", note: expect.stringContaining("Sangat Kurang") },
      },
    });
    const trail = await world.storage.audit.listAudit(id(section));
    expect(trail.find((e) => e.action === "org-rating-applied")).toMatchObject({
      actor: "hr:siti.hr",
      detail: {
        hasilKerjaBefore: "meets",
        hasilKerjaAfter: "below",
        predikatBefore: "baik",
        predikatAfter: "butuh_perbaikan",
      },
    });
    const mails = await mailsOf(world, section.email, "org-rating-result");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Butuh Perbaikan");
    // The objection window does not restart; the acknowledgement page shows the revised result.
    const [ack] = await pendingLinks(world, section.email, id(section), "acknowledgement");
    expect((await viewLink(world.decisionDeps, ack!)).decision.context).toMatchObject({
      result: { predikat: "butuh_perbaikan", hasilKerja: "below" },
    });
    // Setting the same rating again changes nothing and mails nobody.
    await setOrgRating(hrDeps(world), { unitId: "dinas-uji", cycleId: "q1", rating: "sangat_kurang" }, HR);
    expect(await mailsOf(world, section.email, "org-rating-result")).toHaveLength(1);
  });

  it("the dashboard and the workflow read a sub-unit's rating the same way; a unit of one gets an explained warning", async () => {
    const dashboard = await cycleDistribution(hrDeps(world), "q1");
    const sub = dashboard.units.find((u) => u.unitId === "dinas-uji-sekretariat-umum")!;
    expect(sub).toMatchObject({ orgRating: "sangat_kurang", orgRatingFrom: "dinas-uji", rated: 1 });
    expect(dashboard.units.find((u) => u.unitId === "dinas-uji-sekretariat")).toMatchObject({
      orgRating: "sangat_kurang",
      orgRatingFrom: "dinas-uji",
      rated: 0,
      warnings: [],
    });
    const recorded = await createDynamoFlowStore(world.storage).distributionWarnings(
      "q1",
      "dinas-uji-sekretariat-umum",
    );
    expect(recorded).toEqual(sub.warnings);
    // One person cannot be 50% Sangat Kurang and 10% Kurang/Butuh Perbaikan at once: explained, not impossible.
    expect(sub.warnings.map((w) => w.rule)).toEqual(["unit-too-small"]);
    expect(sub.warnings[0]!.message).toMatch(/hanya 1 pegawai, terlalu kecil untuk mengikuti kurva/);
    expect((await world.deps.store.orgRating("q1", "dinas-uji-sekretariat-umum"))?.rating).toBe(
      "sangat_kurang",
    );
  });

  it("rules 12-16: a review causing a warning is refused without a justification, accepted and audited with one", async () => {
    const sangatBaik = { hasilKerja: "above", perilaku: "above", feedback: "Luar biasa." };
    const [token] = await pendingLinks(world, secretary.email, id(people[0]!), "review");
    const refused = await decide(world.decisionDeps, token!, sangatBaik, "id").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidDecisionBodyError);
    const issues = (refused as InvalidDecisionBodyError).issues;
    expect(issues.map((i) => i.path)).toEqual(["justification"]);
    expect(issues[0]!.message).toMatch(
      /^Predikat Sangat Baik menimbulkan peringatan distribusi.*tidak membolehkan predikat Sangat Baik/,
    );
    await settle(world);
    expect((await appraisal(world, id(people[0]!))).stage).toBe("review");

    const justification = "Menyelesaikan aplikasi layanan perizinan daring di luar target SKP.";
    await act(world, secretary.email, id(people[0]!), "review", { ...sangatBaik, justification });
    const reviewed = await appraisal(world, id(people[0]!));
    expect(reviewed).toMatchObject({
      predikat: "sangat_baik",
      review: { distribution: { warnings: [{ rule: "no-sangat-baik" }], justification } },
    });
    const audit = (await world.storage.audit.listAudit(id(people[0]!))).find((e) => e.action === "reviewed");
    expect(audit?.detail).toMatchObject({
      distributionWarnings: [{ rule: "no-sangat-baik" }],
      distributionJustification: justification,
    });
  });

  it("the review page (GET of the link) shows the unit's counts and the warnings each predikat would cause", async () => {
    const app = createApp({ decisions: world.decisionDeps });
    const [token] = await pendingLinks(world, secretary.email, id(people[1]!), "review");
    const res = await app.request(`/l/${token}`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Distribusi predikat unit kerja");
    expect(html).toContain("Saat ini, tanpa penilaian ini: Sangat Baik 1,");
    // Counted after the last reviews were decided (the link was mailed before them).
    expect(html).toContain("2 pegawai lain belum berpredikat");
    const row = (p: string) => html.slice(html.indexOf(`data-predikat="${p}"`)).split("</tr>")[0]!;
    expect(row("sangat_baik")).toContain('data-warnings="1"');
    expect(row("sangat_baik")).toContain("Perlu justifikasi");
    expect(row("sangat_kurang")).toContain('data-warnings="0"');
    expect(row("sangat_kurang")).toContain("Tidak menimbulkan peringatan.");
    // The pattern under this cycle's thresholds: at least 50% Sangat Kurang (2 of 4).
    expect(html).toContain("Sangat Kurang paling sedikit 50% (2 dari 4 orang)");
  });

  it("thresholds come from the cycle settings: 50% lets a review pass that the default 60% would stop", async () => {
    await act(world, secretary.email, id(people[1]!), "review", {
      hasilKerja: "below",
      perilaku: "below",
      feedback: "Target tidak tercapai.",
    });
    // Others: 1 Sangat Baik, 1 Sangat Kurang, 1 still to review; a Baik now leaves 2 of 4 Sangat Kurang possible.
    const others = { sangat_baik: 1, sangat_kurang: 1 };
    expect(previewReview("sangat_kurang", others, { unrated: 1 }).byPredikat.baik.caused).not.toEqual([]);
    expect(
      previewReview("sangat_kurang", others, { unrated: 1, thresholds: { majorityMinPct: 50 } }).byPredikat
        .baik.caused,
    ).toEqual([]);
    await act(world, secretary.email, id(people[2]!), "review", {
      hasilKerja: "meets",
      perilaku: "meets",
      feedback: "Sesuai target.",
    });
    expect(await appraisal(world, id(people[2]!))).toMatchObject({ predikat: "baik", stage: "feedback" });
    expect((await appraisal(world, id(people[2]!))).review?.distribution).toBeUndefined();

    // The last one cannot meet every bound any more (2 Sangat Kurang and 1 Kurang/Butuh Perbaikan are needed): a
    // Baik is refused without a justification, a justified Butuh Perbaikan is accepted.
    const [token] = await pendingLinks(world, secretary.email, id(people[3]!), "review");
    const refused = await decide(world.decisionDeps, token!, {
      hasilKerja: "meets",
      perilaku: "meets",
      feedback: "Sesuai target.",
    }).catch((e: unknown) => e);
    expect((refused as InvalidDecisionBodyError).issues?.map((i) => i.path)).toEqual(["justification"]);
    await act(world, secretary.email, id(people[3]!), "review", {
      hasilKerja: "below",
      perilaku: "meets",
      feedback: "Beberapa target belum tercapai.",
      justification: "Pelanggaran disiplin tidak terbukti; target tidak tercapai karena anggaran dipotong.",
    });
    const unit = (await cycleDistribution(hrDeps(world), "q1")).units.find((u) => u.unitId === "dinas-uji")!;
    expect(unit.counts).toMatchObject({ sangat_baik: 1, baik: 1, butuh_perbaikan: 1, sangat_kurang: 1 });
    // The dashboard shows what the workflow recorded: the justified departures from the pattern.
    expect(unit.warnings.map((w) => w.rule)).toEqual(["min-50-sangat-kurang", "no-sangat-baik"]);
    expect(await createDynamoFlowStore(world.storage).distributionWarnings("q1", "dinas-uji")).toEqual(
      unit.warnings,
    );
  });

  it("rule 11: an upheld objection's revised results rating of a head still follows the organisation rating", async () => {
    await act(world, section.email, id(section), "acknowledgement", {
      decision: "object",
      reason: "Capaian subbagian melebihi target.",
    });
    await act(world, head.email, id(section), "objection-decision", {
      decision: "uphold",
      revised: { hasilKerja: "above", perilaku: "above" },
      note: "Perilaku kerja memang di atas ekspektasi.",
    });
    const decided = await appraisal(world, id(section));
    // Above/above would be Sangat Baik; under Sangat Kurang the head's results are below: Butuh Perbaikan.
    expect(decided.predikat).toBe("butuh_perbaikan");
    expect(decided.review).toMatchObject({ hasilKerja: "below", perilaku: "above" });
    expect(decided.objection?.decision).toMatchObject({
      revised: { hasilKerja: "below", perilaku: "above" },
      submittedRevised: { hasilKerja: "above", perilaku: "above" },
      unitHeadOverride: expect.stringContaining("Sangat Kurang"),
      predikatAfter: "butuh_perbaikan",
    });
  });

  it("rule 11: after the objection is decided a change that would move the head's result is refused (409, Indonesian)", async () => {
    const refused = await setOrgRating(
      hrDeps(world),
      { unitId: "dinas-uji", cycleId: "q1", rating: "istimewa" },
      HR,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HrConflictError);
    expect((refused as HrConflictError).text("id")).toMatch(
      /^Penilaian kepala unit Kepala Subbagian Umum .* sudah melewati umpan balik .* Capaian organisasi unit dinas-uji tetap Sangat Kurang\./,
    );
    expect((await world.storage.cycles.getOrgRating("q1", "dinas-uji"))?.rating).toBe("sangat_kurang");
    expect((await appraisal(world, id(section))).predikat).toBe("butuh_perbaikan");
    // Kurang gives the head the same results rating: allowed, nothing of the head changes.
    const kurang = await setOrgRating(
      hrDeps(world),
      { unitId: "dinas-uji", cycleId: "q1", rating: "kurang" },
      HR,
    );
    expect(kurang).toMatchObject({ rating: "kurang", headsRevised: [] });
  });
});

describe("rule 11 while the head's review is in flight", { timeout: 180_000 }, () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
  }, 60_000);
  afterAll(async () => world?.close());

  it("HR setting the rating between the review's read and its save loses no update", async () => {
    const { head, secretary, id } = await toReviews(world, 1, {});
    // RecordReview reads the rating (none yet); HR sets it before the review is saved (HR finds no review to revise).
    const store = world.deps.store;
    const read = store.orgRating.bind(store);
    let armed = false;
    let interleaved = false;
    store.orgRating = async (cycleId, unitId) => {
      const answer = await read(cycleId, unitId);
      if (armed && !interleaved && unitId === secretary.unitId) {
        interleaved = true;
        const set = await setOrgRating(
          hrDeps(world),
          { unitId: "dinas-uji", cycleId: "q1", rating: "istimewa" },
          HR,
        );
        expect(set.headsRevised).toEqual([]);
      }
      return answer;
    };
    try {
      const [token] = await pendingLinks(world, head.email, id(secretary), "review");
      await decide(world.decisionDeps, token!, { hasilKerja: "meets", perilaku: "above", feedback: "Baik." });
      // Armed once the click is claimed (showing the page reads the rating too): the next read is RecordReview's.
      armed = true;
      await settle(world);
    } finally {
      store.orgRating = read;
    }
    expect(interleaved).toBe(true);
    // The review re-read the rating after its save and followed it: above x above.
    expect(await appraisal(world, id(secretary))).toMatchObject({
      predikat: "sangat_baik",
      review: { hasilKerja: "above", submittedHasilKerja: "meets", orgRating: "istimewa" },
    });
    const trail = await world.storage.audit.listAudit(id(secretary));
    expect(trail.map((e) => e.action)).toContain("org-rating-applied");
  });
});
