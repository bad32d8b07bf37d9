// `kinerja clock show | advance <duration> | set <time>`: the running runtime's clock (the local routes need no HR
// token). Advancing fires every schedule that falls due on the way, as the passing days would.
import type { Command } from "commander";
import { formatNumber } from "@kinerja/core/i18n/format";
import { duration } from "./arguments";
import { problemError, runtimeClient } from "./runtime-client";
import { count, say, when } from "./say";

/** Adds `clock` with its subcommands; `dataDir` resolves the data dir option when a command runs. */
export function addClockCommand(program: Command, { dataDir }: { dataDir: () => string }): void {
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
}
