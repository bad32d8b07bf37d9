// The CSV templates HR downloads carry every column the imports read, from the same constants (issue 15: the
// employment type, jenjang and cycle_id columns must show there), and a template filled in imports as it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nipOf } from "../../workflows/harness";
import { startHrWorld, type HrWorld } from "./hr-world";

describe("CSV templates for HR", () => {
  let w: HrWorld;
  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
  }, 60_000);
  afterAll(async () => w?.close());

  const header = async (kind: string) => {
    const res = await w.call("GET", `/api/imports/templates/${kind}`, undefined, { token: w.viewerToken });
    expect(res.status, kind).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="templat-${kind}.csv"`);
    return res.text();
  };

  it("serves the header row of each import, optional columns last", async () => {
    expect(await header("employees")).toBe(
      "nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head,parent_unit_id,employment_type,jenjang\r\n",
    );
    expect(await header("attendance")).toBe(
      "nip,month,work_days,present,late_minutes,absent_without_leave\r\n",
    );
    expect(await header("survey")).toBe("unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\n");
    expect(await header("indicators")).toBe("nip,indicator_id,period,value,source,cycle_id\r\n");
    expect(await header("org-settings")).toBe("role,name,position,email,nip\r\n");
  });

  it("names the kinds it knows when asked for another, in Indonesian when asked", async () => {
    const res = await w.call("GET", "/api/imports/templates/gaji?lang=id");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual([
      {
        path: "kind",
        message: expect.stringContaining("employees, attendance, survey, indicators, org-settings"),
      },
    ]);
  });

  it("a filled-in employee template imports, the PPPK number and jenjang included", async () => {
    const template = await header("employees");
    const top = nipOf(700);
    const rows = [
      `${top},Sekretaris Daerah,sekda@salor.test,SETDA,Sekretariat Daerah,Sekretaris Daerah,jpt,,true,,pns,`,
      `199312282025212001,Lestari,lestari@salor.test,SETDA,Sekretariat Daerah,Pranata Komputer Ahli Pertama,fungsional,${top},false,,,ahli_pertama`,
    ];
    const res = await w.call("POST", "/api/employees/import", template + rows.join("\r\n"), {
      contentType: "text/csv",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const employees = (await (await w.call("GET", "/api/employees")).json()) as Record<string, unknown>[];
    expect(employees.find((e) => e.nip === "199312282025212001")).toMatchObject({
      employmentType: "pppk",
      jenjang: "ahli_pertama",
    });
  });

  it("the dashboard lists the templates with their columns and serves them to a signed-in viewer", async () => {
    const viewer = { authorization: `Bearer ${w.viewerToken}` };
    const html = await (await w.app.request("/dashboard", { headers: viewer })).text();
    expect(html).toContain("Templat impor CSV");
    expect(html).toContain('href="/dashboard/templates/indicators.csv"');
    expect(html).toContain("cycle_id (opsional)");
    const file = await w.app.request("/dashboard/templates/employees.csv", { headers: viewer });
    expect(file.status).toBe(200);
    expect(await file.text()).toContain("employment_type,jenjang");
    expect((await w.app.request("/dashboard/templates/gaji.csv", { headers: viewer })).status).toBe(404);
  });
});
