// The mail queue (issue 16 item 6) on templates synthesised offline: mail-sending steps may only put messages on the
// queue; one sender Lambda consumes it through an SQS event source whose batch size and maximum concurrency keep the
// paced sends under the stage's SES quota, reports partial batch failures, may send through SES on the domain's
// identity and this stage's configuration set and fail the tasks of the mailing machines; failed mails wait in a
// dead-letter queue that the monitoring stack alarms on.
import { Template } from "aws-cdk-lib/assertions";
import { getStack } from "sst/constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { Mail, MAIL_QUEUE_MAX_RECEIVES } from "../../stacks/mail";
import { Monitoring } from "../../stacks/monitoring";
import { readStageSettings } from "../../stacks/stage";
import { synthesize } from "../../stacks/synth";
import { Workflows } from "../../stacks/workflows";
import {
  MAIL_QUEUE_BATCH_SIZE,
  senderConcurrency,
  sendIntervalMs,
} from "../../packages/core/src/mail/mail-queue-pacing";
import { eventFunctions } from "../../workflows/registry";
import { fixtureSources, synthDirFor } from "./fixtures/sources";

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };
const STAGE = "prod";
const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** The statements of the policies attached to one role of a template. */
function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources("AWS::IAM::Policy") as Record<string, Resource>)
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const roleOf = (fn: Resource) => (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];

