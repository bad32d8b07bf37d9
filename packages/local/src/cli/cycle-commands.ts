// `kinerja cycle start | status | cancel` and `kinerja report <cycle>`: appraisal cycles through the HR API of a
// running runtime; `--wait` follows a launch with a progress bar, `report --csv` saves the results export.
import { writeFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { labelOf } from "@kinerja/core/i18n/labels";
import { CADENCES } from "@kinerja/core/period/period";
import { isoDate } from "./arguments";
import { cycleText, type CycleView } from "./print";
import { pause, progressBar } from "./progress";
import { problemError, runtimeClient, type RuntimeClient } from "./runtime-client";
import { count, say } from "./say";

interface StartOptions {
  name: string;
  kind: string;
  from: string;
  to: string;
  units?: string;
  wait?: boolean;
  allowOverlap?: boolean;
  confirmPast?: boolean;
  periodic?: string;
}

/** Adds `cycle` with its subcommands; `dataDir` resolves the data dir option when a command runs. */
export function addCycleCommand(program: Command, { dataDir }: { dataDir: () => string }): void {
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
    .action(async (opts: StartOptions) => {
      const client = runtimeClient(dataDir());
      const res = await client.request("POST", "/api/cycles", { json: startBody(opts) });
      if (res.status !== 202 && res.status !== 200 && res.status !== 201)
        throw problemError(say("cliWhatCycleStart"), res);
      const { id, status } = res.body as { id: string; status: string };
      process.stdout.write(`${say("cliCycleStarted", { id, status: labelOf("cycleStatus", status) })}\n`);
      if (opts.wait) await waitForLaunch(client, id);
    });
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
}

/** Adds `report <cycle>`: a cycle's stages and distribution, and with `--csv` its results export. */
export function addReportCommand(program: Command, { dataDir }: { dataDir: () => string }): void {
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
}

/** The body of `POST /api/cycles` from the options (optional fields only when given). */
function startBody(opts: StartOptions): Record<string, unknown> {
  return {
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
}

/** Follows a cycle's launch with a progress bar until every appraisal has started (at most 5 minutes). */
async function waitForLaunch(client: RuntimeClient, id: string) {
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
      await pause(500);
    }
  } finally {
    bars.stop();
  }
}
