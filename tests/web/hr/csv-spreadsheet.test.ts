// CSV as HR's spreadsheet writes and reads it, through the HR API (issue 17 item 4): an employee file saved by Excel in
// an Indonesian locale (`;`, BOM, CRLF) imports; a file with row and hierarchy errors gets all of them in one answer;
// the Excel variant of the export reads back with the NIP intact and a formula-bearing name neutralised.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { neutraliseFormulas } from "../../../packages/core/src/hr/export-csv";
import { nipOf } from "../../workflows/harness";
import { organisation, settle, startHrWorld, type HrWorld } from "./hr-world";

/** The organisation's comma file as Excel saves it with `;`: BOM, CRLF, fields holding `;` quoted. */
function asSpreadsheet(csv: string): string {
  const rows = parse(csv, { skip_empty_lines: true }) as string[][];
  const quote = (f: string) => (/[;"\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return `\uFEFF${rows.map((r) => r.map(quote).join(";")).join("\r\n")}\r\n`;
}

describe("spreadsheet-friendly CSV through the HR API", () => {
  let w: HrWorld;
  const org = organisation(3);
  const injected = "Lestari;=1+1";
  const file = asSpreadsheet(org.csv.replace("Pegawai Uji 1", injected));

  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
  }, 60_000);
  afterAll(async () => w?.close());

  it("answers every row and hierarchy error of a semicolon file at once, in Indonesian, and writes nothing", async () => {
    const lines = file.split("\r\n");
    // Line 4 (first staff member): a bad e-mail; line 5: a superior nobody has; line 2 stays the top.
    lines[3] = lines[3]!.replace(/;[^;]*@salor\.test;/, ";bukan-email;");
    lines[4] = lines[4]!.replace(org.secretary.nip, nipOf(777));
    const res = await w.call("POST", "/api/employees/import?lang=id", lines.join("\r\n"));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { line: number; field: string; message: string }[] };
    expect(body.errors).toEqual([
      { line: 4, field: "email", message: expect.stringContaining("surel") },
      { line: 5, field: "superior_nip", message: expect.stringContaining(nipOf(777)) },
    ]);
    expect(body.errors.map((e) => e.message).join(" ")).not.toMatch(/unknown|must be|column/);
    expect((await (await w.call("GET", "/api/units")).json()) as unknown[]).toEqual([]);
  });

  it("imports the semicolon file with a BOM and CRLF line ends", async () => {
    const res = await w.call("POST", "/api/employees/import", file);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ units: 3, employees: 8, created: 8 });
    const staff = (await (await w.call("GET", "/api/employees?unit=dinas-uji")).json()) as {
      nip: string;
      name: string;
    }[];
    expect(staff.find((e) => e.nip === org.people[0]!.nip)!.name).toBe(injected);
  });

  it("exports an Excel variant that reads back with the NIP intact and the formula neutralised", async () => {
    const created = await w.call("POST", "/api/cycles", {
      name: "=Triwulan I 2027",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      settings: { periodicEvaluation: "none" },
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    await settle(w.world);
    const res = await w.call("GET", `/api/cycles/${id}/export.csv?format=excel`, undefined, {
      token: w.viewerToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`kinerja-${id}-excel.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toContain(`;"${org.people[0]!.nip}";`);
    const [header, ...rows] = parse(text, { bom: true, delimiter: ";" }) as string[][];
    const col = (name: string) => header!.indexOf(name);
    const row = rows.find((r) => r[col("nip")] === org.people[0]!.nip)!;
    expect(row[col("name")]).toBe(neutraliseFormulas(injected));
    expect(row[col("name")]).toBe("Lestari;'=1+1");
    expect(row[col("cycle_name")]).toBe("'=Triwulan I 2027");
    expect(row[col("position_type_label")]).toBe("Pelaksana");
    expect(rows.map((r) => r[col("nip")]).sort()).toEqual(
      [org.secretary, ...org.people, ...org.nurses].map((p) => p.nip).sort(),
    );
    const plain = await w.call("GET", `/api/cycles/${id}/export.csv`);
    expect((await plain.text()).startsWith("cycle_id,cycle_name,")).toBe(true);
    expect((await w.call("GET", `/api/cycles/${id}/export.csv?format=xlsx`)).status).toBe(400);
    // The dashboard's cycle page offers both downloads; the Excel one is the same file.
    const viewer = { authorization: `Bearer ${w.viewerToken}` };
    const page = await (await w.app.request(`/dashboard/cycles/${id}`, { headers: viewer })).text();
    expect(page).toContain(`href="/dashboard/cycles/${id}/export.csv"`);
    expect(page).toContain(`href="/dashboard/cycles/${id}/export.csv?format=excel"`);
    const fromDashboard = await w.app.request(`/dashboard/cycles/${id}/export.csv?format=excel`, {
      headers: viewer,
    });
    expect(new Uint8Array(await fromDashboard.arrayBuffer())).toEqual(bytes);
    // The contract shows the variant (generated from the query schema).
    const spec = (await (await w.app.request("/openapi.json")).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    const params = spec.paths["/api/cycles/{id}/export.csv"]!.get!.parameters!;
    expect(params).toContainEqual(expect.objectContaining({ name: "format", in: "query" }));
  });
});
