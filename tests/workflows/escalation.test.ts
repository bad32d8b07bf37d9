// Nobody acts: the person who must act is requested and reminded, and once the decision's one deadline passes someone
// above is told (the appraiser's superior with a link to act, or HR, or the appraiser of a silent employee). Runs on
// DynamoDB Local + the local engine + the real ASL + the real step handlers, with the clock advanced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { viewLink } from "../../packages/core/src/decision/link-view";
import { decisionRepo, type DecisionRecord } from "../../packages/core/src/decision/decision.repo";
import { formatJakarta } from "../../packages/core/src/mail/templates";
import type { OutboxEntry } from "../../packages/core/src/mail/outbox-mail";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  pendingLinks,
  proposal,
  proposeCascaded,
  setTargets,
  seedUnit,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

const DAY = 86_400_000;
const HR = { name: "Pengelola Kinerja BKPSDM", email: "kepegawaian@salorkab.go.id" };

describe("a decision nobody acts on", { timeout: 180_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let people: Person[];
  const id = (p: Person) => `e1-${p.nip}`;
  const repo = () => decisionRepo(world.decisionDeps.storage);
  const decisionOf = async (p: Person, kind: string): Promise<DecisionRecord> => {
    const found = (await repo().listByAppraisal(id(p))).filter((d) => d.kind === kind);
    expect(found, `${kind} decisions of ${p.name}`).toHaveLength(1);
    return found[0]!;
  };
  const rank = (m: OutboxEntry) => ["request", "reminder", "escalation"].indexOf(m.tags?.mailKind ?? "");
  /** Every mail of one decision, oldest first (a round's reminder before its escalation), with its recipient. */
  const mailsOfDecision = async (decisionId: string): Promise<OutboxEntry[]> =>
    (await world.outbox.list({ limit: 1000 }))
      .filter((m) => m.tags?.decisionId === decisionId)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt) || rank(a) - rank(b));
  const summary = (mails: OutboxEntry[]) =>
    mails.map((m) => [m.to, m.tags?.mailKind, m.tags?.notice ?? (m.links.length ? "link" : "no link")]);
  /** The due date as it reads in every mail, the link JSON and the decision record: the same instant. */
  async function expectOneDeadline(decision: DecisionRecord, mails: OutboxEntry[], dueAt: string) {
    expect(decision.dueAt).toBe(dueAt);
    for (const mail of mails)
      expect(mail.text, `${mail.to}: ${mail.subject}`).toContain(formatJakarta(dueAt));
    for (const mail of mails)
      for (const url of mail.links.filter((l) => l.includes("/l/"))) {
        const view = await viewLink(world.decisionDeps, url.split("/l/")[1]!);
        expect(view.decision.dueAt, url).toBe(dueAt);
      }
  }

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    // HR's contact as the local runtime sets it (KINERJA_HR_EMAIL); the harness has none of its own.
    world.deps.hr = HR;
    ({ head, secretary, people } = await seedUnit(world, "dinas-eskalasi", 3));
    await createCycle(world, {
      cycleId: "e1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-eskalasi"],
    });
    await launchCycle(world.control, "e1");
    await settle(world);
    // The secretary proposes and the head does not approve; the staff are asked once it is approved (rule 27).
    await act(
      world,
      secretary.email,
      id(secretary),
      "skp-proposal",
      proposal("Mengoordinasikan sekretariat"),
    );
  }, 120_000);
  afterAll(async () => world?.close());

  it("tells HR when the appraiser has no superior, and the appraiser can still act until the link expires", async () => {
    // The staff wait for the secretary's SKP (rule 27); the head leaves it past the deadline.
    await advanceDays(world, 7.1);
    const decision = await decisionOf(secretary, "skp-approval");
    const mails = await mailsOfDecision(decision.decisionId);
    expect(summary(mails)).toEqual([
      [head.email, "request", "link"],
      [head.email, "reminder", "link"],
      [head.email, "reminder", "link"],
      [HR.email, "escalation", "overdue"],
    ]);
    await expectOneDeadline(decision, mails, decision.dueAt!);
    const notice = mails.at(-1)!;
    expect(notice.text).toContain(`Yth. ${HR.name}`);
    expect(notice.text).toContain(`${secretary.name} (NIP ${secretary.nip})`);
    expect(notice.text).toContain("Tahap: persetujuan SKP oleh pejabat penilai kinerja");
    expect(notice.text).toContain(`Yang diminta bertindak: ${head.name}`);
    expect(notice.links).toEqual([`http://kinerja.test/dashboard/appraisals/${id(secretary)}`]);
    await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
    expect((await appraisal(world, id(secretary))).stage).toBe("measurement");
    // Now the staff are asked (rule 27): people[0] never proposes; people[1] proposes, and nobody approves.
    await proposeCascaded(world, people[1]!.email, id(people[1]!), proposal());
  });

  it("fixes the deadline when the decision opens and keeps it through the reminder", async () => {
    const opened = await decisionOf(people[0]!, "skp-proposal");
    // Fixed by the first round's plan, a moment before the record was written: opening + escalateAfterDays (7).
    const dueAt = opened.dueAt!;
    expect(Date.parse(opened.createdAt) + 7 * DAY - Date.parse(dueAt)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(opened.createdAt) + 7 * DAY - Date.parse(dueAt)).toBeLessThan(60_000);
    expect(Date.parse(opened.expiresAt) - Date.parse(dueAt)).toBe(7 * DAY);
    await advanceDays(world, 3.1);
    const reminded = await decisionOf(people[0]!, "skp-proposal");
    expect(reminded).toMatchObject({ dueAt, expiresAt: opened.expiresAt, status: "pending" });
    const mails = await mailsOfDecision(opened.decisionId);
    expect(summary(mails)).toEqual([
      [people[0]!.email, "request", "link"],
      [people[0]!.email, "reminder", "link"],
    ]);
    await expectOneDeadline(reminded, mails, dueAt);
  });

  it("past the deadline, keeps reminding a silent employee and tells their appraiser what is overdue", async () => {
    await advanceDays(world, 4);
    const decision = await decisionOf(people[0]!, "skp-proposal");
    const mails = await mailsOfDecision(decision.decisionId);
    expect(summary(mails)).toEqual([
      [people[0]!.email, "request", "link"],
      [people[0]!.email, "reminder", "link"],
      [people[0]!.email, "reminder", "link"],
      [secretary.email, "escalation", "overdue"],
    ]);
    await expectOneDeadline(decision, mails, decision.dueAt!);
    const notice = mails.at(-1)!;
    // Which employee, which step, since when, who was asked; no link to decide (only the employee may propose).
    expect(notice.subject).toContain("Eskalasi");
    expect(notice.text).toContain(`${people[0]!.name} (NIP ${people[0]!.nip})`);
    expect(notice.text).toContain("Tahap: penyusunan usulan SKP oleh pegawai");
    expect(notice.text).toContain(`Terlambat sejak: ${formatJakarta(decision.dueAt!)}`);
    expect(notice.text).toContain(`Yang diminta bertindak: ${people[0]!.name}`);
    expect(notice.links).toEqual([]);
    // The last reminder says the deadline passed and until when the form still works.
    const lastReminder = mails.at(-2)!;
    expect(lastReminder.text).toContain("Batas waktunya telah lewat");
    expect(lastReminder.text).toContain(formatJakarta(decision.expiresAt));
    // The employee's links still work until the last round ends.
    expect(await pendingLinks(world, people[0]!.email, id(people[0]!), "skp-proposal")).toHaveLength(3);
  });

  it("escalates an approval to the appraiser's superior with a link of their own, and reminds the appraiser", async () => {
    const decision = await decisionOf(people[1]!, "skp-approval");
    const mails = await mailsOfDecision(decision.decisionId);
    expect(summary(mails)).toEqual([
      [secretary.email, "request", "link"],
      [secretary.email, "reminder", "link"],
      [secretary.email, "reminder", "link"],
      [head.email, "escalation", "link"],
    ]);
    await expectOneDeadline(decision, mails, decision.dueAt!);
    const escalation = mails.at(-1)!;
    expect(escalation.text).toContain(`Permintaan kepada ${secretary.name}`);
    expect(escalation.text).toContain(`${people[1]!.name} (NIP ${people[1]!.nip})`);
    expect(escalation.text).toContain(`hingga batas waktu ${formatJakarta(decision.dueAt!)}`);
    // The superior decides in the appraiser's place through their own link.
    await act(world, head.email, id(people[1]!), "skp-approval", { decision: "approve" });
    expect((await appraisal(world, id(people[1]!))).stage).toBe("measurement");
    expect(await decisionOf(people[1]!, "skp-approval")).toMatchObject({
      status: "decided",
      decidedBy: { nip: head.nip, role: "superior-of-appraiser" },
    });
  });

  it("marks the silent employee's appraisal failed once the escalation round ends, with no more mail", async () => {
    const before = await decisionOf(people[0]!, "skp-proposal");
    await advanceDays(world, 7);
    const failed = await appraisal(world, id(people[0]!));
    expect(failed.stage).toBe("failed");
    const closed = await decisionOf(people[0]!, "skp-proposal");
    expect(closed).toMatchObject({ status: "expired", dueAt: before.dueAt });
    expect(await mailsOfDecision(closed.decisionId)).toHaveLength(4);
  });
});

