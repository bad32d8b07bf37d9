// `kinerja org show | set | import` against a running dev runtime (issue 15 item 2), and what `kinerja cycle status`
// says about the top official a launch left out: all in Bahasa Indonesia, problems from the API's Indonesian answer.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalRuntime } from "../../packages/local/src/runtime/runtime";
import { startCliWorld, type CliWorld } from "./cli-world";
import { t } from "../../packages/core/src/i18n/messages";
import { demoOrganisation } from "../../packages/core/src/imports/sample-org";

describe("kinerja org", () => {
  let w: CliWorld;
  let rt: LocalRuntime;
  let dataDir: string;
  const kinerja = (...args: string[]) => w.kinerja(...args);

  beforeAll(async () => {
    w = await startCliWorld("cli-org");
    ({ rt, dataDir } = w);
  }, 120_000);
  afterAll(async () => w?.close());

  it("says nothing is set, and the cycle status names the top official left out and why", async () => {
    const shown = await kinerja("org");
    expect(shown.code).toBe(0);
    expect(shown.stdout.trim()).toBe(t("cliOrgNotSet", "id"));
    const started = await kinerja(
      "cycle",
      "start",
      "--name",
      "Tahunan 2027",
      "--from",
      "2027-01-01",
      "--to",
      "2027-12-31",
    );
    expect(started.code, started.stderr).toBe(0);
    const id = /^Siklus (\S+) dibuat/m.exec(started.stdout)![1]!;
    await rt.engine.idle();
    const status = await kinerja("cycle", "status", id);
    const sekda = demoOrganisation().people.find((p) => !p.superiorNip)!;
    expect(status.stdout).toContain(
      t("cliCycleSkipped", "id", {
        count: "1",
        names: `${sekda.name}, NIP ${sekda.nip}`,
        reason: t("launchSkipTopNoAppraiser", "id"),
      }),
    );
  }, 120_000);

  it("refuses bad settings with the API's Indonesian field messages and sets good ones", async () => {
    const bad = await kinerja(
      "org",
      "set",
      "--name",
      "H. Andi",
      "--position",
      "Bupati Salor",
      "--email",
      "bupati",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(t("cliWhatOrgSet", "id"));
    expect(bad.stderr).toContain(t("csvEmail", "id"));
    const good = await kinerja(
      "org",
      "set",
      "--name",
      "H. Andi Wiratama",
      "--position",
      "Bupati Salor",
      "--email",
      "bupati@salorkab.go.id",
    );
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain(t("cliOrgSaved", "id"));
    expect(good.stdout).toContain(
      t("cliOrgAuthority", "id", {
        official: `Bupati Salor: H. Andi Wiratama <bupati@salorkab.go.id> (${t("cliOrgNoNip", "id")})`,
      }),
    );
    expect(good.stdout).toContain(t("cliOrgTopIsAuthority", "id"));
  }, 60_000);

  it("imports the org-settings CSV, naming a bad row by line and column", async () => {
    const file = join(dataDir, "pejabat.csv");
    writeFileSync(
      file,
      "role,name,position,email,nip\npejabat_pembina_kepegawaian,H. Andi Wiratama,Bupati Salor,bupati@salorkab.go.id,\n" +
        "penilai_pimpinan_tertinggi,Dra. Sri Lestari,,wabup@salorkab.go.id,\n",
    );
    const refused = await kinerja("org", "import", file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/baris 3, kolom position/);
    writeFileSync(
      file,
      "role,name,position,email,nip\npejabat_pembina_kepegawaian,H. Andi Wiratama,Bupati Salor,bupati@salorkab.go.id,\n" +
        "penilai_pimpinan_tertinggi,Dra. Sri Lestari,Wakil Bupati Salor,wabup@salorkab.go.id,197001012000032001\n",
    );
    const imported = await kinerja("org", "import", file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(
      t("cliOrgTopAppraiser", "id", {
        official: "Wakil Bupati Salor: Dra. Sri Lestari <wabup@salorkab.go.id> (NIP 197001012000032001)",
      }),
    );
  }, 60_000);
});
