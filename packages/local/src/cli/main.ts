// The `kinerja` CLI (bin/kinerja.mjs): `dev` and `demo` run the local runtime themselves; every other command talks
// to a running dev runtime over HTTP with the HR token from the data dir, exactly as any HR client would.
// What HR reads is Bahasa Indonesia from the one dictionary (i18n/messages.ts): help, result lines with labels and
// Indonesian numbers and dates, errors (the runtime is asked for Indonesian problem details); `--json` keeps codes.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError, Help, InvalidArgumentError, Option } from "commander";
import { MultiBar, Presets } from "cli-progress";
import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { formatDateTime, formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { isIsoDate } from "@kinerja/core/period/calendar";
import { splitCsvParts } from "@kinerja/core/imports/employee-import-job";
import { CADENCES } from "@kinerja/core/period/period";
import { t, type MessageKey, type MessageParams } from "@kinerja/core/i18n/messages";
import { createLocalRuntime, RUNTIME_FILE } from "../runtime/runtime";
import { JavaMissingError } from "../dynamodb/launcher";
import { LocalRuntimeError } from "../runtime/runtime.errors";
import { CLOCK_FILE } from "../runtime/persistent-clock";
import { openDevIssuer } from "../runtime/dev-auth";
import { AuthError } from "@kinerja/web/auth/auth.errors";
import { DEMO_STAGES, runDemo, type DemoProgress } from "../demo/run-demo";
import { runDoctor } from "../doctor/doctor-command";
import { CliError } from "./cli.errors";
import { cycleText, demoReportText, devBanner, type CycleView } from "./print";
import { addOrgCommand } from "./org-command";
import { dataDirOf, problemError, runtimeClient } from "./runtime-client";

const IMPORT_KINDS = {
  employees: "/api/employees/import",
  attendance: "/api/imports/attendance",
  survey: "/api/imports/survey",
  indicators: "/api/imports/indicators",
} as const;

/** A CLI text in Indonesian, from the dictionary. */
const say = (key: MessageKey, params?: MessageParams) => t(key, "id", params);

/** A count as Indonesian digits ("1.200"), kept as text so the dictionary does not reformat it. */
const count = (n: unknown) => formatNumber(typeof n === "number" ? n : Number(n), "id", 0);

/** An instant as HR reads it, with the ISO time beside it for `clock set` and scripts. */
const when = (iso: string) => ({ time: formatDateTime(iso), iso });

const port = (label: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(say("cliPortInvalid", { option: label }));
  return n;
};

const isoDate = (value: string) => {
  // A real calendar date: Date.parse reads 2028-02-30 as 1 March, which the API then refused with a 500.
  if (!isIsoDate(value)) throw new InvalidArgumentError(say("cliDateInvalid"));
  return value;
};

const duration = (value: string) => {
  try {
    parseIsoDuration(value);
  } catch {
    throw new InvalidArgumentError(say("cliDurationInvalid", { value }));
  }
  return value;
};

/** Why a file cannot be read, in Indonesian (Node's own text for anything unusual). */
function readProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return say("cliFileMissing");
  if (code === "EACCES" || code === "EPERM") return say("cliFileNoPermission");
  if (code === "EISDIR") return say("cliFileIsDirectory");
  return (error as Error).message;
}

/** Commander's built-in help headings and option notes, in Indonesian. */
class IndonesianHelp extends Help {
  override formatHelp(cmd: Command, helper: Help): string {
    return super
      .formatHelp(cmd, helper)
      .replace(/^Usage:/m, say("cliUsage"))
      .replace(/^Arguments:$/m, say("cliArguments"))
      .replace(/^Options:$/m, say("cliOptions"))
      .replace(/^Commands:$/m, say("cliCommands"))
      .replace(/\[options\]/g, "[opsi]")
      .replace(/\[command\]/g, "[perintah]");
  }

