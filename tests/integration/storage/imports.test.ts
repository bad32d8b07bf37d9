import { beforeAll, describe, expect, it } from "vitest";
import {
  importAttendance,
  importEmployees,
  importIndicators,
  importSurvey,
} from "../../../packages/core/src/imports/import-service";
import { generateOrganisationCsv } from "../../../packages/core/src/imports/sample-org";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import { indicatorScopesOf } from "../../../packages/core/src/appraisal-flow/measurement";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { freshTable, scanAll, type FreshTable } from "../../setup/dynamo";
import { seedMeasuredAppraisals } from "./indicator-appraisals";

const now = new Date("2025-06-01T00:00:00Z");
const header = "nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head";
const TOP = "197001012000011001";
const HEAD = "198002022005012002";
const STAFF = "199003032015031003";
const validCsv = [
  header,
  `${TOP},Sekda Salor,sekda@salor.go.id,SETDA,Sekretariat Daerah,Sekretaris Daerah,jpt,,true`,
  `${HEAD},Kadis Kesehatan,kadinkes@salor.go.id,DINKES,Dinas Kesehatan,Kepala Dinas,jpt,${TOP},true`,
  `${STAFF},Staf Kesehatan,staf@salor.go.id,DINKES,Dinas Kesehatan,Analis,fungsional,${HEAD},false`,
].join("\n");

let table: FreshTable;
let storage: Storage;

beforeAll(async () => {
  table = await freshTable("imports");
  storage = createStorage({ tableName: table.tableName, client: table.client });
});

/** Runs a bad import and asserts it returns errors and leaves every item of the table as it was. */
async function expectRejectedAndTableUnchanged(csv: string, options: { maxRows?: number } = {}) {
  const before = await scanAll(table);
  const result = await importEmployees(storage, csv, { now, ...options });
  expect(result.ok).toBe(false);
  expect(await scanAll(table)).toEqual(before);
  return result.ok ? [] : result.errors;
}

