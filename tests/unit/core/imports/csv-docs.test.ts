// docs/csv.md documents every CSV format from the constants the code reads (issue 17 item 4): its generated part must
// equal csvFormatsMarkdown(), and every template header must be the one the page shows.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CSV_TEMPLATE_KINDS,
  csvFormatsMarkdown,
  csvTemplate,
} from "../../../../packages/core/src/imports/templates";
import { planEmployeeImport } from "../../../../packages/core/src/imports/employee-csv";
import { planIndicatorImport } from "../../../../packages/core/src/imports/measurement-csv";

const PATH = join(__dirname, "../../../../docs/csv.md");
const START = "<!-- generated: csvFormatsMarkdown -->\n";
const END = "<!-- end generated -->";

describe("docs/csv.md", () => {
  it("shows the formats exactly as the code reads them (UPDATE_CSV_DOCS=1 rewrites it)", () => {
    const page = readFileSync(PATH, "utf8");
    const [before, rest] = page.split(START) as [string, string];
    const after = rest.slice(rest.indexOf(END));
    const expected = `${before}${START}\n${csvFormatsMarkdown()}\n${after}`;
    if (process.env.UPDATE_CSV_DOCS) writeFileSync(PATH, expected);
    else expect(page).toBe(expected);
  });

  it("has examples that import as they stand", () => {
    const page = readFileSync(PATH, "utf8");
    const [employees, indicators] = [...page.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const plan = planEmployeeImport(
      employees!,
      { units: [], employees: [] },
      { today: new Date("2027-01-04") },
    );
    expect(plan.ok && plan.employees.map((e) => e.name)).toEqual(["Bupati Salor", "Lestari, S.E."]);
    const nip = "198502022010012002";
    const scope = {
      cycleId: "c",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      indicatorIds: new Set(["ikm-layanan"]),
      measured: false,
    };
    const values = planIndicatorImport(indicators!, {
      nips: new Set([nip]),
      unitIds: new Set(),
      scopes: new Map([[nip, [scope]]]),
    });
    expect(values.ok && values.rows.map((r) => r.value)).toEqual([96.5]);
  });

  it("documents the header each template serves", () => {
    const page = readFileSync(PATH, "utf8");
    for (const kind of CSV_TEMPLATE_KINDS)
      expect(page).toContain(`(header \`${csvTemplate(kind).csv.trimEnd()}\`)`);
  });
});
