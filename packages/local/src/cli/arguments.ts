// How the CLI reads what HR typed before anything is asked of the runtime: ports, calendar dates, ISO durations and
// files, each refused with an Indonesian reason (commander prints it with the option's name).
import { readFileSync } from "node:fs";
import { InvalidArgumentError } from "commander";
import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { isIsoDate } from "@kinerja/core/period/calendar";
import { CliError } from "./cli.errors";
import { say } from "./say";

/** A TCP port option (`label` names it in the error). */
export const port = (label: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(say("cliPortInvalid", { option: label }));
  return n;
};

/** A calendar date TTTT-BB-HH. */
export const isoDate = (value: string) => {
  // A real calendar date: Date.parse reads 2028-02-30 as 1 March, which the API then refused with a 500.
  if (!isIsoDate(value)) throw new InvalidArgumentError(say("cliDateInvalid"));
  return value;
};

/** An ISO 8601 duration (P30D, PT6H). */
export const duration = (value: string) => {
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

/** The text of a file HR named (a CSV to import); a CliError saying why when it cannot be read. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(say("cliCannotRead", { file, reason: readProblem(error) }));
  }
}
