// SES mail events (issue 16 item 4) on templates synthesised offline: the configuration set publishes bounces,
// complaints, rejects and delays to EventBridge's default bus, a rule of this stage's set hands them to the
// mail-event Lambda (with a dead-letter queue), the Lambda may only get and put items of the table, and the stage
// owning the SES identity alarms on the account's bounce and complaint rates.
import { Match, Template } from "aws-cdk-lib/assertions";
import { getStack } from "sst/constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { Mail, sesReputationAlarms } from "../../stacks/mail";
import { synthesize } from "../../stacks/synth";
import { eventFunctions } from "../../workflows/registry";
import { fixtureSources, synthDirFor } from "./fixtures/sources";

type Resource = { Type: string; Properties: Record<string, unknown> };
const STAGE = "prod";

describe("SES mail events in the Mail stack", () => {
  let mail: Template;

  beforeAll(async () => {
    await synthesize({ stage: STAGE, sources: fixtureSources(), outdir: synthDirFor("mail-events") });
    mail = Template.fromStack(getStack(Mail));
  }, 300_000);

  const recorder = () => {
    const fns = mail.findResources("AWS::Lambda::Function", {
      Properties: { Handler: Match.stringLikeRegexp("record-mail-event") },
    }) as Record<string, Resource>;
    expect(Object.keys(fns), "one mail-event Lambda").toHaveLength(1);
    return Object.entries(fns)[0]!;
  };

  it("publishes bounces, complaints, rejects and delays of the configuration set to the default event bus", () => {
    const destinations = Object.values(
      mail.findResources("AWS::SES::ConfigurationSetEventDestination") as Record<string, Resource>,
    );
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]!.Properties.EventDestination as {
      Enabled: boolean;
      MatchingEventTypes: string[];
      EventBridgeDestination: { EventBusArn: unknown };
    };
    expect(destination.MatchingEventTypes.sort()).toEqual(["bounce", "complaint", "deliveryDelay", "reject"]);
    expect(JSON.stringify(destination.EventBridgeDestination.EventBusArn)).toContain("event-bus/default");
    const [setId] = Object.keys(mail.findResources("AWS::SES::ConfigurationSet"));
    expect(destinations[0]!.Properties.ConfigurationSetName).toEqual({ Ref: setId });
  });

  it("hands only this stage's SES problem events to the mail-event Lambda, with retries and a dead-letter queue", () => {
    const [fnId, fn] = recorder();
    expect(fn.Properties.Timeout).toBe(eventFunctions.RecordMailEventFunction.timeoutSeconds);
    const rules = Object.values(mail.findResources("AWS::Events::Rule") as Record<string, Resource>);
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.Properties as {
      EventPattern: { source: string[]; "detail-type": string[]; detail: unknown };
      Targets: {
        Arn: unknown;
        DeadLetterConfig?: { Arn: unknown };
        RetryPolicy?: { MaximumRetryAttempts: number };
      }[];
    };
    expect(rule.EventPattern.source).toEqual(["aws.ses"]);
    expect(rule.EventPattern["detail-type"].sort()).toEqual([
      "Email Bounced",
      "Email Complaint Received",
      "Email Delivery Delayed",
      "Email Rejected",
    ]);
    expect(rule.EventPattern.detail).toEqual({
      mail: { tags: { "ses:configuration-set": [`${STAGE}-kinerja-mail`] } },
    });
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0]!.Arn).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
    expect(rule.Targets[0]!.DeadLetterConfig).toBeDefined();
    expect(rule.Targets[0]!.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
    // Asynchronous invocations that fail every retry land in the same queue (the monitoring stack alarms on it).
    expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: rule.Targets[0]!.DeadLetterConfig!.Arn });
    mail.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      Principal: "events.amazonaws.com",
    });
  });

  it("lets the mail-event Lambda only get and put items of the table (no SES, no link key, no Step Functions)", () => {
    const [fnId, fn] = recorder();
    const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const statements = Object.values(mail.findResources("AWS::IAM::Policy") as Record<string, Resource>)
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap(
        (p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
      );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
    expect(actions, fnId).toEqual(
      [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "sqs:SendMessage",
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ].sort(),
    );
    const table = statements.find((s) => JSON.stringify(s.Action).includes("dynamodb"))!;
    // The table itself, no index and no wildcard.
    expect(JSON.stringify(table)).not.toContain("index");
    expect(JSON.stringify(table)).not.toContain("*");
  });

  it("alarms when SES's bounce rate passes 5% or its complaint rate 0.1% (the stage owning the identity)", () => {
    const alarms = Object.values(mail.findResources("AWS::CloudWatch::Alarm") as Record<string, Resource>);
    const byMetric = Object.fromEntries(alarms.map((a) => [a.Properties.MetricName, a.Properties]));
    expect(Object.keys(byMetric).sort()).toEqual(["Reputation.BounceRate", "Reputation.ComplaintRate"]);
    expect(byMetric["Reputation.BounceRate"]).toMatchObject({
      Namespace: "AWS/SES",
      Threshold: sesReputationAlarms.bounceRate,
      ComparisonOperator: "GreaterThanThreshold",
    });
    expect(sesReputationAlarms.bounceRate).toBe(0.05);
    expect(byMetric["Reputation.ComplaintRate"]).toMatchObject({
      Namespace: "AWS/SES",
      Threshold: 0.001,
      ComparisonOperator: "GreaterThanThreshold",
    });
  });
});
