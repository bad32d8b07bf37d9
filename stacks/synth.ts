import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Aws } from "aws-cdk-lib";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { App } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { applyNagChecks } from "./nag";
import { provideDeploySources, type DeploySources } from "./sources";
import { exampleStageEnv } from "./stage";

/** Stage settings that the last synthesis took from the examples instead of the environment. */
export const usedExampleSettings: string[] = [];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Options of an offline synthesis. */
export interface SynthesizeOptions {
  stage?: string;
  /** Working directory for the cloud assembly and bundles (default `.sst/synth/<stage>`). */
  outdir?: string;
  /** Deploy sources to use instead of the workflow registry (tests pass fixtures). */
  sources?: DeploySources;
  /** Apply the cdk-nag AwsSolutions pack (default true). */
  nag?: boolean;
  /**
   * Fill stage settings missing from the environment and `.env.<stage>` with the example values (default true), so a
   * production stage can be checked offline; `sst deploy` never does this and refuses a production stage without them.
   */
  exampleSettings?: boolean;
}

/** A synthesised app: the SST app (for Template.fromStack) and its cloud assembly. */
export interface Synthesized {
  app: App;
  assembly: CloudAssembly;
}

/**
 * Synthesises every stack in-process without touching AWS: `initProject` + SST's `App` in deploy mode + `app.finish()`.
 * SST asks AWS for its bootstrap bucket in `finish()` unless NODE_ENV is "test" (its own test mode); that lookup only
 * serves sourcemap uploads, which kinerja's functions do not produce, so synthesis runs in that mode.
 * Functions are really bundled (esbuild) into `.sst/artifacts`, exactly as `sst deploy` bundles them.
 */
export async function synthesize(options: SynthesizeOptions = {}): Promise<Synthesized> {
  const stage = options.stage ?? "prod";
  process.env.NODE_ENV = "test";
  process.env.JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION ??= "1";
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await initProject({ stage, root });
    if (options.exampleSettings !== false)
      for (const [key, value] of Object.entries(exampleStageEnv))
        if (!process.env[key]) {
          process.env[key] = value;
          usedExampleSettings.push(key);
        }
    const project = useProject();
    // SST writes generated types and function bundles under paths.out; one directory per stage lets several
    // syntheses (parallel test files) run side by side without deleting each other's files.
    const out = options.outdir ?? path.join(root, ".sst", "synth", stage);
    project.paths.out = out;
    project.paths.artifacts = path.join(out, "artifacts");
    if (options.sources) provideDeploySources(options.sources);
    const { default: config } = await import("../sst.config");
    const app = new App(
      {
        mode: "deploy",
        stage,
        name: project.config.name,
        region: project.config.region ?? "ap-southeast-3",
        // Account-agnostic templates: ARNs use ${AWS::AccountId}, resolved by CloudFormation at deploy time.
        account: Aws.ACCOUNT_ID,
      },
      { outdir: path.join(out, "cdk.out") },
    );
    await config.stacks(app);
    if (options.nag !== false) applyNagChecks(app);
    await app.finish();
    const assembly = app.synth();
    return { app, assembly };
  } finally {
    process.chdir(cwd);
  }
}

/** Writes each stack's CloudFormation template to `dir` as `<stack name>.template.json`. */
export async function writeTemplates(assembly: CloudAssembly, dir: string): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const stack of assembly.stacks) {
    const file = path.join(dir, `${stack.stackName}.template.json`);
    await writeFile(file, JSON.stringify(stack.template, null, 2) + "\n");
    written.push(file);
  }
  return written;
}

/** Nag findings (errors and warnings) left in the assembly after suppressions. */
export function nagFindings(assembly: CloudAssembly): { level: string; path: string; message: string }[] {
  return assembly.stacks.flatMap((stack) =>
    Object.entries(stack.manifest.metadata ?? {}).flatMap(([p, entries]) =>
      entries
        .filter(
          (e) =>
            (e.type === "aws:cdk:error" || e.type === "aws:cdk:warning") &&
            String(e.data).includes("AwsSolutions-"),
        )
        .map((e) => ({
          level: e.type.replace("aws:cdk:", ""),
          path: p,
          message: String(e.data).split("\n")[0],
        })),
    ),
  );
}

async function main(): Promise<void> {
  const stage = process.argv[2] ?? process.env.SST_STAGE ?? "prod";
  const started = Date.now();
  const { assembly } = await synthesize({ stage });
  const files = await writeTemplates(assembly, path.join(root, "dist", "cloudformation"));
  if (usedExampleSettings.length)
    console.warn(
      `note: example values used for ${usedExampleSettings.join(", ")} (set them in .env.${stage} before deploying)`,
    );
  const findings = nagFindings(assembly);
  for (const f of findings) console.error(`${f.level}: ${f.path}: ${f.message}`);
  console.log(`synthesised stage "${stage}" in ${Date.now() - started} ms:`);
  for (const f of files) console.log(`  ${path.relative(root, f)}`);
  if (findings.some((f) => f.level === "error")) {
    console.error("cdk-nag: unsuppressed AwsSolutions errors");
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
