// CSV imports from the dashboard (issue 17 item 2): a template per import, an upload that previews what would change
// (new / changed / unchanged rows) and every row error at once (row, column, Indonesian message) without writing a
// single item, and "Terapkan", which imports the previewed file, audited. The file is an Excel save in an Indonesian
// locale: semicolons, a UTF-8 BOM and CRLF line ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../../packages/core/src/i18n/messages";
import {
  CSV_TEMPLATE_COLUMNS,
  CSV_TEMPLATE_KINDS,
  csvTemplate,
  importColumnsId,
} from "../../../packages/core/src/imports/templates";
import { HR_AUDIT_SUBJECTS } from "../../../packages/core/src/hr/hr-deps";
import { scanAll } from "../../setup/dynamo";
import { nipOf } from "../../workflows/harness";
import { formatNumber } from "../../../packages/core/src/i18n/format";
import { SYNC_EMPLOYEE_IMPORT_MAX_ROWS } from "../../../packages/core/src/imports/employee-import-job";
import { generateOrganisationCsv } from "../../../packages/core/src/imports/sample-org";
import { organisation, settle, startHrWorld, type HrWorld } from "../hr/hr-world";
import { dashboardAs, type DashboardUser } from "./dashboard-session";

// Monday 4 January 2027, 08:00 WIB.
const START = "2027-01-04T01:00:00.000Z";

/** The file as Excel saves it in an Indonesian locale: `;` between cells, a BOM, CRLF. */
const excel = (lines: string[]) => `\uFEFF${lines.map((l) => l.replaceAll(",", ";")).join("\r\n")}\r\n`;

