import { readFileSync } from "node:fs";
import { RemovalPolicy, Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import { NagSuppressions } from "cdk-nag";
import { Function as SstFunction, use, type StackContext } from "sst/constructs";
import { placeholdersOf } from "@kinerja/core/asl/placeholders";
import { taskIntegrationsOf } from "./asl";
import { Api } from "./api";
import { UnknownPlaceholderError, StackConfigError } from "./errors";
import { createKinerjaFunction } from "./functions";
import { Mail } from "./mail";
import {
  constructId,
  executionArnPattern,
  stateMachineArn,
  stateMachineArnPrefix,
  stateMachinePhysicalName,
} from "./naming";
import { Secrets } from "./secrets";
import { useDeploySources, type DeploySources } from "./sources";
import { isProductionStage } from "./stage";
import { Storage } from "./storage";

/** Every state machine of the registry, from its ASL file, with one Lambda per registry handler. */
export function Workflows({ stack, app }: StackContext) {
  const sources = useDeploySources();
  const { table } = use(Storage);
  const { linkSigningKey } = use(Secrets);
  const { mail } = use(Mail);
  const { baseUrl } = use(Api);
  const scope = Stack.of(stack);
  const production = isProductionStage(app.stage);

  // One function per handler module: placeholders that share a handler share the function.
  const byHandler = new Map<string, SstFunction>();
  const functions: Record<string, SstFunction> = {};
  for (const [placeholder, spec] of Object.entries(sources.functions)) {
    let fn = byHandler.get(spec.handler);
    if (!fn) {
      fn = createKinerjaFunction(
        stack,
        `${constructId(spec.handler.replace(/^functions\//, "").replace(/\.[^.]+$/, ""))}Fn`,
        spec,
        { table, stage: app.stage, linkSigningKey, mail },
        {
          KINERJA_STAGE: app.stage,
          KINERJA_TABLE: table.tableName,
          KINERJA_BASE_URL: baseUrl,
          KINERJA_STATE_MACHINE_ARN_PREFIX: stateMachineArnPrefix(scope, app.stage),
          KINERJA_MAIL_FROM: mail.from,
          KINERJA_SES_CONFIGURATION_SET: mail.configurationSetName,
          KINERJA_MAIL_QUEUE_URL: mail.queueUrl,
          ...(mail.hrEmail ? { KINERJA_HR_EMAIL: mail.hrEmail } : {}),
        },
      );
      byHandler.set(spec.handler, fn);
    } else if (!sameSettings(sources, spec.handler)) {
      throw new StackConfigError(
        `handler ${spec.handler} is registered with different timeout/memory/permissions`,
      );
    }
    functions[placeholder] = fn;
  }

  const stateMachines: Record<string, StateMachine> = {};
  for (const machine of sources.stateMachines) {
    const text = readFileSync(machine.file, "utf8");
    const used = placeholdersOf(text);
    const missing = used.filter((p) => !(p in functions) && !(p in sources.machinePlaceholders));
    if (missing.length) throw new UnknownPlaceholderError(machine.file, missing);
    const undeclared = used.filter((p) => !machine.placeholders.includes(p));
    if (undeclared.length)
      throw new StackConfigError(
        `${machine.file}: registry does not list placeholder(s) ${undeclared.join(", ")} for ${machine.name}`,
      );

    const substitutions = Object.fromEntries(
      used.map((p) => [
        p,
        p in functions
          ? functions[p].functionArn
          : stateMachineArn(scope, app.stage, sources.machinePlaceholders[p]),
      ]),
    );
    const physicalName = stateMachinePhysicalName(app.stage, machine.name);
    const logGroup = new LogGroup(stack, `${constructId(machine.name)}Logs`, {
      logGroupName: `/aws/vendedlogs/states/${physicalName}`,
      retention: production ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const sm = new StateMachine(stack, `${constructId(machine.name)}StateMachine`, {
      stateMachineName: physicalName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(machine.file),
      definitionSubstitutions: substitutions,
      tracingEnabled: true,
      // Every event is logged for audit and debugging, but without execution data: inputs carry personal data (NIP, ratings).
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    for (const statement of roleStatementsFor(
      scope,
      app.stage,
      JSON.parse(text),
      functions,
      sources,
      machine.name,
    ))
      sm.addToRolePolicy(statement);
    NagSuppressions.addResourceSuppressions(
      sm,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "CloudWatch Logs vended delivery (logs:*LogDelivery, DescribeLogGroups/ResourcePolicies) and X-Ray support no resource-level permissions.",
          appliesTo: ["Resource::*"],
        },
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Executions have generated names; .sync and distributed-map permissions are limited to executions of named machines.",
          appliesTo: [{ regex: "/^Resource::arn:<AWS::Partition>:states:.*:execution:.*:\\*$/" }],
        },
      ],
      true,
    );
    stateMachines[machine.name] = sm;
  }

  stack.addOutputs(
    Object.fromEntries(
      Object.entries(stateMachines).map(([name, sm]) => [`${constructId(name)}Arn`, sm.stateMachineArn]),
    ),
  );
  return { functions, stateMachines };

  function sameSettings(all: DeploySources, handler: string): boolean {
    const specs = Object.values(all.functions).filter((s) => s.handler === handler);
    return specs.every((s) => JSON.stringify(s) === JSON.stringify(specs[0]));
  }
}

/** The state machine role's statements: invoke exactly the functions its Task states call, start exactly the machines it starts. */
function roleStatementsFor(
  scope: Stack,
  stage: string,
  definition: unknown,
  functions: Record<string, SstFunction>,
  sources: DeploySources,
  self: string,
): PolicyStatement[] {
  const integrations = taskIntegrationsOf(definition);
  const invoked = [...new Set(integrations.filter((i) => i.kind === "lambda").map((i) => i.placeholder))];
  const started = (kinds: string[]) => [
    ...new Set(
      integrations
        .filter((i) => kinds.includes(i.kind))
        .map((i) => sources.machinePlaceholders[i.placeholder]),
    ),
  ];
  const statements: PolicyStatement[] = [];
  if (invoked.length) {
    const arns = invoked.map((p) => functions[p].functionArn);
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["lambda:InvokeFunction"],
        // The ASL names unqualified function ARNs, so no version/alias wildcard is needed.
        resources: arns,
      }),
    );
  }
  const declared = sources.stateMachines.find((m) => m.name === self)?.starts ?? [];
  // Machines started through a dynamic ARN (`StateMachineArn.$`, e.g. continue-as-new) are known only from the registry.
  const startTargets = [...new Set([...started(["startExecution", "startExecutionSync"]), ...declared])];
  if (startTargets.length)
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["states:StartExecution"],
        resources: startTargets.map((m) => stateMachineArn(scope, stage, m)),
      }),
    );
  const syncTargets = started(["startExecutionSync"]);
  if (syncTargets.length) {
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["states:DescribeExecution", "states:StopExecution"],
        resources: syncTargets.map((m) => executionArnPattern(scope, stage, m)),
      }),
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
        resources: [
          scope.formatArn({
            service: "events",
            resource: "rule",
            resourceName: "StepFunctionsGetEventsForStepFunctionsExecutionRule",
          }),
        ],
      }),
    );
  }
  if (hasDistributedMap(definition))
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["states:StartExecution", "states:DescribeExecution", "states:StopExecution"],
        resources: [stateMachineArn(scope, stage, self), executionArnPattern(scope, stage, self)],
      }),
    );
  return statements;
}

function hasDistributedMap(definition: unknown): boolean {
  return JSON.stringify(definition).includes('"DISTRIBUTED"');
}
