// The `kinerja` CLI (bin/kinerja.mjs): `dev` and `demo` run the local runtime themselves; every other command talks
// to a running dev runtime over HTTP with the HR token from the data dir, exactly as any HR client would (`doctor`
// and `token` read the data dir). One module per command family; each loads what is heavy only when it runs.
// What HR reads is Bahasa Indonesia from the one dictionary (i18n/messages.ts): help, result lines with labels and
// Indonesian numbers and dates, errors (the runtime is asked for Indonesian problem details); `--json` keeps codes.
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { JavaMissingError } from "../dynamodb/dynamodb.errors";
import { LocalRuntimeError } from "../runtime/runtime.errors";
import { CliError } from "./cli.errors";
import { addClockCommand } from "./clock-command";
import { addCycleCommand, addReportCommand } from "./cycle-commands";
import { addDataDirCommands } from "./data-dir-commands";
import { commanderErrorText, IndonesianHelp } from "./help";
import { addImportCommand } from "./import-command";
import { addOrgCommand } from "./org-command";
import { addRuntimeCommands } from "./runtime-commands";
import { dataDirOf } from "./runtime-client";
import { say } from "./say";

/** Builds the command tree (exported so tests can inspect the help without running anything). */
export function buildProgram(): Command {
  // Help and error settings first: subcommands inherit them when they are created.
  const program = new Command("kinerja")
    .configureHelp({
      formatHelp: IndonesianHelp.prototype.formatHelp,
      optionDescription: IndonesianHelp.prototype.optionDescription,
    })
    .configureOutput({ outputError: (text, write) => write(commanderErrorText(text)) })
    .helpOption("-h, --help", say("cliHelpOption"))
    .addHelpCommand("help [command]", say("cliHelpCommand"))
    .showHelpAfterError(say("cliHelpAfterError"))
    .showSuggestionAfterError(true);
  program
    .description(say("cliDescription"))
    .option("-d, --data-dir <dir>", say("cliDataDirOption"))
    .addHelpText(
      "after",
      [
        "",
        say("cliGettingStarted"),
        `  npm start                         ${say("cliStartAll")}`,
        "  kinerja cycle start --name 'Tahunan 2027' --kind annual --from 2027-01-01 --to 2027-12-31",
        `                                    ${say("cliStartCycle")}`,
        `  kinerja cycle status              ${say("cliStatusAll")}`,
        `  kinerja clock advance P30D        ${say("cliAdvance30")}`,
        `  kinerja report <cycle>            ${say("cliReportHint")}`,
        `  kinerja demo                      ${say("cliDemoHint")}`,
        "",
        say("cliNeedsRuntime"),
      ].join("\n"),
    );

  const context = { dataDir: () => dataDirOf(program.opts<{ dataDir?: string }>().dataDir) };
  // In the order the help lists them.
  addRuntimeCommands(program, context);
  addCycleCommand(program, context);
  addImportCommand(program, context);
  addOrgCommand(program, context);
  addClockCommand(program, context);
  addReportCommand(program, context);
  addDataDirCommands(program, context);
  return program;
}

/** Runs the CLI with `argv` (process.argv shape); prints one clear line for expected errors and sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (
      error instanceof CliError ||
      error instanceof JavaMissingError ||
      error instanceof LocalRuntimeError ||
      error instanceof InvalidArgumentError
    ) {
      process.stderr.write(`kinerja: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
