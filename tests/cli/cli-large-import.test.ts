// Issue 16 item 6: `kinerja import employees` with a file over the synchronous limit follows the import-employees
// workflow (202, then the job) to its end: a sentence with the counts, or every row error in Indonesian.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOrganisationCsv } from "../../packages/core/src/imports/sample-org";
import { SYNC_EMPLOYEE_IMPORT_MAX_ROWS } from "../../packages/core/src/imports/employee-import-job";
import { t } from "../../packages/core/src/i18n/messages";
import { startCliWorld, type CliWorld } from "./cli-world";

const EMPLOYEES = SYNC_EMPLOYEE_IMPORT_MAX_ROWS + 500;

describe("kinerja import employees with a large file", () => {
  let w: CliWorld;
  // Units of their own (the runtime seeded the demo organisation, whose SETDA already has a head).
  const csv = generateOrganisationCsv({ employees: EMPLOYEES, seed: 11 })
    .split("\n")
    .map((line, i) => {
      if (i === 0 || line === "") return line;
      const cells = line.split(",");
      cells[3] = `G${cells[3]}`;
      return cells.join(",");
    })
    .join("\n");

  beforeAll(async () => {
    w = await startCliWorld("cli-large");
  }, 120_000);
  afterAll(async () => w?.close());

  it("prints every row error of a bad large file and leaves the organisation as it was", async () => {
    const before = (await w.rt.storage.org.currentState())!;
    const lines = csv.trim().split("\n");
    // A broken email on data line 100 (file line 101) rejects the whole file, with that row named.
    const bad = lines.map((line, i) => (i === 100 ? line.replace(/,[^,@]+@[^,]+,/, ",bukan-email,") : line));
    const file = join(w.dataDir, "bad-large.csv");
    writeFileSync(file, `${bad.join("\n")}\n`);
    const out = await w.kinerjaWithin(170_000, "import", "employees", file);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`Impor tidak selesai: Ditolak`);
    expect(out.stderr).toContain(`  baris 101, kolom email: ${t("csvEmail", "id")}`);
    expect((await w.rt.storage.org.currentState())!.generation).toBe(before.generation);
  }, 180_000);

  it("imports a good large file through the workflow and prints the counts", async () => {
    const file = join(w.dataDir, "large.csv");
    writeFileSync(file, csv);
    const out = await w.kinerjaWithin(170_000, "import", "employees", file);
    expect(out.stderr).not.toMatch(/gagal|tidak selesai/);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      new RegExp(`${EMPLOYEES.toLocaleString("id-ID").replace(".", "\\.")} pegawai baru`),
    );
    const state = (await w.rt.storage.org.currentState())!;
    expect(state.employeeCount).toBeGreaterThanOrEqual(EMPLOYEES);
  }, 200_000);
});
