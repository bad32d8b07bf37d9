// Commander in Bahasa Indonesia: its built-in help headings and option notes, and its own error messages (unknown
// command, missing option, bad value), rewritten with the dictionary's words.
import { Command, Help, Option } from "commander";
import { say } from "./say";

/** Commander's built-in help headings and option notes, in Indonesian. */
export class IndonesianHelp extends Help {
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
