import { Duration, Stack } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Effect, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, type IQueue } from "aws-cdk-lib/aws-sqs";
import type { IConstruct } from "constructs";
import { Function as SstFunction, use, type StackContext } from "sst/constructs";
import { stateMachines as registryMachines } from "../workflows/registry";
import { baseDimensions, METRICS_NAMESPACE, MetricName } from "../functions/shared/metric-names";
import { Api } from "./api";
import { Mail } from "./mail";
import { constructId, stageName } from "./naming";
import { Schedules } from "./schedules";
import { readStageSettings } from "./stage";
import { Workflows } from "./workflows";

/** How long each alarm looks back; one such period over the threshold raises it. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * Thresholds per period. A single failed, timed-out or aborted execution, message in a dead-letter queue, throttle or
 * appraisal marked failed needs a person; Lambda errors and API 5xx allow a few, because the state machines retry
 * transient errors (a throttled table, a mail provider hiccup) and a client may retry a 503.
 */
export const alarmThresholds = {
  executions: 1,
  deadLetters: 1,
  lambdaErrors: 5,
  lambdaThrottles: 1,
  api5xx: 5,
  appraisalsFailed: 1,
} as const;

/**
 * Machines HR stops through the API (cancelling a cycle or an appraisal aborts their executions): an aborted
 * execution there is HR's own act, so only the other machines alarm on aborts.
 */
const stoppedByHr = new Set([registryMachines.appraisal.name, registryMachines.launchCycle.name]);

/**
 * Alarms of a stage, all sent to one SNS topic for HR/ops (mailed to KINERJA_ALARM_EMAIL when set): failed, timed-out
 * and aborted executions per state machine, dead-letter queue depth, errors and throttles of every kinerja Lambda,
 * API 5xx, appraisals, launch pages and periodic runs marked failed (kinerja's own metrics), and the SES reputation
 * alarms of the Mail stack.
 */
export function Monitoring({ stack, app }: StackContext) {
  const settings = readStageSettings(app.stage);
  const { stateMachines } = use(Workflows);
  const { api } = use(Api);
  const { deadLetters } = use(Schedules);
  const { alarms: mailAlarms, mailEventDeadLetters, mailQueue } = use(Mail);
  const scope = Stack.of(stack);

  // CloudWatch can publish to an encrypted topic only with a customer managed key that lets it use the key.
  const key = new Key(stack, "AlarmTopicKey", {
    description: `kinerja ${app.stage} alarm topic`,
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      resources: ["*"],
      conditions: { StringEquals: { "aws:SourceAccount": scope.account } },
    }),
  );
  const topicName = stageName(app.stage, "alarms");
  const topic = new Topic(stack, "AlarmTopic", {
    topicName,
    displayName: `kinerja ${app.stage} alarms`,
    masterKey: key,
    enforceSSL: true,
  });
  if (settings.alarmEmail) topic.addSubscription(new EmailSubscription(settings.alarmEmail));
  const action = new SnsAction(topic);

  const alarms: Alarm[] = [];
  const alarm = (id: string, metric: IMetric, threshold: number, description: string) => {
    const created = new Alarm(stack, `${id}Alarm`, {
      alarmName: stageName(app.stage, id),
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing happened (no execution, no invocation): not an alarm.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    alarms.push(created);
  };
  const sum = { period: ALARM_PERIOD, statistic: "Sum" } as const;

  for (const [name, machine] of Object.entries(stateMachines)) {
    const id = constructId(name);
    alarm(
      `${id}ExecutionsFailed`,
      machine.metricFailed(sum),
      alarmThresholds.executions,
      `An execution of ${name} failed: see its history in the Step Functions console.`,
    );
    alarm(
      `${id}ExecutionsTimedOut`,
      machine.metricTimedOut(sum),
      alarmThresholds.executions,
      `An execution of ${name} timed out.`,
    );
    if (!stoppedByHr.has(name))
      alarm(
        `${id}ExecutionsAborted`,
        machine.metricAborted(sum),
        alarmThresholds.executions,
        `An execution of ${name} was stopped (nobody stops it in normal operation).`,
      );
  }

  // The SES reputation alarms live in the Mail stack, which this stack depends on: they name the topic by its ARN
  // (built from its fixed name) so that no reference points back from Mail to Monitoring.
  for (const mailAlarm of mailAlarms) {
    const owner = Stack.of(mailAlarm);
    const arn = owner.formatArn({ service: "sns", resource: topicName });
    mailAlarm.addAlarmAction(new SnsAction(Topic.fromTopicArn(owner, `${mailAlarm.node.id}Topic`, arn)));
    alarms.push(mailAlarm);
  }

  for (const queue of deadLetterQueues(app, deadLetters, mailEventDeadLetters, mailQueue.deadLetters))
    alarm(
      `${constructId(queue.node.id)}Depth`,
      queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: "Maximum" }),
      alarmThresholds.deadLetters,
      `Messages wait in the dead-letter queue ${queue.node.path}: something could not be delivered.`,
    );

  for (const fn of kinerjaFunctions(app)) {
    const id = constructId(fn.node.id);
    alarm(
      `${id}Errors`,
      fn.metricErrors(sum),
      alarmThresholds.lambdaErrors,
      `${fn.node.path} failed ${alarmThresholds.lambdaErrors} or more times in ${ALARM_PERIOD.toMinutes()} minutes.`,
    );
    alarm(
      `${id}Throttles`,
      fn.metricThrottles(sum),
      alarmThresholds.lambdaThrottles,
      `${fn.node.path} was throttled (account or reserved concurrency reached).`,
    );
  }

  alarm(
    "Api5xx",
    api.cdk.httpApi.metricServerError(sum),
    alarmThresholds.api5xx,
    "The HTTP API answered 5xx: see the API Lambda's log (requestId is in the access log).",
  );

  for (const [name, what] of [
    [
      MetricName.AppraisalsFailed,
      "An appraisal was marked failed: HR sees why on the dashboard and can retry it.",
    ],
    [
      MetricName.LaunchPagesFailed,
      "A page of a cycle's launch was marked failed: the launch stopped part-way.",
    ],
    [MetricName.PeriodicEvaluationsFailed, "A periodic evaluation run was marked failed."],
  ] as const)
    alarm(
      name,
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: baseDimensions(app.stage),
        ...sum,
      }),
      alarmThresholds.appraisalsFailed,
      what,
    );

  stack.addOutputs({ AlarmTopicArn: topic.topicArn });
  return { alarmTopic: topic, alarms };
}

/** Every construct under `root`, depth first. */
function constructsOf(root: IConstruct): IConstruct[] {
  return root.node.findAll();
}

/** kinerja's Lambdas (built by createKinerjaFunction as SST functions); SST's own custom-resource handler is not one. */
function kinerjaFunctions(root: IConstruct): SstFunction[] {
  return constructsOf(root).filter((c): c is SstFunction => c instanceof SstFunction);
}

/** The schedules' dead-letter queue and every queue some queue or Lambda of the app names as its dead-letter queue. */
function deadLetterQueues(root: IConstruct, ...known: IQueue[]): IQueue[] {
  const found = new Map<string, IQueue>(known.map((q) => [q.node.path, q]));
  for (const c of constructsOf(root)) {
    const dlq =
      c instanceof Queue
        ? c.deadLetterQueue?.queue
        : c instanceof LambdaFunction
          ? c.deadLetterQueue
          : undefined;
    if (dlq) found.set(dlq.node.path, dlq);
  }
  return [...found.values()];
}