describe("the mail queue in the Mail stack", () => {
  let mail: Template;
  let workflows: Template;
  let monitoring: Template;
  const quota = readStageSettings(STAGE, {
    ...process.env,
    KINERJA_OIDC_ISSUER: "https://issuer.example.invalid",
    KINERJA_OIDC_AUDIENCE: "kinerja",
    KINERJA_MAIL_FROM: process.env.KINERJA_MAIL_FROM ?? "kinerja@example.invalid",
  }).sesMaxSendRate;

  beforeAll(async () => {
    await synthesize({ stage: STAGE, sources: fixtureSources(), outdir: synthDirFor("mail-queue") });
    mail = Template.fromStack(getStack(Mail));
    workflows = Template.fromStack(getStack(Workflows));
    monitoring = Template.fromStack(getStack(Monitoring));
  }, 300_000);

  const queues = () => {
    const all = Object.entries(mail.findResources("AWS::SQS::Queue") as Record<string, Resource>);
    const main = all.find(([id]) => id.startsWith("MailQueue") && !id.startsWith("MailQueueDeadLetters"));
    const dlq = all.find(([id]) => id.startsWith("MailQueueDeadLetters"));
    expect(main, "the mail queue").toBeDefined();
    expect(dlq, "its dead-letter queue").toBeDefined();
    return { main: main!, dlq: dlq! };
  };
  const sender = () => {
    const fns = Object.entries(
      mail.findResources("AWS::Lambda::Function") as Record<string, Resource>,
    ).filter(([, f]) => JSON.stringify(f.Properties.Handler).includes("send-queued-mail"));
    expect(fns, "one sender Lambda").toHaveLength(1);
    return fns[0]!;
  };

  it("keeps undeliverable mail in a dead-letter queue, with a visibility timeout six times the sender's timeout", () => {
    const { main, dlq } = queues();
    expect(main[1].Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [dlq[0], "Arn"] },
      maxReceiveCount: MAIL_QUEUE_MAX_RECEIVES,
    });
    expect(main[1].Properties.VisibilityTimeout).toBe(
      6 * eventFunctions.SendQueuedMailFunction.timeoutSeconds,
    );
    expect(main[1].Properties.SqsManagedSseEnabled).toBe(true);
  });

  it("feeds the sender in batches, at most as many at once as the quota needs, reporting partial failures", () => {
    const { main } = queues();
    const [fnId, fn] = sender();
    const mappings = Object.values(
      mail.findResources("AWS::Lambda::EventSourceMapping") as Record<string, Resource>,
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      EventSourceArn: { "Fn::GetAtt": [main[0], "Arn"] },
      FunctionName: { Ref: fnId },
      BatchSize: MAIL_QUEUE_BATCH_SIZE,
      ScalingConfig: { MaximumConcurrency: senderConcurrency(quota) },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.KINERJA_SES_MAX_SEND_RATE).toBe(String(quota));
    expect(env.KINERJA_MAIL_SENDER_CONCURRENCY).toBe(String(senderConcurrency(quota)));
    // The paced senders together never exceed the quota.
    const perSecond = (1000 / sendIntervalMs(quota, senderConcurrency(quota))) * senderConcurrency(quota);
    expect(perSecond).toBeLessThanOrEqual(quota);
  });

  it("lets the sender send through SES on the identity and configuration set, and fail the mailing machines' tasks", () => {
    const [, fn] = sender();
    const statements = statementsOfRole(mail, roleOf(fn));
    const ses = statements.filter((s) => asList(s.Action).some((a) => a.startsWith("ses:")));
    expect(ses.flatMap((s) => asList(s.Action))).toEqual(["ses:SendEmail"]);
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(":identity/");
    const [setId] = Object.keys(mail.findResources("AWS::SES::ConfigurationSet"));
    expect(resources).toContain(`":configuration-set/",{"Ref":"${setId}"}`);
    const tasks = statements.filter((s) => asList(s.Action).includes("states:SendTaskFailure"));
    expect(tasks).toHaveLength(1);
    // The fixture's mailing step (OpenDecisionFunction) runs in the appraisal machine only.
    expect(JSON.stringify(tasks[0]!.Resource)).toContain(`:stateMachine:${STAGE}-kinerja-appraisal`);
    expect(JSON.stringify(tasks[0]!.Resource)).not.toContain("launch-cycle");
    const actions = statements.flatMap((s) => asList(s.Action));
    expect(actions).toEqual(
      expect.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]),
    );
    expect(actions).not.toContain("sqs:SendMessage");
  });

  it("lets a mail-sending step only put messages on the mail queue: no SES, no other queue action", () => {
    const { main } = queues();
    const fns = Object.values(workflows.findResources("AWS::Lambda::Function") as Record<string, Resource>);
    const opener = fns.find((f) => JSON.stringify(f.Properties.Handler).includes("open-decision"));
    expect(opener).toBeDefined();
    const env = (opener!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(env.KINERJA_MAIL_QUEUE_URL)).toContain(main[0]);
    const statements = statementsOfRole(workflows, roleOf(opener!));
    const actions = statements.flatMap((s) => asList(s.Action));
    expect(actions.filter((a) => a.startsWith("ses:"))).toEqual([]);
    expect(actions.filter((a) => a.startsWith("sqs:"))).toEqual(["sqs:SendMessage"]);
    const send = statements.find((s) => asList(s.Action).includes("sqs:SendMessage"))!;
    expect(JSON.stringify(send.Resource)).toContain(main[0]);
    // A step that mails nothing may not queue either.
    const lister = fns.find((f) => JSON.stringify(f.Properties.Handler).includes("list-participants"))!;
    expect(statementsOfRole(workflows, roleOf(lister)).flatMap((s) => asList(s.Action))).not.toContain(
      "sqs:SendMessage",
    );
  });

  it("alarms when a mail waits in the dead-letter queue", () => {
    const { dlq } = queues();
    const alarms = Object.values(
      monitoring.findResources("AWS::CloudWatch::Alarm") as Record<string, Resource>,
    );
    const onDlq = alarms.filter(
      (a) =>
        a.Properties.MetricName === "ApproximateNumberOfMessagesVisible" &&
        JSON.stringify(a.Properties.Dimensions).includes(dlq[0]),
    );
    expect(onDlq).toHaveLength(1);
    expect(onDlq[0]!.Properties.Threshold).toBeGreaterThan(0);
  });
});
