// The dashboard's OIDC client secret and session key are SST secrets (issue 17): synthesised with a dashboard client
// and with secret values in the environment (as `sst bind` or a careless shell would have them), the templates name
// the secrets but never hold their values; the API function is bound to both (SST's "__FETCH_FROM_SSM__" marker) and
// may read exactly their parameters, as it may the link-signing key.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { getStack } from "sst/constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_NAMES, secretEnv } from "../../functions/shared/secrets";
import { Api } from "../../stacks/api";
import { synthesize } from "../../stacks/synth";
import { fixtureSources, synthDirFor } from "./fixtures/sources";

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };
const STAGE = "secrets";
const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Values no template may contain (each distinctive, so a match cannot be a coincidence). */
const VALUES = {
  [SECRET_NAMES.dashboardSessionKey]: Buffer.alloc(32, 0x5a).toString("base64"),
  [SECRET_NAMES.dashboardClientSecret]: "dashboard-client-secret-4f1c9e7a",
  [SECRET_NAMES.linkSigningKey]: "k1:link-signing-key-value-8d2b6c",
};

/** Every file of a directory tree. */
function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path) : [path];
  });
}

describe("the dashboard's secrets in the synthesised templates", () => {
  let api: Template;
  let outdir: string;
  const saved: Record<string, string | undefined> = {};
  const env: Record<string, string> = {
    KINERJA_OIDC_CLIENT_ID: "kinerja-dashboard",
    ...Object.fromEntries(Object.entries(VALUES).map(([name, value]) => [secretEnv(name), value])),
  };

  beforeAll(async () => {
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    const { app } = await synthesize({
      stage: STAGE,
      sources: fixtureSources(),
      nag: false,
      outdir: synthDirFor("dashboard-secrets"),
    });
    outdir = app.outdir;
    api = Template.fromStack(getStack(Api));
  }, 300_000);

  afterAll(() => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  it("holds no secret value anywhere in the cloud assembly", () => {
    const files = filesOf(outdir).filter((f) => f.endsWith(".json"));
    expect(files.some((f) => f.endsWith(".template.json"))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const [name, value] of Object.entries(VALUES))
        expect(text.includes(value), `${name} in ${file}`).toBe(false);
    }
  });

  it("binds the API function to the session key and the client secret, readable from SSM only by name", () => {
    const [id, fn] = Object.entries(
      api.findResources("AWS::Lambda::Function") as Record<string, Resource>,
    ).find(([id]) => id.startsWith("ApiHandler"))!;
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const name of Object.values(SECRET_NAMES))
      expect(variables[secretEnv(name)], name).toBe("__FETCH_FROM_SSM__");
    expect(variables).not.toHaveProperty("KINERJA_SESSION_KEY");
    expect(variables).not.toHaveProperty("KINERJA_OIDC_CLIENT_SECRET");
    expect(variables.KINERJA_OIDC_CLIENT_ID).toBe("kinerja-dashboard");

    const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const statements = Object.values(api.findResources("AWS::IAM::Policy") as Record<string, Resource>)
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const ssm = statements.filter((s) => asList(s.Action).some((a) => a.startsWith("ssm:")));
    expect([...new Set(ssm.flatMap((s) => asList(s.Action)))], id).toEqual(["ssm:GetParameters"]);
    const resources = JSON.stringify(ssm.map((s) => s.Resource));
    for (const name of Object.values(SECRET_NAMES))
      expect(resources, name).toContain(`/Secret/${name}/value`);
    expect(resources).not.toMatch(/parameter\/\*|"\*"/);
  });
});
