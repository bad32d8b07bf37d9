import { readFileSync } from "node:fs";
import { Match, Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { getStack } from "sst/constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { Api, accessLogFormat } from "../../stacks/api";
import { Mail } from "../../stacks/mail";
import { readStageSettings } from "../../stacks/stage";
import { placeholdersOf } from "../../packages/core/src/asl/placeholders";
import { Schedules } from "../../stacks/schedules";
import type { DeploySources } from "../../stacks/sources";
import { Storage } from "../../stacks/storage";
import { nagFindings, synthesize } from "../../stacks/synth";
import { Workflows } from "../../stacks/workflows";
import { tableDefinition } from "../../packages/core/src/storage/table";
import { monitoringChecks, TEST_ALARM_EMAIL } from "./monitoring-checks";
import { synthDirFor } from "./fixtures/sources";

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** Every IAM statement of a template with the resource it belongs to. */
function statementsOf(
  template: Template,
): { policy: string; Action: string | string[]; Resource: unknown }[] {
  return Object.entries(template.findResources("AWS::IAM::Policy") as Record<string, Resource>).flatMap(
    ([id, r]) =>
      (
        (r.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
          .Statement ?? []
      ).map((s) => ({ policy: id, ...s })),
  );
}

const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/**
 * When AWS deprecates each Node.js Lambda runtime (creation is blocked soon after, then updates), from the runtime table
 * of the Lambda developer guide (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, read 2026-12-02). A runtime
 * missing here fails the test until its date is added.
 */
const LAMBDA_RUNTIME_DEPRECATIONS: Record<string, string> = {
  "nodejs18.x": "2025-09-01",
  "nodejs20.x": "2026-04-30",
  "nodejs22.x": "2027-04-30",
  "nodejs24.x": "2028-04-30",
};

/**
 * The behaviour every deployment must show, checked on templates synthesised offline (once per file) from `sources`.
 * Used with the fixture registry and with kinerja's own registry.
 */
export function describeDeployment(
  label: string,
  stage: string,
  sources: () => DeploySources | undefined,
): void {
  describe(`${label}: stacks synthesised offline (stage ${stage})`, () => {
    let assembly: CloudAssembly;
    let workflows: Template;
    let storage: Template;
    let api: Template;
    let schedules: Template;
    let mail: Template;
    let deployed: DeploySources;

    beforeAll(async () => {
      const given = sources();
      // The alarm topic's subscriber (stage settings are read from the environment during synthesis).
      const alarmEmail = process.env.KINERJA_ALARM_EMAIL;
      process.env.KINERJA_ALARM_EMAIL = TEST_ALARM_EMAIL;
      try {
        assembly = (await synthesize({ stage, sources: given, outdir: synthDirFor(`deployment-${stage}`) }))
          .assembly;
      } finally {
        if (alarmEmail === undefined) delete process.env.KINERJA_ALARM_EMAIL;
        else process.env.KINERJA_ALARM_EMAIL = alarmEmail;
      }
      const { useDeploySources } = await import("../../stacks/sources");
      deployed = useDeploySources();
      workflows = Template.fromStack(getStack(Workflows));
      storage = Template.fromStack(getStack(Storage));
      api = Template.fromStack(getStack(Api));
      schedules = Template.fromStack(getStack(Schedules));
      mail = Template.fromStack(getStack(Mail));
    }, 300_000);

    it("substitutes every placeholder of every ASL file with a function or state machine the app creates", () => {
      const machines = workflows.findResources("AWS::StepFunctions::StateMachine") as Record<
        string,
        Resource
      >;
      const functionIds = Object.keys(workflows.findResources("AWS::Lambda::Function"));
      expect(Object.keys(machines)).toHaveLength(deployed.stateMachines.length);
      for (const spec of deployed.stateMachines) {
        const [, machine] = Object.entries(machines).find(([, r]) =>
          JSON.stringify(r.Properties.StateMachineName).includes(`-${spec.name}`),
        )!;
        expect(machine, spec.name).toBeDefined();
        expect(machine.Properties.DefinitionS3Location, "definition comes from the ASL file").toBeDefined();
        const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;
        const used = placeholdersOf(readFileSync(spec.file, "utf8"));
        expect(used.length).toBeGreaterThan(0);
        expect(Object.keys(substitutions).sort()).toEqual(used);
        for (const p of used) {
          const value = substitutions[p] as { "Fn::GetAtt"?: [string, string]; "Fn::Join"?: unknown };
          if (p in deployed.functions) {
            expect(value["Fn::GetAtt"]?.[1], p).toBe("Arn");
            expect(functionIds, p).toContain(value["Fn::GetAtt"]?.[0]);
          } else {
            const target = deployed.machinePlaceholders[p];
            expect(JSON.stringify(value), p).toContain(`:stateMachine:${stage}-kinerja-${target}`);
            expect(deployed.stateMachines.map((m) => m.name)).toContain(target);
          }
        }
      }
    });

    it("runs every Lambda of every stack (SST's own included) on a runtime AWS supports for at least another year", () => {
      const yearAhead = Date.now() + 365 * 86_400_000;
      const runtimes = assembly.stacks.flatMap((stack) =>
        Object.entries((stack.template as { Resources: Record<string, Resource> }).Resources)
          .filter(([, r]) => r.Type === "AWS::Lambda::Function")
          .map(([id, r]) => ({ where: `${stack.stackName}/${id}`, runtime: String(r.Properties.Runtime) })),
      );
      expect(runtimes.length).toBeGreaterThan(0);
      for (const { where, runtime } of runtimes) {
        const deprecated = LAMBDA_RUNTIME_DEPRECATIONS[runtime];
        expect(deprecated, `${where}: ${runtime} is not in the deprecation table`).toBeDefined();
        expect(
          Date.parse(deprecated!),
          `${where}: ${runtime} is deprecated on ${deprecated}`,
        ).toBeGreaterThan(yearAhead);
      }
    });

    it("deploys every registry function on Node 24 arm64 with its timeout and memory", () => {
      const functions = Object.values(
        workflows.findResources("AWS::Lambda::Function") as Record<string, Resource>,
      );
      for (const [placeholder, spec] of Object.entries(deployed.functions)) {
        const fn = functions.find((f) => f.Properties.Description === spec.handler);
        expect(fn, `${placeholder} (${spec.handler})`).toBeDefined();
        expect(fn!.Properties).toMatchObject({
          Runtime: "nodejs24.x",
          Architectures: ["arm64"],
          Timeout: spec.timeoutSeconds,
          MemorySize: spec.memoryMB,
          TracingConfig: { Mode: "Active" },
        });
        // SST bundles into <dir>/<file>.mjs and names the handler after the source path.
        expect(fn!.Properties.Handler).toBe(spec.handler);
      }
      const distinctHandlers = new Set(Object.values(deployed.functions).map((f) => f.handler));
      const registryFunctions = functions.filter((f) =>
        distinctHandlers.has(String(f.Properties.Description)),
      );
      expect(registryFunctions).toHaveLength(distinctHandlers.size);
    });

    it("bundles each function as minified ESM without the AWS SDK", () => {
      const out = assembly.directory;
      // SST's own custom-resource handler (one per stack) ships its own prebuilt bundle; ours are the rest.
      const fns = Object.entries(workflows.findResources("AWS::Lambda::Function") as Record<string, Resource>)
        .filter(([id]) => !id.startsWith("CustomResourceHandler"))
        .map(([, f]) => f);
      expect(fns.length).toBeGreaterThan(0);
      for (const fn of fns) {
        const key = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, "");
        const file = `${out}/asset.${key}/${String(fn.Properties.Handler).replace(/\.[^.]+$/, ".mjs")}`;
        const code = readFileSync(file, "utf8");
        expect(code, file).toMatch(/^import/m);
        expect(code).not.toMatch(/node_modules\/@aws-sdk\//);
        // Minified: no indentation-led lines left by a readable build (esbuild's end-of-file block of the bundled
        // packages' preserved comments, e.g. Powertools', is not code).
        const body = code.replace(/\/\*! Bundled license information:[\s\S]*?\*\/\s*$/, "");
        expect(body.split("\n").filter((l) => l.startsWith("  ")).length).toBe(0);
      }
    });

    it("creates the one table: keys and indexes of the definition, on-demand, PITR, TTL, deletion protection", () => {
      const keys = [tableDefinition.partitionKey, tableDefinition.sortKey];
      storage.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
        KeySchema: [
          { AttributeName: keys[0], KeyType: "HASH" },
          { AttributeName: keys[1], KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
        GlobalSecondaryIndexes: tableDefinition.globalIndexes.map((i) => ({
          IndexName: i.indexName,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: "HASH" },
            { AttributeName: i.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
        Replicas: [
          {
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          },
        ],
      });
      const [table] = Object.values(
        storage.findResources("AWS::DynamoDB::GlobalTable") as Record<string, Resource>,
      );
      expect(table.DeletionPolicy).toBe("Retain");
    });

    it("gives no function or state machine a wildcard action on DynamoDB or Step Functions", () => {
      for (const template of [workflows, api, schedules]) {
        for (const s of statementsOf(template)) {
          for (const action of asList(s.Action)) {
            expect(action, s.policy).not.toMatch(/^(dynamodb|states):.*\*/);
            expect(action, s.policy).not.toBe("*");
          }
          // A "*" resource is allowed only for services without resource-level permissions.
          if (s.Resource === "*")
            for (const action of asList(s.Action)) expect(action, s.policy).toMatch(/^(xray|logs):/);
        }
      }
    });

    it("lets only token-answering functions send task results, and only for the machines they serve", () => {
      const grants = statementsOf(workflows).filter((s) =>
        asList(s.Action).includes("states:SendTaskSuccess"),
      );
      const answering = Object.values(deployed.functions).filter(
        (f) => f.permissions.sendTaskResponse.length > 0,
      );
      expect(new Set(grants.map((g) => g.policy)).size).toBe(new Set(answering.map((f) => f.handler)).size);
      for (const g of grants) {
        const text = JSON.stringify(g.Resource);
        expect(text).toMatch(/:stateMachine:/);
        expect(text).not.toMatch(/stateMachine:\*/);
      }
    });

    it("routes HR paths through the JWT authorizer and link paths without it", () => {
      const authorizers = api.findResources("AWS::ApiGatewayV2::Authorizer") as Record<string, Resource>;
      const [jwtId, jwt] = Object.entries(authorizers)[0];
      expect(jwt.Properties).toMatchObject({
        AuthorizerType: "JWT",
        IdentitySource: ["$request.header.Authorization"],
      });
      expect(jwt.Properties.JwtConfiguration).toMatchObject({ Issuer: expect.stringMatching(/^https:\/\//) });
      const routes = Object.values(api.findResources("AWS::ApiGatewayV2::Route") as Record<string, Resource>);
      const route = (key: string) => routes.find((r) => r.Properties.RouteKey === key)?.Properties;
      expect(route("ANY /api/{proxy+}")).toMatchObject({
        AuthorizationType: "JWT",
        AuthorizerId: { Ref: jwtId },
      });
      for (const key of ["GET /l/{token}", "POST /l/{token}"]) {
        expect(route(key), key).toBeDefined();
        expect(route(key)!.AuthorizationType ?? "NONE", key).toBe("NONE");
        expect(route(key)!.AuthorizerId, key).toBeUndefined();
      }
      // Stage throttling caps the total in front of the per-link and per-recipient limits (rate-limit.ts).
      const { throttle } = readStageSettings(stage);
      api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
        DefaultRouteSettings: {
          ThrottlingRateLimit: throttle.rate,
          ThrottlingBurstLimit: throttle.burst,
        },
        AccessLogSettings: { DestinationArn: Match.anyValue() },
      });
    });

    it("logs API access as JSON with route key, status, latency and request id, never the path (link tokens)", () => {
      const stages = Object.values(api.findResources("AWS::ApiGatewayV2::Stage") as Record<string, Resource>);
      expect(stages).toHaveLength(1);
      const format = (stages[0].Properties.AccessLogSettings as { Format: string }).Format;
      expect(format).toBe(accessLogFormat);
      const fields = JSON.parse(format) as Record<string, string>;
      expect(Object.values(fields)).toEqual(
        expect.arrayContaining([
          "$context.routeKey",
          "$context.status",
          "$context.responseLatency",
          "$context.requestId",
        ]),
      );
      // Any variable carrying the request path or query would put a link token in CloudWatch.
      expect(format).not.toMatch(/\$context\.(path|resourcePath)|\$request/);
    });

    it("gives the API and the steps no SES permission: the mail-sending steps only queue mail, the sender sends it", () => {
      const ses = (template: Template) =>
        statementsOf(template).filter((s) => asList(s.Action).some((a) => a.startsWith("ses:")));
      expect(ses(api)).toEqual([]);
      expect(ses(workflows)).toEqual([]);
      expect(ses(mail).length).toBeGreaterThan(0);
      const queueing = statementsOf(workflows).filter((s) => asList(s.Action).includes("sqs:SendMessage"));
      expect(queueing.length).toBeGreaterThan(0);
      // The API queues HR's resent links (core hr/resend-link.ts): it may put messages on the queue, nothing more.
      const apiQueue = statementsOf(api).filter((s) => asList(s.Action).some((a) => a.startsWith("sqs:")));
      expect(apiQueue.flatMap((s) => asList(s.Action))).toEqual(["sqs:SendMessage"]);
    });

    it("creates the mail domain's SES identity only in the stage that owns it (KINERJA_SES_IDENTITY_STAGE)", () => {
      const settings = readStageSettings(stage);
      mail.resourceCountIs("AWS::SES::EmailIdentity", settings.ownsMailIdentity ? 1 : 0);
      // Every stage has its own configuration set, named by the stage, so stages never collide on it.
      mail.hasResourceProperties("AWS::SES::ConfigurationSet", { Name: `${stage}-kinerja-mail` });
      // Whoever created it, the senders are granted the domain's identity by ARN.
      const granted = JSON.stringify(
        statementsOf(mail).filter((s) => asList(s.Action).includes("ses:SendEmail")),
      );
      expect(granted).toContain(`:identity/${settings.mailDomain}`);
    });

    it("creates every schedule in Asia/Jakarta with retry policy and dead-letter queue, targeting a deployed machine", () => {
      const created = Object.values(
        schedules.findResources("AWS::Scheduler::Schedule") as Record<string, Resource>,
      );
      expect(created).toHaveLength(deployed.schedules.length);
      for (const spec of deployed.schedules) {
        const schedule = created.find((s) => s.Properties.Name === spec.name);
        expect(schedule, spec.name).toBeDefined();
        expect(schedule!.Properties).toMatchObject({
          ScheduleExpression: spec.expression,
          ScheduleExpressionTimezone: "Asia/Jakarta",
          Target: {
            RetryPolicy: {
              MaximumRetryAttempts: spec.retry.maximumRetryAttempts,
              MaximumEventAgeInSeconds: spec.retry.maximumEventAgeInSeconds,
            },
            DeadLetterConfig: { Arn: expect.anything() },
          },
        });
        const target = schedule!.Properties.Target as { Arn: unknown; Input: string };
        expect(JSON.stringify(target.Arn)).toContain(
          `:stateMachine:${stage}-kinerja-${spec.target.stateMachine}"`,
        );
        expect(JSON.parse(target.Input)).toEqual({
          ...spec.input,
          scheduledTime: "<aws.scheduler.scheduled-time>",
        });
      }
    });

    it("turns on logging and X-Ray for every state machine", () => {
      for (const m of Object.values(
        workflows.findResources("AWS::StepFunctions::StateMachine") as Record<string, Resource>,
      )) {
        expect(m.Properties).toMatchObject({
          StateMachineType: "STANDARD",
          TracingConfiguration: { Enabled: true },
          LoggingConfiguration: { Level: "ALL", IncludeExecutionData: false },
        });
      }
    });

    monitoringChecks(() => assembly, stage);

    it("leaves no unsuppressed cdk-nag AwsSolutions finding", () => {
      expect(nagFindings(assembly)).toEqual([]);
    });
  });
}
