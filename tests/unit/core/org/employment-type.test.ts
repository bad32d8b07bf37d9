// NI PPPK numbers (issue 15 item 3), the employment type and the jenjang columns of the employee CSV (item 10).
import { describe, expect, it } from "vitest";
import {
  EMPLOYEE_CSV_COLUMNS,
  EMPLOYEE_CSV_OPTIONAL_COLUMNS,
  planEmployeeImport,
} from "../../../../packages/core/src/imports/employee-csv";
import { demoOrganisation, generateOrganisationCsv } from "../../../../packages/core/src/imports/sample-org";
import {
  appointmentMonthOfNip,
  employmentTypeOfNip,
  validateNip,
} from "../../../../packages/core/src/org/org";

const today = new Date("2027-01-04T00:00:00Z");
const parts = (nip: string) => validateNip(nip, { today }).map((i) => i.part);

describe("validateNip: NI PPPK numbers", () => {
  it("accepts the NI PPPK of issue 15 (birth 1993-12-28, appointed 2025, code 21, female, 001) and a PPPK paruh waktu", () => {
    expect(validateNip("199312282025212001", { today })).toEqual([]);
    expect(validateNip("199009132025242014", { today })).toEqual([]);
    expect(employmentTypeOfNip("199312282025212001")).toBe("pppk");
    expect(employmentTypeOfNip("199009132025242014")).toBe("pppk");
    expect(employmentTypeOfNip("199003032015031003")).toBe("pns");
  });

  it("still refuses digits 13-14 that are neither a month nor an NI PPPK code, naming both readings", () => {
    for (const code of ["00", "13", "20", "22", "99"])
      expect(parts(`199312282025${code}2001`), code).toEqual(["appointment"]);
    expect(validateNip("199312282025132001", { today, lang: "id" })[0]!.message).toBe(
      "Angka ke-13 s.d. 14 (13) bukan bulan pengangkatan 01-12 (NIP PNS) maupun kode NI PPPK (21, 24)",
    );
    expect(employmentTypeOfNip("199312282025132001")).toBeUndefined();
  });

  it("refuses an NI PPPK appointed in a future year or not after the year of birth", () => {
    expect(parts("199312282028212001")).toEqual(["appointment"]);
    expect(validateNip("199312282028212001", { today, lang: "id" })[0]!.message).toMatch(/masa depan/);
    expect(parts("199312281993212001")).toEqual(["appointment"]);
    expect(parts("199312282027212001")).toEqual([]); // this year is fine
  });

  it("keeps the other checks for NI PPPK: birth date, gender and sequence", () => {
    expect(parts("199302302025212001")).toEqual(["birthDate"]);
    expect(parts("199312282025213001")).toEqual(["gender"]);
    expect(parts("199312282025212000")).toEqual(["sequence"]);
  });

  it("shows the appointment month of a PNS NIP only (an NI PPPK has the year alone)", () => {
    expect(appointmentMonthOfNip("199003032015031003")).toBe("2015-03");
    expect(appointmentMonthOfNip("199312282025212001")).toBeUndefined();
  });
});

