import { Duration, Stack } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { EventBus, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import { use, type Config, type StackContext } from "sst/constructs";
import { SES_PROBLEM_DETAIL_TYPES } from "../packages/core/src/mail/ses-event";
import { MAIL_QUEUE_BATCH_SIZE, senderConcurrency } from "../packages/core/src/mail/mail-queue-pacing";
import { eventFunctions } from "../workflows/registry";
import { createKinerjaFunction } from "./functions";
import { stageName } from "./naming";
import { Secrets } from "./secrets";
import { useDeploySources } from "./sources";
import { readStageSettings } from "./stage";
import { Storage } from "./storage";

/**
 * SES account reputation limits kinerja alarms at: AWS reviews an account from a 5% bounce or 0.1% complaint rate
 * (and may pause sending from 10% / 0.5%), so a rising rate needs a person before that.
 */
export const sesReputationAlarms = { bounceRate: 0.05, complaintRate: 0.001 } as const;

/** The SES events kinerja records (a decision mail that bounced, was complained about, rejected or delayed). */
export const recordedMailEvents = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
] as const;

/**
 * SES v2 sending identity (the sender domain, DKIM-signed), the configuration set every mail is sent with, its event
 * destination (EventBridge's default bus, AWS's current recommendation over SNS) and the rule that hands bounces,
 * complaints, rejects and delays of this stage's mails to RecordMailEvent, which records them against the decision.
 */
