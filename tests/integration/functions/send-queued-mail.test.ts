// The queued-mail sender (issue 16 item 6) with fake SES and Step Functions clients at the SDK boundary (SES cannot run
// here) and its send records in DynamoDB Local: a throttle is a batch item failure with a visibility backoff, a
// permanent refusal fails the waiting task with the workflow's DecisionMailError and consumes the message, a mail is
// sent once, and the same message delivered twice mails once.
import { createHash } from "node:crypto";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SFNClient } from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { decisionRepo } from "../../../packages/core/src/decision/decision.repo";
import { createSfnTaskCallbacks } from "../../../packages/core/src/decision/sfn-task-callbacks.adapter";
import type { MailMessage } from "../../../packages/core/src/mail/mail.port";
import { createQueuedMail } from "../../../packages/core/src/mail/queued-mail";
import { queuedMailRepo } from "../../../packages/core/src/mail/queued-mail.repo";
import { retryDelaySeconds, sendIntervalMs } from "../../../packages/core/src/mail/mail-queue-pacing";
import { createSesMail } from "../../../packages/core/src/mail/ses-mail";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import { createHandler, type SenderRuntimeDeps } from "../../../functions/jobs/send-queued-mail";
import { localObservability } from "../../../functions/shared/observability";
import { freshTable } from "../../setup/dynamo";

/** SES v2's errors as the SDK throws them (name + message). */
const sesError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** A fake SESv2Client: answers each SendEmail from `answer`, recording the command inputs. */
function fakeSes(answer: (to: string) => Error | undefined) {
  const sent: { to: string; subject: string }[] = [];
  let n = 0;
  const client = {
    async send(command: {
      input: { Destination: { ToAddresses: string[] }; Content: { Simple: { Subject: { Data: string } } } };
    }) {
      const to = command.input.Destination.ToAddresses[0]!;
      const error = answer(to);
      if (error) throw error;
      sent.push({ to, subject: command.input.Content.Simple.Subject.Data });
      return { MessageId: `ses-${++n}` };
    },
  };
  return { client: client as unknown as SESv2Client, sent };
}

/** A fake SFNClient recording every command (name and input). */
function fakeSfn() {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      calls.push({ command: command.constructor.name, input: command.input });
      return {};
    },
  };
  return { client: client as unknown as SFNClient, calls };
}

const mail = (to: string, tags?: Record<string, string>): MailMessage => ({
  to,
  subject: `Permintaan untuk ${to}`,
  text: "Silakan buka tautan.",
  html: "<p>Silakan buka tautan.</p>",
  links: ["https://kinerja.example.go.id/l/abc"],
  ...(tags ? { tags } : {}),
});

