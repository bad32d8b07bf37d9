// The results export as a spreadsheet opens it (issue 17 item 4): formulas neutralised in every cell wherever a cell
// could start, the Excel variant with `;`, BOM, CRLF, quoted text and NIP, and Indonesian labels beside the codes.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  buildResultsCsv,
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  exportColumns,
  neutraliseFormulas,
  type ExportInput,
} from "../../../../packages/core/src/hr/export-csv";

const cycle = { id: "annual-2027", name: "Tahunan 2027", periodStart: "2027-01-01", periodEnd: "2027-12-31" };
const NIP = "199001012015031001";
const base = {
  nip: NIP,
  name: "Ani",
  unitId: "u1",
  stage: "done",
  ratings: { hasilKerja: "meets", perilaku: "above" },
  predikat: "baik",
  jenjang: "ahli_muda",
  positionType: "fungsional",
  employmentType: "pns",
  followUp: { kind: "recognition", consecutivePoor: 0, creditPoints: { months: 12, pointsText: "12.50" } },
};

const STARTS = ["=", "+", "-", "@", "\t", "\r", "\0"];
/** Every dangerous start, at the start of a field and after `,` and `;` inside it. */
const PAYLOADS = STARTS.flatMap((c) => [`${c}1+1`, `Lestari,${c}1+1`, `Lestari;${c}1+1`, `a\n${c}cmd`]);

/** Where a spreadsheet could see a cell start: the field's start and after every separator or line break. */
function cellStarts(field: string): string[] {
  return field.split(/[,;\r\n]/);
}

function exportOf(appraisals: ExportInput["appraisals"], unitName: string, format: "csv" | "excel") {
  return buildResultsCsv(
    { cycle, appraisals, unitNames: new Map([["u1", unitName]]), orgRatingOf: () => "baik" },
    format,
  );
}

describe("formula injection (issue 17 item 4)", () => {
  it("prefixes ' wherever a cell could start, and nowhere else", () => {
    expect(neutraliseFormulas("=1+1")).toBe("'=1+1");
    expect(neutraliseFormulas("Lestari;=1+1")).toBe("Lestari;'=1+1");
    expect(neutraliseFormulas("Lestari,@SUM(A1)")).toBe("Lestari,'@SUM(A1)");
    expect(neutraliseFormulas(";\r=")).toBe(";'\r'=");
    expect(neutraliseFormulas("Ani-Budi 1+1=2")).toBe("Ani-Budi 1+1=2");
    expect(neutraliseFormulas("2027-01-01")).toBe("2027-01-01");
  });

  for (const format of EXPORT_FORMATS) {
    it(`neutralises names, units, cycle names and reasons in every cell of the ${format} export`, () => {
      const appraisals = PAYLOADS.map((payload, i) => ({
        ...base,
        nip: String(100 + i),
        name: payload,
        appraiserName: `Atasan ${payload}`,
        stage: payload,
      }));
      const csv = buildResultsCsv(
        {
          cycle: { ...cycle, name: `Siklus ${PAYLOADS.join(" ")}` },
          appraisals,
          unitNames: new Map([["u1", "-Dinas;+Uji"]]),
          orgRatingOf: () => undefined,
        },
        format,
      );
      const rows = parse(csv, { bom: true, delimiter: format === "excel" ? ";" : "," }) as string[][];
      expect(rows).toHaveLength(PAYLOADS.length + 1);
      const names = rows.slice(1).map((r) => r[exportColumns(format).indexOf("name")]);
      expect(names).toEqual(PAYLOADS.map(neutraliseFormulas));
      for (const row of rows)
        for (const field of row)
          for (const start of cellStarts(field)) expect(STARTS).not.toContain(start.charAt(0));
    });
  }
});

describe("Excel variant", () => {
  it("writes ;, a UTF-8 BOM and CRLF, quotes the NIP and every text field, and reads back intact", () => {
    const csv = exportOf(
      [{ ...base, appraiserNip: "198001012005011002", appraiserName: "Budi" }],
      "Dinas",
      "excel",
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3);
    expect(csv).toContain(`;"${NIP}";`);
    expect(csv).toContain(`;"Ani";`);
    const [header, row] = parse(csv, { bom: true, delimiter: ";" }) as string[][];
    expect(header).toEqual(exportColumns("excel"));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell("nip")).toBe(NIP);
    expect(cell("appraiser_nip")).toBe("198001012005011002");
    expect(cell("angka_kredit")).toBe("12,50");
    expect(cell("final")).toBe("true");
  });

  it("puts the Indonesian label beside every code", () => {
    const csv = exportOf([{ ...base, objection: { decision: { outcome: "reject" } } }], "Dinas", "excel");
    const [header, row] = parse(csv, { bom: true, delimiter: ";" }) as string[][];
    const pairs = Object.fromEntries(
      header!.flatMap((name, i) =>
        name.endsWith("_label") ? [[header![i - 1], [row![i - 1], row![i]]]] : [],
      ),
    );
    expect(pairs).toEqual({
      position_type: ["fungsional", "Fungsional"],
      employment_type: ["pns", "PNS"],
      jenjang: ["ahli_muda", expect.stringMatching(/Ahli Muda/)],
      stage: ["done", expect.any(String)],
      hasil_kerja: ["meets", expect.stringMatching(/^Sesuai/i)],
      perilaku: ["above", expect.stringMatching(/^Di atas/i)],
      predikat: ["baik", "Baik"],
      org_rating: ["baik", "Baik"],
      objection: ["rejected", "Keberatan ditolak"],
      follow_up: ["recognition", "Penghargaan"],
      discipline_sanction: ["", ""],
    });
  });

  it("keeps the default export's columns, separator and no BOM for existing clients", () => {
    const csv = exportOf([base], "Dinas", "csv");
    expect(csv.startsWith("cycle_id,cycle_name,")).toBe(true);
    const [header, row] = parse(csv, {}) as string[][];
    expect(header).toEqual(EXPORT_COLUMNS.map(([name]) => name));
    expect(row![header!.indexOf("nip")]).toBe(NIP);
    expect(row![header!.indexOf("angka_kredit")]).toBe("12.50");
  });
});
