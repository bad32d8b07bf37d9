// `kinerja doctor` and `kinerja token`: commands that read the data dir itself rather than ask the HR API (the
// invariant check reads DynamoDB and the engine's store; a dev token is signed with the data dir's issuer key).
// What they need is loaded only when they run, so the other commands start quickly.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Option, type Command } from "commander";
import { AuthError } from "@kinerja/web/auth/auth.errors";
import { RUNTIME_FILE } from "../runtime/runtime-file";
import { CliError } from "./cli.errors";
import { say } from "./say";

/** Adds `doctor` and `token`; `dataDir` resolves the data dir option when a command runs. */
export function addDataDirCommands(program: Command, { dataDir }: { dataDir: () => string }): void {
  program
    .command("doctor")
    .description(say("cliDoctorDescription"))
    .option("--cycle <id>", say("cliDoctorCycleOption"))
    .option("--json", say("cliDoctorJsonOption"))
    .action(async (opts: { cycle?: string; json?: boolean }) => {
      const dir = dataDir();
      const { runDoctor } = await import("../doctor/doctor-command");
      const { exitCode } = await runDoctor({
        dataDir: dir,
        dynamoEndpoint: runtimeUrls(dir)?.dynamodb,
        cycleId: opts.cycle,
        json: opts.json,
      });
      process.exitCode = exitCode;
    });

  program
    .command("token")
    .description(say("cliTokenDescription"))
    .addOption(new Option("--role <role>", say("cliRoleOption")).choices(["hr", "viewer"]).default("hr"))
    .option("--ttl <lifetime>", say("cliTtlOption"))
    .action(async (opts: { role: "hr" | "viewer"; ttl?: string }) => {
      const dir = dataDir();
      if (!existsSync(join(dir, "dev-issuer-key.json"))) throw new CliError(say("cliNoDevKey", { dir }));
      const { openDevIssuer } = await import("../runtime/dev-auth");
      const issuer = await openDevIssuer(dir, await readOnlyClock(dir));
      try {
        process.stdout.write((await issuer.sign({ role: opts.role, ttl: opts.ttl })) + "\n");
      } catch (error) {
        if (error instanceof AuthError) throw new CliError(error.text("id"));
        throw error;
      }
    });
}

/** The URLs a running runtime wrote into its data dir, if it is running. */
function runtimeUrls(dir: string): { dynamodb?: string } | undefined {
  const file = join(dir, RUNTIME_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { urls?: { dynamodb?: unknown } };
  return typeof parsed.urls?.dynamodb === "string" ? { dynamodb: parsed.urls.dynamodb } : undefined;
}

/** The data dir's clock, read without writing (the runtime owns the file). */
async function readOnlyClock(dir: string) {
  const { CLOCK_FILE } = await import("../runtime/persistent-clock");
  const file = join(dir, CLOCK_FILE);
  const offset = existsSync(file)
    ? Number((JSON.parse(readFileSync(file, "utf8")) as { offsetMs?: unknown }).offsetMs)
    : 0;
  return { now: () => new Date(Date.now() + (Number.isFinite(offset) ? offset : 0)) };
}
