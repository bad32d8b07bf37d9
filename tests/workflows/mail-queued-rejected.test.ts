// A mail SES refuses for good when mail goes through the queue (issue 16 items 3 and 6): the step only queues the
// mail and the workflow waits in AwaitDecision; the sender (functions/jobs/send-queued-mail.ts, with a fake SES client
// at the boundary) meets MessageRejected later and fails the waiting task with DecisionMailError, so the appraisal
// still ends failed with the provider's reason and HR can retry it. DynamoDB Local + the local engine + the real ASL +
// the real step handlers; the queue is an array (SQS cannot run here).
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailMessage } from "../../packages/core/src/mail/mail.port";
import { createQueuedMail } from "../../packages/core/src/mail/queued-mail";
import { createSesMail } from "../../packages/core/src/mail/ses-mail";
import { launchCycle, retryAppraisal } from "../../packages/core/src/cycle/cycle-control";
import { createHandler } from "../../functions/jobs/send-queued-mail";
import { localObservability } from "../../functions/shared/observability";
import {
  act,
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

describe("a queued mail SES rejects permanently", { timeout: 240_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let rejecting = true;
  const queue: { messageId: string; body: string }[] = [];
  const id = (p: Person) => `mq1-${p.nip}`;

  /** Delivers every queued message once to the sender, as the SQS event source would, then lets the engine run. */
  const drain = async () => {
    const batch = queue.splice(0);
    // SES: the secretary's address is rejected while `rejecting`; other mail lands in the outbox the harness reads.
    const ses = {
      async send(command: { input: { Destination: { ToAddresses: string[] } } }) {
        const to = command.input.Destination.ToAddresses[0]!;
        if (rejecting && to === secretary.email)
          throw Object.assign(
            new Error(`Email address is not verified. The following identities failed the check: ${to}`),
            { name: "MessageRejected" },
          );
        return { MessageId: "ses" };
      },
    } as unknown as SESv2Client;
    const ses2outbox = createSesMail({ client: ses, from: "kinerja@salorkab.go.id" });
    const handler = createHandler(
      () => ({
        storage: world.storage,
        clock: world.clock,
        // SES decides; what it takes goes to the outbox, so the harness's link helpers see it.
        mail: {
          async send(msg: MailMessage) {
            await ses2outbox.send(msg);
            return sendDirect(msg);
          },
        },
        callbacks: world.decisionDeps.callbacks,
        retryAfter: async () => undefined,
        intervalMs: 0,
        sleep: async () => undefined,
        configurationSet: "local-kinerja-mail",
      }),
      () => localObservability({}),
    );
    const res = await handler({
      Records: batch.map((m) => ({
        ...m,
        receiptHandle: m.messageId,
        attributes: { ApproximateReceiveCount: "1" },
      })),
    });
    expect(res.batchItemFailures).toEqual([]);
    await settle(world);
  };
  let sendDirect: (msg: MailMessage) => Promise<{ id: string }>;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    ({ head, secretary } = await seedUnit(world, "dinas-antrian", 1));
    // The steps' mail port becomes the cloud's queued one (the deps switch), over an in-memory queue.
    sendDirect = world.outbox.send.bind(world.outbox);
    const queued = createQueuedMail({
      async enqueue(body) {
        const messageId = `m-${queue.length + 1}-${Date.now()}`;
        queue.push({ messageId, body });
        return { messageId };
      },
    });
    world.outbox.send = (msg) => queued.send(msg);
    await createCycle(world, {
      cycleId: "mq1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-antrian"],
    });
    await launchCycle(world.control, "mq1");
    await settle(world);
  }, 180_000);
  afterAll(async () => world?.close());

  it("queues the request and waits: nothing failed before the sender ran", async () => {
    expect(queue.some((m) => m.body.includes(secretary.email))).toBe(true);
    expect((await appraisal(world, id(secretary))).stage).toBe("target-setting");
  });

  it("marks the appraisal failed with DecisionMailError and SES's reason once the sender meets the refusal", async () => {
    await drain();
    const record = await appraisal(world, id(secretary));
    expect(record.stage).toBe("failed");
    expect(record.failure).toMatchObject({ stage: "target-setting", error: "DecisionMailError" });
    expect(record.failure!.cause).toContain(secretary.email);
    expect(record.failure!.cause).toContain("MessageRejected: Email address is not verified");
  });

  it("lets HR retry it once mail works, and the employee then gets the request and can act", async () => {
    rejecting = false;
    const retried = await retryAppraisal(world.control, { appraisalId: id(secretary), by: "hr-test" });
    expect(retried.started).toBe(true);
    await settle(world);
    await drain();
    expect((await appraisal(world, id(secretary))).stage).toBe("target-setting");
    expect(await pendingLinks(world, secretary.email, id(secretary), "skp-proposal")).toHaveLength(1);
    await act(
      world,
      secretary.email,
      id(secretary),
      "skp-proposal",
      proposal("Mengoordinasikan antrean surat"),
    );
    await drain();
    expect(await pendingLinks(world, head.email, id(secretary), "skp-approval")).toHaveLength(1);
  });
});
