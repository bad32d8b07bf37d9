// The observability every deployment must show: the alarms of stacks/monitoring.ts on the metrics they watch, the
// topic they go to, and the logging/metrics settings of every kinerja Lambda. Registered inside describeDeployment,
// so the templates it already synthesises are checked without another synthesis.
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { expect, it } from "vitest";
import { alarmThresholds } from "../../stacks/monitoring";
import { readStageSettings } from "../../stacks/stage";
import { stateMachines as registryMachines } from "../../workflows/registry";
import { METRICS_NAMESPACE, SERVICE_NAME } from "../../functions/shared/metric-names";

type Resource = { Type: string; Properties: Record<string, unknown> };
type Alarm = {
  AlarmName: string;
  Namespace: string;
  MetricName: string;
  Statistic: string;
  Threshold: number;
  Dimensions?: { Name: string; Value: unknown }[];
  AlarmActions: unknown[];
  TreatMissingData: string;
};

/** The address the deployment suite synthesises with as KINERJA_ALARM_EMAIL. */
export const TEST_ALARM_EMAIL = "ops@salorkab.go.id";

function resourcesOf(assembly: CloudAssembly, stackSuffix: string, type: string): [string, Resource][] {
  const stack = assembly.stacks.find((s) => s.stackName.endsWith(`-${stackSuffix}`));
  if (!stack) throw new Error(`no ${stackSuffix} stack in the assembly`);
  return Object.entries((stack.template as { Resources: Record<string, Resource> }).Resources).filter(
    ([, r]) => r.Type === type,
  );
}

