// Cycle guards of POST /api/cycles (issue 15 item 11) and the other dates the HR API takes, through the real app on
// DynamoDB Local: an impossible or malformed date is a 400 naming the field (English by default, Indonesian when
// asked), never a 500; a second cycle of the same kind over an overlapping period for the same employees is a 409
// naming the existing cycle unless `allowOverlap: true`; a cycle entirely in the past needs `confirmPast: true`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../../packages/core/src/i18n/messages";
import { organisation, settle, startHrWorld, type HrWorld } from "./hr-world";

// Monday 4 January 2027, 08:00 WIB.
const START = "2027-01-04T01:00:00.000Z";

type Problem = {
  title: string;
  status: number;
  detail?: string;
  reason?: string;
  existingCycleId?: string;
  errors?: { path?: string; line?: number; field?: string; message: string }[];
};

describe("cycle guards and date checks of the HR API", () => {
  let w: HrWorld;
  const org = organisation(2);
  const q1 = {
    name: "Triwulan I 2027 Dinas Uji",
    kind: "quarterly",
    periodStart: "2027-01-01",
    periodEnd: "2027-03-31",
    settings: { periodicEvaluation: "none" },
  };
  let q1Id: string;

  const post = async (body: unknown, headers: Record<string, string> = {}, query = "") => {
    const res = await w.app.request(`/api/cycles${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.hrToken}`, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as Problem };
  };
  const created = async (body: unknown) => {
    const res = await post(body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return (res.body as unknown as { id: string }).id;
  };

  beforeAll(async () => {
    w = await startHrWorld(START);
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
  }, 60_000);
  afterAll(async () => w?.close());

  describe("impossible and malformed dates answer 400 naming the field", () => {
    const cases: [string, Record<string, unknown>, string, "hrRealDate" | "hrPeriodEndAfterStart"][] = [
      [
        "30 February",
        { kind: "annual", periodStart: "2027-03-01", periodEnd: "2028-02-30" },
        "periodEnd",
        "hrRealDate",
      ],
      [
        "a day-first date",
        { kind: "annual", periodStart: "31/12/2027", periodEnd: "2028-12-30" },
        "periodStart",
        "hrRealDate",
      ],
      [
        "month 13",
        { kind: "quarterly", periodStart: "2027-13-01", periodEnd: "2028-03-31" },
        "periodStart",
        "hrRealDate",
      ],
      [
        "an end before the start",
        { kind: "quarterly", periodStart: "2027-04-01", periodEnd: "2027-03-31" },
        "periodEnd",
        "hrPeriodEndAfterStart",
      ],
    ];
    for (const [what, dates, path, key] of cases) {
      it(`${what}: English by default, Indonesian when asked`, async () => {
        const body = { name: "Siklus uji", ...dates };
        const en = await post(body);
        expect(en.status).toBe(400);
        expect(en.type).toContain("application/problem+json");
        expect(en.body.errors).toEqual([{ path, message: t(key, "en") }]);
        for (const [headers, query] of [
          [{ "accept-language": "id" }, ""] as const,
          [{}, "?lang=id"] as const,
        ]) {
          const id = await post(body, headers, query);
          expect(id.status).toBe(400);
          expect(id.body.title).toBe(t("problemInvalidBody", "id"));
          expect(id.body.errors).toEqual([{ path, message: t(key, "id") }]);
        }
      });
    }

    it("an impossible date does not also blame the other field or the kind", async () => {
      const res = await post({
        name: "x",
        kind: "monthly",
        periodStart: "2027-02-29",
        periodEnd: "2027-02-28",
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: "periodStart", message: t("hrRealDate", "en") }]);
      expect((await (await w.call("GET", "/api/cycles")).json()) as unknown[]).toEqual([]);
    });

    it("IKM bounds: an impossible date is a 400 naming from/to, not a silently shifted day", async () => {
      const survey = [
        "unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9",
        "dinas-uji,r1,2027-01-02,4,3,3,4,3,2,3,4,3",
      ].join("\n");
      expect((await w.call("POST", "/api/imports/survey", survey)).status).toBe(200);
      for (const [query, path] of [
        ["from=2027-02-30", "from"],
        ["to=2027-13-01", "to"],
        ["from=2027-02-30T10:00:00Z", "from"],
        ["to=31/12/2027", "to"],
      ] as const) {
        const res = await w.call("GET", `/api/units/dinas-uji/ikm?${query}`);
        expect(res.status, query).toBe(400);
        const body = (await res.json()) as Problem;
        expect(body.errors, query).toEqual([{ path, message: t("hrDateOrTime", "en") }]);
        const id = await w.call("GET", `/api/units/dinas-uji/ikm?${query}&lang=id`);
        expect(((await id.json()) as Problem).errors, query).toEqual([
          { path, message: t("hrDateOrTime", "id") },
        ]);
      }
      // A date bound and an instant bound compare as instants: 2 Jan (a Jakarta day, from 1 Jan 17:00 UTC) starts
      // before 1 Jan 18:00 UTC, and the response of 2 Jan 00:00 WIB falls inside.
      const mixed = await w.call("GET", "/api/units/dinas-uji/ikm?from=2027-01-02&to=2027-01-01T18:00:00Z");
      expect(mixed.status).toBe(200);
      expect(((await mixed.json()) as { respondents: number }).respondents).toBe(1);
      const reversed = await w.call(
        "GET",
        "/api/units/dinas-uji/ikm?from=2027-01-02&to=2027-01-01T00:00:00Z",
      );
      expect(reversed.status).toBe(400);
      expect(((await reversed.json()) as Problem).errors).toEqual([
        { path: "to", message: t("hrToNotBeforeFrom", "en") },
      ]);
      expect((await w.call("GET", "/api/units/dinas-uji/ikm?from=2027-01-01&to=2027-01-31")).status).toBe(
        200,
      );
    });

    it("survey import: an impossible submitted_at is a row error, not a response filed on another day", async () => {
      const survey = [
        "unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9",
        "dinas-uji,r2,2027-02-30,4,3,3,4,3,2,3,4,3",
        "dinas-uji,r3,2027-02-30T10:00:00Z,4,3,3,4,3,2,3,4,3",
        "dinas-uji,r4,31/12/2027,4,3,3,4,3,2,3,4,3",
      ].join("\n");
      const res = await w.call("POST", "/api/imports/survey", survey);
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors).toEqual([
        { line: 2, field: "submitted_at", message: t("csvDateTime", "en") },
        { line: 3, field: "submitted_at", message: t("csvDateTime", "en") },
        { line: 4, field: "submitted_at", message: t("csvDateTime", "en") },
      ]);
    });

    it("attendance import: an impossible month is a row error", async () => {
      const attendance = `nip,month,work_days,present,late_minutes,absent_without_leave\n${org.people[0]!.nip},2027-13,22,20,0,0`;
      const res = await w.call("POST", "/api/imports/attendance", attendance);
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors).toEqual([
        { line: 2, field: "month", message: t("csvMonth", "en") },
      ]);
    });
  });

  describe("overlapping cycles", () => {
    it("opens the first cycle for a unit", async () => {
      q1Id = await created({ ...q1, unitIds: ["dinas-uji"] });
      await settle(w.world);
    }, 60_000);

    it("refuses the same kind over an overlapping period for overlapping units with 409 naming the cycle", async () => {
      // The secretariat is a sub-unit of Dinas Uji, so its people are already in the first cycle.
      const sub = await post({ ...q1, name: "Triwulan I Sekretariat", unitIds: ["dinas-uji-sekretariat"] });
      expect(sub.status).toBe(409);
      expect(sub.type).toContain("application/problem+json");
      const params = {
        cycleId: q1Id,
        name: q1.name,
        periodStart: q1.periodStart,
        periodEnd: q1.periodEnd,
      };
      expect(sub.body.title).toBe(t("hrCycleOverlap", "en", params));
      expect(sub.body.title).toContain(q1Id);
      expect(sub.body.existingCycleId).toBe(q1Id);
      // The whole organisation over a shifted quarter also holds Dinas Uji's people.
      const whole = await post({
        ...q1,
        name: "Triwulan geser",
        periodStart: "2027-02-01",
        periodEnd: "2027-04-30",
      });
      expect(whole.status).toBe(409);
      expect(whole.body.existingCycleId).toBe(q1Id);
      const id = await post({ ...q1, unitIds: ["dinas-uji"] }, { "accept-language": "id" });
      expect(id.status).toBe(409);
      expect(id.body.title).toBe(t("problem409", "id"));
      expect(id.body.detail).toBe(t("hrCycleOverlap", "id", params));
      expect(id.body.detail).toContain(q1Id);
      const cycles = (await (await w.call("GET", "/api/cycles")).json()) as { id: string }[];
      expect(cycles.map((c) => c.id)).toEqual([q1Id]);
    });

    it("opens it anyway with allowOverlap: true, and audits the override", async () => {
      const id = await created({
        ...q1,
        name: "Triwulan I Sekretariat (ulang)",
        unitIds: ["dinas-uji-sekretariat"],
        allowOverlap: true,
      });
      const audit = (await (await w.call("GET", `/api/cycles/${id}/audit`)).json()) as {
        action: string;
        detail: { overlaps?: string[] };
      }[];
      expect(audit[0]!.action).toBe("cycle-created");
      expect(audit[0]!.detail.overlaps).toEqual([q1Id]);
      await settle(w.world);
    }, 60_000);

    it("accepts disjoint units and the next quarter", async () => {
      await created({ ...q1, name: "Triwulan I Kesehatan", unitIds: ["dinas-kesehatan"] });
      await created({ ...q1, name: "Triwulan II", periodStart: "2027-04-01", periodEnd: "2027-06-30" });
      await settle(w.world);
    }, 60_000);

    it("accepts an annual cycle beside the quarterly cycles of the same year (periodic cycles live inside it)", async () => {
      await created({
        name: "Tahunan 2027",
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
      });
      await settle(w.world);
      const again = await post({
        name: "Tahunan 2027 lagi",
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
        unitIds: ["dinas-kesehatan"],
      });
      expect(again.status).toBe(409);
    }, 60_000);

    it("does not count a cancelled cycle", async () => {
      const may = {
        name: "Mei 2027",
        kind: "monthly",
        periodStart: "2027-05-01",
        periodEnd: "2027-05-31",
        unitIds: ["dinas-kesehatan"],
        settings: { periodicEvaluation: "none" },
      };
      const first = await created(may);
      await settle(w.world);
      expect((await post(may)).status).toBe(409);
      expect((await w.call("POST", `/api/cycles/${first}/cancel`, { reason: "Salah unit" })).status).toBe(
        200,
      );
      const second = await created(may);
      expect(second).not.toBe(first);
      await settle(w.world);
    }, 60_000);
  });

  describe("cycles entirely in the past", () => {
    const past = {
      name: "Triwulan III 2026",
      kind: "quarterly",
      periodStart: "2026-07-01",
      periodEnd: "2026-09-30",
      unitIds: ["dinas-kesehatan"],
      settings: { periodicEvaluation: "none" },
    };

    it("asks for confirmation (409 explaining it), in English and Indonesian", async () => {
      const en = await post(past);
      expect(en.status).toBe(409);
      const params = { periodEnd: "2026-09-30", today: "2027-01-04" };
      expect(en.body.title).toBe(t("hrCyclePast", "en", params));
      const id = await post(past, {}, "?lang=id");
      expect(id.status).toBe(409);
      expect(id.body.detail).toBe(t("hrCyclePast", "id", params));
    });

    it("opens it with confirmPast: true; a period ending today is not in the past", async () => {
      await created({ ...past, confirmPast: true });
      await created({
        name: "Desember 2026 - 4 Januari",
        kind: "monthly",
        periodStart: "2026-12-05",
        periodEnd: "2027-01-04",
        unitIds: ["dinas-uji"],
        settings: { periodicEvaluation: "none" },
      });
      await settle(w.world);
    }, 60_000);
  });

  it("documents allowOverlap and confirmPast in the OpenAPI of POST /api/cycles", async () => {
    const spec = (await (await w.app.request("/openapi.json")).json()) as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: unknown }> } } }>;
    };
    const schema = spec.paths["/api/cycles"]!.post!.requestBody!.content["application/json"]!.schema as {
      properties: Record<string, { type?: string; description?: string }>;
    };
    expect(schema.properties.allowOverlap).toMatchObject({ type: "boolean" });
    expect(schema.properties.allowOverlap!.description).toMatch(/overlap/i);
    expect(schema.properties.confirmPast).toMatchObject({ type: "boolean" });
    expect(schema.properties.confirmPast!.description).toMatch(/past/i);
  });
});
