import { describe, expect, it } from "vitest";
import { planEmployeeImport } from "../../../../packages/core/src/imports/employee-csv";
import { generateOrganisationCsv } from "../../../../packages/core/src/imports/sample-org";
import {
  checkHierarchy,
  descendantUnits,
  findUnitCycles,
  validateNip,
} from "../../../../packages/core/src/org/org";

const today = new Date("2025-06-01T00:00:00Z");
const parts = (nip: string) => validateNip(nip, { today }).map((i) => i.part);

describe("validateNip", () => {
  it("accepts a well-formed NIP", () => {
    expect(validateNip("199003032015031003", { today })).toEqual([]);
  });

  it("requires exactly 18 digits", () => {
    expect(validateNip("1990030320150310", { today })).toEqual([
      { part: "format", message: expect.stringContaining("18 digits") },
    ]);
    expect(parts("19900303201503100A")).toEqual(["format"]);
  });

  it("checks the birth date is a real, plausible date", () => {
    expect(parts("199002302015031003")).toEqual(["birthDate"]); // 30 February
    expect(parts("193001012015031003")).toEqual(["birthDate"]); // born before 1940
    expect(parts("201001012015031003")).toEqual(["birthDate"]); // 15 years old today
  });

  it("checks the appointment month, that it is after birth and not in the future", () => {
    expect(parts("199003032015131003")).toEqual(["appointment"]);
    expect(parts("199003032015001003")).toEqual(["appointment"]);
    expect(parts("199003031989011003")).toEqual(["appointment"]);
    expect(parts("199003032025071003")).toEqual(["appointment"]);
    expect(parts("199003032025061003")).toEqual([]);
  });

  it("checks the gender digit and the sequence number", () => {
    expect(parts("199003032015033003")).toEqual(["gender"]);
    expect(parts("199003032015031000")).toEqual(["sequence"]);
  });
});

describe("checkHierarchy", () => {
  it("accepts several trees, each with one top", () => {
    expect(
      checkHierarchy([
        { nip: "a" },
        { nip: "b", superiorNip: "a" },
        { nip: "c" },
        { nip: "d", superiorNip: "c" },
      ]),
    ).toEqual([]);
  });

  it("reports an unknown superior and self-superiors", () => {
    expect(
      checkHierarchy([
        { nip: "a", superiorNip: "x", line: 2 },
        { nip: "b", superiorNip: "b", line: 3 },
      ]),
    ).toEqual([
      {
        nip: "a",
        line: 2,
        field: "superior_nip",
        message: "unknown superior x: not in the file and not in the stored organisation",
      },
      { nip: "b", line: 3, field: "superior_nip", message: "employee b cannot be their own superior" },
    ]);
  });

  it("reports each cycle once with its path, on the file row with the lowest line", () => {
    const issues = checkHierarchy([
      { nip: "top" },
      { nip: "a", superiorNip: "b" },
      { nip: "b", superiorNip: "c", line: 7 },
      { nip: "c", superiorNip: "a", line: 4 },
      { nip: "d", superiorNip: "a", line: 2 },
    ]);
    expect(issues).toEqual([
      { nip: "c", line: 4, field: "superior_nip", message: "hierarchy cycle: a -> b -> c -> a" },
    ]);
  });

  it("handles a long chain without recursion limits", () => {
    const chain = Array.from({ length: 50_000 }, (_, i) => ({
      nip: `n${i}`,
      superiorNip: i === 0 ? undefined : `n${i - 1}`,
    }));
    expect(checkHierarchy(chain)).toEqual([]);
  });
});

describe("unit tree", () => {
  const units = [
    { unitId: "SETDA" },
    { unitId: "DINKES", parentUnitId: "SETDA" },
    { unitId: "P2P", parentUnitId: "DINKES" },
    { unitId: "YANKES", parentUnitId: "DINKES" },
    { unitId: "DISDIK", parentUnitId: "SETDA" },
  ];

  it("returns the unit and all its sub-units", () => {
    expect(descendantUnits(units, "DINKES")).toEqual(["DINKES", "P2P", "YANKES"]);
    expect(descendantUnits(units, "SETDA")).toHaveLength(5);
    expect(descendantUnits(units, "P2P")).toEqual(["P2P"]);
  });

  it("finds parent cycles and still terminates on them", () => {
    const looped = [...units, { unitId: "X", parentUnitId: "Y" }, { unitId: "Y", parentUnitId: "X" }];
    expect(findUnitCycles(looped)).toEqual([["X", "Y"]]);
    expect(descendantUnits(looped, "X")).toEqual(["X", "Y"]);
  });
});

