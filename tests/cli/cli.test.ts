// The `kinerja` CLI as a person runs it (node bin/kinerja.mjs): help that explains the commands, clear errors for
// a bad command, a bad argument, and a command that needs a runtime when none is running, all in Bahasa Indonesia.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { t } from "../../packages/core/src/i18n/messages";

const bin = resolve(__dirname, "../../bin/kinerja.mjs");
const emptyDataDir = mkdtempSync(join(tmpdir(), "kinerja-cli-"));
afterAll(() => rmSync(emptyDataDir, { recursive: true, force: true }));

function kinerja(...args: string[]) {
  const out = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    timeout: 60_000,
    // A port nothing listens on, so "not running" is certain even if a dev runtime runs on 3000.
    env: { ...process.env, KINERJA_DATA_DIR: emptyDataDir, PORT: "9" },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe("kinerja --help", () => {
  it("lists every command with a getting-started section", () => {
    const { code, stdout } = kinerja("--help");
    expect(code).toBe(0);
    for (const command of ["dev", "demo", "cycle", "import <kind> <file>", "clock", "report", "token"])
      expect(stdout).toContain(command);
    expect(stdout).toContain("Memulai:");
    expect(stdout).toContain("npm start");
    expect(stdout).toContain("Perintah:");
    expect(stdout).toContain(t("cliDemoDescription", "id").slice(0, 40));
    // Commander's own words and the old English descriptions are gone.
    expect(stdout).not.toMatch(
      /Usage:|Options:|Commands:|display help|Getting started|start the local runtime/,
    );
  });

  it("explains the cycle subcommands and their options", () => {
    const { code, stdout } = kinerja("cycle", "start", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("--kind <kind>");
    expect(stdout).toMatch(/annual.*quarterly.*monthly/s);
    expect(stdout).toContain("--from <date>");
    expect(stdout).toContain("Penggunaan: kinerja cycle start [opsi]");
    expect(stdout).toContain("hari pertama periode (TTTT-BB-HH)");
    // Commander wraps the description to the terminal width, so any space may be a line break.
    expect(stdout).toMatch(/pilihan: "annual",\s+"quarterly",\s+"monthly",\s+bawaan: "annual"/);
    expect(stdout).not.toMatch(/first day|default:|choices:/);
    expect(stdout).toContain(`--allow-overlap`);
    expect(stdout).toContain(t("cliAllowOverlapOption", "id").slice(0, 30));
    expect(stdout).toContain(`--confirm-past`);
    expect(stdout).toContain(t("cliConfirmPastOption", "id").slice(0, 30));
  });

  it("refuses an impossible or malformed period date before asking the runtime", () => {
    for (const [from, to] of [
      ["2027-03-01", "2028-02-30"],
      ["31/12/2027", "2028-12-30"],
      ["2027-13-01", "2028-03-31"],
    ]) {
      const out = kinerja("cycle", "start", "--name", "x", "--from", from!, "--to", to!);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(t("cliDateInvalid", "id"));
      // Refused as an argument: the (absent) runtime was never asked.
      expect(out.stderr).not.toContain(t("cliWhatCycleStart", "id"));
    }
  });
});

describe("kinerja errors", () => {
  it("rejects an unknown command with a suggestion to read the help", () => {
    const { code, stderr } = kinerja("frobnicate");
    expect(code).toBe(1);
    expect(stderr).toContain("galat: perintah 'frobnicate' tidak dikenal");
    expect(stderr).toContain("jalankan `kinerja --help`");
  });

  it("rejects a duration that is not ISO 8601 before calling anything", () => {
    const { code, stderr } = kinerja("clock", "advance", "30days");
    expect(code).toBe(1);
    expect(stderr).toContain(t("cliDurationInvalid", "id", { value: "30days" }));
    expect(stderr).not.toMatch(/is invalid|error:/);
  });

  it("says to run npm start first when no runtime is running", () => {
    const { code, stderr } = kinerja("clock", "show");
    expect(code).toBe(1);
    expect(stderr).toMatch(/kinerja tidak berjalan di http:\/\/127\.0\.0\.1:9 .*Jalankan dulu `npm start`/s);
    expect(stderr).not.toContain("    at ");
  });

  it("names the valid import kinds", () => {
    const { code, stderr } = kinerja("import", "salaries", "x.csv");
    expect(code).toBe(1);
    expect(stderr).toContain(
      'Jenis impor "salaries" tidak dikenal; pilih salah satu dari: employees, attendance, survey, indicators',
    );
  });

  it("says in Indonesian that a file to import cannot be read", async () => {
    const { code, stderr } = kinerja("import", "employees", join(emptyDataDir, "tidak-ada.csv"));
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Berkas ${join(emptyDataDir, "tidak-ada.csv")} tidak dapat dibaca: berkas tidak ada`,
    );
    expect(stderr).not.toMatch(/ENOENT|no such file/);
  });

  it("names a missing option and a bad port in Indonesian", () => {
    const missing = kinerja("cycle", "start", "--name", "x");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("galat: opsi wajib '--from <date>' belum diisi");
    const port = kinerja("dev", "--port", "99999");
    expect(port.code).toBe(1);
    expect(port.stderr).toContain(t("cliPortInvalid", "id", { option: "--port" }));
    expect(port.stderr).not.toMatch(/must be|is invalid|required option/);
  });
});
