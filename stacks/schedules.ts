import { Duration, Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { CfnSchedule, CfnScheduleGroup } from "aws-cdk-lib/aws-scheduler";
import { NagSuppressions } from "cdk-nag";
import { use, type StackContext } from "sst/constructs";
import { stagePrefix } from "../workflows/registry";
import { constructId, stateMachineArn } from "./naming";
import { useDeploySources } from "./sources";
import { Workflows } from "./workflows";

/**
 * EventBridge Scheduler schedules from the schedule specs: each starts its state machine directly, in the
 * Asia/Jakarta time zone, retries per spec and parks undeliverable starts in a dead-letter queue.
 */
export function Schedules({ stack, app }: StackContext) {
  // The schedules target machines by name, but must not be created before the machines exist.
  const { stateMachines } = use(Workflows);
  const { schedules } = useDeploySources();
  const scope = Stack.of(stack);

  const deadLetters = new Queue(stack, "ScheduleDeadLetters", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  NagSuppressions.addResourceSuppressions(deadLetters, [
    {
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the schedules; messages are inspected by operators.",
    },
  ]);
  const group = new CfnScheduleGroup(stack, "ScheduleGroup", { name: stagePrefix(app.stage) });
  const targets = [...new Set(schedules.map((s) => s.target.stateMachine))];
  const role = new Role(stack, "SchedulerRole", {
    assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
      // Only schedules of this account may use the role (confused-deputy guard).
      conditions: { StringEquals: { "aws:SourceAccount": scope.account } },
    }),
    description: "EventBridge Scheduler: start kinerja state machines",
  });
  if (targets.length)
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["states:StartExecution"],
        resources: targets.map((m) => stateMachineArn(scope, app.stage, m)),
      }),
    );
  deadLetters.grantSendMessages(role);

  const created: Record<string, CfnSchedule> = {};
  for (const spec of schedules) {
    const schedule = new CfnSchedule(stack, `${constructId(spec.name)}Schedule`, {
      name: spec.name,
      groupName: group.name,
      description: spec.description,
      scheduleExpression: spec.expression,
      scheduleExpressionTimezone: spec.timezone,
      flexibleTimeWindow: spec.flexibleWindowMinutes
        ? { mode: "FLEXIBLE", maximumWindowInMinutes: spec.flexibleWindowMinutes }
        : { mode: "OFF" },
      state: "ENABLED",
      target: {
        arn: stateMachineArn(scope, app.stage, spec.target.stateMachine),
        roleArn: role.roleArn,
        // The same input the local scheduler builds: the static input plus the scheduled time.
        input: JSON.stringify({ ...spec.input, scheduledTime: "<aws.scheduler.scheduled-time>" }),
        retryPolicy: spec.retry,
        deadLetterConfig: { arn: deadLetters.queueArn },
      },
    });
    schedule.addDependency(group);
    const machine = stateMachines[spec.target.stateMachine];
    if (machine) schedule.node.addDependency(machine);
    created[spec.name] = schedule;
  }
  stack.addOutputs({ ScheduleDeadLetterQueue: deadLetters.queueUrl });
  return { schedules: created, deadLetters };
}
