// CLI commands against a running dev runtime (started in-process on free ports): HR work through the HR API with
// the token from the data dir, the clock, and per-row import errors a person can act on, all in Bahasa Indonesia.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalRuntime } from "../../packages/local/src/runtime/runtime";
import { startCliWorld, type CliWorld } from "./cli-world";
import { isDictionaryMessage, t } from "../../packages/core/src/i18n/messages";
import { calendarDateIn } from "../../packages/core/src/period/calendar";

// English words that must not reach HR's terminal.
const ENGLISH =
  /missing|unknown|must|invalid|does not exist|failed|line \d|cannot|imported|cycle \S+ (launching|running)/i;

describe("kinerja commands against a running runtime", () => {
  let w: CliWorld;
  let rt: LocalRuntime;
  let dataDir: string;
  const kinerja = (...args: string[]) => w.kinerja(...args);

  beforeAll(async () => {
    w = await startCliWorld("cli-rt");
    ({ rt, dataDir } = w);
  }, 120_000);
  afterAll(async () => w?.close());

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
    const id = /^Siklus (\S+) dibuat; status: (Sedang diluncurkan|Berjalan)\.$/m.exec(started.stdout)?.[1];
    expect(id, started.stdout).toBeTruthy();
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
    expect(out.stdout).toMatch(
      /^Jam runtime kini \w+, 0\d Januari 2027 pukul \d\d\.\d\d WIB \(2027-01-0\dT[\d:.]+Z\); \d+ jadwal dijalankan di sepanjang jalan\.\n$/,
    );
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
    const lines = out.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `kinerja: Impor Data pegawai dari ${file} gagal: 400 ${t("csvInvalidRows", "id", { count: "2" })}`,
    );
    expect(lines).toContain(`  baris 2, kolom email: ${t("csvEmail", "id")}`);
    expect(lines).toContain(`  baris 2, kolom nip: ${t("nipFormat", "id", { nip: "123", length: "3" })}`);
    // Every row message is the dictionary's Indonesian; no English word reaches the terminal.
    for (const line of lines.slice(1)) {
      const message = line.replace(/^  baris \d+, kolom \w+: /, "");
      expect(isDictionaryMessage(message, "id"), line).toBe(true);
    }
    expect(out.stderr).not.toMatch(ENGLISH);
    expect((await rt.storage.org.listEmployees()).length).toBe(before);
  }, 60_000);

  it("prints a bad header of an employee file in Indonesian", async () => {
    const file = join(dataDir, "bad-header.csv");
    writeFileSync(file, "nip,nama,email\n199001012020011001,Budi,budi@salorkab.go.id\n");
    const out = await kinerja("import", "employees", file);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("  baris 1, kolom header: Kolom name, unit_id,");
    expect(out.stderr).toContain("  baris 1, kolom header: Kolom nama tidak dikenal");
    expect(out.stderr).not.toMatch(ENGLISH);
  }, 60_000);

  it("summarises a good import as a sentence with the counts the API returned, never JSON", async () => {
    const nip = (await rt.storage.org.listEmployees())[0]!.nip;
    const file = join(dataDir, "attendance.csv");
    writeFileSync(
      file,
      `nip,month,work_days,present,late_minutes,absent_without_leave\n${nip},2027-01,22,21,1500,0\n`,
    );
    const out = await kinerja("import", "attendance", file);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      new RegExp(
        `^Kehadiran dari ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} diimpor: 1 baris \\(nomor impor imp-\\S+\\)\\.\\n$`,
      ),
    );
    expect(out.stdout).not.toMatch(/[{}]|"rows"/);
  }, 60_000);

  it("answers a missing cycle with the API's Indonesian problem", async () => {
    const out = await kinerja("report", "tidak-ada");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`Membaca laporan siklus tidak-ada gagal: 404 ${t("problem404", "id")}`);
    expect(out.stderr).toContain(`  ${t("hrCycleNotFound", "id", { cycleId: "tidak-ada" })}`);
    expect(out.stderr).not.toMatch(ENGLISH);
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

  it("refuses a duplicate or past cycle with the API's Indonesian reason and opens it with --allow-overlap / --confirm-past", async () => {
    const existing = (await rt.storage.cycles.listCycles()).find((c) => c.name === "Tahunan 2027")!;
    const units = await rt.storage.org.listUnits();
    const parents = new Set(units.map((u) => u.parentUnitId).filter(Boolean));
    const leaf = units.find((u) => !parents.has(u.unitId))!.unitId;
    const annual = [
      "cycle",
      "start",
      "--name",
      "Tahunan 2027 ulang",
      "--from",
      "2027-01-01",
      "--to",
      "2027-12-31",
    ];
    const refused = await kinerja(...annual, "--units", leaf);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      t("hrCycleOverlap", "id", {
        cycleId: existing.cycleId,
        name: existing.name,
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
      }),
    );
    expect(refused.stderr).not.toMatch(ENGLISH);
    const allowed = await kinerja(...annual, "--units", leaf, "--allow-overlap");
    expect(allowed.stderr).toBe("");
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^Siklus \S+ dibuat; status: /m);

    const past = [
      "cycle",
      "start",
      "--name",
      "Triwulan III 2026",
      "--kind",
      "quarterly",
      "--from",
      "2026-07-01",
    ];
    const pastRefused = await kinerja(...past, "--to", "2026-09-30", "--units", leaf);
    expect(pastRefused.code).toBe(1);
    expect(pastRefused.stderr).toContain(
      t("hrCyclePast", "id", { periodEnd: "2026-09-30", today: calendarDateIn(rt.clock.now()) }),
    );
    const confirmed = await kinerja(...past, "--to", "2026-09-30", "--units", leaf, "--confirm-past");
    expect(confirmed.stderr).toBe("");
    expect(confirmed.code).toBe(0);
    await rt.engine.idle();
  }, 120_000);

  it("sets the periodic evaluation with --periodic (semester: 1 Jan-30 Jun, 1 Jul-31 Dec) and refuses an unknown one in Indonesian", async () => {
    const units = await rt.storage.org.listUnits();
    const parents = new Set(units.map((u) => u.parentUnitId).filter(Boolean));
    const leaf = units.find((u) => !parents.has(u.unitId))!.unitId;
    const start = ["cycle", "start", "--name", "Guru 2027", "--from", "2027-01-01", "--to", "2027-12-31"];
    const started = await kinerja(...start, "--units", leaf, "--allow-overlap", "--periodic", "semester");
    expect(started.stderr).toBe("");
    expect(started.code).toBe(0);
    const id = /^Siklus (\S+) dibuat/m.exec(started.stdout)![1]!;
    expect((await rt.storage.cycles.getCycle(id))?.settings).toMatchObject({
      periodicEvaluation: "semester",
    });
    const refused = await kinerja(...start, "--units", leaf, "--allow-overlap", "--periodic", "tahunan");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("tahunan");
    expect(refused.stderr).toContain("semester");
    expect(refused.stderr).not.toMatch(ENGLISH);
    await rt.engine.idle();
  }, 120_000);
});
