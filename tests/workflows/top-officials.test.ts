// Objections against top officials and the top of the hierarchy (issue 15 item 2, DOMAIN 11 rule 35). An employee
// whose appraiser has no superior in the organisation (the secretary here, appraised by the head at the top) objected
// and the appraisal went to `failed` ("has no superior to decide the objection"); the top official was never
// appraised. Now the objection goes to the staffing authority (Pejabat Pembina Kepegawaian) of the org settings, and a
// cycle for the whole organisation appraises the top through the appraiser of the top. DynamoDB Local + the local
// engine + the real ASL + the real step handlers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { viewLink } from "../../packages/core/src/decision/link-view";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { cycleDetail } from "../../packages/core/src/hr/cycle-reports";
import type { HrDeps } from "../../packages/core/src/hr/hr-deps";
import { setOrgSettings } from "../../packages/core/src/org/org-settings.service";
import { EXTERNAL_OFFICIAL_IDS, HR_CONTACT_ID } from "../../packages/core/src/org/org-settings";
import { t } from "../../packages/core/src/i18n/messages";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  pendingLinks,
  proposal,
  reportRealisation,
  seedUnit,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

const HR = { name: "Pengelola Kinerja BKPSDM", email: "kepegawaian@salorkab.go.id" };
const BUPATI = { name: "H. Ahmad Salim", position: "Bupati Uji", email: "bupati@salorkab.go.id" };
const WAKIL = { name: "Dra. Sri Lestari", position: "Wakil Bupati Uji", email: "wabup@salorkab.go.id" };
const HR_ACTOR = { subject: "siti.hr", name: "Siti" };

const hrDeps = (world: World): HrDeps => ({
  storage: world.storage,
  control: world.control,
  clock: world.clock,
});
const review = { hasilKerja: "meets", perilaku: "meets", feedback: "Target tercapai." };

/** Proposes an SKP through the link, picking the superior RHK the page offers (none: the top of the cascade). */
async function propose(world: World, p: Person, appraisalId: string, text: string) {
  const [token] = await pendingLinks(world, p.email, appraisalId, "skp-proposal");
  if (!token) throw new Error(`${p.name} has no pending skp-proposal link`);
  const offered = ((await viewLink(world.decisionDeps, token)).decision.context.superiorRhk ?? []) as {
    id: string;
  }[];
  const body = proposal(text);
  await act(world, p.email, appraisalId, "skp-proposal", {
    rhk: body.rhk.map((r) => ({
      ...r,
      ...(offered[0] ? { parentRhkId: offered[0].id } : {}),
      // A JPT's SKP carries a balanced-scorecard perspective on every RHK (rule 28).
      ...(p.positionType === "jpt" ? { perspective: "proses_bisnis_internal" } : {}),
    })),
  });
}

/** Who a pending decision of an appraisal is asked of, by email (the decision record's recipients). */
async function recipientsOf(world: World, appraisalId: string, kind: string) {
  const decisions = await decisionRepo(world.decisionDeps.storage).listByAppraisal(appraisalId);
  return decisions.filter((d) => d.kind === kind).flatMap((d) => d.recipients ?? []);
}

