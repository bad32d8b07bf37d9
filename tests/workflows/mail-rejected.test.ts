// A permanent mail rejection (issue 16 item 3): SES answers MessageRejected (sandbox, unverified sender) when the
// workflow opens a decision. The appraisal must end failed with a readable reason instead of a failed execution nobody
// sees, and HR can retry it once mail works. DynamoDB Local + the local engine + the real ASL + the real handlers; the
// fault is injected at the mail port the step deps use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailMessage } from "../../packages/core/src/mail/mail.port";
import { launchCycle, retryAppraisal } from "../../packages/core/src/cycle/cycle-control";
import {
  act,
  advanceSeconds,
  appraisal,
  createCycle,
  pendingLinks,
  proposal,
  seedUnit,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

/** What the SES v2 client throws for a rejected message (its error name and message). */
class MessageRejected extends Error {
  override name = "MessageRejected";
}

describe("a mail the provider rejects permanently", { timeout: 240_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  const rejected: string[] = [];
  let rejecting = true;
  const id = (p: Person) => `mr1-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    ({ head, secretary } = await seedUnit(world, "dinas-surat", 1));
    // The mail port the step deps hold: the secretary's address is rejected while `rejecting` is set.
    const send = world.outbox.send.bind(world.outbox);
    world.outbox.send = async (msg: MailMessage) => {
      if (rejecting && msg.to === secretary.email) {
        rejected.push(msg.subject);
        throw new MessageRejected(
          `Email address is not verified. The following identities failed the check: ${msg.to}`,
        );
      }
      return send(msg);
    };
    await createCycle(world, {
      cycleId: "mr1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-surat"],
    });
    await launchCycle(world.control, "mr1");
    await settle(world);
    // Past the step's retries (their backoff runs on the engine's clock).
    for (let i = 0; i < 6; i++) await advanceSeconds(world, 600);
  }, 180_000);
  afterAll(async () => world?.close());

  it("marks the appraisal failed with the provider's reason once the retries are spent", async () => {
    expect(rejected.length).toBeGreaterThan(0);
    const record = await appraisal(world, id(secretary));
    expect(record.stage).toBe("failed");
    expect(record.failure).toBeDefined();
    expect(record.failure!.stage).toBe("target-setting");
    // Readable: what could not be done, to whom, and what the provider said.
    expect(record.failure!.error).toBe("DecisionMailError");
    expect(record.failure!.cause).toContain(secretary.email);
    expect(record.failure!.cause).toContain("MessageRejected: Email address is not verified");
    expect(await pendingLinks(world, secretary.email, id(secretary), "skp-proposal")).toEqual([]);
  });

  it("lets HR retry it once mail works, and the employee then gets the request and can act", async () => {
    rejecting = false;
    const retried = await retryAppraisal(world.control, { appraisalId: id(secretary), by: "hr-test" });
    expect(retried.started).toBe(true);
    await settle(world);
    const record = await appraisal(world, id(secretary));
    expect(record.stage).toBe("target-setting");
    expect(record.failure).toBeUndefined();
    expect(await pendingLinks(world, secretary.email, id(secretary), "skp-proposal")).toHaveLength(1);
    await act(
      world,
      secretary.email,
      id(secretary),
      "skp-proposal",
      proposal("Mengoordinasikan sekretariat"),
    );
    // The workflow goes on: the appraiser is asked to approve the SKP.
    expect(await pendingLinks(world, head.email, id(secretary), "skp-approval")).toHaveLength(1);
  });
});
