// "Terapkan" pressed twice imports once (issue 17): the preview's confirmation form carries a request id chosen once;
// the second press of the same form (after the first, or at the same moment) imports nothing and answers 409 with a
// link to the first one's result. The preview states the separator it detected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HR_AUDIT_SUBJECTS } from "../../../packages/core/src/hr/hr-deps";
import { nipOf } from "../../workflows/harness";
import { organisation, startHrWorld, type HrWorld } from "../hr/hr-world";
import { dashboardAs, ORIGIN, signedIn, type DashboardUser } from "./dashboard-session";

const excel = (lines: string[]) => `\uFEFF${lines.map((l) => l.replaceAll(",", ";")).join("\r\n")}\r\n`;

describe("applying a dashboard import", { timeout: 120_000 }, () => {
  let w: HrWorld;
  let hr: DashboardUser;
  const org = organisation(1);
  const lines = org.csv.trim().split("\n");
  const newcomer = (n: number) =>
    `${nipOf(n)},Perawat ${n},perawat.${n}@salor.test,dinas-kesehatan,Dinas Kesehatan,Perawat,fungsional,${org.healthHead.nip},false,`;

  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
    hr = dashboardAs(w, "hr");
  }, 60_000);
  afterAll(async () => w?.close());

  const preview = async (content: string) => {
    const form = (await hr.get("/dashboard/imports"))
      .forms()
      .find((f) => f.action.endsWith("/dashboard/imports/employees"))!
      .attach("file", { filename: "pegawai.csv", content, type: "text/csv" });
    const res = await hr.submit(form, "Unggah dan pratinjau");
    expect(res.status).toBe(200);
    const { HtmlPage } = await import("../../../packages/local/src/demo/html-page");
    return new HtmlPage("http://localhost/dashboard/imports", res.status, await res.text());
  };
  const committed = async () =>
    (await w.world.storage.audit.listAudit(HR_AUDIT_SUBJECTS.imports)).filter(
      (e) => e.action === "import-committed",
    ).length;

  it("states the separator it detected: a semicolon in an Excel save, a comma otherwise", async () => {
    expect((await preview(excel([...lines, newcomer(960)]))).text).toContain(
      "Pemisah terdeteksi: titik koma (;)",
    );
    expect((await preview([...lines, newcomer(960), ""].join("\n"))).text).toContain(
      "Pemisah terdeteksi: koma (,)",
    );
  });

  it("the second press of the same Terapkan imports nothing and links the first result (409)", async () => {
    const before = await committed();
    const page = await preview(excel([...lines, newcomer(961)]));
    const form = page.formWith("Terapkan");
    const first = await hr.submit(form, "Terapkan");
    expect(first.status).toBe(303);
    const result = first.headers.get("location")!;
    expect(result).toMatch(/^\/dashboard\/imports\/jobs\/imp-/);
    const second = await hr.submit(form, "Terapkan");
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain("Impor ini sudah diterapkan");
    expect(html).toContain(`href="${result}"`);
    expect(await committed()).toBe(before + 1);
  });

  it("two presses at the same moment import once", async () => {
    const before = await committed();
    const form = (await preview(excel([...lines, newcomer(962)]))).formWith("Terapkan");
    const answers = await Promise.all([hr.submit(form, "Terapkan"), hr.submit(form, "Terapkan")]);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409]);
    expect(await committed()).toBe(before + 1);
  });

  it("a new upload of the same file is a new import (its own request id)", async () => {
    const before = await committed();
    const content = excel([...lines, newcomer(963)]);
    for (let i = 0; i < 2; i++) {
      const res = await hr.submit((await preview(content)).formWith("Terapkan"), "Terapkan");
      expect(res.status).toBe(303);
    }
    expect(await committed()).toBe(before + 2);
  });

  it("a confirmation without the preview's request id is refused, nothing imported", async () => {
    const before = await committed();
    const body = new FormData();
    body.set("filename", "pegawai.csv");
    body.set("content", Buffer.from(excel([...lines, newcomer(964)]), "utf8").toString("base64"));
    const res = await w.app.request("/dashboard/imports/employees/apply", {
      method: "POST",
      headers: { ...signedIn(w, "hr"), origin: ORIGIN },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Formulir pratinjau tidak lengkap");
    expect(await committed()).toBe(before);
  });
});