/** Registers the monitoring checks; `assembly` is read once the suite's beforeAll synthesised. */
export function monitoringChecks(assembly: () => CloudAssembly, stage: string): void {
  const alarms = () =>
    resourcesOf(assembly(), "Monitoring", "AWS::CloudWatch::Alarm").map(([, r]) => r.Properties as Alarm);
  const dimensionsOf = (a: Alarm) => JSON.stringify(a.Dimensions ?? []);
  /** kinerja's Lambdas (SST's custom-resource handler has no POWERTOOLS_SERVICE_NAME). */
  const kinerjaFunctions = () =>
    assembly().stacks.flatMap((s) =>
      Object.entries((s.template as { Resources: Record<string, Resource> }).Resources)
        .filter(([, r]) => r.Type === "AWS::Lambda::Function")
        .filter(([, r]) => JSON.stringify(r.Properties.Environment ?? {}).includes("POWERTOOLS_SERVICE_NAME"))
        .map(([id, r]) => ({ id, stack: s.stackName, props: r.Properties })),
    );

  it("sends every alarm to one encrypted SNS topic mailed to KINERJA_ALARM_EMAIL; no data is no alarm", () => {
    const [[topicId, topic]] = resourcesOf(assembly(), "Monitoring", "AWS::SNS::Topic");
    expect(topic.Properties.KmsMasterKeyId, "a customer managed key CloudWatch may use").toBeDefined();
    const subscriptions = resourcesOf(assembly(), "Monitoring", "AWS::SNS::Subscription");
    expect(subscriptions.map(([, s]) => s.Properties)).toEqual([
      expect.objectContaining({ Protocol: "email", Endpoint: TEST_ALARM_EMAIL }),
    ]);
    const [[, key]] = resourcesOf(assembly(), "Monitoring", "AWS::KMS::Key");
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain("cloudwatch.amazonaws.com");
    expect(alarms().length).toBeGreaterThan(0);
    for (const a of alarms()) {
      expect(a.AlarmActions, a.AlarmName).toEqual([{ Ref: topicId }]);
      expect(a.TreatMissingData, a.AlarmName).toBe("notBreaching");
      expect(a.AlarmName.startsWith(`${stage}-kinerja-`), a.AlarmName).toBe(true);
    }
  });

  it("alarms on failed and timed-out executions of every state machine, and on aborted ones HR never causes", () => {
    const machines = resourcesOf(assembly(), "Workflows", "AWS::StepFunctions::StateMachine");
    expect(machines.length).toBeGreaterThan(0);
    const hrStopped = [registryMachines.appraisal.name, registryMachines.launchCycle.name];
    for (const [id, machine] of machines) {
      const name = JSON.stringify(machine.Properties.StateMachineName);
      const watching = (metric: string) =>
        alarms().filter(
          (a) => a.Namespace === "AWS/States" && a.MetricName === metric && dimensionsOf(a).includes(id),
        );
      for (const metric of ["ExecutionsFailed", "ExecutionsTimedOut"]) {
        const [a] = watching(metric);
        expect(a, `${metric} of ${name}`).toMatchObject({
          Statistic: "Sum",
          Threshold: alarmThresholds.executions,
        });
      }
      const aborted = watching("ExecutionsAborted");
      const stoppedByHr = hrStopped.some((m) => name.includes(`-kinerja-${m}"`));
      expect(aborted.length, `ExecutionsAborted of ${name}`).toBe(stoppedByHr ? 0 : 1);
    }
  });

  it("alarms when a message waits in any dead-letter queue (schedules, mail events)", () => {
    const queues = assembly().stacks.flatMap((s) =>
      Object.entries((s.template as { Resources: Record<string, Resource> }).Resources)
        .filter(([id, r]) => r.Type === "AWS::SQS::Queue" && id.includes("DeadLetters"))
        .map(([id]) => id),
    );
    expect(queues.some((id) => id.startsWith("ScheduleDeadLetters"))).toBe(true);
    expect(queues.some((id) => id.startsWith("MailEventDeadLetters"))).toBe(true);
    for (const queueId of queues) {
      const found = alarms().filter(
        (x) => x.MetricName === "ApproximateNumberOfMessagesVisible" && dimensionsOf(x).includes(queueId),
      );
      expect(found, queueId).toHaveLength(1);
      expect(found[0]).toMatchObject({ Namespace: "AWS/SQS", Statistic: "Maximum", Threshold: 1 });
    }
  });

  it("sends the Mail stack's SES reputation alarms to the same topic, by ARN (no reference back to Monitoring)", () => {
    const mailAlarms = resourcesOf(assembly(), "Mail", "AWS::CloudWatch::Alarm");
    // Only the stage that owns the SES identity watches the account's reputation.
    expect(mailAlarms.length > 0).toBe(readStageSettings(stage).ownsMailIdentity);
    for (const [id, a] of mailAlarms) {
      const actions = JSON.stringify(a.Properties.AlarmActions);
      expect(actions, id).toContain(`:sns:`);
      expect(actions, id).toContain(`:${stage}-kinerja-alarms`);
      expect(actions, id).not.toContain("ImportValue");
    }
  });

  it("alarms on errors and throttles of every kinerja Lambda", () => {
    const functions = kinerjaFunctions();
    expect(functions.length).toBeGreaterThan(1);
    for (const fn of functions)
      for (const [metric, threshold] of [
        ["Errors", alarmThresholds.lambdaErrors],
        ["Throttles", alarmThresholds.lambdaThrottles],
      ] as const) {
        const found = alarms().filter(
          (a) => a.Namespace === "AWS/Lambda" && a.MetricName === metric && dimensionsOf(a).includes(fn.id),
        );
        expect(
          found.map((a) => a.Threshold),
          `${metric} of ${fn.stack}/${fn.id}`,
        ).toEqual([threshold]);
      }
  });

  it("alarms on API 5xx answers of the HTTP API", () => {
    const [[apiId]] = resourcesOf(assembly(), "Api", "AWS::ApiGatewayV2::Api");
    const [a] = alarms().filter((x) => x.Namespace === "AWS/ApiGateway" && dimensionsOf(x).includes(apiId));
    expect(a).toMatchObject({ MetricName: "5xx", Statistic: "Sum", Threshold: alarmThresholds.api5xx });
  });

  it("alarms on appraisals marked failed, on kinerja's own metric with the dimensions the Lambdas publish", () => {
    const [a] = alarms().filter(
      (x) => x.Namespace === METRICS_NAMESPACE && x.MetricName === "AppraisalsFailed",
    );
    expect(a).toMatchObject({ Statistic: "Sum", Threshold: 1 });
    expect(a!.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: "service", Value: SERVICE_NAME },
        { Name: "Stage", Value: stage },
      ]),
    );
  });

  it("names the service and the stage to every Lambda's logger and metrics, logging to a log group of its own", () => {
    const groups = new Map(
      assembly().stacks.flatMap((s) =>
        Object.entries((s.template as { Resources: Record<string, Resource> }).Resources)
          .filter(([, r]) => r.Type === "AWS::Logs::LogGroup")
          .map(([id, r]) => [`${s.stackName}/${id}`, r.Properties] as const),
      ),
    );
    for (const fn of kinerjaFunctions()) {
      const env = (fn.props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.POWERTOOLS_SERVICE_NAME, fn.id).toBe(SERVICE_NAME);
      expect(env.KINERJA_STAGE, fn.id).toBe(stage);
      const group = (fn.props.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
      expect(groups.get(`${fn.stack}/${group}`)?.RetentionInDays, fn.id).toBeGreaterThan(0);
    }
  });
}
