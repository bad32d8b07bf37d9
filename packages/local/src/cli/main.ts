// The `kinerja` CLI (bin/kinerja.mjs): `dev` and `demo` run the local runtime themselves; every other command talks
// to a running dev runtime over HTTP with the HR token from the data dir, exactly as any HR client would.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { MultiBar, Presets } from "cli-progress";
import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { createLocalRuntime, RUNTIME_FILE } from "../runtime/runtime";
import { JavaMissingError } from "../dynamodb/launcher";
import { LocalRuntimeError } from "../runtime/runtime.errors";
import { CLOCK_FILE } from "../runtime/persistent-clock";
import { openDevIssuer } from "../runtime/dev-auth";
import { DEMO_STAGES, runDemo, type DemoProgress } from "../demo/run-demo";
import { runDoctor } from "../doctor/doctor-command";
import { CliError } from "./cli.errors";
import { cycleText, demoReportText, devBanner, type CycleView } from "./print";
import { dataDirOf, problemError, runtimeClient } from "./runtime-client";

const IMPORT_KINDS = {
  employees: "/api/employees/import",
  attendance: "/api/imports/attendance",
  survey: "/api/imports/survey",
  indicators: "/api/imports/indicators",
} as const;

const port = (label: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`${label} must be a port number 0-65535`);
  return n;
};

const isoDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError("must be a date YYYY-MM-DD");
  return value;
};

