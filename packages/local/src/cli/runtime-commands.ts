// `kinerja dev` and `kinerja demo`: the two commands that run the local runtime in this process. The runtime (and the
// demo) is loaded only when one of them runs: every other command is an HTTP client of a runtime already running,
// and loading the whole runtime cost each of them about 2.5 s of CPU.
import { Option, type Command } from "commander";
import { labelOf } from "@kinerja/core/i18n/labels";
import type { DemoProgress } from "../demo/run-demo";
import { port } from "./arguments";
import { demoReportText, devBanner } from "./print";
import { progressBars } from "./progress";
import { say } from "./say";

/** Adds `dev` and `demo`; `dataDir` resolves the data dir option when a command runs. */
export function addRuntimeCommands(program: Command, { dataDir }: { dataDir: () => string }): void {
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
      const { createLocalRuntime } = await import("../runtime/runtime");
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
      const bars = progressBars(" {stage} |{bar}| {value}/{total} {note}", {
        barsize: 30,
        notTTYSchedule: 5000,
      });
      process.stderr.write(`${say("cliDemoStarting")}\n`);
      const { DEMO_STAGES, runDemo } = await import("../demo/run-demo");
      const width = Math.max(...DEMO_STAGES.map((s) => demoStageLabel(s).length));
      const created = new Map<string, ReturnType<typeof bars.create>>();
      const onProgress = (p: DemoProgress) => {
        let bar = created.get(p.stage);
        const stage = demoStageLabel(p.stage).padEnd(width);
        if (!bar) created.set(p.stage, (bar = bars.create(p.total, p.done, { stage, note: p.note })));
        bar.setTotal(p.total);
        bar.update(p.done, { stage, note: p.note });
      };
      try {
        const report = await runDemo({ keep: opts.keep, seed: opts.seed, onProgress });
        bars.stop();
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + "\n" : demoReportText(report));
      } finally {
        bars.stop();
      }
    });
}

/** The demo's progress stages as labels ("realisation" is the realisation report of the measurement stage). */
function demoStageLabel(stage: string): string {
  return stage === "realisation" ? labelOf("decisionKind", "realization") : labelOf("stage", stage);
}