describe("employee import", () => {
  it("imports a valid file and merges a second file by NIP and unit_id", async () => {
    const first = await importEmployees(storage, validCsv, { now });
    expect(first).toMatchObject({ ok: true, units: 2, employees: 3, created: 3, updated: 0 });
    const second = await importEmployees(
      storage,
      [
        header + ",parent_unit_id",
        `${STAFF},Staf Kesehatan Baru,staf.baru@salor.go.id,DINKES-P2P,Bidang P2P,Analis,fungsional,${HEAD},false,DINKES`,
        `199104042016041004,Staf Dua,dua@salor.go.id,DINKES-P2P,Bidang P2P,Pengadministrasi,pelaksana,${HEAD},false,DINKES`,
      ].join("\n"),
      { now },
    );
    expect(second).toMatchObject({ ok: true, units: 3, employees: 4, created: 1, updated: 1 });
    expect(await storage.org.getEmployee(STAFF)).toMatchObject({
      name: "Staf Kesehatan Baru",
      unitId: "DINKES-P2P",
    });
    expect(await storage.org.unitWithDescendants("SETDA")).toEqual(["SETDA"]);
    expect(await storage.org.unitWithDescendants("DINKES")).toEqual(["DINKES", "DINKES-P2P"]);
    expect((await storage.org.getUnit("DINKES"))?.headNip).toBe(HEAD);
    const jobs = await storage.imports.listJobs("employees");
    expect(jobs.map((j) => j.status)).toEqual(["committed", "committed"]);
  });

  it("refuses a wrong header naming the missing and unknown columns", async () => {
    const errors = await expectRejectedAndTableUnchanged(validCsv.replace("superior_nip", "atasan"));
    expect(errors).toEqual([
      { line: 1, field: "header", message: expect.stringContaining("missing column(s) superior_nip") },
      { line: 1, field: "header", message: expect.stringContaining("unknown column(s) atasan") },
    ]);
  });

  it("refuses an empty file", async () => {
    expect(await expectRejectedAndTableUnchanged("")).toEqual([
      { line: 1, field: "file", message: expect.stringMatching(/empty/) },
    ]);
    expect(await expectRejectedAndTableUnchanged(`${header}\n`)).toEqual([
      { line: 1, field: "file", message: expect.stringMatching(/no data rows/) },
    ]);
  });

  it("refuses a bad NIP, naming the line and what is wrong with it", async () => {
    const errors = await expectRejectedAndTableUnchanged(
      `${header}\n${TOP},Sekda,sekda@salor.go.id,SETDA,Sekretariat Daerah,Sekda,jpt,,true\n199013452015031003,Bad,bad@salor.go.id,SETDA,Sekretariat Daerah,Staf,pelaksana,${TOP},false\n12345,Short,s@salor.go.id,SETDA,Sekretariat Daerah,Staf,pelaksana,${TOP},false`,
    );
    expect(errors).toEqual([
      { line: 3, field: "nip", message: expect.stringContaining("not a valid birth date") },
      { line: 4, field: "nip", message: expect.stringContaining("18 digits") },
    ]);
  });

  it("refuses an unknown superior", async () => {
    const errors = await expectRejectedAndTableUnchanged(
      `${header}\n199205052017052005,Baru,baru@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,196901012000011009,false`,
    );
    expect(errors).toEqual([
      {
        line: 2,
        field: "superior_nip",
        message: expect.stringContaining("unknown superior 196901012000011009"),
      },
    ]);
  });

  it("refuses a cycle in the hierarchy and reports its path, also through stored employees", async () => {
    const a = "199205052017052005";
    const b = "199306062018061006";
    const inFile = await expectRejectedAndTableUnchanged(
      `${header}\n${a},A,a@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,${b},false\n${b},B,b@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,${a},false`,
    );
    expect(inFile).toEqual([
      { line: 2, field: "superior_nip", message: `hierarchy cycle: ${a} -> ${b} -> ${a}` },
    ]);
    // The stored head reports to the top; making the top report to the head's subordinate closes a loop.
    const throughStored = await expectRejectedAndTableUnchanged(
      `${header}\n${TOP},Sekda Salor,sekda@salor.go.id,SETDA,Sekretariat Daerah,Sekretaris Daerah,jpt,${STAFF},true`,
    );
    expect(throughStored).toEqual([
      { line: 2, field: "superior_nip", message: expect.stringMatching(/^hierarchy cycle: .*->/) },
    ]);
  });

  it("refuses a duplicate NIP and a bad e-mail", async () => {
    const errors = await expectRejectedAndTableUnchanged(
      `${header}\n${STAFF},X,x@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,${HEAD},false\n${STAFF},Y,not-an-email,DINKES,Dinas Kesehatan,Staf,pelaksana,${HEAD},false\n${STAFF},Z,z@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,${HEAD},false`,
    );
    expect(errors).toEqual([
      { line: 3, field: "email", message: "is not a valid e-mail address" },
      { line: 4, field: "nip", message: `duplicate NIP ${STAFF} (already on line 2)` },
    ]);
  });

  it("refuses 50,000 rows with a clear message, before writing anything", async () => {
    const row = `${STAFF},X,x@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,${HEAD},false`;
    const huge = `${header}\n${Array.from({ length: 50_000 }, () => row).join("\n")}`;
    const errors = await expectRejectedAndTableUnchanged(huge);
    expect(errors).toEqual([
      {
        line: 1,
        field: "file",
        message: "the file has more than 20000 data rows; split it into files of at most 20000 rows",
      },
    ]);
    expect(await expectRejectedAndTableUnchanged(validCsv, { maxRows: 2 })).toEqual([
      { line: 1, field: "file", message: expect.stringContaining("more than 2 data rows") },
    ]);
  });

  it("imports a generated organisation of 1,000 employees in one go", async () => {
    const own = await freshTable("imports-1k");
    const ownStorage = createStorage({ tableName: own.tableName, client: own.client });
    const result = await importEmployees(
      ownStorage,
      generateOrganisationCsv({ employees: 1000, withParentUnits: true }),
      { now },
    );
    expect(result).toMatchObject({ ok: true, employees: 1000, created: 1000 });
    expect(await ownStorage.org.listEmployees()).toHaveLength(1000);
    const top = (await ownStorage.org.listEmployees()).filter((e) => !e.superiorNip);
    expect(top).toHaveLength(1);
  });
});