const duration = (value: string) => {
  try {
    parseIsoDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return value;
};

/** Builds the command tree (exported so tests can inspect the help without running anything). */
export function buildProgram(): Command {
  const program = new Command("kinerja")
    .description(
      "kinerja: ASN performance-appraisal cycles (SKP, review, objections, follow-up) on Step Functions.\n" +
        "Run the whole system on this machine with `kinerja dev` (= npm start), or watch a simulated year with `kinerja demo`.",
    )
    .option("-d, --data-dir <dir>", "data dir of the local runtime (default: $KINERJA_DATA_DIR or .kinerja)")
    .showHelpAfterError("(run `kinerja --help` for the commands)")
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      [
        "",
        "Getting started:",
        "  npm start                         start everything (DynamoDB Local, Step Functions engine, web, scheduler)",
        "  kinerja cycle start --name 'Tahunan 2027' --kind annual --from 2027-01-01 --to 2027-12-31",
        "  kinerja cycle status              every cycle with its stages",
        "  kinerja clock advance P30D        skip 30 days (timers and schedules fire on the way)",
        "  kinerja report <cycle>            predikat distribution per unit",
        "  kinerja demo                      a whole simulated year in a temporary data dir (about 2 minutes)",
        "",
        "Commands other than dev and demo need a running `npm start` with the same data dir.",
      ].join("\n"),
    );

  const dataDir = () => dataDirOf(program.opts<{ dataDir?: string }>().dataDir);

  program
    .command("dev")
    .description("start the local runtime (what `npm start` runs); Ctrl+C stops it, the data stays")
    .option("--reset", "delete the data dir's contents first and start afresh")
    .addOption(
      new Option("-p, --port <port>", "web port").env("PORT").default(3000).argParser(port("--port")),
    )
    .addOption(
      new Option("--states-port <port>", "Step Functions API port")
        .default(8083)
        .argParser(port("--states-port")),
    )
    .addOption(
      new Option("--dynamo-port <port>", "DynamoDB Local port")
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
          process.stderr.write(`\nkinerja: ${signal}, stopping...\n`);
          runtime.close().then(done, done);
        };
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
    });

  program
    .command("demo")
    .description(
      "run a whole annual cycle for the demo Salor organisation with simulated people, then report",
    )
    .option("--no-keep", "delete the temporary data dir afterwards")
    .option("--seed <n>", "seed of the simulated people's behaviour", (v) => Number(v), 2027)
    .option("--json", "print the report as JSON instead of text")
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
        const stage = p.stage.padEnd(Math.max(...DEMO_STAGES.map((s) => s.length)));
        if (!bar) created.set(p.stage, (bar = bars.create(p.total, p.done, { stage, note: p.note })));
        bar.setTotal(p.total);
        bar.update(p.done, { stage, note: p.note });
      };
      process.stderr.write("kinerja demo: starting a fresh runtime in a temporary data dir...\n");
      try {
        const report = await runDemo({ keep: opts.keep, seed: opts.seed, onProgress });
        bars.stop();
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + "\n" : demoReportText(report));
      } finally {
        bars.stop();
      }
    });

  const cycle = program
    .command("cycle")
    .description("open, watch and cancel appraisal cycles (needs a running runtime)");
  cycle
    .command("start")
    .description("create a cycle and launch one appraisal per employee")
    .requiredOption("--name <name>", "name of the cycle, e.g. 'Penilaian Kinerja Tahunan 2027'")
    .addOption(
      new Option("--kind <kind>", "length of the period")
        .choices(["annual", "quarterly", "monthly"])
        .default("annual"),
    )
    .requiredOption("--from <date>", "first day of the period (YYYY-MM-DD)", isoDate)
    .requiredOption("--to <date>", "last day of the period (YYYY-MM-DD)", isoDate)
    .option("--units <ids>", "comma-separated unit ids (sub-units included); default: the whole organisation")
    .option("--wait", "wait until every appraisal has started, with a progress bar")
    .action(
      async (opts: {
        name: string;
        kind: string;
        from: string;
        to: string;
        units?: string;
        wait?: boolean;
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
        };
        const res = await client.request("POST", "/api/cycles", { json: body });
        if (res.status !== 202 && res.status !== 200 && res.status !== 201)
          throw problemError("cycle start", res);
        const { id, status } = res.body as { id: string; status: string };
        process.stdout.write(`cycle ${id} ${status}\n`);
        if (opts.wait) await waitForLaunch(client, id);
      },
    );
  cycle
    .command("status [id]")
    .description("every cycle (or one) with its appraisals per stage")
    .action(async (id: string | undefined) => {
      const client = runtimeClient(dataDir());
      const res = await client.request("GET", id ? `/api/cycles/${encodeURIComponent(id)}` : "/api/cycles");
      if (res.status !== 200) throw problemError("cycle status", res);
      const list = id
        ? [res.body as CycleView]
        : ((Array.isArray(res.body)
            ? res.body
            : ((res.body as { cycles?: CycleView[] }).cycles ?? [])) as CycleView[]);
      process.stdout.write(
        (list.length
          ? list.map((c) => cycleText(c, Boolean(id))).join("\n\n")
          : "no cycles yet; start one with `kinerja cycle start`") + "\n",
      );
    });
  cycle
    .command("cancel <id>")
    .description("cancel a cycle: stops every live appraisal and withdraws their pending links")
    .requiredOption("--reason <text>", "why (goes to the audit trail and the people's pages)")
    .action(async (id: string, opts: { reason: string }) => {
      const client = runtimeClient(dataDir());
      const res = await client.request("POST", `/api/cycles/${encodeURIComponent(id)}/cancel`, {
        json: { reason: opts.reason },
      });
      if (res.status !== 200 && res.status !== 202) throw problemError("cycle cancel", res);
      process.stdout.write(`cycle ${id} cancelled: ${JSON.stringify(res.body)}\n`);
    });

  program
    .command("import <kind> <file>")
    .description(
      `import a CSV file: ${Object.keys(IMPORT_KINDS).join(" | ")} (nothing is written unless every row is valid)`,
    )
    .action(async (kind: string, file: string) => {
      const path = IMPORT_KINDS[kind as keyof typeof IMPORT_KINDS];
      if (!path)
        throw new CliError(
          `unknown import kind "${kind}"; use one of ${Object.keys(IMPORT_KINDS).join(", ")}`,
        );
      let csv: string;
      try {
        csv = readFileSync(file, "utf8");
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
      }
      const res = await runtimeClient(dataDir()).request("POST", path, { csv });
      if (res.status !== 200 && res.status !== 201 && res.status !== 202)
        throw problemError(`import ${kind} ${file}`, res);
      // 202: the file was accepted (validated and staged) but applying it was interrupted; it finishes by itself.
      process.stdout.write(
        res.status === 202
          ? `accepted ${kind} from ${file}; it finishes by itself (do not import it again): ${JSON.stringify(res.body)}\n`
          : `imported ${kind} from ${file}: ${JSON.stringify(res.body)}\n`,
      );
    });

  const clock = program
    .command("clock")
    .description("the runtime's adjustable clock (needs a running runtime)");
  clock
    .command("show", { isDefault: true })
    .description("print the runtime's time and its offset from real time")
    .action(async () => {
      const res = await runtimeClient(dataDir()).request("GET", "/_local/clock", { auth: false });
      if (res.status !== 200) throw problemError("clock", res);
      const body = res.body as { now: string; offsetMs: number };
      process.stdout.write(`${body.now} (offset ${(body.offsetMs / 86_400_000).toFixed(2)} days)\n`);
    });
  clock
    .command("advance")
    .description("move the clock forward by an ISO 8601 duration; timers and schedules fire on the way")
    .argument("<duration>", "ISO 8601 duration such as P30D, PT12H, P1Y", duration)
    .action(async (value: string) => {
      const res = await runtimeClient(dataDir()).request("POST", "/_local/clock", {
        json: { advance: value },
        auth: false,
      });
      if (res.status !== 200) throw problemError("clock advance", res);
      const body = res.body as { now: string; schedulesFired: number };
      process.stdout.write(
        `clock is now ${body.now} (${body.schedulesFired} scheduled run(s) fired on the way)\n`,
      );
    });
  clock
    .command("set <time>")
    .description("move the clock forward to an ISO time, e.g. 2028-01-02T01:00:00Z")
    .action(async (value: string) => {
      const res = await runtimeClient(dataDir()).request("POST", "/_local/clock", {
        json: { set: value },
        auth: false,
      });
      if (res.status !== 200) throw problemError("clock set", res);
      process.stdout.write(`clock is now ${(res.body as { now: string }).now}\n`);
    });

  program
    .command("report <cycle>")
    .description("a cycle's stages and predikat distribution per unit, with the distribution warnings")
    .option("--csv <file>", "also save the results export (CSV) to this file")
    .action(async (id: string, opts: { csv?: string }) => {
      const client = runtimeClient(dataDir());
      const res = await client.request("GET", `/api/cycles/${encodeURIComponent(id)}`);
      if (res.status !== 200) throw problemError("report", res);
      process.stdout.write(cycleText(res.body as CycleView, true) + "\n");
      if (opts.csv) {
        const csv = await client.request("GET", `/api/cycles/${encodeURIComponent(id)}/export.csv`);
        if (csv.status !== 200) throw problemError("export", csv);
        writeFileSync(opts.csv, csv.text);
        process.stdout.write(`results saved to ${opts.csv}\n`);
      }
    });

  program
    .command("doctor")
    .description(
      "check the invariants of the running runtime's data: every appraisal has a live execution or a final stage,\n" +
        "every pending decision a live task token, every decision exactly one audit event, no execution stuck",
    )
    .option("--cycle <id>", "check one cycle only")
    .option("--json", "print the report as JSON")
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
    .description(
      "print a dev HR token signed by this data dir's dev issuer (checked against the runtime clock)",
    )
    .addOption(
      new Option("--role <role>", "hr (read and write) or viewer (read only)")
        .choices(["hr", "viewer"])
        .default("hr"),
    )
    .option("--ttl <lifetime>", "lifetime such as 1h, 7d, 5y (default 5y, so clock jumps do not expire it)")
    .action(async (opts: { role: "hr" | "viewer"; ttl?: string }) => {
      const dir = dataDir();
      if (!existsSync(join(dir, "dev-issuer-key.json")))
        throw new CliError(`no dev issuer key in ${dir}; run \`npm start\` once first`);
      const issuer = await openDevIssuer(dir, readOnlyClock(dir));
      process.stdout.write((await issuer.sign({ role: opts.role, ttl: opts.ttl })) + "\n");
    });

  return program;
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
  const bars = new MultiBar(
    {
      format: " launch |{bar}| {value}/{total} appraisals started",
      hideCursor: true,
      stream: process.stderr,
      noTTYOutput: !process.stderr.isTTY,
    },
    Presets.shades_classic,
  );
  const bar = bars.create(1, 0);
  try {
    for (let i = 0; i < 600; i++) {
      const res = await client.request("GET", `/api/cycles/${encodeURIComponent(id)}`);
      if (res.status !== 200) throw problemError("cycle status", res);
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
