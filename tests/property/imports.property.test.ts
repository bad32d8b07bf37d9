// Property-based tests of the CSV imports through the HR API (app.request against DynamoDB Local): whatever
// file arrives, the answer is a success or a 4xx naming the bad cells, and an import is all-or-nothing.
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOrganisationCsv } from "../../packages/core/src/imports/sample-org";
import { startHrWorld, type HrWorld } from "../web/hr/hr-world";
import { seedMeasuredAppraisals } from "../integration/storage/indicator-appraisals";
import {
  attendanceRowArb,
  badAttendanceCell,
  badEmployeeCell,
  badIndicatorCell,
  badSurveyCell,
  COLUMNS,
  dialectArb,
  encodeCsv,
  extremeNumber,
  headerArb,
  indicatorRowArb,
  junkCell,
  splitSimpleCsv,
  surveyRowArb,
  type BadCell,
} from "./csv-arbitraries";
import {
  appOnFreshTable,
  diff,
  expectOnlyRejectionAudited,
  expectWellFormedAnswer,
  propertyOptions,
  snapshot,
} from "./property-world";

const START = "2027-01-04T01:00:00.000Z";
type Kind = keyof typeof COLUMNS;
const ROUTE: Record<Kind, string> = {
  employees: "/api/employees/import",
  attendance: "/api/imports/attendance",
  survey: "/api/imports/survey",
  indicators: "/api/imports/indicators",
};

type Imports = Awaited<ReturnType<typeof appOnFreshTable>>;

/** Units and employees as the API lists them (what an idempotent re-import must leave identical). */
async function organisationView(t: Imports) {
  const units = (await (await t.get("/api/units")).json()) as unknown[];
  const employees = (await (await t.get("/api/employees")).json()) as unknown[];
  return { units, employees };
}

/**
 * Sends one file and checks the all-or-nothing contract against table snapshots: a success wrote every row
 * under the returned import id; anything else is a well-formed 4xx and the table is unchanged apart from the
 * audit event of the rejected attempt (or nothing at all when the request never reached the import).
 */
async function importAndCheck(t: Imports, kind: Kind, csv: string | Uint8Array, expectedRows?: number) {
  const before = await snapshot(t.table);
  const res = await t.importCsv(ROUTE[kind], csv);
  const clone = res.clone();
  const problem = await expectWellFormedAnswer(res, `POST ${ROUTE[kind]} (${csv.length} chars)`);
  const after = await snapshot(t.table);
  const change = diff(before, after);
  if (!problem) {
    const body = (await clone.json()) as { importId: string; rows?: number; employees?: number };
    expect(body.importId).toMatch(/^imp-/);
    if (kind === "employees") {
      const state = [...after.values()].map((s) => JSON.parse(s) as Record<string, unknown>);
      const pointer = state.find((i) => i.__edb_e__ === "orgState");
      expect(pointer?.importId).toBe(body.importId);
    } else {
      // Every row of the file is stored under this import's id: nothing was left out.
      const written = [...after.values()]
        .map((s) => JSON.parse(s) as Record<string, unknown>)
        .filter((item) => item.importId === body.importId && item.__edb_e__ !== "importJob");
      expect(written.length).toBe(body.rows);
      if (expectedRows !== undefined) expect(body.rows).toBe(expectedRows);
    }
    return { ok: true as const, status: res.status, body };
  }
  const reachedImport = problem.status === 400 && problem.title !== "the file is empty";
  if (reachedImport) expectOnlyRejectionAudited(change, kind);
  else expect(change).toEqual({ added: [], removed: [], changed: [] });
  return { ok: false as const, status: res.status, problem };
}

/** Replaces cells of rows by breaking values; returns the rows and which (row, field) must be reported. */
function applyBadCells(
  header: readonly string[],
  rows: string[][],
  bad: { row: number; cell: BadCell }[],
): { rows: string[][]; expected: { row: number; field: string }[] } {
  const out = rows.map((r) => [...r]);
  const expected: { row: number; field: string }[] = [];
  const used = new Set<number>();
  for (const { row, cell } of bad) {
    const r = row % out.length;
    // One bad cell per row: reference checks (unknown NIP or unit) run only on rows that are otherwise valid.
    if (used.has(r)) continue;
    used.add(r);
    const col = header.indexOf(cell.field);
    if (col < 0) continue;
    out[r]![col] = cell.value;
    expected.push({ row: r, field: cell.field });
  }
  return { rows: out, expected };
}

const badCellArb = (pool: Record<string, fc.Arbitrary<string>>) =>
  fc.record({
    row: fc.nat(),
    cell: fc
      .constantFrom(...Object.keys(pool))
      .chain((field) => pool[field]!.map((value) => ({ field, value }))),
  });

const EXTREME_IDS = Array.from({ length: 5 }, (_, i) => `extreme.${i}`);