describe(
  "rule 35: an objection whose appraiser has no superior in the organisation",
  { timeout: 240_000 },
  () => {
    let world: World;
    let head: Person;
    let secretary: Person;
    let people: Person[];
    const id = (p: Person) => `t1-${p.nip}`;

    beforeAll(async () => {
      world = await startWorld("2027-01-04T01:00:00.000Z");
      world.deps.hr = HR;
      ({ head, secretary, people } = await seedUnit(world, "dinas-puncak", 1));
      await createCycle(world, {
        cycleId: "t1",
        kind: "quarterly",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
      });
      await launchCycle(world.control, "t1");
      await settle(world);
      await propose(world, secretary, id(secretary), "Mengoordinasikan sekretariat");
      await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
      await propose(world, people[0]!, id(people[0]!), "Menyusun laporan keuangan");
      await act(world, secretary.email, id(people[0]!), "skp-approval", { decision: "approve" });
      await advanceDays(world, 87);
      await reportRealisation(world, [secretary, people[0]!], id);
      await act(world, head.email, id(secretary), "review", review);
      await act(world, secretary.email, id(people[0]!), "review", review);
    }, 200_000);
    afterAll(async () => world?.close());

    it("without org settings skips the top official at launch and says why on the cycle", async () => {
      const detail = await cycleDetail(hrDeps(world), "t1");
      expect(detail.total).toBe(2);
      expect(detail.skipped).toEqual([
        {
          nip: head.nip,
          name: head.name,
          unitId: "dinas-puncak",
          reason: "top-official-no-appraiser",
          message: t("launchSkipTopNoAppraiser", "id"),
        },
      ]);
      expect(detail.skipped[0]!.message).toContain("Pejabat Pembina Kepegawaian");
    });

    it("sends the objection to the staffing authority instead of failing, who decides it (was `failed`)", async () => {
      await setOrgSettings(world.storage, { pejabatPembinaKepegawaian: BUPATI }, HR_ACTOR);
      await act(world, secretary.email, id(secretary), "acknowledgement", {
        decision: "object",
        reason: "Capaian triwulan belum memperhitungkan kegiatan lintas OPD.",
      });
      const record = await appraisal(world, id(secretary));
      expect(record.stage, record.failure?.cause).toBe("feedback");
      expect(record.superiorOfAppraiser).toBeUndefined();
      expect(await recipientsOf(world, id(secretary), "objection-decision")).toEqual([
        {
          nip: EXTERNAL_OFFICIAL_IDS.pejabatPembinaKepegawaian,
          name: "Bupati Uji (H. Ahmad Salim)",
          email: BUPATI.email,
          role: "superior-of-appraiser",
        },
      ]);
      // The mail greets the official by position and name.
      const [mail] = await world.outbox.list({ to: BUPATI.email, limit: 10 });
      expect(mail?.text).toContain("Yth. Bupati Uji (H. Ahmad Salim),");
      expect(mail?.text).toContain(`${secretary.name} (NIP ${secretary.nip})`);
      await act(world, BUPATI.email, id(secretary), "objection-decision", {
        decision: "uphold",
        revised: { hasilKerja: "above", perilaku: "above" },
        note: "Kegiatan lintas OPD diperhitungkan.",
      });
      const decided = await appraisal(world, id(secretary));
      expect(decided.stage).toBe("done");
      expect(decided.objection?.decision).toMatchObject({
        outcome: "uphold",
        predikatAfter: "sangat_baik",
        decidedBy: EXTERNAL_OFFICIAL_IDS.pejabatPembinaKepegawaian,
      });
    });

    it("still decides an objection whose appraiser has a superior through that superior", async () => {
      await act(world, people[0]!.email, id(people[0]!), "acknowledgement", {
        decision: "object",
        reason: "Bukti dukung belum diperiksa.",
      });
      expect((await recipientsOf(world, id(people[0]!), "objection-decision")).map((r) => r.nip)).toEqual([
        head.nip,
      ]);
      await act(world, head.email, id(people[0]!), "objection-decision", {
        decision: "reject",
        note: "Penilaian sudah sesuai.",
      });
      expect((await appraisal(world, id(people[0]!))).stage).toBe("done");
    });
  },
);