describe("employee steps and objection decisions nobody acts on", { timeout: 180_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let people: Person[];
  const id = (p: Person) => `m1-${p.nip}`;
  const decisionOf = async (p: Person, kind: string): Promise<DecisionRecord> => {
    const found = (await decisionRepo(world.decisionDeps.storage).listByAppraisal(id(p))).filter(
      (d) => d.kind === kind,
    );
    expect(found, `${kind} decisions of ${p.name}`).toHaveLength(1);
    return found[0]!;
  };
  const mailsOfDecision = async (decisionId: string): Promise<OutboxEntry[]> =>
    (await world.outbox.list({ limit: 1000 }))
      .filter((m) => m.tags?.decisionId === decisionId)
      .sort(
        (a, b) =>
          a.sentAt.localeCompare(b.sentAt) ||
          ["request", "reminder", "escalation"].indexOf(a.tags?.mailKind ?? "") -
            ["request", "reminder", "escalation"].indexOf(b.tags?.mailKind ?? ""),
      );
  const summary = (mails: OutboxEntry[]) =>
    mails.map((m) => [m.to, m.tags?.mailKind, m.tags?.notice ?? (m.links.length ? "link" : "no link")]);
  const realization = async (p: Person) => ({
    items: (await appraisal(world, id(p))).skp!.rhk.flatMap((r) =>
      r.indicators.map((ind) => ({ indicatorId: ind.id, value: ind.target.min })),
    ),
  });

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    world.deps.hr = HR;
    ({ head, secretary, people } = await seedUnit(world, "dinas-bulanan", 2));
    await createCycle(world, {
      cycleId: "m1",
      kind: "monthly",
      periodStart: "2027-01-01",
      periodEnd: "2027-01-31",
      unitIds: ["dinas-bulanan"],
    });
    await launchCycle(world.control, "m1");
    await settle(world);
    await setTargets(world, id, [head, secretary, ...people]);
    await advanceDays(world, 28);
  }, 120_000);
  afterAll(async () => world?.close());

  it("reminds a silent employee about the realisation, tells the appraiser, then goes on without it", async () => {
    // people[1] reports, is reviewed and objects at once; the objection then waits on the superior of the appraiser.
    await act(world, people[1]!.email, id(people[1]!), "realization", await realization(people[1]!));
    await act(world, secretary.email, id(people[1]!), "review", {
      hasilKerja: "meets",
      perilaku: "meets",
      feedback: "Pertahankan",
    });
    await act(world, people[1]!.email, id(people[1]!), "acknowledgement", {
      decision: "object",
      reason: "Capaian saya lebih tinggi dari yang dinilai",
    });
    await advanceDays(world, 7.1);
    const decision = await decisionOf(people[0]!, "realization");
    const mails = await mailsOfDecision(decision.decisionId);
    expect(summary(mails)).toEqual([
      [people[0]!.email, "request", "link"],
      [people[0]!.email, "reminder", "link"],
      [people[0]!.email, "reminder", "link"],
      [secretary.email, "escalation", "overdue"],
    ]);
    for (const mail of mails) expect(mail.text).toContain(formatJakarta(decision.dueAt!));
    expect(mails.at(-1)!.text).toContain("Tahap: pelaporan realisasi kinerja oleh pegawai");
    await advanceDays(world, 7);
    expect((await appraisal(world, id(people[0]!))).stage).toBe("review");
    expect((await decisionOf(people[0]!, "realization")).status).toBe("expired");
  });

  it("keeps the objection deadline as the acknowledgement's one deadline and tells the appraiser when it passes", async () => {
    // The superior of the appraiser did not decide the objection: reminded, and HR was told (nobody may decide instead).
    const objection = await decisionOf(people[1]!, "objection-decision");
    const objectionMails = await mailsOfDecision(objection.decisionId);
    expect(summary(objectionMails)).toEqual([
      [head.email, "request", "link"],
      [head.email, "reminder", "link"],
      [head.email, "reminder", "link"],
      [HR.email, "escalation", "overdue"],
    ]);
    for (const mail of objectionMails) expect(mail.text).toContain(formatJakarta(objection.dueAt!));
    expect(objectionMails.at(-1)!.text).toContain(`Yang diminta bertindak: ${head.name}`);
    expect(objectionMails.at(-1)!.text).toContain(`${people[1]!.name} (NIP ${people[1]!.nip})`);

    // people[0] is reviewed without a realisation report and never answers the result.
    await act(world, secretary.email, id(people[0]!), "review", {
      hasilKerja: "below",
      perilaku: "meets",
      feedback: "Laporkan realisasi tepat waktu",
    });
    const opened = await decisionOf(people[0]!, "acknowledgement");
    const deadline = opened.context?.objectionDeadline as string;
    expect(opened.dueAt).toBe(deadline);
    await advanceDays(world, 16);
    const auto = await appraisal(world, id(people[0]!));
    expect(auto.acknowledgement).toMatchObject({ automatic: true });
    const closed = await decisionOf(people[0]!, "acknowledgement");
    expect(closed).toMatchObject({ status: "expired", dueAt: deadline });
    const mails = await mailsOfDecision(closed.decisionId);
    expect(summary(mails)).toEqual([
      [people[0]!.email, "request", "link"],
      [people[0]!.email, "reminder", "link"],
      [secretary.email, "escalation", "auto-acknowledged"],
    ]);
    for (const mail of mails) expect(mail.text).toContain(formatJakarta(deadline));
    for (const mail of mails.filter((m) => m.links.length)) {
      const view = await viewLink(world.decisionDeps, mail.links[0]!.split("/l/")[1]!);
      expect(view.decision.dueAt).toBe(deadline);
      expect(view.decision.context.objectionDeadline).toBe(deadline);
    }
  });
});
