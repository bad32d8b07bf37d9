// Spreadsheet-friendly imports (issue 17 item 4): a file saved by Excel in an Indonesian locale (semicolons, UTF-8
// BOM, CRLF, decimal commas) imports as a comma file does, a header with mixed separators is named as such, and a
// file with row errors and hierarchy errors gets all of them in one answer.
import { describe, expect, it } from "vitest";
import { detectDelimiter, readCsv } from "../../../../packages/core/src/imports/csv";
import { planEmployeeImport, EMPLOYEE_CSV_COLUMNS } from "../../../../packages/core/src/imports/employee-csv";
import {
  ATTENDANCE_CSV_COLUMNS,
  planAttendanceImport,
  planIndicatorImport,
} from "../../../../packages/core/src/imports/measurement-csv";
import { parseOrgSettingsCsv } from "../../../../packages/core/src/org/org-settings.service";

const today = new Date("2025-06-01T00:00:00Z");
const empty = { units: [], employees: [] };
const TOP = "197001012000011001";
const MID = "198502022010012002";
const LOW = "199003032015031003";

/** A file as a spreadsheet saves it: the separator given, BOM, CRLF. */
function spreadsheet(rows: string[][], separator: string): string {
  return `\uFEFF${rows.map((r) => r.join(separator)).join("\r\n")}\r\n`;
}

const employeeRows = [
  [...EMPLOYEE_CSV_COLUMNS],
  [TOP, "Bupati Salor", "bupati@salor.go.id", "PEMDA", "Pemerintah Kabupaten", "Bupati", "jpt", "", "true"],
  [
    MID,
    "Lestari, S.E.",
    "lestari@salor.go.id",
    "PEMDA",
    "Pemerintah Kabupaten",
    "Sekda",
    "jpt",
    TOP,
    "false",
  ],
  [LOW, "Budi", "budi@salor.go.id", "PEMDA", "Pemerintah Kabupaten", "Staf", "pelaksana", MID, "false"],
];

describe("separator detection", () => {
  it("reads the separator from the header line, outside quotes, after a BOM", () => {
    expect(detectDelimiter("nip,name\r\n1;2")).toBe(",");
    expect(detectDelimiter("\uFEFFnip;name;email\r\n1,5;2;3")).toBe(";");
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
    expect(detectDelimiter("\r\n\r\nnip;name\n")).toBe(";");
  });

  it("names a header with both separators instead of calling its cells unknown columns", () => {
    const read = readCsv("nip;name;email,unit_id\r\n", {
      required: ["nip", "name", "email", "unit_id"],
      lang: "id",
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]!.message).toContain("koma dan titik koma sekaligus");
    expect(read.errors[0]!.message).not.toContain("tidak dikenal");
  });

  it("names a row saved with the other separator", () => {
    const read = readCsv("nip;name\r\n1,2\r\n", { required: ["nip", "name"], lang: "id" });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual([
      {
        line: 2,
        field: "row",
        message:
          "Baris ini dipisah dengan koma (,), baris judul dengan titik koma (;); simpan seluruh berkas dengan satu pemisah",
      },
    ]);
  });
});

describe("employee CSV from a spreadsheet", () => {
  it("imports a semicolon file with a BOM and CRLF line ends exactly as the comma file", () => {
    const fromExcel = planEmployeeImport(spreadsheet(employeeRows, ";"), empty, { today });
    const plain = planEmployeeImport(
      `${employeeRows.map((r) => r.map((c) => (c.includes(",") ? `"${c}"` : c)).join(",")).join("\n")}\n`,
      empty,
      { today },
    );
    expect(fromExcel.ok).toBe(true);
    expect(fromExcel).toEqual(plain);
    if (!fromExcel.ok) return;
    expect(fromExcel.employees.map((e) => [e.nip, e.name, e.superiorNip])).toEqual([
      [TOP, "Bupati Salor", undefined],
      [MID, "Lestari, S.E.", TOP],
      [LOW, "Budi", MID],
    ]);
  });

  it("reports row errors and hierarchy errors in one answer, with line, field and Indonesian message", () => {
    const OTHER = "198811112012012004";
    const rows = [
      ...employeeRows,
      // Row 5: a bad e-mail (row error).
      [OTHER, "Sari", "bukan-email", "PEMDA", "Pemerintah Kabupaten", "Staf", "pelaksana", MID, "false"],
      // Row 6: a superior who is nowhere (hierarchy error).
      [
        "199205052016022005",
        "Tono",
        "tono@salor.go.id",
        "PEMDA",
        "Pemerintah Kabupaten",
        "Staf",
        "pelaksana",
        "196001011990011001",
        "false",
      ],
      // Row 7: a subordinate of the refused row 5: not reported a second time.
      [
        "199306062017032006",
        "Rina",
        "rina@salor.go.id",
        "PEMDA",
        "Pemerintah Kabupaten",
        "Staf",
        "pelaksana",
        OTHER,
        "false",
      ],
      // Row 8: a second head of PEMDA (unit rule).
      [
        "199407072018042007",
        "Dewi",
        "dewi@salor.go.id",
        "PEMDA",
        "Pemerintah Kabupaten",
        "Kabag",
        "administrator",
        TOP,
        "true",
      ],
    ];
    const plan = planEmployeeImport(spreadsheet(rows, ";"), empty, { today, lang: "id" });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors.map((e) => [e.line, e.field])).toEqual([
      [5, "email"],
      [6, "superior_nip"],
      [8, "unit_head"],
    ]);
    expect(plan.errors[1]!.message).toContain("196001011990011001");
    for (const e of plan.errors) expect(e.message).not.toMatch(/unknown|must be/);
  });
});

describe("measurement CSV from a spreadsheet", () => {
  const known = { nips: new Set([LOW]), unitIds: new Set(["PEMDA"]) };

  it("reads semicolons, BOM, CRLF and keeps whole-number columns whole", () => {
    const plan = planAttendanceImport(
      spreadsheet([[...ATTENDANCE_CSV_COLUMNS], [LOW, "2025-03", "21", "20", "35", "1"]], ";"),
      known,
    );
    expect(plan).toEqual({
      ok: true,
      rows: [
        { nip: LOW, month: "2025-03", workDays: 21, present: 20, lateMinutes: 35, absentWithoutLeave: 1 },
      ],
    });
  });

  it("reads a decimal comma in a semicolon file as a decimal", () => {
    const scope = {
      cycleId: "c-2025",
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      indicatorIds: new Set(["ikm"]),
      measured: false,
    };
    const plan = planIndicatorImport(
      spreadsheet(
        [
          ["nip", "indicator_id", "period", "value", "source"],
          [LOW, "ikm", "2025-Q1", "96,5", "SIMPEG; ekspor"],
        ],
        ";",
      ).replace("SIMPEG; ekspor", '"SIMPEG; ekspor"'),
      { ...known, scopes: new Map([[LOW, [scope]]]) },
    );
    expect(plan.ok && plan.rows.map((r) => [r.value, r.source])).toEqual([[96.5, "SIMPEG; ekspor"]]);
  });

  it("reads the org-settings file with semicolons", () => {
    const rows = [
      ["role", "name", "position", "email", "nip"],
      ["pejabat_pembina_kepegawaian", "Bupati Salor", "Bupati", "bupati@salor.go.id", ""],
    ];
    const comma = parseOrgSettingsCsv(rows.map((r) => r.join(",")).join("\n"), "id");
    const semicolon = parseOrgSettingsCsv(spreadsheet(rows, ";"), "id");
    expect(comma.ok).toBe(true);
    expect(semicolon).toEqual(comma);
  });
});