describe("measurement data imports", () => {
  it("imports attendance and reads it by employee and month; bad rows are refused with nothing written", async () => {
    const csv = `nip,month,work_days,present,late_minutes,absent_without_leave\n${STAFF},2025-01,22,20,35,1\n${STAFF},2025-02,20,20,0,0\n${HEAD},2025-01,22,22,0,0`;
    expect(await importAttendance(storage, csv, { now })).toMatchObject({ ok: true, rows: 3 });
    expect(
      (await storage.imports.attendanceOf(STAFF, { from: "2025-01", to: "2025-01" })).map((a) => a.present),
    ).toEqual([20]);
    expect((await storage.imports.attendanceForMonth("2025-01")).map((a) => a.nip).sort()).toEqual([
      HEAD,
      STAFF,
    ]);

    const before = await scanAll(table);
    const bad = await importAttendance(
      storage,
      `nip,month,work_days,present,late_minutes,absent_without_leave\n${STAFF},2025-13,22,20,0,0\n${STAFF},2025-03,20,21,0,0\n196901012000011009,2025-03,20,20,0,0\n${HEAD},2025-03,20,19,0,2`,
      { now },
    );
    expect(bad).toEqual({
      ok: false,
      errors: [
        { line: 2, field: "month", message: "must be a month YYYY-MM" },
        { line: 3, field: "present", message: "present cannot exceed work_days" },
        { line: 4, field: "nip", message: "unknown employee 196901012000011009: import the employees first" },
        {
          line: 5,
          field: "absent_without_leave",
          message: "present + absent_without_leave cannot exceed work_days",
        },
      ],
    });
    expect(await scanAll(table)).toEqual(before);
  });

  it("imports survey responses with unanswered elements and reads them by date range", async () => {
    const head = "unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9";
    const csv = `${head}\nDINKES,r1,2025-03-01,4,4,3,,4,4,4,3,4\nDINKES,r2,2025-04-15T10:00:00+07:00,3,3,3,3,3,3,3,3,3`;
    expect(await importSurvey(storage, csv, { now })).toMatchObject({ ok: true, rows: 2 });
    const march = await storage.imports.surveyResponsesOf("DINKES", { from: "2025-03-01", to: "2025-03-31" });
    expect(march.map((r) => r.scores)).toEqual([[4, 4, 3, null, 4, 4, 4, 3, 4]]);
    const bad = await importSurvey(
      storage,
      `${head}\nNOPE,r1,2025-03-01,4,4,4,4,4,4,4,4,4\nDINKES,r3,yesterday,5,4,4,4,4,4,4,4,4\nDINKES,r4,2025-03-02,,,,,,,,,`,
      { now },
    );
    expect(bad.ok ? [] : bad.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "unit_id"],
      [3, "submitted_at"],
      [3, "u1"],
      [4, "u1"],
    ]);
  });

  it("imports indicator data into the cycle whose SKP has the indicator, and refuses rows that would feed none (issue 15 item 9)", async () => {
    // Indicator ids repeat every cycle (v1-rhk1-i1): a value belongs to the cycle covering its period, or to the one
    // the cycle_id column names when a period falls in two cycles using the id.
    await seedMeasuredAppraisals(
      storage,
      { cycleId: "c-2025", periodStart: "2025-01-01", periodEnd: "2025-12-31" },
      [STAFF],
      ["v1-rhk1-i1", "ind-1"],
    );
    await seedMeasuredAppraisals(
      storage,
      { cycleId: "c-2026", periodStart: "2026-01-01", periodEnd: "2026-12-31" },
      [STAFF],
      ["v1-rhk1-i1"],
    );
    await seedMeasuredAppraisals(
      storage,
      { cycleId: "c-2025-q4", kind: "quarterly", periodStart: "2025-10-01", periodEnd: "2025-12-31" },
      [STAFF],
      ["v1-rhk1-i1"],
    );
    const scopes = indicatorScopesOf(createDynamoFlowStore(storage));
    const head = "nip,indicator_id,period,value,source";
    expect(
      await importIndicators(
        storage,
        `${head}\n${STAFF},ind-1,2025-Q1,12.5,simpeg\n${STAFF},ind-1,2025-Q2,14,simpeg\n${STAFF},v1-rhk1-i1,2026-Q1,7,simpeg`,
        { now },
        scopes,
      ),
    ).toMatchObject({ ok: true, rows: 3 });
    const of = async (cycleId: string) =>
      (await storage.imports.indicatorDataOf(STAFF, { cycleId })).map((d) => [
        d.indicatorId,
        d.period,
        d.value,
      ]);
    expect(await of("c-2025")).toEqual([
      ["ind-1", "2025-Q1", 12.5],
      ["ind-1", "2025-Q2", 14],
    ]);
    expect(await of("c-2026")).toEqual([["v1-rhk1-i1", "2026-Q1", 7]]);

    // The same id in the same period of two cycles: the cycle_id column decides.
    const withCycle = `${head},cycle_id\n${STAFF},v1-rhk1-i1,2025-Q4,3,simpeg,c-2025-q4\n${STAFF},v1-rhk1-i1,2025-Q4,9,simpeg,c-2025`;
    expect(await importIndicators(storage, withCycle, { now }, scopes)).toMatchObject({ ok: true, rows: 2 });
    expect(await of("c-2025-q4")).toEqual([["v1-rhk1-i1", "2025-Q4", 3]]);

    const bad = await importIndicators(
      storage,
      [
        head + ",cycle_id",
        `${STAFF},ind-1,2025-Q1,1,simpeg,`,
        `${STAFF},ind-1,2025-Q1,2,simpeg,`,
        `${STAFF},ind-2,2025-Q5,1,x,`,
        `${STAFF},ind-1,2025,1;5,x,`,
        `${STAFF},ind-9,2025-Q2,1,simpeg,`,
        `${STAFF},ind-1,2024-Q2,1,simpeg,`,
        `${STAFF},v1-rhk1-i1,2025-Q4,1,simpeg,`,
        `${STAFF},ind-1,2025-Q2,1,simpeg,c-nope`,
        `${STAFF},ind-1,2025-Q2,1,simpeg,c-2026`,
      ].join("\n"),
      { now, lang: "id" },
      scopes,
    );
    expect(bad.ok ? [] : bad.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "period"],
      [4, "period"],
      [5, "value"],
      [6, "indicator_id"],
      [7, "period"],
      [8, "cycle_id"],
      [9, "cycle_id"],
      [10, "period"],
    ]);
    const messages = bad.ok ? [] : bad.errors.map((e) => e.message);
    expect(messages[3]).toBe(
      "Indikator ind-9 tidak ada pada SKP pegawai ini dalam siklus c-2025; salin id indikator dari SKP yang berlaku",
    );
    expect(messages[5]).toMatch(/lebih dari satu siklus .*\(c-2025, c-2025-q4\); isi kolom cycle_id/);
    expect(messages[6]).toBe(`Pegawai ${STAFF} tidak dinilai dalam siklus c-nope`);
    // Nothing of the refused file was written.
    expect(await of("c-2025")).toHaveLength(3);
  });
});
