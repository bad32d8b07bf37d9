import { RemovalPolicy, type Stack } from "aws-cdk-lib";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { NagSuppressions } from "cdk-nag";
import { tableDefinition } from "../packages/core/src/storage/table";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { IConstruct } from "constructs";
import { Function as SstFunction, Stack as SstStack, type Config, type FunctionProps } from "sst/constructs";
import type { FunctionPermissions } from "./sources";
import { executionArnPattern, stateMachineArn } from "./naming";
import { isProductionStage } from "./stage";
import { SERVICE_NAME } from "../functions/shared/metric-names";

/** DynamoDB actions of a reader: item and query reads only. */
export const tableReadActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DescribeTable",
] as const;

/** DynamoDB actions of a writer: reads plus item writes (transactions are authorised per item action). */
export const tableWriteActions = [
  ...tableReadActions,
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
] as const;

/** Step Functions actions a function answering task tokens needs. */
export const taskResponseActions = [
  "states:SendTaskSuccess",
  "states:SendTaskFailure",
  "states:SendTaskHeartbeat",
] as const;

/** What a function's policy is built against. */
export interface FunctionResources {
  table: ITable;
  stage: string;
  linkSigningKey: Config.Secret;
  mail: {
    identityArn: string;
    configurationSetArn: string;
    configurationSetName: string;
    from: string;
    /** The mail queue the mail-sending functions put their mails on (the sender alone calls SES). */
    queueArn: string;
    queueUrl: string;
  };
}

/** Common build settings of every kinerja Lambda: Node 24 on arm64 (supported until 2028-04-30), minified ESM with the AWS SDK left to the runtime; the bundle targets Node 20 so the same code runs in the local runtime. */
export const lambdaDefaults: Pick<FunctionProps, "runtime" | "architecture" | "tracing" | "nodejs"> = {
  runtime: "nodejs24.x",
  architecture: "arm_64",
  tracing: "active",
  nodejs: {
    format: "esm",
    minify: true,
    // Sourcemaps would go to SST's bootstrap bucket, which offline synthesis cannot reach; errors carry names instead.
    sourcemap: false,
    // keepNames: errors name themselves by class (`new.target.name`) and the state machines catch them by that name;
    // minified without it, `DecisionMailError` would reach Step Functions as a one-letter name no Catch matches.
    // zod: hono-openapi's schema converter imports a converter per schema library on demand; only valibot's is ever
    // called (every route schema is valibot), but esbuild would inline zod's (~225 KB) into the API bundle.
    esbuild: { external: ["@aws-sdk/*", "zod", "zod/*"], target: "node20", keepNames: true },
  },
};

/** Builds one Lambda with exactly the permissions it declares. */
export function createKinerjaFunction(
  stack: Stack,
  id: string,
  spec: {
    handler: string;
    timeoutSeconds: number;
    memoryMB: number;
    permissions: FunctionPermissions;
    description?: string;
    /** Where Lambda puts asynchronous invocations (event targets) that failed every retry. */
    deadLetterQueue?: IQueue;
  },
  resources: FunctionResources,
  environment: Record<string, string>,
): SstFunction {
  // An explicit log group instead of SST's logRetention, which would add CDK's log-retention custom resource Lambda.
  const logGroup = new LogGroup(stack, `${id}Logs`, {
    retention: isProductionStage(resources.stage) ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
    removalPolicy: isProductionStage(resources.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  // An own role instead of the AWS managed basic-execution policy: logs go to this function's log group only.
  const role = new Role(stack, `${id}Role`, {
    assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
    description: `kinerja ${spec.handler}`,
  });
  role.addToPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [logGroup.logGroupArn],
    }),
  );
  const fn = new SstFunction(stack, id, {
    ...lambdaDefaults,
    logGroup,
    role,
    handler: spec.handler,
    description: spec.description ?? spec.handler,
    timeout: spec.timeoutSeconds,
    memorySize: spec.memoryMB,
    environment: { POWERTOOLS_SERVICE_NAME: SERVICE_NAME, ...environment },
    // SST attaches nothing by default when permissions is empty; everything below is explicit.
    permissions: [],
    bind: spec.permissions.linkSigningKey ? [resources.linkSigningKey] : [],
    ...(spec.deadLetterQueue ? { deadLetterQueue: spec.deadLetterQueue } : {}),
  });
  for (const statement of policyStatementsFor(stack, spec.permissions, resources))
    fn.addToRolePolicy(statement);
  NagSuppressions.addResourceSuppressions(
    role,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (active tracing).",
        appliesTo: ["Resource::*"],
      },
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Executions have generated names; stop/describe is limited to the executions of the named state machines.",
        appliesTo: [{ regex: "/^Resource::arn:<AWS::Partition>:states:.*:execution:.*:\\*$/" }],
      },
    ],
    true,
  );
  return fn;
}

/**
 * SST creates one custom-resource Lambda per stack on Node 22, which AWS deprecates on 2027-04-30 (creation blocked after,
 * then updates): run it on our runtime instead. Its handler is plain ESM that runs on any current Node.
 */
export function pinSstInternalsRuntime(app: IConstruct): void {
  for (const child of app.node.children)
    if (child instanceof SstStack) {
      const cfn = child.customResourceHandler.node.defaultChild as CfnFunction;
      cfn.runtime = lambdaDefaults.runtime;
    }
}

/** The policy statements one set of declared permissions turns into; no statement uses a wildcard action. */
export function policyStatementsFor(
  stack: Stack,
  p: FunctionPermissions,
  r: FunctionResources,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const allow = (actions: readonly string[], resources: string[]) =>
    statements.push(new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources }));
  if (p.table !== "none")
    allow(p.table === "read" ? tableReadActions : tableWriteActions, [
      r.table.tableArn,
      // Each index by name (no index/* wildcard): the table has exactly the indexes of the one definition.
      ...tableDefinition.globalIndexes.map((i) => `${r.table.tableArn}/index/${i.indexName}`),
    ]);
  if (p.sendTaskResponse.length)
    allow(
      taskResponseActions,
      p.sendTaskResponse.map((m) => stateMachineArn(stack, r.stage, m)),
    );
  if (p.startExecution.length)
    allow(
      ["states:StartExecution"],
      p.startExecution.map((m) => stateMachineArn(stack, r.stage, m)),
    );
  if (p.stopExecution.length)
    allow(
      ["states:StopExecution", "states:DescribeExecution"],
      p.stopExecution.map((m) => executionArnPattern(stack, r.stage, m)),
    );
  // Mail goes through the queue (stacks/mail.ts): a mail-sending function may only put messages on it.
  if (p.sendEmail) allow(["sqs:SendMessage"], [r.mail.queueArn]);
  return statements;
}
