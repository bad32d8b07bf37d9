// The HR API answers problems in Indonesian when the request asks for it (Accept-Language: id, ?lang=id) and in
// English otherwise; the measurement imports read decimal commas ("96,5") and name bad rows in the asked language.
import { beforeAll, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { importEmployees } from "../../../packages/core/src/imports/import-service";
import { generateOrganisationCsv } from "../../../packages/core/src/imports/sample-org";
import { isDictionaryMessage, t } from "../../../packages/core/src/i18n/messages";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import type { HrDeps } from "../../../packages/core/src/hr/hr-deps";
import { createApp } from "../../../packages/web/src/app";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { seedMeasuredAppraisals } from "../../integration/storage/indicator-appraisals";
import { createDevIssuer, generateDevIssuerKey } from "../../../packages/web/src/auth/dev-issuer";
import { requestLang } from "../../../packages/web/src/problem";
import { freshTable } from "../../setup/dynamo";

type Problem = {
  title: string;
  detail?: string;
  status: number;
  errors?: { path?: string; line?: number; field?: string; message: string }[];
};

describe("requestLang", () => {
  const app = new Hono().get("/", (c) => c.text(requestLang(c)));
  const ask = async (headers: Record<string, string>, query = "") =>
    (await app.request(`/${query}`, { headers })).text();

  it("reads ?lang= first, then the best Accept-Language tag the dictionary has, else English", async () => {
    expect(await ask({})).toBe("en");
    expect(await ask({ "accept-language": "id-ID,id;q=0.9,en;q=0.8" })).toBe("id");
    expect(await ask({ "accept-language": "in" })).toBe("id");
    expect(await ask({ "accept-language": "fr-FR, en;q=0.5, id;q=0.7" })).toBe("id");
    expect(await ask({ "accept-language": "en-GB,id;q=0.3" })).toBe("en");
    expect(await ask({ "accept-language": "id;q=0, en;q=0.1" })).toBe("en");
    expect(await ask({ "accept-language": "de" })).toBe("en");
    expect(await ask({ "accept-language": "en" }, "?lang=id")).toBe("id");
    expect(await ask({ "accept-language": "id" }, "?lang=en")).toBe("en");
    expect(await ask({ "accept-language": "id" }, "?lang=xx")).toBe("id");
  });
});

describe("HR API problems in the asked language", () => {
  let storage: Storage;
  let call: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Response>;
  let nip: string;

  beforeAll(async () => {
    const table = await freshTable("hr-lang");
    storage = createStorage({ tableName: table.tableName, client: table.client });
    const clock = createOffsetClock();
    const csv = generateOrganisationCsv({ employees: 5 });
    const imported = await importEmployees(storage, csv, { now: clock.now() });
    expect(imported.ok).toBe(true);
    nip = (await storage.org.listEmployees())[0]!.nip;
    // Indicator rows must feed an appraisal whose SKP has the indicator.
    await seedMeasuredAppraisals(
      storage,
      { cycleId: "c-2027", periodStart: "2027-01-01", periodEnd: "2027-12-31" },
      [nip],
      ["ind-1", "ind-2", "ind-3"],
    );
    const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock });
    // These routes never start workflows (validation, reads, imports); the indicator import reads appraisals.
    const hr = {
      storage,
      clock,
      control: { store: createDynamoFlowStore(storage) } as Partial<HrDeps["control"]> as HrDeps["control"],
    };
    const app = createApp({ hr, auth: { verifier: issuer.verifier() } });
    const token = await issuer.sign({ role: "hr", subject: "siti.hr" });
    call = async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined
            ? {}
            : { "content-type": typeof body === "string" ? "text/csv" : "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
  }, 60_000);

  const badCycle = { name: "", kind: "yearly", periodStart: "2027-01-01", periodEnd: "2027-12-31", extra: 1 };

  it("keeps English by default: the schema's own messages", async () => {
    const res = await call("POST", "/api/cycles", badCycle);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.title).toBe("Invalid request body");
    expect(body.errors!.length).toBeGreaterThan(0);
    expect(body.errors!.every((e) => !isDictionaryMessage(e.message, "id"))).toBe(true);
  });

  it.each([
    ["Accept-Language: id", "/api/cycles", { "accept-language": "id-ID,id;q=0.9" }],
    ["?lang=id", "/api/cycles?lang=id", {}],
  ])(
    "answers a bad body in Indonesian when %s asks: title, detail and every field message",
    async (_how, path, headers) => {
      const res = await call("POST", path, badCycle, headers);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const body = (await res.json()) as Problem;
      expect(body.title).toBe(t("problemInvalidBody", "id"));
      expect(body.detail).toBe(t("problemInvalidDetail", "id"));
      expect(body.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(["name", "kind", "extra"]));
      for (const e of body.errors!) expect(isDictionaryMessage(e.message, "id"), e.message).toBe(true);
      expect(body.errors!.find((e) => e.path === "extra")!.message).toBe(t("unknownField", "id"));
    },
  );

  it("answers not-found in Indonesian, keeping the code's own text as reason", async () => {
    const en = (await (await call("GET", "/api/cycles/no-such-cycle")).json()) as Problem;
    const res = await call("GET", "/api/cycles/no-such-cycle", undefined, { "accept-language": "id" });
    expect(res.status).toBe(404);
    const id = (await res.json()) as Problem & { reason: string };
    expect(id.title).toBe(t("problem404", "id"));
    expect(id.reason).toBe(en.title);
  });

  it("imports indicator values typed with a decimal comma (96,5 -> 96.5)", async () => {
    const csv = `nip,indicator_id,period,value,source\n${nip},ind-1,2027-Q1,"96,5",simpeg\n${nip},ind-1,2027-Q2,97.25,simpeg\n${nip},ind-2,2027-Q1,"1.234,5",simpeg`;
    const res = await call("POST", "/api/imports/indicators", csv);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: 3 });
    const values = await storage.imports.indicatorDataOf(nip, { cycleId: "c-2027", indicatorId: "ind-1" });
    expect(values.map((d) => d.value)).toEqual([96.5, 97.25]);
    expect(
      (await storage.imports.indicatorDataOf(nip, { cycleId: "c-2027", indicatorId: "ind-2" }))[0]!.value,
    ).toBe(1234.5);
  });

  it("names bad import rows in Indonesian when asked, in English otherwise", async () => {
    const csv = `nip,indicator_id,period,value,source\n${nip},ind-3,2027-Q1,"1,2,3",simpeg\n${nip},ind-3,2027-Q9,5,simpeg\n123,ind-3,2027-Q1,5,simpeg`;
    const id = await call("POST", "/api/imports/indicators?lang=id", csv);
    expect(id.status).toBe(400);
    const idBody = (await id.json()) as Problem;
    expect(idBody.title).toBe(t("csvInvalidRows", "id", { count: "3" }));
    expect(idBody.errors).toEqual([
      { line: 2, field: "value", message: t("csvNumber", "id") },
      { line: 3, field: "period", message: t("csvPeriod", "id") },
      { line: 4, field: "nip", message: t("csvNip", "id") },
    ]);
    const en = (await (await call("POST", "/api/imports/indicators", csv)).json()) as Problem;
    expect(en.title).toBe("The file has 3 invalid row value(s); nothing was imported");
    expect(en.errors!.map((e) => e.message)).toEqual([
      t("csvNumber", "en"),
      "must be a period YYYY, YYYY-MM, YYYY-Qn or YYYY-Sn",
      "must be an 18-digit NIP",
    ]);
  });

  const ENGLISH = /missing|unknown|must|invalid|does not exist|cannot|duplicate|only|not a valid/i;
  const HEADER = "nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head";

  it("names a bad employee CSV's header in Indonesian when asked: only dictionary messages", async () => {
    const csv = `nip,name,email,unit_id,unit_name,position,position_type,atasan,unit_head\n${nip},Budi,budi@salorkab.go.id,DISDIK,Dinas Pendidikan,Staf,pelaksana,,false\n`;
    const res = await call("POST", "/api/employees/import", csv, { "accept-language": "id" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.title).toBe(t("csvInvalidRows", "id", { count: "2" }));
    expect(body.errors).toEqual([
      {
        line: 1,
        field: "header",
        message: t("csvMissingColumns", "id", { columns: "superior_nip", header: HEADER }),
      },
      {
        line: 1,
        field: "header",
        message: t("csvUnknownColumns", "id", { columns: "atasan", header: HEADER }),
      },
    ]);
    for (const e of body.errors!) {
      expect(isDictionaryMessage(e.message, "id"), e.message).toBe(true);
      expect(e.message).not.toMatch(ENGLISH);
    }
    // English stays the default.
    const en = (await (await call("POST", "/api/employees/import", csv)).json()) as Problem;
    expect(en.errors![0]!.message).toContain("missing column(s) superior_nip");
  });

  it("names every bad employee row in Indonesian when asked, and imports nothing", async () => {
    const before = await storage.org.listEmployees();
    const rows = [
      HEADER,
      `123,Budi,bukan-surel,DISDIK,Dinas Pendidikan,Staf,kepala,,mungkin`, // bad NIP, email, type, unit_head
      `199001012020011001,,siti@salorkab.go.id,DIS DIK,Dinas,Staf,pelaksana,19900101202001100,false`, // name, unit id, superior
      `199001012020011002,Ani,ani@salorkab.go.id,DISDIK,Dinas Pendidikan,Staf,pelaksana,199001012020011002,false`, // own superior
      `199001012020011003,Rudi,rudi@salorkab.go.id,DISDIK,Dinas Pendidikan,Staf,pelaksana,199901012020011009,false`, // unknown superior
      `199001012020011003,Rudi,rudi@salorkab.go.id,DISDIK,Dinas Pendidikan,Staf,pelaksana,,false`, // duplicate NIP
      `199001012020011004,Tono,tono@salorkab.go.id,DISDIK,Dinas Lain,Staf,pelaksana,,false`, // unit name conflict
    ].join("\n");
    const res = await call("POST", "/api/employees/import?lang=id", rows);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.title).toBe(t("csvInvalidRows", "id", { count: String(body.errors!.length) }));
    expect(body.errors!.map((e) => `${e.line}:${e.field}`)).toEqual(
      expect.arrayContaining([
        "2:nip",
        "2:email",
        "2:position_type",
        "2:unit_head",
        "3:name",
        "3:unit_id",
        "3:superior_nip",
        "6:nip",
        "7:unit_name",
      ]),
    );
    expect(body.errors).toContainEqual({ line: 2, field: "email", message: t("csvEmail", "id") });
    expect(body.errors).toContainEqual({ line: 2, field: "unit_head", message: t("csvBoolean", "id") });
    expect(body.errors).toContainEqual({ line: 3, field: "unit_id", message: t("unitIdChars", "id") });
    for (const e of body.errors!) {
      expect(isDictionaryMessage(e.message, "id"), e.message).toBe(true);
      expect(e.message).not.toMatch(ENGLISH);
    }
    expect(await storage.org.listEmployees()).toEqual(before);

    // Once the rows are valid, the hierarchy is checked, in Indonesian too.
    const hierarchy = [
      HEADER,
      `199001012020011002,Ani,ani@salorkab.go.id,DISDIK,Dinas Pendidikan,Staf,pelaksana,199001012020011002,false`,
      `199001012020011003,Rudi,rudi@salorkab.go.id,DISDIK,Dinas Pendidikan,Staf,pelaksana,199901012020011009,false`,
    ].join("\n");
    const res2 = await call("POST", "/api/employees/import", hierarchy, { "accept-language": "id-ID" });
    const body2 = (await res2.json()) as Problem;
    expect(body2.errors).toEqual([
      {
        line: 2,
        field: "superior_nip",
        message: t("hierarchySelfSuperior", "id", { nip: "199001012020011002" }),
      },
      {
        line: 3,
        field: "superior_nip",
        message: t("hierarchyUnknownSuperior", "id", { nip: "199901012020011009" }),
      },
    ]);
    for (const e of body2.errors!) expect(e.message).not.toMatch(ENGLISH);
  });

  it("says why a file is not readable CSV in Indonesian when asked", async () => {
    const csv = `nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head\n"${nip},Budi\n`;
    const body = (await (await call("POST", "/api/employees/import?lang=id", csv)).json()) as Problem;
    expect(body.errors).toEqual([
      {
        line: 2,
        field: "file",
        message: t("csvUnreadable", "id", { reason: t("csvQuoteNotClosed", "id", { line: "2" }) }),
      },
    ]);
    expect(body.errors![0]!.message).not.toMatch(/quote|line/i);
    const en = (await (await call("POST", "/api/employees/import", csv)).json()) as Problem;
    expect(en.errors![0]!.message).toContain("not valid CSV: Quote Not Closed");
  });

  it("answers HR's domain errors with an Indonesian detail and field messages when asked", async () => {
    const cycle = {
      name: "Tahunan 2027",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    };
    const res = await call(
      "POST",
      "/api/cycles",
      { ...cycle, unitIds: ["dinas-hilang"] },
      { "accept-language": "id" },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem & { reason: string };
    expect(body.title).toBe(t("problem400", "id"));
    expect(body.detail).toBe(t("hrUnknownUnits", "id"));
    expect(body.errors).toEqual([
      { path: "unitIds.0", message: t("hrUnitNotFound", "id", { unitId: "dinas-hilang" }) },
    ]);
    expect(body.reason).toBe("unknown units");

    const missing = (await (
      await call("GET", "/api/employees?unit=dinas-hilang", undefined, { "accept-language": "id" })
    ).json()) as Problem;
    expect(missing.title).toBe(t("problem404", "id"));
    expect(missing.detail).toBe(t("hrUnitNotFound", "id", { unitId: "dinas-hilang" }));

    // A schema's own rule is named in Indonesian, not with a generic message.
    const short = await call("POST", "/api/cycles?lang=id", { ...cycle, periodEnd: "2027-03-31" });
    expect(((await short.json()) as Problem).errors).toEqual([
      { path: "periodEnd", message: t("hrPeriodKindMismatch", "id") },
    ]);
    const wrongType = await call("POST", "/api/employees/import", "{}", {
      "content-type": "application/json",
      "accept-language": "id",
    });
    expect(wrongType.status).toBe(415);
    const wrongBody = (await wrongType.json()) as Problem;
    expect(wrongBody.detail).toBe(t("hrCsvContentType", "id", { type: "application/json" }));
  });

  it("reads decimal commas in attendance and survey cells that must be whole numbers", async () => {
    const attendance = `nip,month,work_days,present,late_minutes,absent_without_leave\n${nip},2027-01,"22,0",20,"1.234.0",0`;
    const bad = await call("POST", "/api/imports/attendance", attendance, { "accept-language": "id" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors).toEqual([
      { line: 2, field: "late_minutes", message: t("csvWholeNumber", "id") },
    ]);
    const good = `nip,month,work_days,present,late_minutes,absent_without_leave\n${nip},2027-01,"22,0",20,"1.234",0`;
    expect((await call("POST", "/api/imports/attendance", good)).status).toBe(400); // 1.234 is not whole
    const fine = `nip,month,work_days,present,late_minutes,absent_without_leave\n${nip},2027-01,"22,0",20,15,0`;
    expect((await call("POST", "/api/imports/attendance", fine)).status).toBe(200);
    const unit = (await storage.org.listUnits())[0]!.unitId;
    const survey = `unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n${unit},r1,2027-02-01,"4,0",3,3,3,3,3,3,3,3`;
    expect((await call("POST", "/api/imports/survey", survey)).status).toBe(200);
  });
});