describe("a cycle for the whole organisation, top included", { timeout: 300_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let people: Person[];
  const id = (p: Person) => `t2-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    world.deps.hr = HR;
    ({ head, secretary, people } = await seedUnit(world, "pemda", 2));
    // The regional head's deputy appraises the top; the Bupati stays the staffing authority.
    await setOrgSettings(
      world.storage,
      { pejabatPembinaKepegawaian: BUPATI, topOfficialAppraiser: WAKIL },
      HR_ACTOR,
    );
    await createCycle(world, {
      cycleId: "t2",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
    });
    await launchCycle(world.control, "t2");
    await settle(world);
  }, 120_000);
  afterAll(async () => world?.close());

  it("appraises the top official by the configured appraiser of the top and skips no one", async () => {
    const detail = await cycleDetail(hrDeps(world), "t2");
    expect(detail.total).toBe(4);
    expect(detail.skipped).toEqual([]);
    const top = await appraisal(world, id(head));
    expect(top.appraiser).toEqual({
      nip: EXTERNAL_OFFICIAL_IDS.topOfficialAppraiser,
      name: WAKIL.name,
      email: WAKIL.email,
      external: { position: WAKIL.position },
    });
    expect(top.superiorOfAppraiser).toBeUndefined();
  });

  it("brings everyone to done: the top's SKP approval, review and objection go to the officials", async () => {
    await propose(world, head, id(head), "Terwujudnya tata kelola pemerintahan daerah");
    expect((await recipientsOf(world, id(head), "skp-approval")).map((r) => [r.email, r.name])).toEqual([
      [WAKIL.email, "Wakil Bupati Uji (Dra. Sri Lestari)"],
    ]);
    await act(world, WAKIL.email, id(head), "skp-approval", { decision: "approve" });
    await propose(world, secretary, id(secretary), "Mengoordinasikan sekretariat");
    await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
    for (const p of people) await propose(world, p, id(p), "Menyusun laporan keuangan");
    for (const p of people) await act(world, secretary.email, id(p), "skp-approval", { decision: "approve" });
    await advanceDays(world, 87);
    await reportRealisation(world, [head, secretary, ...people], id);
    await act(world, WAKIL.email, id(head), "review", review);
    await act(world, head.email, id(secretary), "review", review);
    for (const p of people) await act(world, secretary.email, id(p), "review", review);
    // The top objects: the staffing authority decides (the appraiser of the top has no superior in the organisation).
    await act(world, head.email, id(head), "acknowledgement", {
      decision: "object",
      reason: "Capaian program strategis daerah belum dihitung.",
    });
    expect((await recipientsOf(world, id(head), "objection-decision")).map((r) => r.email)).toEqual([
      BUPATI.email,
    ]);
    await act(world, BUPATI.email, id(head), "objection-decision", {
      decision: "reject",
      note: "Penilaian sudah sesuai.",
    });
    for (const p of [secretary, ...people])
      await act(world, p.email, id(p), "acknowledgement", { decision: "acknowledge" });
    const detail = await cycleDetail(hrDeps(world), "t2");
    expect(detail.counts).toMatchObject({ done: 4, failed: 0 });
    expect((await appraisal(world, id(head))).objection?.decision?.outcome).toBe("reject");
  });
});

describe("escalations at the top reach someone", { timeout: 240_000 }, () => {
  let world: World;
  let head: Person;
  const id = (p: Person) => `t3-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    world.deps.hr = HR;
    ({ head } = await seedUnit(world, "pemda-diam", 0));
    await setOrgSettings(world.storage, { pejabatPembinaKepegawaian: BUPATI }, HR_ACTOR);
    await createCycle(world, {
      cycleId: "t3",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["pemda-diam"],
    });
    await launchCycle(world.control, "t3");
    await settle(world);
    await propose(world, head, id(head), "Terwujudnya tata kelola pemerintahan daerah");
  }, 120_000);
  afterAll(async () => world?.close());

  it("tells HR, not the staffing authority, when the official does not approve the top's SKP in time", async () => {
    await advanceDays(world, 7.5);
    const mails = await world.outbox.list({ limit: 100 });
    const approval = mails.filter((m) => m.tags?.kind === "skp-approval");
    expect(approval.map((m) => [m.to, m.tags?.mailKind, m.links.length > 0]).sort()).toEqual(
      [
        [BUPATI.email, "request", true],
        [BUPATI.email, "reminder", true],
        [BUPATI.email, "reminder", true],
        [HR.email, "escalation", true],
      ].sort(),
    );
    const notice = approval.find((m) => m.to === HR.email)!;
    expect(notice.text).toContain("Yang diminta bertindak: Bupati Uji (H. Ahmad Salim)");
    expect((await appraisal(world, id(head))).stage).toBe("target-setting");
  });
});

describe(
  "rule 35 without a staffing authority: HR records the decision, never `failed`",
  { timeout: 240_000 },
  () => {
    let world: World;
    let head: Person;
    let secretary: Person;
    const id = (p: Person) => `t4-${p.nip}`;

    beforeAll(async () => {
      world = await startWorld("2027-01-04T01:00:00.000Z");
      world.deps.hr = HR;
      ({ head, secretary } = await seedUnit(world, "dinas-tanpa-ppk", 0));
      await createCycle(world, {
        cycleId: "t4",
        kind: "quarterly",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
      });
      await launchCycle(world.control, "t4");
      await settle(world);
      await propose(world, secretary, id(secretary), "Mengoordinasikan sekretariat");
      await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
      await advanceDays(world, 87);
      await reportRealisation(world, [secretary], id);
      await act(world, head.email, id(secretary), "review", review);
    }, 200_000);
    afterAll(async () => world?.close());

    it("sends the objection to HR (pengelola kinerja) with a link, who records the decision", async () => {
      await act(world, secretary.email, id(secretary), "acknowledgement", {
        decision: "object",
        reason: "Capaian triwulan belum memperhitungkan kegiatan lintas OPD.",
      });
      const record = await appraisal(world, id(secretary));
      expect(record.stage, record.failure?.cause).toBe("feedback");
      expect(await recipientsOf(world, id(secretary), "objection-decision")).toEqual([
        { nip: HR_CONTACT_ID, name: HR.name, email: HR.email, role: "hr" },
      ]);
      await act(world, HR.email, id(secretary), "objection-decision", {
        decision: "reject",
        note: "Keputusan Bupati: penilaian sudah sesuai.",
      });
      expect(await appraisal(world, id(secretary))).toMatchObject({
        stage: "done",
        objection: { decision: { outcome: "reject", decidedBy: HR_CONTACT_ID } },
      });
    });
  },
);