describe("CSV imports under generated files (property-based, DynamoDB Local)", () => {
  let w: HrWorld;
  const orgCsv = generateOrganisationCsv({ employees: 40, seed: 7, withParentUnits: true });
  const { header, rows } = splitSimpleCsv(orgCsv);
  const org = { header, rows, nips: rows.map((r) => r[0]!), unitIds: [...new Set(rows.map((r) => r[3]!))] };
  // Each property gets its own table holding the organisation, so snapshots stay small and runs independent.
  // Indicator rows must name an indicator of the employee's SKP in a cycle covering the period: every employee is
  // appraised in 2026 and 2027 with the same indicator ids (ids repeat every cycle; the period picks the cycle).
  const indicatorIds = [...Array.from({ length: 8 }, (_, i) => `ind-${i}`), ...EXTREME_IDS];
  const withOrganisation = async () => {
    const t = await appOnFreshTable(w);
    expect((await t.importCsv(ROUTE.employees, orgCsv)).status).toBe(200);
    for (const year of ["2026", "2027"])
      await seedMeasuredAppraisals(
        t.storage,
        { cycleId: `c-${year}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` },
        org.nips,
        indicatorIds,
      );
    return t;
  };

  beforeAll(async () => {
    w = await startHrWorld(START);
  }, 60_000);
  afterAll(async () => w?.close());

  it("a valid generated organisation, in any CSV dialect, always imports; importing it again changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 80 }),
        fc.nat(),
        fc.boolean(),
        dialectArb,
        async (employees, seed, withParentUnits, dialect) => {
          const t = await appOnFreshTable(w);
          const { header, rows } = splitSimpleCsv(
            generateOrganisationCsv({ employees, seed, withParentUnits }),
          );
          const { text } = encodeCsv(header, rows, dialect);
          const first = await importAndCheck(t, "employees", text);
          expect(first.ok, JSON.stringify(first)).toBe(true);
          expect(first.body).toMatchObject({ employees: rows.length, created: rows.length, updated: 0 });
          const view = await organisationView(t);
          expect(view.employees).toHaveLength(rows.length);
          expect(view.units).toHaveLength(new Set(rows.map((r) => r[3])).size);

          const again = await importAndCheck(t, "employees", text);
          expect(again.ok, JSON.stringify(again)).toBe(true);
          expect(again.body).toMatchObject({ employees: rows.length, created: 0, updated: rows.length });
          expect(await organisationView(t)).toEqual(view);
        },
      ),
      propertyOptions(12),
    );
  }, 60_000);

  it("employee files mixing valid rows and bad cells: each bad cell is named by line and column, nothing is written", async () => {
    const base = await withOrganisation();
    await fc.assert(
      fc.asyncProperty(
        fc.array(badCellArb(badEmployeeCell), { maxLength: 5 }),
        dialectArb,
        async (bad, dialect) => {
          const { rows, expected } = applyBadCells(org.header, org.rows, bad);
          const { text, lines } = encodeCsv(org.header, rows, dialect);
          const result = await importAndCheck(base, "employees", text);
          if (expected.length === 0) {
            // The unchanged organisation: a re-import that creates nobody.
            expect(result.ok, JSON.stringify(result)).toBe(true);
            expect(result.ok && result.body).toMatchObject({ created: 0, updated: org.rows.length });
            return;
          }
          expect(result.status).toBe(400);
          const errors = result.ok ? [] : (result.problem.errors ?? []);
          for (const e of expected) {
            expect(errors, `line ${lines[e.row]} field ${e.field}`).toContainEqual(
              expect.objectContaining({ line: lines[e.row], field: e.field }),
            );
          }
        },
      ),
      propertyOptions(40),
    );
  }, 60_000);

  const dataKinds = [
    { kind: "attendance" as const, rowArb: () => attendanceRowArb(org.nips), bad: badAttendanceCell },
    { kind: "survey" as const, rowArb: () => surveyRowArb(org.unitIds), bad: badSurveyCell },
    {
      kind: "indicators" as const,
      rowArb: () => indicatorRowArb(org.nips, indicatorIds),
      bad: badIndicatorCell,
    },
  ];
  for (const { kind, rowArb, bad } of dataKinds) {
    it(`${kind} files mixing valid rows and bad cells: all rows stored, or a 400 naming every bad cell and nothing stored`, async () => {
      const base = await withOrganisation();
      await fc.assert(
        fc.asyncProperty(
          fc.array(rowArb(), { minLength: 1, maxLength: 60 }),
          fc.array(badCellArb(bad), { maxLength: 4 }),
          dialectArb,
          async (generated, badCells, dialect) => {
            // Rows with the same natural key are duplicates by design; keep the first of each.
            const keyOf = (r: string[]) =>
              kind === "attendance"
                ? `${r[0]}|${r[1]}`
                : kind === "survey"
                  ? `${r[0]}|${r[1]}`
                  : `${r[0]}|${r[1]}|${r[2]}`;
            const unique = [...new Map(generated.map((r) => [keyOf(r), r])).values()];
            const header = COLUMNS[kind];
            const { rows, expected } = applyBadCells(header, unique, badCells);
            const { text, lines } = encodeCsv(header, rows, dialect);
            const result = await importAndCheck(base, kind, text, rows.length);
            if (expected.length === 0) {
              expect(result.ok, JSON.stringify(result).slice(0, 1000)).toBe(true);
              return;
            }
            expect(result.status).toBe(400);
            const errors = result.ok ? [] : (result.problem.errors ?? []);
            for (const e of expected) {
              expect(errors, `line ${lines[e.row]} field ${e.field}`).toContainEqual(
                expect.objectContaining({ line: lines[e.row], field: e.field }),
              );
            }
          },
        ),
        propertyOptions(40),
      );
    }, 60_000);
  }

  it("indicator files with extreme numbers: stored in full or refused naming the value, never a 5xx or a partial write", async () => {
    const base = await withOrganisation();
    await fc.assert(
      fc.asyncProperty(
        fc.array(indicatorRowArb(org.nips, indicatorIds), { minLength: 0, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), extremeNumber), { minLength: 1, maxLength: 3 }),
        dialectArb,
        async (generated, extremes, dialect) => {
          const unique = [...new Map(generated.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r])).values()];
          const header = COLUMNS.indicators;
          const rows = [...unique];
          for (const [at, value] of extremes) {
            const row = [
              org.nips[at % org.nips.length]!,
              EXTREME_IDS[at % EXTREME_IDS.length]!,
              "2027",
              value,
              "simpeg",
            ];
            rows.splice(rows.length === 0 ? 0 : at % (rows.length + 1), 0, row);
          }
          const deduped = [...new Map(rows.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r])).values()];
          const { text } = encodeCsv(header, deduped, dialect);
          const result = await importAndCheck(base, "indicators", text, deduped.length);
          if (!result.ok) {
            expect(result.status).toBe(400);
            expect(result.problem.errors?.every((e) => e.field === "value")).toBe(true);
          }
        },
      ),
      propertyOptions(40),
    );
  }, 60_000);

  it("employee files with a jenjang column of any size: imported or refused naming the cell, never a 5xx", async () => {
    const base = await withOrganisation();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 450_000 })), { minLength: 1, maxLength: 3 }),
        dialectArb,
        async (levels, dialect) => {
          const header = [...org.header, "jenjang"];
          // A valid file first (functional staff carry a jenjang), then some cells of any size.
          const rows = org.rows.map((r) => [...r, r[6] === "fungsional" ? "ahli_pertama" : ""]);
          for (const [at, size] of levels) rows[at % rows.length]![header.length - 1] = "L".repeat(size);
          const result = await importAndCheck(base, "employees", encodeCsv(header, rows, dialect).text);
          if (!result.ok) {
            expect(result.status).toBe(400);
            expect(result.problem.errors?.every((e) => e.field === "jenjang")).toBe(true);
          }
        },
      ),
      propertyOptions(10),
    );
  }, 60_000);

  it("random bytes, wrong headers, stray quotes and huge fields to every import route: a 4xx or success, never a partial import", async () => {
    const base = await withOrganisation();
    const kindArb = fc.constantFrom<Kind>("employees", "attendance", "survey", "indicators");
    const fileArb = (kind: Kind): fc.Arbitrary<string | Uint8Array> =>
      fc.oneof(
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3_000 }) },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 2_000 }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("", " ", "\uFEFF", "\r\n\r\n", '"', "nip\n", '"unterminated,\n1,2'),
        },
        {
          weight: 4,
          arbitrary: fc
            .tuple(
              headerArb(COLUMNS[kind]),
              fc.array(fc.array(junkCell, { minLength: 0, maxLength: COLUMNS[kind].length + 2 }), {
                maxLength: 12,
              }),
              dialectArb,
              fc.boolean(),
            )
            .map(([header, rows, dialect, unterminated]) => {
              const { text } = encodeCsv(header, rows, dialect);
              return unterminated ? `${text}"${text.slice(0, 20)}` : text;
            }),
        },
      );
    await fc.assert(
      fc.asyncProperty(
        kindArb.chain((kind) => fc.tuple(fc.constant(kind), fileArb(kind))),
        async ([kind, file]) => {
          await importAndCheck(base, kind, file);
        },
      ),
      propertyOptions(150),
    );
  }, 60_000);

  it("a file larger than the limit is refused with 413 before anything is read into the import", async () => {
    const base = await withOrganisation();
    const before = await snapshot(base.table);
    const huge = `${COLUMNS.indicators.join(",")}\n${"x".repeat(21 * 1024 * 1024)}`;
    const res = await base.importCsv(ROUTE.indicators, huge);
    expect(res.status).toBe(413);
    await expectWellFormedAnswer(res, "POST 21 MB");
    expect(diff(before, await snapshot(base.table))).toEqual({ added: [], removed: [], changed: [] });
  }, 30_000);
});