describe("the queued-mail sender", () => {
  let storage: Storage;
  const bodies: string[] = [];
  // The steps' mail port in the cloud, over an in-memory queue.
  const queued = createQueuedMail({
    async enqueue(body) {
      bodies.push(body);
      return { messageId: `m-${bodies.length}` };
    },
  });
  const record = (i: number, receiveCount = 1) => ({
    messageId: `m-${i + 1}`,
    receiptHandle: `rh-${i + 1}-${receiveCount}`,
    body: bodies[i]!,
    attributes: { ApproximateReceiveCount: String(receiveCount) },
  });

  const build = (ses: ReturnType<typeof fakeSes>, sfn: ReturnType<typeof fakeSfn>) => {
    const backoffs: { receiptHandle: string; seconds: number }[] = [];
    const deps: SenderRuntimeDeps = {
      storage,
      clock: createOffsetClock(),
      mail: createSesMail({
        client: ses.client,
        from: "kinerja@salorkab.go.id",
        configurationSetName: "t-set",
      }),
      callbacks: createSfnTaskCallbacks(sfn.client),
      async retryAfter(receiptHandle, seconds) {
        backoffs.push({ receiptHandle, seconds });
      },
      intervalMs: 0,
      sleep: async () => undefined,
      configurationSet: "t-set",
    };
    return {
      handler: createHandler(
        () => deps,
        () => localObservability({}),
      ),
      backoffs,
    };
  };

  beforeAll(async () => {
    const table = await freshTable("queued-mail");
    storage = createStorage({ tableName: table.tableName, client: table.client, clock: createOffsetClock() });
  });

  it("sends a mail once, and a redelivery of the same message (or the same mail queued twice) mails nothing", async () => {
    await queued.send(mail("ani@salorkab.go.id", { kind: "skp-proposal", mailKind: "request" }));
    await queued.send(mail("ani@salorkab.go.id", { mailKind: "request", kind: "skp-proposal" }));
    const ses = fakeSes(() => undefined);
    const { handler } = build(ses, fakeSfn());
    const first = await handler({ Records: [record(0)] });
    expect(first.batchItemFailures).toEqual([]);
    expect(ses.sent).toEqual([{ to: "ani@salorkab.go.id", subject: "Permintaan untuk ani@salorkab.go.id" }]);
    // SQS delivers the message again (a lost delete), and the retried step queued the same mail a second time.
    const again = await handler({ Records: [record(0, 2), record(1)] });
    expect(again.batchItemFailures).toEqual([]);
    expect(ses.sent).toHaveLength(1);
    const key = (JSON.parse(bodies[0]!) as { key: string }).key;
    expect(await queuedMailRepo(storage).get(key)).toMatchObject({ status: "sent", mailId: "ses-1" });
  });

  it("answers a throttled mail (and the rest of its batch) as batch item failures with a growing backoff", async () => {
    await queued.send(mail("budi@salorkab.go.id"));
    await queued.send(mail("citra@salorkab.go.id"));
    let throttling = true;
    const ses = fakeSes(() =>
      throttling ? sesError("TooManyRequestsException", "Maximum sending rate exceeded.") : undefined,
    );
    const { handler, backoffs } = build(ses, fakeSfn());
    const res = await handler({ Records: [record(2, 3), record(3)] });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: "m-3" }, { itemIdentifier: "m-4" }]);
    expect(ses.sent).toEqual([]);
    expect(backoffs).toEqual([
      { receiptHandle: "rh-3-3", seconds: retryDelaySeconds(3) },
      { receiptHandle: "rh-4-1", seconds: retryDelaySeconds(1) },
    ]);
    expect(retryDelaySeconds(3)).toBeGreaterThan(retryDelaySeconds(1));
    // The claim was released: redelivered once SES takes mail again, the mail goes out.
    throttling = false;
    const later = await handler({ Records: [record(2, 4), record(3, 2)] });
    expect(later.batchItemFailures).toEqual([]);
    expect(ses.sent.map((s) => s.to)).toEqual(["budi@salorkab.go.id", "citra@salorkab.go.id"]);
  });

  it("fails the waiting task with DecisionMailError and SES's reason on a permanent refusal, consuming the message", async () => {
    const decisionKey = "a-9#skp-proposal#1";
    await decisionRepo(storage).createPendingDecision({
      decisionKey,
      decisionId: "d-9",
      kind: "skp-proposal",
      appraisalId: "a-9",
      cycleId: "c-9",
      employee: { nip: "199001012020011009", name: "Dewi" },
      taskToken: "token-of-open-decision",
      taskTokenHash: createHash("sha256").update("token-of-open-decision").digest("hex"),
      expiresAt: "2099-01-01T00:00:00.000Z",
      recipients: [
        { nip: "199001012020011009", name: "Dewi", email: "dewi@salorkab.go.id", role: "employee" },
      ],
      createdAt: "2027-01-04T01:00:00.000Z",
      updatedAt: "2027-01-04T01:00:00.000Z",
    });
    await queued.send(mail("dewi@salorkab.go.id", { decisionKey, decisionId: "d-9", kind: "skp-proposal" }));
    const ses = fakeSes(() =>
      sesError(
        "MessageRejected",
        "Email address is not verified. The following identities failed the check: dewi",
      ),
    );
    const sfn = fakeSfn();
    const { handler, backoffs } = build(ses, sfn);
    const res = await handler({ Records: [record(4)] });
    expect(res.batchItemFailures, "consumed: retrying cannot help").toEqual([]);
    expect(backoffs).toEqual([]);
    expect(sfn.calls).toEqual([
      {
        command: "SendTaskFailureCommand",
        input: {
          taskToken: "token-of-open-decision",
          error: "DecisionMailError",
          cause:
            "could not mail decision d-9 to dewi@salorkab.go.id: MessageRejected: Email address is not verified. The following identities failed the check: dewi",
        },
      },
    ]);
    // Delivered again (the delete was lost): SES is not asked again and the task is not failed twice.
    const again = await handler({ Records: [record(4, 2)] });
    expect(again.batchItemFailures).toEqual([]);
    expect(sfn.calls).toHaveLength(1);
  });

  it("paces the senders together under the SES quota", () => {
    // 14 mails a second shared by 2 senders: each waits 143 ms between sends (6.99/s each, 13.99/s together).
    expect(sendIntervalMs(14, 2)).toBe(143);
    expect(2 * (1000 / sendIntervalMs(14, 2))).toBeLessThanOrEqual(14);
    expect(10 * (1000 / sendIntervalMs(100, 10))).toBeLessThanOrEqual(100);
  });
});
