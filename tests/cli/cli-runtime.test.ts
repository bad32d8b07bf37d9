// CLI commands against a running dev runtime (started in-process on free ports): HR work through the HR API with
// the token from the data dir, the clock, and per-row import errors a person can act on.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalRuntime, type LocalRuntime } from "../../packages/local/src/runtime/runtime";

const run = promisify(execFile);
const bin = resolve(__dirname, "../../bin/kinerja.mjs");

describe("kinerja commands against a running runtime", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kinerja-cli-rt-"));
  let rt: LocalRuntime;
  // The runtime lives in this process, so the CLI must run asynchronously (never spawnSync here).
  const kinerja = async (...args: string[]) => {
    try {
      const out = await run(process.execPath, [bin, ...args], {
        env: { ...process.env, KINERJA_DATA_DIR: dataDir },
        timeout: 60_000,
      });
      return { code: 0, stdout: out.stdout, stderr: out.stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    rt = await createLocalRuntime({
      dataDir,
      port: 0,
      statesPort: 0,
      dynamoPort: 0,
      startAt: new Date("2027-01-04T01:00:00Z"),
    });
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts a cycle and shows it with its appraisals per stage", async () => {
    const started = await kinerja(
      "cycle",
      "start",
      "--name",
      "Tahunan 2027",
      "--kind",
      "annual",
      "--from",
      "2027-01-01",
      "--to",
      "2027-12-31",
    );
    expect(started.stderr).toBe("");
    expect(started.code).toBe(0);
    const id = /^cycle (\S+) /.exec(started.stdout)?.[1];
    expect(id).toBeTruthy();
    await rt.engine.idle();
    const status = await kinerja("cycle", "status", id!);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${id} (Tahunan 2027)`);
    expect(status.stdout).toMatch(/Penilaian per tahap \(60\): Penetapan Ekspektasi \(SKP\) 60/);
  }, 120_000);

  it("moves the clock of the runtime", async () => {
    const before = rt.clock.now().getTime();
    const out = await kinerja("clock", "advance", "P1D");
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^clock is now 2027-01-0\dT/);
    expect(rt.clock.now().getTime() - before).toBeGreaterThanOrEqual(86_400_000);
  }, 60_000);

  it("prints each bad row of an import with its line and field, and writes nothing", async () => {
    const file = join(dataDir, "bad-employees.csv");
    writeFileSync(
      file,
      "nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head\n123,Budi,not-an-email,DISDIK,Dinas Pendidikan,Staf,pelaksana,,false\n",
    );
    const before = (await rt.storage.org.listEmployees()).length;
    const out = await kinerja("import", "employees", file);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("import employees");
    expect(out.stderr).toMatch(/line 2, nip: /);
    expect(out.stderr).toMatch(/line 2, email: /);
    expect((await rt.storage.org.listEmployees()).length).toBe(before);
  }, 60_000);

  it("prints a dev viewer token the runtime accepts for reads and refuses for writes", async () => {
    const out = await kinerja("token", "--role", "viewer", "--ttl", "1h");
    expect(out.code).toBe(0);
    const token = out.stdout.trim();
    expect(
      (await fetch(`${rt.urls.web}/api/units`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    const write = await fetch(`${rt.urls.web}/api/cycles`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(write.status).toBe(403);
  }, 60_000);
  it("checks the runtime's invariants with doctor and reports a clean state", async () => {
    const doctor = await kinerja("doctor", "--json");
    expect(doctor.stderr).toBe("");
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as {
      ok: boolean;
      findings: unknown[];
      scanned: Record<string, number>;
    };
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
    // The cycle started above is really scanned, not an empty table.
    expect(report.scanned.appraisals).toBeGreaterThan(0);
    expect(report.scanned.runningExecutions).toBeGreaterThan(0);
  }, 60_000);
});