describe("CSV imports from the dashboard", () => {
  let w: HrWorld;
  let hr: DashboardUser;
  const org = organisation(2);
  const lines = org.csv.trim().split("\n");
  const newcomer = `${nipOf(953)},Perawat Tiga,perawat.tiga@salor.test,dinas-kesehatan,Dinas Kesehatan,Perawat,fungsional,${org.healthHead.nip},false,`;
  // The second nurse renamed; a newcomer; everything else as stored.
  const fixed = [...lines.map((l) => l.replace("Perawat Dua", "Perawat Dua Lestari")), newcomer];
  // Two wrong rows: an e-mail that is none, a unit_head that is neither true nor false.
  const broken = [
    ...fixed,
    `${nipOf(954)},Perawat Empat,bukan-email,dinas-kesehatan,Dinas Kesehatan,Perawat,fungsional,${org.healthHead.nip},false,`,
    `${nipOf(955)},Perawat Lima,perawat.lima@salor.test,dinas-kesehatan,Dinas Kesehatan,Perawat,fungsional,${org.healthHead.nip},ya,`,
  ];

  beforeAll(async () => {
    w = await startHrWorld(START);
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
    hr = dashboardAs(w, "hr");
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  const upload = async (kind: string, content: string, page?: Awaited<ReturnType<DashboardUser["get"]>>) => {
    const from = page ?? (await hr.get("/dashboard/imports"));
    const form = from
      .forms()
      .find((f) => f.action.endsWith(`/dashboard/imports/${kind}`))!
      .attach("file", { filename: `${kind}.csv`, content, type: "text/csv" });
    return hr.submit(form, "Unggah dan pratinjau");
  };
  const page = async (res: Response, path = "/dashboard/imports") => {
    const { HtmlPage } = await import("../../../packages/local/src/demo/html-page");
    return new HtmlPage(`http://localhost${path}`, res.status, await res.text());
  };
  const errorRows = (html: string) =>
    [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [
      Number(m[1]),
      m[2],
      m[3],
    ]);

  it("offers every import's template from the dashboard, linked from the header", async () => {
    const home = await hr.get("/dashboard");
    expect(home.links("Impor CSV")).toEqual(["http://localhost/dashboard/imports"]);
    const imports = await hr.get("/dashboard/imports");
    for (const kind of CSV_TEMPLATE_KINDS) {
      const [href] = imports.links("Unduh templat").filter((l) => l.endsWith(`/templates/${kind}.csv`));
      expect(href, kind).toBeDefined();
      const res = await w.app.request(new URL(href!).pathname, {
        headers: { authorization: `Bearer ${w.hrToken}` },
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(csvTemplate(kind).csv);
    }
    expect(imports.forms().filter((f) => f.multipart)).toHaveLength(CSV_TEMPLATE_KINDS.length);
    // Every column of every import is explained in Indonesian on the page, marked wajib or opsional.
    for (const kind of CSV_TEMPLATE_KINDS) {
      const { required, optional } = CSV_TEMPLATE_COLUMNS[kind];
      for (const c of importColumnsId(kind)) {
        expect(c.meaning, `${kind}.${c.column}`).toMatch(/\S/);
        expect(imports.text).toContain(`${c.column} ${c.required ? "wajib" : "opsional"} ${c.meaning}`);
      }
      expect(importColumnsId(kind).map((c) => c.column)).toEqual([...required, ...optional]);
    }
    expect(imports.text).toContain(
      "absent_without_leave wajib hari tidak masuk tanpa alasan sah (present + kolom ini paling banyak work_days)",
    );
  });

  it("a ;+BOM file with two wrong rows: both errors at once (row, column, message) and nothing written", async () => {
    const before = await scanAll(w.world.storage);
    const res = await upload("employees", excel(broken));
    expect(res.status).toBe(400);
    const html = await res.text();
    const rows = errorRows(html);
    expect(rows).toEqual([
      [broken.length - 1, "email", t("csvEmail", "id")],
      [broken.length, "unit_head", t("csvBoolean", "id")],
    ]);
    expect(html).toContain(t("csvInvalidRows", "id", { count: "2" }));
    expect(await scanAll(w.world.storage)).toEqual(before);
  });

  it("the fixed file previews new, changed and unchanged rows, still writing nothing; Terapkan imports it, audited", async () => {
    const before = await scanAll(w.world.storage);
    const failed = await page(await upload("employees", excel(broken)));
    // Fixed and uploaded again from the error page's own form.
    const res = await upload("employees", excel(fixed), failed);
    expect(res.status).toBe(200);
    const preview = await page(res);
    const count = (change: string) =>
      new RegExp(`data-subject="employee".*?<dd data-change="${change}">(\\d+)<`, "s").exec(
        preview.html,
      )?.[1];
    expect([count("new"), count("changed"), count("unchanged")]).toEqual([
      "1",
      "1",
      String(lines.length - 2),
    ]);
    expect(preview.html).not.toContain('data-change="removed"');
    expect(preview.text).toContain(`${nipOf(953)} Perawat Tiga`);
    expect(preview.text).toContain("kolom berubah: name");
    expect(preview.text).toContain(t("dashImportNothingWritten", "id"));
    expect(await scanAll(w.world.storage)).toEqual(before);

    const applied = await hr.submit(preview.formWith("Terapkan"), "Terapkan");
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toMatch(/^\/dashboard\/imports\/jobs\/imp-/);
    const status = await hr.follow(applied);
    expect(status.status).toBe(200);
    expect(status.text).toContain("Selesai");
    // The job's counts by their Indonesian names, not the code's.
    expect(status.definition("Pegawai baru")).toBe("1");
    expect(status.text).not.toContain("employeesInFile");
    const stored = await w.world.storage.org.listEmployees();
    expect(stored.find((e) => e.nip === nipOf(953))?.name).toBe("Perawat Tiga");
    expect(stored.find((e) => e.nip === org.nurses[1]!.nip)?.name).toBe("Perawat Dua Lestari");
    const trail = await w.world.storage.audit.listAudit(HR_AUDIT_SUBJECTS.imports);
    const importId = applied.headers.get("location")!.split("/").pop();
    expect(trail.filter((e) => e.detail?.importId === importId)).toEqual([
      expect.objectContaining({
        action: "import-committed",
        actor: "hr:siti.hr",
        detail: expect.objectContaining({ kind: "employees", created: 1 }),
      }),
    ]);
  }, 60_000);

  const changes = (html: string, subject: string) =>
    Object.fromEntries(
      [
        ...(new RegExp(`data-subject="${subject}"(.*?)</section>`, "s").exec(html)?.[1] ?? "").matchAll(
          /<dd data-change="(\w+)">(\d+)</g,
        ),
      ].map((m) => [m[1], Number(m[2])]),
    );

  it("attendance: new rows, then a changed and an unchanged one, each written only by Terapkan", async () => {
    const [one, two] = org.nurses.map((n) => n.nip);
    const file = (present: number) =>
      excel([
        "nip,month,work_days,present,late_minutes,absent_without_leave",
        `${one},2026-12,21,20,0,0`,
        `${two},2026-12,21,${present},30,0`,
      ]);
    const first = await page(await upload("attendance", file(21)));
    expect(changes(first.html, "attendance")).toEqual({ new: 2, changed: 0, unchanged: 0 });
    expect(await w.world.storage.imports.attendanceForMonth("2026-12")).toHaveLength(0);
    expect((await hr.submit(first.formWith("Terapkan"), "Terapkan")).status).toBe(303);
    expect(await w.world.storage.imports.attendanceForMonth("2026-12")).toHaveLength(2);
    const second = await page(await upload("attendance", file(19)));
    expect(changes(second.html, "attendance")).toEqual({ new: 0, changed: 1, unchanged: 1 });
    expect(second.text).toContain(`${two} 2026-12`);
    expect(second.text).toContain("kolom berubah: present");
  });

  it("org settings replace the officials: an official the file leaves out is previewed as removed", async () => {
    const official = (role: string, name: string) =>
      `${role},${name},Jabatan ${name},${name.toLowerCase().replace(/ /g, ".")}@salor.test,`;
    const both = excel([
      "role,name,position,email,nip",
      official("pejabat_pembina_kepegawaian", "Bupati Salor"),
      official("penilai_pimpinan_tertinggi", "Sekda Salor"),
    ]);
    const first = await page(await upload("org-settings", both));
    expect(changes(first.html, "official")).toEqual({ new: 2, changed: 0, unchanged: 0, removed: 0 });
    const applied = await hr.submit(first.formWith("Terapkan"), "Terapkan");
    expect(applied.headers.get("location")).toBe("/dashboard/imports?selesai=org-settings");
    expect((await w.world.storage.orgSettings.get())?.topOfficialAppraiser?.name).toBe("Sekda Salor");
    const authorityOnly = excel([
      "role,name,position,email,nip",
      official("pejabat_pembina_kepegawaian", "Bupati Salor"),
    ]);
    const second = await page(await upload("org-settings", authorityOnly));
    expect(changes(second.html, "official")).toEqual({ new: 0, changed: 0, unchanged: 1, removed: 1 });
    expect(second.text).toContain("penilai_pimpinan_tertinggi Sekda Salor");
    expect((await w.world.storage.orgSettings.get())?.topOfficialAppraiser?.name).toBe("Sekda Salor");
  });

  it("a file over the synchronous limit goes to the paged import; its status page refreshes itself until done", async () => {
    const rows = SYNC_EMPLOYEE_IMPORT_MAX_ROWS + 200;
    const csv = generateOrganisationCsv({ employees: rows, seed: 3, withParentUnits: true });
    const preview = await page(await upload("employees", csv));
    expect(preview.status).toBe(200);
    expect(preview.text).toContain(t("dashImportLarge", "id", { rows: formatNumber(rows) }));
    const before = (await w.world.storage.org.listEmployees()).length;
    const applied = await hr.submit(preview.formWith("Terapkan"), "Terapkan");
    expect(applied.status).toBe(303);
    const running = await hr.follow(applied);
    expect(running.html).toMatch(/<meta http-equiv="refresh" content="\d+"/);
    expect(["validating", "writing"]).toContain(/data-status="(\w+)"/.exec(running.html)?.[1]);
    await settle(w.world);
    const done = await hr.get(new URL(running.url).pathname);
    expect(/data-status="(\w+)"/.exec(done.html)?.[1]).toBe("committed");
    expect(done.html).not.toContain('http-equiv="refresh"');
    expect((await w.world.storage.org.listEmployees()).length).toBeGreaterThan(before + rows - 1);
  }, 180_000);

  it("a viewer sees the formats but cannot upload or apply (403), nothing written", async () => {
    const viewer = dashboardAs(w, "viewer");
    const imports = await viewer.get("/dashboard/imports");
    expect(imports.status).toBe(200);
    expect(imports.forms().filter((f) => f.multipart)).toHaveLength(0);
    const form = (await hr.get("/dashboard/imports"))
      .forms()
      .find((f) => f.action.endsWith("/dashboard/imports/employees"))!
      .attach("file", { filename: "e.csv", content: excel(fixed), type: "text/csv" });
    const before = await scanAll(w.world.storage);
    expect((await viewer.submit(form, "Unggah dan pratinjau")).status).toBe(403);
    expect(await scanAll(w.world.storage)).toEqual(before);
  });
});