export function Mail({ stack, app }: StackContext) {
  const settings = readStageSettings(app.stage);
  const { table } = use(Storage);
  const { linkSigningKey } = use(Secrets);
  // The literal name (not the set's Ref) so the event rule's pattern can match it.
  const configurationSetName = stageName(app.stage, "mail");
  const configurationSet = new ConfigurationSet(stack, "ConfigurationSet", {
    configurationSetName,
    reputationMetrics: true,
    sendingEnabled: true,
    // Addresses that bounced or complained are not mailed again: links would never reach them anyway.
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  // Created by one stage per domain (KINERJA_SES_IDENTITY_STAGE); the others send from it by its ARN. The identity's
  // default configuration set is its owner's, so every stage names its own set on each mail.
  const identity = settings.ownsMailIdentity
    ? new EmailIdentity(stack, "SenderIdentity", {
        identity: Identity.domain(settings.mailDomain),
        configurationSet,
      })
    : undefined;
  const identityArn = Stack.of(stack).formatArn({
    service: "ses",
    resource: "identity",
    // The identity's name is its domain, so the ARN is the same whichever stage created it.
    resourceName: settings.mailDomain,
  });
  const configurationSetArn = Stack.of(stack).formatArn({
    service: "ses",
    resource: "configuration-set",
    resourceName: configurationSet.configurationSetName,
  });
  const queued = mailQueue(stack, app.stage, settings.sesMaxSendRate, {
    table,
    linkSigningKey,
    identityArn,
    configurationSetArn,
    configurationSetName: configurationSet.configurationSetName,
    from: settings.mailFrom,
  });
  const mail = {
    from: settings.mailFrom,
    hrEmail: settings.hrEmail,
    identityArn,
    configurationSetArn,
    configurationSetName: configurationSet.configurationSetName,
    queueArn: queued.queue.queueArn,
    queueUrl: queued.queue.queueUrl,
  };

  // SES publishes to the default bus only; every stage's set does, so the rule matches this stage's set by its tag.
  const bus = EventBus.fromEventBusName(stack, "DefaultBus", "default");
  configurationSet.addEventDestination("MailEvents", {
    configurationSetEventDestinationName: stageName(app.stage, "mail-events"),
    destination: EventDestination.eventBus(bus),
    events: [...recordedMailEvents],
  });

  // Events that fail every retry (a table outage) wait here 14 days; the monitoring stack alarms on its depth.
  const deadLetters = new Queue(stack, "MailEventDeadLetters", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  NagSuppressions.addResourceSuppressions(deadLetters, [
    { id: "AwsSolutions-SQS3", reason: "This queue is the dead-letter queue of the mail-event handler." },
  ]);
  const spec = eventFunctions.RecordMailEventFunction;
  const recorder = createKinerjaFunction(
    stack,
    "RecordMailEventFn",
    {
      handler: spec.handler,
      timeoutSeconds: spec.timeoutSeconds,
      memoryMB: spec.memoryMB,
      description: "kinerja: SES bounces and complaints recorded against the decision",
      // Table access is granted below, narrower than the registry's read-write.
      permissions: {
        table: "none",
        sendTaskResponse: [],
        startExecution: [],
        stopExecution: [],
        sendEmail: false,
        linkSigningKey: false,
      },
      deadLetterQueue: deadLetters,
    },
    { table, stage: app.stage, linkSigningKey, mail },
    { KINERJA_STAGE: app.stage, KINERJA_TABLE: table.tableName },
  );
  // Least privilege: it reads the decision and appraisal by key and puts the problem and its audit event (a
  // conditional TransactWriteItems of Puts needs only PutItem); no query, scan, update or delete.
  recorder.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["dynamodb:GetItem", "dynamodb:PutItem"],
      resources: [table.tableArn],
    }),
  );
  new Rule(stack, "MailEventRule", {
    description: `kinerja ${app.stage}: SES bounces, complaints, rejects and delays of this stage's mails`,
    eventBus: bus,
    eventPattern: {
      source: ["aws.ses"],
      detailType: [...SES_PROBLEM_DETAIL_TYPES],
      detail: { mail: { tags: { "ses:configuration-set": [configurationSetName] } } },
    },
    targets: [
      new LambdaFunction(recorder, {
        deadLetterQueue: deadLetters,
        retryAttempts: 8,
        maxEventAge: Duration.hours(24),
      }),
    ],
  });

  // The account's reputation, watched by the stage that owns the identity (one pair of alarms per account/domain).
  const alarms = settings.ownsMailIdentity
    ? [
        reputationAlarm(stack, app.stage, "BounceRate", sesReputationAlarms.bounceRate),
        reputationAlarm(stack, app.stage, "ComplaintRate", sesReputationAlarms.complaintRate),
      ]
    : [];

  stack.addOutputs({ MailFrom: settings.mailFrom, ConfigurationSet: configurationSet.configurationSetName });
  return {
    mail,
    /** The DNS records to publish; only the owner stage has them. */
    dkimRecords: identity?.dkimRecords ?? [],
    /** SES reputation alarms (owner stage only); the monitoring stack sends them to its topic. */
    alarms,
    /** Where failed mail events wait. */
    mailEventDeadLetters: deadLetters,
    /** The mail queue, its dead-letter queue and its sender. */
    mailQueue: queued,
  };
}

/** Retention of queued mail (SQS's longest): a launch backlog outlasts any SES pause an operator has to lift. */
const MAIL_QUEUE_RETENTION = Duration.days(14);

/** Receives of a mail before it waits in the dead-letter queue (throttles back off up to 15 minutes each). */
export const MAIL_QUEUE_MAX_RECEIVES = 10;

/**
 * The mail queue (issue 16 item 6): every mail-sending step puts its mails here (sqs:SendMessage only) and one sender
 * Lambda, fed by an SQS event source of at most `senderConcurrency(quota)` concurrent invocations that each pace
 * their sends, hands them to SES under the account's quota (docs/scale.md). Mails that fail MAIL_QUEUE_MAX_RECEIVES
 * times wait in a dead-letter queue, which the monitoring stack alarms on.
 */
