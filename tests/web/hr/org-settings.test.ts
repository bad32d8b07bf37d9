// The organisation settings through the HR API (issue 15 item 2): HR reads and sets the staffing authority and the
// appraiser of the top official (JSON or the org-settings CSV), every change audited; bad settings answer 400 naming
// each field in Indonesian when asked; the viewer may only read; the OpenAPI document shows the routes and the body.
import { beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { isDictionaryMessage, t } from "../../../packages/core/src/i18n/messages";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import type { HrDeps } from "../../../packages/core/src/hr/hr-deps";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { createApp } from "../../../packages/web/src/app";
import { createDevIssuer, generateDevIssuerKey } from "../../../packages/web/src/auth/dev-issuer";
import { freshTable } from "../../setup/dynamo";

type Problem = {
  title: string;
  detail?: string;
  status: number;
  errors?: { path?: string; line?: number; field?: string; message: string }[];
};

const BUPATI = { name: "H. Ahmad Salim", position: "Bupati Salor", email: "bupati@salorkab.go.id" };
const WAKIL = {
  name: "Dra. Sri Lestari",
  position: "Wakil Bupati Salor",
  email: "wabup@salorkab.go.id",
  nip: "197001012000032001",
};

describe("HR API: organisation settings", () => {
  let storage: Storage;
  let app: ReturnType<typeof createApp>;
  let tokens: { hr: string; viewer: string };
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    role: "hr" | "viewer" = "hr",
  ) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${tokens[role]}`,
        ...(body === undefined
          ? {}
          : { "content-type": typeof body === "string" ? "text/csv" : "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    const table = await freshTable("org-settings");
    const clock = createOffsetClock();
    storage = createStorage({ tableName: table.tableName, client: table.client, clock });
    const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock });
    const hr = {
      storage,
      clock,
      control: { store: createDynamoFlowStore(storage) } as Partial<HrDeps["control"]> as HrDeps["control"],
    };
    app = createApp({ hr, auth: { verifier: issuer.verifier() } });
    tokens = {
      hr: await issuer.sign({ role: "hr", subject: "siti.hr" }),
      viewer: await issuer.sign({ role: "viewer", subject: "budi.viewer" }),
    };
  }, 60_000);

  it("answers that nothing is set before HR sets it", async () => {
    const res = await call("GET", "/api/org/settings");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      configured: false,
      pejabatPembinaKepegawaian: null,
      topOfficialAppraiser: null,
      topAppraisedBy: null,
      audit: [],
    });
  });

  it("refuses bad settings with 400 naming each field in Indonesian, and stores nothing", async () => {
    const bad = {
      pejabatPembinaKepegawaian: { name: "", position: "Bupati Salor", email: "bukan-surel", nip: "123" },
      topOfficialAppraiser: { name: "X", email: "x@salor.go.id" },
      extra: true,
    };
    const res = await call("PUT", "/api/org/settings", bad, { "accept-language": "id" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.title).toBe(t("problemInvalidBody", "id"));
    const byPath = Object.fromEntries(body.errors!.map((e) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      "pejabatPembinaKepegawaian.name": t("required", "id"),
      "pejabatPembinaKepegawaian.email": t("csvEmail", "id"),
      "pejabatPembinaKepegawaian.nip": t("csvNip", "id"),
      "topOfficialAppraiser.position": t("required", "id"),
      extra: t("unknownField", "id"),
    });
    for (const e of body.errors!) expect(isDictionaryMessage(e.message, "id"), e.message).toBe(true);
    expect(await storage.orgSettings.get()).toBeUndefined();
    // The staffing authority is required.
    const missing = await call("PUT", "/api/org/settings?lang=id", {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Problem).errors![0]).toMatchObject({
      path: "pejabatPembinaKepegawaian",
      message: t("required", "id"),
    });
  });

  it("lets the viewer read but not set", async () => {
    expect((await call("GET", "/api/org/settings", undefined, {}, "viewer")).status).toBe(200);
    const res = await call("PUT", "/api/org/settings", { pejabatPembinaKepegawaian: BUPATI }, {}, "viewer");
    expect(res.status).toBe(403);
  });

  it("sets the settings, says who appraises the top and audits each change with what it replaced", async () => {
    const first = await call("PUT", "/api/org/settings", { pejabatPembinaKepegawaian: BUPATI });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      configured: true,
      pejabatPembinaKepegawaian: BUPATI,
      topOfficialAppraiser: null,
      topAppraisedBy: "pejabatPembinaKepegawaian",
      updatedBy: "hr:siti.hr",
    });
    const second = await call("PUT", "/api/org/settings", {
      pejabatPembinaKepegawaian: BUPATI,
      topOfficialAppraiser: WAKIL,
    });
    const view = (await second.json()) as { topAppraisedBy: string; audit: { detail: unknown }[] };
    expect(view.topAppraisedBy).toBe("topOfficialAppraiser");
    expect(view.audit.map((a) => a.detail)).toEqual([
      expect.objectContaining({ via: "api", previous: null }),
      expect.objectContaining({ via: "api", previous: { pejabatPembinaKepegawaian: BUPATI } }),
    ]);
    expect((await storage.orgSettings.get())?.topOfficialAppraiser).toEqual(WAKIL);
  });

  it("imports the org-settings CSV an HR person fills in, and names bad rows by line and column", async () => {
    const bad =
      "role,name,position,email,nip\n" +
      "bupati,H. Ahmad Salim,Bupati Salor,bupati@salorkab.go.id,\n" +
      "penilai_pimpinan_tertinggi,Dra. Sri Lestari,,wabup@salorkab.go.id,\n";
    const refused = await call("POST", "/api/org/settings/import", bad, { "accept-language": "id" });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors).toEqual([
      { line: 2, field: "role", message: expect.stringContaining("pejabat_pembina_kepegawaian") },
      { line: 3, field: "position", message: t("required", "id") },
    ]);
    const good =
      "role,name,position,email,nip\n" +
      "pejabat_pembina_kepegawaian,H. Ahmad Salim,Bupati Salor,bupati@salorkab.go.id,\n";
    const res = await call("POST", "/api/org/settings/import", good);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ topAppraisedBy: "pejabatPembinaKepegawaian" });
    expect(await storage.orgSettings.get()).toMatchObject({ pejabatPembinaKepegawaian: BUPATI });
    expect((await storage.orgSettings.get())?.topOfficialAppraiser).toBeUndefined();
  });

  it("publishes the routes and the settings body in /openapi.json", async () => {
    const spec = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(Object.keys(spec.paths["/api/org/settings"] ?? {}).sort()).toEqual(["get", "put"]);
    expect(spec.paths["/api/org/settings/import"]?.post).toBeDefined();
    const schema = JSON.stringify(
      spec.paths["/api/org/settings"]!.put!.requestBody!.content["application/json"],
    );
    for (const field of ["pejabatPembinaKepegawaian", "topOfficialAppraiser", "position", "nip"])
      expect(schema).toContain(field);
  });
});
