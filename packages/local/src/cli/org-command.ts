// `kinerja org show | set | import <file>`: the organisation settings (the staffing authority, Pejabat Pembina
// Kepegawaian, and the appraiser of the top official) through the HR API of a running runtime, in Indonesian. The API
// validates; the CLI only gathers what HR typed and prints what was stored.
import type { Command } from "commander";
import { formatDateTime } from "@kinerja/core/i18n/format";
import type { Official } from "@kinerja/core/org/org-settings";
import type { OrgSettingsView } from "@kinerja/core/org/org-settings.service";
import { readTextFile } from "./arguments";
import { problemError, runtimeClient } from "./runtime-client";
import { say } from "./say";

/** "Bupati Salor: H. Ahmad Salim <bupati@...> (tanpa NIP)": an official as HR reads them. */
const officialText = (o: Official) =>
  `${o.position}: ${o.name} <${o.email}> (${o.nip ? `NIP ${o.nip}` : say("cliOrgNoNip")})`;

/** The settings as `kinerja org show` and `set` print them. */
export function orgSettingsText(view: OrgSettingsView): string {
  if (!view.configured || !view.pejabatPembinaKepegawaian) return say("cliOrgNotSet");
  return [
    say("cliOrgAuthority", { official: officialText(view.pejabatPembinaKepegawaian) }),
    view.topOfficialAppraiser
      ? say("cliOrgTopAppraiser", { official: officialText(view.topOfficialAppraiser) })
      : say("cliOrgTopIsAuthority"),
    ...(view.updatedAt
      ? [say("cliOrgUpdated", { time: formatDateTime(view.updatedAt), by: view.updatedBy ?? "-" })]
      : []),
  ].join("\n");
}

interface SetOptions {
  name: string;
  position: string;
  email: string;
  nip?: string;
  topName?: string;
  topPosition?: string;
  topEmail?: string;
  topNip?: string;
}

/** The body of `PUT /api/org/settings` from the options (a top appraiser only when any of its options was given). */
export function orgSettingsBody(o: SetOptions): Record<string, unknown> {
  const official = (name?: string, position?: string, email?: string, nip?: string) => ({
    ...(name !== undefined ? { name } : {}),
    ...(position !== undefined ? { position } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(nip ? { nip } : {}),
  });
  const top = official(o.topName, o.topPosition, o.topEmail, o.topNip);
  return {
    pejabatPembinaKepegawaian: official(o.name, o.position, o.email, o.nip),
    ...(Object.keys(top).length > 0 ? { topOfficialAppraiser: top } : {}),
  };
}

/** Adds `org` and its subcommands to the program; `dataDir` resolves the data dir option when a command runs. */
export function addOrgCommand(program: Command, { dataDir }: { dataDir: () => string }): void {
  const org = program.command("org").description(say("cliOrgDescription"));
  org
    .command("show", { isDefault: true })
    .description(say("cliOrgShowDescription"))
    .action(async () => {
      const res = await runtimeClient(dataDir()).request("GET", "/api/org/settings");
      if (res.status !== 200) throw problemError(say("cliWhatOrgShow"), res);
      process.stdout.write(`${orgSettingsText(res.body as OrgSettingsView)}\n`);
    });
  org
    .command("set")
    .description(say("cliOrgSetDescription"))
    .requiredOption("--name <name>", say("cliOrgNameOption"))
    .requiredOption("--position <title>", say("cliOrgPositionOption"))
    .requiredOption("--email <email>", say("cliOrgEmailOption"))
    .option("--nip <nip>", say("cliOrgNipOption"))
    .option("--top-name <name>", say("cliOrgTopNameOption"))
    .option("--top-position <title>", say("cliOrgTopPositionOption"))
    .option("--top-email <email>", say("cliOrgTopEmailOption"))
    .option("--top-nip <nip>", say("cliOrgTopNipOption"))
    .action(async (opts: SetOptions) => {
      const res = await runtimeClient(dataDir()).request("PUT", "/api/org/settings", {
        json: orgSettingsBody(opts),
      });
      if (res.status !== 200) throw problemError(say("cliWhatOrgSet"), res);
      process.stdout.write(`${say("cliOrgSaved")}\n${orgSettingsText(res.body as OrgSettingsView)}\n`);
    });
  org
    .command("import <file>")
    .description(say("cliOrgImportDescription"))
    .action(async (file: string) => {
      const csv = readTextFile(file);
      const res = await runtimeClient(dataDir()).request("POST", "/api/org/settings/import", { csv });
      if (res.status !== 200) throw problemError(say("cliWhatOrgImport", { file }), res);
      process.stdout.write(`${say("cliOrgSaved")}\n${orgSettingsText(res.body as OrgSettingsView)}\n`);
    });
}