function mailQueue(
  stack: Stack,
  stage: string,
  sesMaxSendRate: number,
  r: {
    table: ITable;
    linkSigningKey: Config.Secret;
    identityArn: string;
    configurationSetArn: string;
    configurationSetName: string;
    from: string;
  },
) {
  const spec = eventFunctions.SendQueuedMailFunction;
  const deadLetters = new Queue(stack, "MailQueueDeadLetters", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: MAIL_QUEUE_RETENTION,
  });
  NagSuppressions.addResourceSuppressions(deadLetters, [
    { id: "AwsSolutions-SQS3", reason: "This queue is the dead-letter queue of the mail queue." },
  ]);
  const queue = new Queue(stack, "MailQueue", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: MAIL_QUEUE_RETENTION,
    // AWS's advice for an SQS event source: at least six times the function's timeout, so a batch still being sent is
    // never handed to a second sender.
    visibilityTimeout: Duration.seconds(6 * spec.timeoutSeconds),
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAIL_QUEUE_MAX_RECEIVES },
  });
  const concurrency = senderConcurrency(sesMaxSendRate);
  // The machines whose steps mail decisions: the only task tokens a refused mail can fail.
  const sources = useDeploySources();
  const mailing = Object.entries(sources.functions)
    .filter(([, f]) => f.permissions.sendEmail)
    .map(([placeholder]) => placeholder);
  const machines = sources.stateMachines
    .filter((m) => m.placeholders.some((p) => mailing.includes(p)))
    .map((m) => m.name)
    .sort();
  const sender = createKinerjaFunction(
    stack,
    "SendQueuedMailFn",
    {
      handler: spec.handler,
      timeoutSeconds: spec.timeoutSeconds,
      memoryMB: spec.memoryMB,
      description: "kinerja: queued mail sent through SES at the account's sending quota",
      // Table access and SES are granted below, narrower than the registry's read-write.
      permissions: {
        table: "none",
        sendTaskResponse: machines,
        startExecution: [],
        stopExecution: [],
        sendEmail: false,
        linkSigningKey: false,
      },
    },
    {
      table: r.table,
      stage,
      linkSigningKey: r.linkSigningKey,
      mail: { ...r, queueArn: queue.queueArn, queueUrl: queue.queueUrl },
    },
    {
      KINERJA_STAGE: stage,
      KINERJA_TABLE: r.table.tableName,
      KINERJA_MAIL_FROM: r.from,
      KINERJA_SES_CONFIGURATION_SET: r.configurationSetName,
      KINERJA_MAIL_QUEUE_URL: queue.queueUrl,
      KINERJA_SES_MAX_SEND_RATE: String(sesMaxSendRate),
      KINERJA_MAIL_SENDER_CONCURRENCY: String(concurrency),
    },
  );
  // SES v2 SendEmail on the domain's identity and this stage's configuration set, nothing else.
  sender.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["ses:SendEmail"],
      resources: [r.identityArn, r.configurationSetArn],
    }),
  );
  // Its send records (get, conditional update, delete), the decision and appraisal it reads, and a refused mail's
  // problem record with its audit event (conditional puts).
  sender.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      resources: [r.table.tableArn],
    }),
  );
  // Grants receive/delete/change-visibility on the queue; throttled messages come back (ReportBatchItemFailures).
  sender.addEventSource(
    new SqsEventSource(queue, {
      batchSize: MAIL_QUEUE_BATCH_SIZE,
      maxConcurrency: concurrency,
      reportBatchItemFailures: true,
    }),
  );
  return { queue, deadLetters, sender, concurrency };
}

/** An alarm on SES's account-level reputation rate (`Reputation.BounceRate` / `Reputation.ComplaintRate`). */
function reputationAlarm(
  stack: Stack,
  stage: string,
  rate: "BounceRate" | "ComplaintRate",
  threshold: number,
) {
  return new Alarm(stack, `Ses${rate}Alarm`, {
    alarmName: stageName(stage, `ses-${rate === "BounceRate" ? "bounce" : "complaint"}-rate`),
    alarmDescription:
      rate === "BounceRate"
        ? "SES bounce rate above 5%: addresses in the employee data are wrong; see 'Email tidak terkirim' on the dashboard."
        : "SES complaint rate above 0.1%: recipients mark kinerja's mails as spam.",
    metric: new Metric({
      namespace: "AWS/SES",
      metricName: `Reputation.${rate}`,
      statistic: "Maximum",
      period: Duration.hours(1),
    }),
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    // SES publishes the rate only while mail is sent: no data is no alarm.
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
