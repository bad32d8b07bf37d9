import { describe, expect, it } from "vitest";
import { placeholdersOf } from "../../packages/core/src/asl/placeholders";
import { taskIntegrationsOf } from "../../stacks/asl";
import { StackConfigError } from "../../stacks/errors";
import { parseDeploySources } from "../../stacks/sources";
import { readStageSettings } from "../../stacks/stage";
import { fixtureSources } from "./fixtures/sources";

const valid = () => structuredClone(fixtureSources());

describe("deploy sources", () => {
  it("accepts the fixture registry and fills permission defaults", () => {
    const sources = fixtureSources();
    expect(sources.functions.ListParticipantsFunction.permissions).toEqual({
      table: "read",
      sendTaskResponse: [],
      startExecution: [],
      stopExecution: [],
      sendEmail: false,
      linkSigningKey: false,
    });
  });

  it("names the field when a function's memory is out of range", () => {
    const bad = valid();
    bad.functions.OpenDecisionFunction.memoryMB = 64;
    expect(() => parseDeploySources(bad)).toThrow(/functions\.OpenDecisionFunction\.memoryMB/);
  });

  it("rejects permissions naming a state machine that is not deployed", () => {
    const bad = valid();
    bad.functions.RecordResultFunction.permissions.sendTaskResponse = ["nope"];
    expect(() => parseDeploySources(bad)).toThrow(StackConfigError);
    expect(() => parseDeploySources(bad)).toThrow(/unknown state machine "nope"/);
  });

  it("rejects a schedule targeting an unknown machine and a duplicate schedule name, listing both", () => {
    const bad = valid();
    bad.schedules.push({ ...bad.schedules[0] });
    bad.schedules[0].target.stateMachine = "ghost";
    expect(() => parseDeploySources(bad)).toThrow(/targets unknown state machine "ghost"[\s\S]*used twice/);
  });

  it("rejects a schedule outside Asia/Jakarta", () => {
    const bad = valid() as unknown as { schedules: { timezone: string }[] };
    bad.schedules[0].timezone = "UTC";
    expect(() => parseDeploySources(bad)).toThrow(/schedules\.0\.timezone/);
  });
});

describe("ASL reading", () => {
  const definition = {
    StartAt: "A",
    States: {
      A: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: "${FnA}" },
        Next: "P",
      },
      P: {
        Type: "Parallel",
        Branches: [
          {
            StartAt: "B",
            States: {
              B: {
                Type: "Task",
                Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
                Parameters: { FunctionName: "${FnB}", Payload: { "token.$": "$$.Task.Token" } },
                End: true,
              },
            },
          },
        ],
        Next: "M",
      },
      M: {
        Type: "Map",
        ItemProcessor: {
          StartAt: "S",
          States: {
            S: {
              Type: "Task",
              Resource: "arn:aws:states:::states:startExecution.sync:2",
              Parameters: { StateMachineArn: "${Child}" },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  };

  it("finds placeholders and integrations inside Parallel branches and Map processors", () => {
    expect(placeholdersOf(JSON.stringify(definition))).toEqual(["Child", "FnA", "FnB"]);
    expect(taskIntegrationsOf(definition)).toEqual([
      { state: "A", kind: "lambda", placeholder: "FnA" },
      { state: "B", kind: "lambda", placeholder: "FnB" },
      { state: "S", kind: "startExecutionSync", placeholder: "Child" },
    ]);
  });
});

describe("stage settings", () => {
  it("refuses a production stage without OIDC and mail settings", () => {
    expect(() => readStageSettings("prod", {})).toThrow(/KINERJA_OIDC_ISSUER[\s\S]*KINERJA_MAIL_FROM/);
  });

  it("reads audiences, throttling and the mail domain of a stage", () => {
    const s = readStageSettings("prod", {
      KINERJA_OIDC_ISSUER: "https://sso.salor.go.id/realms/asn",
      KINERJA_OIDC_AUDIENCE: "kinerja, kinerja-dashboard",
      KINERJA_MAIL_FROM: "kinerja@bkpsdm.salor.go.id",
      KINERJA_API_RATE: "20",
    });
    expect(s).toMatchObject({
      production: true,
      oidc: { audience: ["kinerja", "kinerja-dashboard"], rolesClaim: "roles" },
      mailDomain: "bkpsdm.salor.go.id",
      throttle: { rate: 20, burst: 100 },
    });
  });

  it("reads the dashboard's OIDC client and refuses its secrets as settings (they are SST secrets)", () => {
    const base = {
      KINERJA_OIDC_ISSUER: "https://sso.salor.go.id/realms/asn",
      KINERJA_OIDC_AUDIENCE: "kinerja",
      KINERJA_MAIL_FROM: "kinerja@bkpsdm.salor.go.id",
      KINERJA_OIDC_CLIENT_ID: "kinerja-dashboard",
    };
    expect(readStageSettings("prod", base).oidc.dashboard).toEqual({
      clientId: "kinerja-dashboard",
      confidential: true,
      sessionHours: 8,
    });
    expect(
      readStageSettings("prod", { ...base, KINERJA_OIDC_PUBLIC_CLIENT: "true" }).oidc.dashboard?.confidential,
    ).toBe(false);
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(() => readStageSettings("prod", { ...base, KINERJA_SESSION_KEY: key })).toThrow(
      /KINERJA_SESSION_KEY is a secret now.*npx sst secrets set DashboardSessionKey <value> --stage prod/,
    );
    expect(() => readStageSettings("dev", { ...base, KINERJA_OIDC_CLIENT_SECRET: "s3cret" })).toThrow(
      /KINERJA_OIDC_CLIENT_SECRET is a secret now.*npx sst secrets set DashboardOidcClientSecret/,
    );
    expect(
      readStageSettings("prod", { ...base, KINERJA_OIDC_CLIENT_ID: undefined }).oidc.dashboard,
    ).toBeUndefined();
  });

  it("rejects a plain-http issuer", () => {
    expect(() =>
      readStageSettings("dev", {
        KINERJA_OIDC_ISSUER: "http://sso.local",
        KINERJA_OIDC_AUDIENCE: "k",
        KINERJA_MAIL_FROM: "a@b.id",
      }),
    ).toThrow(/KINERJA_OIDC_ISSUER: must be an https URL/);
  });
});
