// The `kinerja` CLI as a person runs it (node bin/kinerja.mjs): help that explains the commands, clear errors for
// a bad command, a bad argument, and a command that needs a runtime when none is running.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

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
    expect(stdout).toContain("Getting started:");
    expect(stdout).toContain("npm start");
  });

  it("explains the cycle subcommands and their options", () => {
    const { code, stdout } = kinerja("cycle", "start", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("--kind <kind>");
    expect(stdout).toMatch(/annual.*quarterly.*monthly/s);
    expect(stdout).toContain("--from <date>");
  });
});

describe("kinerja errors", () => {
  it("rejects an unknown command with a suggestion to read the help", () => {
    const { code, stderr } = kinerja("frobnicate");
    expect(code).toBe(1);
    expect(stderr).toContain("unknown command 'frobnicate'");
    expect(stderr).toContain("kinerja --help");
  });

  it("rejects a duration that is not ISO 8601 before calling anything", () => {
    const { code, stderr } = kinerja("clock", "advance", "30days");
    expect(code).toBe(1);
    expect(stderr).toContain("not an ISO 8601 duration");
  });

  it("says to run npm start first when no runtime is running", () => {
    const { code, stderr } = kinerja("clock", "show");
    expect(code).toBe(1);
    expect(stderr).toMatch(/kinerja is not running at http:\/\/127\.0\.0\.1:9.*`npm start`/s);
    expect(stderr).not.toContain("    at ");
  });

  it("names the valid import kinds", () => {
    const { code, stderr } = kinerja("import", "salaries", "x.csv");
    expect(code).toBe(1);
    expect(stderr).toContain(
      'unknown import kind "salaries"; use one of employees, attendance, survey, indicators',
    );
  });
});