  override optionDescription(option: Option): string {
    return super
      .optionDescription(option)
      .replace(/\(choices: /, `(${say("cliChoices")}: `)
      .replace(/([(,] )?default: /, (_m, lead: string | undefined) => `${lead ?? ""}${say("cliDefault")}: `);
  }
}

/** Commander's own error messages (unknown command, missing option, bad value), in Indonesian. */
export function commanderErrorText(text: string): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/unknown command '([^']*)'/, (m) => say("cliUnknownCommand", { name: m[1]! })],
    [/unknown option '([^']*)'/, (m) => say("cliUnknownOption", { name: m[1]! })],
    [/required option '([^']*)' not specified/, (m) => say("cliMissingOption", { name: m[1]! })],
    [/missing required argument '([^']*)'/, (m) => say("cliMissingArgument", { name: m[1]! })],
    [
      /too many arguments(?: for '[^']*')?\. Expected \d+ arguments? but got \d+\./,
      () => say("cliTooManyArguments"),
    ],
    [
      /option '([^']*)' argument '([^']*)' is invalid\. ?/,
      (m) => say("cliOptionInvalid", { name: m[1]!, value: m[2]!, reason: "" }).trimEnd() + " ",
    ],
    [
      /command-argument value '([^']*)' is invalid for argument '([^']*)'\. ?/,
      (m) => say("cliArgumentInvalid", { value: m[1]!, name: m[2]!, reason: "" }).trimEnd() + " ",
    ],
    [/Allowed choices are ([^.]*)\./, (m) => say("cliAllowedChoices", { choices: m[1]! })],
    [/option '([^']*)' argument missing/, (m) => say("cliMissingOption", { name: m[1]! })],
    [/\(Did you mean (?:one of )?([^?]*)\?\)/, (m) => say("cliDidYouMean", { name: m[1]! })],
    [/^error:/m, () => `${say("cliError")}:`],
  ];
  let out = text;
  for (const [pattern, replace] of rules)
    out = out.replace(pattern, (...args) => replace(args as RegExpMatchArray));
  return out;
}

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

  const dataDir = () => dataDirOf(program.opts<{ dataDir?: string }>().dataDir);

  program
    .command("dev")
    .description(say("cliDevDescription"))
    .option("--reset", say("cliResetOption"))
    .addOption(
      new Option("-p, --port <port>", say("cliPortOption"))
        .env("PORT")
        .default(3000)
        .argParser(port("--port")),
    )
    .addOption(
      new Option("--states-port <port>", say("cliStatesPortOption"))
        .default(8083)
        .argParser(port("--states-port")),
    )
    .addOption(
      new Option("--dynamo-port <port>", say("cliDynamoPortOption"))
        .default(8000)
        .argParser(port("--dynamo-port")),
    )
    .action(async (opts: { reset?: boolean; port: number; statesPort: number; dynamoPort: number }) => {
      const started = Date.now();
      const runtime = await createLocalRuntime({
        dataDir: dataDir(),
        reset: opts.reset,
        port: opts.port,
        statesPort: opts.statesPort,
        dynamoPort: opts.dynamoPort,
        log: (line) => process.stderr.write(`kinerja: ${line}...\n`),
      });
      process.stdout.write(devBanner(runtime, Date.now() - started) + "\n");
      await new Promise<void>((done) => {
        const stop = (signal: string) => {
          process.stderr.write(`\nkinerja: ${say("cliStopping", { signal })}\n`);
          runtime.close().then(done, done);
        };
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
    });

  program
    .command("demo")
    .description(say("cliDemoDescription"))
    .option("--no-keep", say("cliNoKeepOption"))
    .option("--seed <n>", say("cliSeedOption"), (v) => Number(v), 2027)
    .option("--json", say("cliDemoJsonOption"))
    .action(async (opts: { keep: boolean; seed: number; json?: boolean }) => {
      const bars = new MultiBar(
        {
          format: " {stage} |{bar}| {value}/{total} {note}",
          hideCursor: true,
          barsize: 30,
          noTTYOutput: !process.stderr.isTTY,
          notTTYSchedule: 5000,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      const created = new Map<string, ReturnType<MultiBar["create"]>>();
      const onProgress = (p: DemoProgress) => {
        let bar = created.get(p.stage);
        const stage = demoStageLabel(p.stage).padEnd(
          Math.max(...DEMO_STAGES.map((s) => demoStageLabel(s).length)),
        );
        if (!bar) created.set(p.stage, (bar = bars.create(p.total, p.done, { stage, note: p.note })));
        bar.setTotal(p.total);
        bar.update(p.done, { stage, note: p.note });
      };
      process.stderr.write(`${say("cliDemoStarting")}\n`);
      try {
        const report = await runDemo({ keep: opts.keep, seed: opts.seed, onProgress });
        bars.stop();
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + "\n" : demoReportText(report));
      } finally {
        bars.stop();
      }
    });

  const cycle = program.command("cycle").description(say("cliCycleDescription"));
  cycle
    .command("start")
    .description(say("cliCycleStartDescription"))
    .requiredOption("--name <name>", say("cliNameOption"))
    .addOption(
      new Option("--kind <kind>", say("cliKindOption"))
        .choices(["annual", "quarterly", "monthly"])
        .default("annual"),
    )
    .requiredOption("--from <date>", say("cliFromOption"), isoDate)
    .requiredOption("--to <date>", say("cliToOption"), isoDate)
    .option("--units <ids>", say("cliUnitsOption"))
    .option("--wait", say("cliWaitOption"))
    .option("--allow-overlap", say("cliAllowOverlapOption"))
    .option("--confirm-past", say("cliConfirmPastOption"))
    .addOption(new Option("--periodic <cadence>", say("cliPeriodicOption")).choices(CADENCES))
    .action(
      async (opts: {
        name: string;
        kind: string;
        from: string;
        to: string;
        units?: string;
        wait?: boolean;
        allowOverlap?: boolean;
        confirmPast?: boolean;
        periodic?: string;
      }) => {
        const client = runtimeClient(dataDir());
        const body = {
          name: opts.name,
          kind: opts.kind,
          periodStart: opts.from,
          periodEnd: opts.to,
          ...(opts.units
            ? {
                unitIds: opts.units
                  .split(",")
                  .map((u) => u.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(opts.allowOverlap ? { allowOverlap: true } : {}),
          ...(opts.confirmPast ? { confirmPast: true } : {}),
          ...(opts.periodic ? { settings: { periodicEvaluation: opts.periodic } } : {}),
        };
        const res = await client.request("POST", "/api/cycles", { json: body });
        if (res.status !== 202 && res.status !== 200 && res.status !== 201)
          throw problemError(say("cliWhatCycleStart"), res);
        const { id, status } = res.body as { id: string; status: string };
        process.stdout.write(`${say("cliCycleStarted", { id, status: labelOf("cycleStatus", status) })}\n`);
        if (opts.wait) await waitForLaunch(client, id);
      },
    );
  cycle
    .command("status [id]")
    .description(say("cliCycleStatusDescription"))
    .action(async (id: string | undefined) => {
      const client = runtimeClient(dataDir());
      const res = await client.request("GET", id ? `/api/cycles/${encodeURIComponent(id)}` : "/api/cycles");
      if (res.status !== 200) throw problemError(say("cliWhatCycleStatus"), res);
      const list = id
        ? [res.body as CycleView]
        : ((Array.isArray(res.body)
            ? res.body
            : ((res.body as { cycles?: CycleView[] }).cycles ?? [])) as CycleView[]);
      process.stdout.write(
        (list.length ? list.map((c) => cycleText(c, Boolean(id))).join("\n\n") : say("cliNoCycles")) + "\n",
      );
    });
  cycle
    .command("cancel <id>")
    .description(say("cliCycleCancelDescription"))
    .requiredOption("--reason <text>", say("cliReasonOption"))
    .action(async (id: string, opts: { reason: string }) => {
      const client = runtimeClient(dataDir());
      const res = await client.request("POST", `/api/cycles/${encodeURIComponent(id)}/cancel`, {
        json: { reason: opts.reason },
      });
      if (res.status !== 200 && res.status !== 202)
        throw problemError(say("cliWhatCycleCancel", { id }), res);
      const cancelled = (res.body as { cancelled?: number }).cancelled ?? 0;
      process.stdout.write(`${say("cliCycleCancelled", { id, count: count(cancelled) })}\n`);
    });

  program
    .command("import <kind> <file>")
    .description(
      say("cliImportDescription", {
        kinds: Object.keys(IMPORT_KINDS)
          .map((k) => `${k} (${labelOf("importKind", k)})`)
          .join(" | "),
      }),
    )
    .action(async (kind: string, file: string) => {
      const path = IMPORT_KINDS[kind as keyof typeof IMPORT_KINDS];
      if (!path)
        throw new CliError(
          say("cliUnknownImportKind", { kind, kinds: Object.keys(IMPORT_KINDS).join(", ") }),
        );
      let csv: string;
      try {
        csv = readFileSync(file, "utf8");
      } catch (error) {
        throw new CliError(say("cliCannotRead", { file, reason: readProblem(error) }));
      }
      const client = runtimeClient(dataDir());
      // An employee file larger than one request goes in parts (the API takes each within Lambda's 6 MB).
      const parts = kind === "employees" ? splitCsvParts(csv) : [csv];
      let res = await client.request("POST", parts.length > 1 ? `${path}?parts=${parts.length}` : path, {
        csv: parts[0]!,
      });
      for (let n = 2; n <= parts.length && res.status === 202; n++) {
        const { importId } = res.body as ImportAnswer;
        res = await client.request("POST", `/api/imports/${encodeURIComponent(importId!)}/parts/${n}`, {
          csv: parts[n - 1]!,
        });
      }
      const what = labelOf("importKind", kind);
      if (res.status !== 200 && res.status !== 201 && res.status !== 202)
        throw problemError(say("cliWhatImport", { kind: what, file }), res);
      const answer = res.body as ImportAnswer;
      // A large employee file runs in the import-employees workflow: follow its job to the end.
      const outcome = answer.status === "validating" ? await waitForImport(client, answer.job!) : undefined;
      if (outcome && outcome.status !== "committed") {
        const problem = {
          title: say("cliImportNotDone", { status: labelOf("importStatus", outcome.status) }),
          ...(outcome.failureReason ? { detail: outcome.failureReason } : {}),
          errors: outcome.errors ?? [],
        };
        throw problemError(say("cliWhatImport", { kind: what, file }), {
          status: outcome.status === "rejected" ? 400 : 500,
          contentType: "application/json",
          body: problem,
          text: "",
        });
      }
      const shown = outcome ? { importId: outcome.importId, ...outcome.counts } : answer;
      process.stdout.write(`${importText(what, file, outcome ? 200 : res.status, shown)}\n`);
    });

  addOrgCommand(program, { dataDir, readProblem });

  const clock = program.command("clock").description(say("cliClockDescription"));
  clock
    .command("show", { isDefault: true })
    .description(say("cliClockShowDescription"))
    .action(async () => {
      const res = await runtimeClient(dataDir()).request("GET", "/_local/clock", { auth: false });
      if (res.status !== 200) throw problemError(say("cliWhatClock"), res);
      const body = res.body as { now: string; offsetMs: number };
      const days = formatNumber(body.offsetMs / 86_400_000, "id", 2);
      process.stdout.write(`${say("cliClockNow", { ...when(body.now), days })}\n`);
    });
  clock
    .command("advance")
    .description(say("cliClockAdvanceDescription"))
    .argument("<duration>", say("cliDurationArgument"), duration)
    .action(async (value: string) => {
      const res = await runtimeClient(dataDir()).request("POST", "/_local/clock", {
        json: { advance: value },
        auth: false,
      });
      if (res.status !== 200) throw problemError(say("cliWhatClockAdvance"), res);
      const body = res.body as { now: string; schedulesFired: number };
      process.stdout.write(
        `${say("cliClockAdvanced", { ...when(body.now), count: count(body.schedulesFired) })}\n`,
      );
    });
  clock
    .command("set <time>")
    .description(say("cliClockSetDescription"))
    .action(async (value: string) => {
      const res = await runtimeClient(dataDir()).request("POST", "/_local/clock", {
        json: { set: value },
        auth: false,
      });
      if (res.status !== 200) throw problemError(say("cliWhatClockSet"), res);
      process.stdout.write(`${say("cliClockSet", when((res.body as { now: string }).now))}\n`);
    });

  program
    .command("report <cycle>")
    .description(say("cliReportDescription"))
    .option("--csv <file>", say("cliCsvOption"))
    .action(async (id: string, opts: { csv?: string }) => {
      const client = runtimeClient(dataDir());
      const res = await client.request("GET", `/api/cycles/${encodeURIComponent(id)}`);
      if (res.status !== 200) throw problemError(say("cliWhatReport", { id }), res);
      process.stdout.write(cycleText(res.body as CycleView, true) + "\n");
      if (opts.csv) {
        const csv = await client.request("GET", `/api/cycles/${encodeURIComponent(id)}/export.csv`);
        if (csv.status !== 200) throw problemError(say("cliWhatExport", { id }), csv);
        writeFileSync(opts.csv, csv.text);
        process.stdout.write(`${say("cliResultsSaved", { file: opts.csv })}\n`);
      }
    });

  program
    .command("doctor")
    .description(say("cliDoctorDescription"))
    .option("--cycle <id>", say("cliDoctorCycleOption"))
    .option("--json", say("cliDoctorJsonOption"))
    .action(async (opts: { cycle?: string; json?: boolean }) => {
      const dir = dataDir();
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
      const issuer = await openDevIssuer(dir, readOnlyClock(dir));
      try {
        process.stdout.write((await issuer.sign({ role: opts.role, ttl: opts.ttl })) + "\n");
      } catch (error) {
        if (error instanceof AuthError) throw new CliError(error.text("id"));
        throw error;
      }
    });

  return program;
}

/** The demo's progress stages as labels ("realisation" is the realisation report of the measurement stage). */
function demoStageLabel(stage: string): string {
  return stage === "realisation" ? labelOf("decisionKind", "realization") : labelOf("stage", stage);
}

/** What an import answered: employee counts, or the rows of a measurement import (202: accepted, finishing). */
type ImportAnswer = {
  importId?: string;
  units?: number;
  employees?: number;
  created?: number;
  updated?: number;
  rows?: number;
  job?: string;
  status?: string;
};

/** An import job as GET /api/imports/{id} shows it (see importJobStatus). */
type ImportJobView = {
  importId: string;
  status: string;
  progress?: { rowsDone: number; rowsTotal: number | null };
  counts?: Record<string, number>;
  failureReason?: string;
  errors?: { line: number; field: string; message: string }[];
};

/** One progress bar on stderr (plain lines when stderr is not a terminal). */
function progressBar(format: string) {
  const bars = new MultiBar(
    { format, hideCursor: true, stream: process.stderr, noTTYOutput: !process.stderr.isTTY },
    Presets.shades_classic,
  );
  return { bars, bar: bars.create(1, 0) };
}

/** Follows a paged import's job with a progress bar until it is committed, rejected or failed. */
async function waitForImport(client: ReturnType<typeof runtimeClient>, job: string): Promise<ImportJobView> {
  const { bars, bar } = progressBar(say("cliImportProgress"));
  try {
    for (;;) {
      const res = await client.request("GET", job);
      if (res.status !== 200) throw problemError(say("cliWhatImportJob"), res);
      const view = res.body as ImportJobView;
      bar.setTotal(Math.max(view.progress?.rowsTotal ?? 1, 1));
      bar.update(view.progress?.rowsDone ?? 0);
      if (["committed", "rejected", "failed"].includes(view.status)) return view;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    bars.stop();
  }
}

/** The result line of an import: the counts the API returned, as a sentence. */
export function importText(kind: string, file: string, status: number, body: ImportAnswer): string {
  const importId = body.importId ?? "-";
  // 202: the file was accepted (validated and staged) but applying it was interrupted; it finishes by itself.
  if (status === 202)
    return say("cliImportAccepted", { kind, file, rows: count(body.rows ?? 0), job: body.job ?? importId });
  if (body.employees !== undefined)
    return say("cliEmployeesImported", {
      kind,
      file,
      created: count(body.created ?? 0),
      updated: count(body.updated ?? 0),
      employees: count(body.employees),
      units: count(body.units ?? 0),
      importId,
    });
  return say("cliRowsImported", { kind, file, rows: count(body.rows ?? 0), importId });
}

/** The URLs a running runtime wrote into its data dir, if it is running. */
function runtimeUrls(dir: string): { dynamodb?: string } | undefined {
  const file = join(dir, RUNTIME_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { urls?: { dynamodb?: unknown } };
  return typeof parsed.urls?.dynamodb === "string" ? { dynamodb: parsed.urls.dynamodb } : undefined;
}

/** The data dir's clock, read without writing (the runtime owns the file). */
function readOnlyClock(dir: string) {
  const file = join(dir, CLOCK_FILE);
  const offset = existsSync(file)
    ? Number((JSON.parse(readFileSync(file, "utf8")) as { offsetMs?: unknown }).offsetMs)
    : 0;
  return { now: () => new Date(Date.now() + (Number.isFinite(offset) ? offset : 0)) };
}

async function waitForLaunch(client: ReturnType<typeof runtimeClient>, id: string) {
  const { bars, bar } = progressBar(say("cliLaunchProgress"));
  try {
    for (let i = 0; i < 600; i++) {
      const res = await client.request("GET", `/api/cycles/${encodeURIComponent(id)}`);
      if (res.status !== 200) throw problemError(say("cliWhatCycleStatus"), res);
      const c = res.body as CycleView & { participants?: number };
      const started = Object.values(c.counts ?? {}).reduce((a, b) => a + b, 0);
      const expected = c.participants ?? started;
      bar.setTotal(Math.max(expected, 1));
      bar.update(started);
      if (c.status !== "launching" && c.status !== "created") return;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    bars.stop();
  }
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