describe("planEmployeeImport", () => {
  const header = "nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head";
  const empty = { units: [], employees: [] };

  it("accepts a generated organisation and derives unit heads and parents", () => {
    const plan = planEmployeeImport(
      generateOrganisationCsv({ employees: 500, withParentUnits: true }),
      empty,
      { today },
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.employees).toHaveLength(500);
    expect(plan.units.find((u) => u.unitId === "OPD01")).toMatchObject({
      parentUnitId: "SETDA",
      headNip: expect.stringMatching(/^\d{18}$/),
    });
  });

  it("refuses conflicting unit names, two heads of one unit, a top that is not a unit head and bad codes", () => {
    const plan = planEmployeeImport(
      [
        header,
        "197001012000011001,Top,top@salor.go.id,SETDA,Sekretariat Daerah,Sekda,jpt,,true",
        "198002022005012002,Head,head@salor.go.id,SETDA,Sekretariat,Kabag,administrator,197001012000011001,true",
        "199003032015031003,Loose,loose@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,,false",
        "199104042016041004,Code,code@salor.go.id,DINKES,Dinas Kesehatan,Staf,kepala,197001012000011001,maybe",
      ].join("\n"),
      empty,
      { today },
    );
    // Row errors and the hierarchy checks of the valid rows come in one answer (issue 17 item 4).
    expect(plan).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          field: "unit_head",
          message: "unit SETDA has more than one head: 197001012000011001, 198002022005012002",
        },
        { line: 3, field: "unit_name", message: 'unit SETDA is named "Sekretariat Daerah" on line 2' },
        {
          line: 4,
          field: "superior_nip",
          message: "is empty, but only a unit head (unit_head=true) can be at the top",
        },
        {
          line: 5,
          field: "position_type",
          message: "must be one of jpt, administrator, pengawas, pelaksana, fungsional",
        },
        { line: 5, field: "unit_head", message: "must be true or false" },
      ],
    });
    const second = planEmployeeImport(
      [
        header,
        "197001012000011001,Top,top@salor.go.id,SETDA,Sekretariat Daerah,Sekda,jpt,,true",
        "198002022005012002,Head,head@salor.go.id,SETDA,Sekretariat Daerah,Kabag,administrator,197001012000011001,true",
        "199003032015031003,Loose,loose@salor.go.id,DINKES,Dinas Kesehatan,Staf,pelaksana,,false",
      ].join("\n"),
      empty,
      { today },
    );
    expect(second).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          field: "unit_head",
          message: "unit SETDA has more than one head: 197001012000011001, 198002022005012002",
        },
        {
          line: 4,
          field: "superior_nip",
          message: "is empty, but only a unit head (unit_head=true) can be at the top",
        },
      ],
    });
  });

  it("refuses an unknown parent unit and a unit cycle when parent_unit_id is given", () => {
    const plan = planEmployeeImport(
      [
        `${header},parent_unit_id`,
        "197001012000011001,Top,top@salor.go.id,A,Unit A,Sekda,jpt,,true,B",
        "198002022005012002,Head,head@salor.go.id,B,Unit B,Kabag,administrator,197001012000011001,true,A",
        "199003032015031003,Staf,staf@salor.go.id,C,Unit C,Staf,pelaksana,198002022005012002,false,NOPE",
      ].join("\n"),
      empty,
      { today },
    );
    expect(plan).toEqual({
      ok: false,
      errors: [
        { line: 2, field: "parent_unit_id", message: "unit hierarchy cycle: A -> B -> A" },
        {
          line: 4,
          field: "parent_unit_id",
          message: "unknown parent unit NOPE: not in the file and not stored",
        },
      ],
    });
  });

  it("reports a field-count mismatch and unclosed quotes with their line", () => {
    expect(planEmployeeImport(`${header}\n1,2,3`, empty, { today })).toEqual({
      ok: false,
      errors: [{ line: 2, field: "row", message: "has 3 fields, the header has 9" }],
    });
    const broken = planEmployeeImport(`${header}\n"197001012000011001,Top`, empty, { today });
    expect(broken).toMatchObject({
      ok: false,
      errors: [{ line: 2, field: "file", message: expect.stringContaining("not valid CSV") }],
    });
  });
});