describe("employee CSV: employment_type and jenjang columns", () => {
  const header = [...EMPLOYEE_CSV_COLUMNS, "employment_type", "jenjang"].join(",");
  const top = "197001012000011001,Kepala,top@salor.go.id,DINKES,Dinas Kesehatan,Kepala Dinas,jpt,,true";
  const empty = { units: [], employees: [] };
  const plan = (rows: string[], columns = header) =>
    planEmployeeImport([columns, ...rows].join("\n"), empty, { today, lang: "id" });

  it("lists both columns in the optional column constant (the template HR downloads)", () => {
    expect(EMPLOYEE_CSV_OPTIONAL_COLUMNS).toEqual(expect.arrayContaining(["employment_type", "jenjang"]));
  });

  it("derives the employment type from the number when the cell is empty and takes a matching value", () => {
    const result = plan([
      `${top},,`,
      "199312282025212001,Perawat PPPK,pppk@salor.go.id,DINKES,Dinas Kesehatan,Perawat,fungsional,197001012000011001,false,,Ahli Pertama",
      "199003032015031003,Analis,analis@salor.go.id,DINKES,Dinas Kesehatan,Analis,fungsional,197001012000011001,false,PNS,ahli_muda",
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byNip = new Map(result.employees.map((e) => [e.nip, e]));
    expect(byNip.get("197001012000011001")).toMatchObject({ employmentType: "pns" });
    expect(byNip.get("197001012000011001")!.jenjang).toBeUndefined();
    expect(byNip.get("199312282025212001")).toMatchObject({
      employmentType: "pppk",
      jenjang: "ahli_pertama",
    });
    expect(byNip.get("199003032015031003")).toMatchObject({ employmentType: "pns", jenjang: "ahli_muda" });
  });

  it("refuses a type that contradicts the number, a fungsional row without jenjang, a jenjang elsewhere, an unknown jenjang", () => {
    const result = plan([
      `${top},pppk,`,
      "199312282025212001,Perawat,p1@salor.go.id,DINKES,Dinas Kesehatan,Perawat,fungsional,197001012000011001,false,pns,ahli_pertama",
      "199003032015031003,Analis,p2@salor.go.id,DINKES,Dinas Kesehatan,Analis,fungsional,197001012000011001,false,,",
      "199104042016041004,Staf,p3@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,197001012000011001,false,,mahir",
      "199205052017051005,Guru,p4@salor.go.id,DINKES,Dinas Kesehatan,Guru,fungsional,197001012000011001,false,,III/a",
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          field: "employment_type",
          message:
            "Bertentangan dengan nomor 197001012000011001: angka ke-13 s.d. 14 (01) menandakan PNS; kosongkan kolom ini atau perbaiki NIP/NI PPPK",
        },
        {
          line: 3,
          field: "employment_type",
          message: expect.stringContaining("(21) menandakan PPPK"),
        },
        {
          line: 4,
          field: "jenjang",
          message: expect.stringMatching(/^Wajib diisi untuk jabatan fungsional/),
        },
        { line: 5, field: "jenjang", message: expect.stringContaining("position_type=pelaksana") },
        { line: 6, field: "jenjang", message: expect.stringContaining("ahli_pertama, ahli_muda") },
      ],
    });
  });

  it("imports the PPPK number in a file without the new columns (type from the number, stored jenjang kept)", () => {
    const columns = EMPLOYEE_CSV_COLUMNS.join(",");
    const row =
      "199312282025212001,Perawat PPPK,pppk@salor.go.id,DINKES,Dinas Kesehatan,Perawat,fungsional,197001012000011001,false";
    const stored = {
      units: [{ unitId: "DINKES", name: "Dinas Kesehatan" }],
      employees: [
        {
          nip: "199312282025212001",
          name: "Perawat PPPK",
          email: "pppk@salor.go.id",
          unitId: "DINKES",
          position: "Perawat",
          positionType: "fungsional" as const,
          superiorNip: "197001012000011001",
          unitHead: false,
          employmentType: "pppk" as const,
          jenjang: "terampil" as const,
        },
      ],
    };
    const result = planEmployeeImport([columns, top, row].join("\n"), stored, { today });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.employees.find((e) => e.nip === "199312282025212001")).toMatchObject({
      employmentType: "pppk",
      jenjang: "terampil",
    });
  });
});

describe("generated and demo organisations carry PPPK staff and the jenjang of functional officials", () => {
  it("the sample organisation (with its employment columns) imports with PPPK numbers and a jenjang per fungsional", () => {
    const result = planEmployeeImport(
      generateOrganisationCsv({ employees: 300, withParentUnits: true, withEmploymentColumns: true }),
      { units: [], employees: [] },
      { today },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.employees.filter((e) => e.employmentType === "pppk").length).toBeGreaterThan(10);
    const functional = result.employees.filter((e) => e.positionType === "fungsional");
    expect(functional.length).toBeGreaterThan(10);
    expect(functional.every((e) => e.jenjang)).toBe(true);
  });

  it("the demo Salor organisation has PPPK teachers, nurses and tax staff, and jenjang on every functional official", () => {
    const org = demoOrganisation();
    const result = planEmployeeImport(org.csv, { units: [], employees: [] }, { today });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const pppk = result.employees.filter((e) => e.employmentType === "pppk");
    expect(new Set(pppk.map((e) => e.position))).toEqual(
      new Set(["Guru Ahli Pertama", "Perawat Terampil", "Pengelola Pajak Daerah"]),
    );
    expect(result.employees.filter((e) => e.positionType === "fungsional").every((e) => e.jenjang)).toBe(
      true,
    );
    expect(result.employees.find((e) => e.position === "Guru Ahli Pertama")).toMatchObject({
      jenjang: "ahli_pertama",
    });
  });
});
