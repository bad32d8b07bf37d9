// A link mail SES cannot deliver (issue 16 item 4): the appraising official's address is SES's bounce simulator, so
// the outbox emits the event SES would publish, the real mail-event handler records it against the decision and
// HR reads it on the appraisal and the cycle; the same event delivered again changes nothing. Runs on DynamoDB Local
// + the local engine + the real ASL + the real step handlers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import {
  listAppraisalMailProblems,
  listCycleMailProblems,
} from "../../packages/core/src/mail/delivery-problem";
import { SES_SIMULATOR } from "../../packages/core/src/mail/ses-event";
import { appraisalStory } from "../../packages/core/src/hr/appraisal-reports";
import { cycleDetail } from "../../packages/core/src/hr/cycle-reports";
import { createHandler } from "../../functions/jobs/record-mail-event";
import { act, createCycle, proposal, seedUnit, settle, startWorld, type Person, type World } from "./harness";

describe("a link mail that bounces", { timeout: 180_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  const id = (p: Person) => `b1-${p.nip}`;
  const handler = () => createHandler(() => world.deps);
  const mailAudits = async () =>
    (await world.storage.audit.listAudit(id(secretary))).filter((e) => e.action === "mail-problem");

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    // The head of the unit appraises the secretary; his address is SES's bounce simulator.
    ({ head, secretary } = await seedUnit(world, "dinas-pantul", 1, { headEmail: SES_SIMULATOR.bounce }));
    await createCycle(world, {
      cycleId: "b1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-pantul"],
    });
    await launchCycle(world.control, "b1");
    await settle(world);
    await act(
      world,
      secretary.email,
      id(secretary),
      "skp-proposal",
      proposal("Mengoordinasikan sekretariat"),
    );
  }, 120_000);
  afterAll(async () => world?.close());

  it("records the bounce against the approval decision the mail asked for, audited once", async () => {
    const [approval] = (await decisionRepo(world.decisionDeps.storage).listByAppraisal(id(secretary))).filter(
      (d) => d.kind === "skp-approval",
    );
    expect(approval, "the head was asked to approve").toBeDefined();
    // Only the bouncing address produced an event: the secretary's own mails were delivered.
    expect(world.mailEvents.map((e) => e["detail-type"])).toEqual(["Email Bounced"]);
    const problems = await listAppraisalMailProblems(world.storage, id(secretary));
    expect(problems).toEqual([
      expect.objectContaining({
        problem: "bounce",
        reason: "bounce-permanent",
        reasonText: "server penerima menolak alamat ini secara permanen",
        email: SES_SIMULATOR.bounce,
        recipient: { nip: head.nip, name: head.name, role: "appraiser" },
        decisionId: approval!.decisionId,
        decisionKind: "skp-approval",
        mailKind: "request",
        diagnostic: "smtp; 550 5.1.1 user unknown",
      }),
    ]);
    const audits = await mailAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: "system",
      kind: "skp-approval",
      detail: { problem: "bounce", email: SES_SIMULATOR.bounce, name: head.name, role: "appraiser" },
    });
  });

  it("changes nothing when SES delivers the same event again", async () => {
    const event = world.mailEvents[0]!;
    const outcomes = [await handler()(event), await handler()(structuredClone(event))];
    expect(outcomes).toEqual([
      { status: "recorded", recorded: 0, duplicates: 1, appraisalId: id(secretary) },
      { status: "recorded", recorded: 0, duplicates: 1, appraisalId: id(secretary) },
    ]);
    expect(await listAppraisalMailProblems(world.storage, id(secretary))).toHaveLength(1);
    expect(await mailAudits()).toHaveLength(1);
  });

  it("drops an event it cannot read, or one about no appraisal, without throwing", async () => {
    const run = handler();
    await expect(run({ source: "aws.ses", "detail-type": "Email Bounced", detail: {} })).resolves.toEqual({
      status: "ignored",
      reason: "unknown-shape",
    });
    await expect(run({ hello: "world" })).resolves.toEqual({ status: "ignored", reason: "unknown-shape" });
    const event = structuredClone(world.mailEvents[0]!) as { detail: { mail: { tags: object } } };
    event.detail.mail.tags = { "ses:configuration-set": ["local-kinerja-mail"] };
    await expect(run(event)).resolves.toEqual({ status: "ignored", reason: "not-about-an-appraisal" });
    expect(await listCycleMailProblems(world.storage, "b1")).toHaveLength(1);
  });

  it("shows HR the problem in the appraisal JSON and counts it on the cycle", async () => {
    const hr = { storage: world.storage, control: world.control, clock: world.clock };
    const story = await appraisalStory(hr, id(secretary));
    expect(story.mailProblems).toHaveLength(1);
    expect(story.mailProblems[0]).toMatchObject({ email: SES_SIMULATOR.bounce, problem: "bounce" });
    expect((await cycleDetail(hr, "b1")).mailProblems).toBe(1);
  });
});
