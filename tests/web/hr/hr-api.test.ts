import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanAll } from "../../setup/dynamo";
import { driveStaffToFeedback, organisation, settle, startHrWorld, type HrWorld } from "./hr-world";

const START = "2027-01-04T01:00:00.000Z";

describe("HR API against the real engine, handlers and DynamoDB Local", () => {
  let w: HrWorld;
  const org = organisation(6);
  let cycleId: string;

  beforeAll(async () => {
    w = await startHrWorld(START);
  }, 60_000);
  afterAll(async () => w?.close());

  describe("employee import", () => {
    it("rejects a file with bad rows, naming line and field, and writes nothing", async () => {
      const before = (
        await scanAll({ tableName: w.world.storage.tableName, client: w.world.storage.client, endpoint: "" })
      ).length;
      const bad = org.csv.replace(`${org.people[1]!.nip},`, "12345,").replace(",pelaksana,", ",tukang,");
      const res = await w.call("POST", "/api/employees/import", bad);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const body = (await res.json()) as { errors: { line: number; field: string; message: string }[] };
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { line: 4, field: "position_type", message: expect.any(String) },
          { line: 5, field: "nip", message: expect.stringContaining("18 digits") },
        ]),
      );
      const after = await scanAll({
        tableName: w.world.storage.tableName,
        client: w.world.storage.client,
        endpoint: "",
      });
      // Only the audit event of the rejected attempt (and its id guard) was added: no unit, employee or org pointer.
      expect(after.length).toBe(before + 2);
      expect(after.filter((i) => i.__edb_e__ === "auditEventId")).toHaveLength(
        after.filter((i) => i.__edb_e__ === "auditEvent").length,
      );
      expect((await (await w.call("GET", "/api/units")).json()) as unknown[]).toEqual([]);
    });

    it("refuses a body that is not text/csv with 415", async () => {
      const res = await w.call("POST", "/api/employees/import", org.csv, { contentType: "application/json" });
      expect(res.status).toBe(415);
    });

    it("imports the organisation and lists units and employees per unit", async () => {
      const res = await w.call("POST", "/api/employees/import", org.csv);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ units: 3, employees: 11, created: 11 });
      const units = (await (await w.call("GET", "/api/units")).json()) as {
        unitId: string;
        parentUnitId?: string;
      }[];
      expect(units.map((u) => u.unitId)).toEqual(["dinas-kesehatan", "dinas-uji", "dinas-uji-sekretariat"]);
      expect(units.find((u) => u.unitId === "dinas-uji-sekretariat")!.parentUnitId).toBe("dinas-uji");
      const staff = (await (await w.call("GET", "/api/employees?unit=dinas-uji")).json()) as {
        nip: string;
      }[];
      expect(staff).toHaveLength(7);
      const withSub = (await (
        await w.call("GET", "/api/employees?unit=dinas-uji&subUnits=true", undefined, {
          token: w.viewerToken,
        })
      ).json()) as unknown[];
      expect(withSub).toHaveLength(8);
      expect((await w.call("GET", "/api/employees?unit=nowhere")).status).toBe(404);
      const badQuery = await w.call("GET", "/api/employees?unit=a%20b");
      expect(badQuery.status).toBe(400);
      expect(((await badQuery.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("unit");
    });

    it("audits every import attempt with who did it", async () => {
      const trail = (await (await w.call("GET", "/api/imports/audit")).json()) as {
        actor: string;
        action: string;
        detail: { kind: string };
      }[];
      expect(trail.map((e) => e.action)).toEqual(["import-rejected", "import-committed"]);
      expect(trail.every((e) => e.actor === "hr:siti.hr" && e.detail.kind === "employees")).toBe(true);
    });
  });

  describe("cycles", () => {
    it("answers 400 naming every bad field of a cycle", async () => {
      const res = await w.call("POST", "/api/cycles", {
        name: "",
        kind: "yearly",
        periodStart: "2027-02-30",
        periodEnd: "2027-03-31",
        settings: { reminderAfterDays: 0 },
        extra: 1,
      });
      expect(res.status).toBe(400);
      const paths = ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
      expect(paths).toEqual(
        expect.arrayContaining(["name", "kind", "periodStart", "settings.reminderAfterDays"]),
      );
      const mismatch = await w.call("POST", "/api/cycles", {
        name: "Q1",
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
      });
      expect(((await mismatch.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
        { path: "periodEnd", message: expect.stringContaining("cycle kind") },
      ]);
      const malformed = await w.call("POST", "/api/cycles", "{not json", { contentType: "application/json" });
      expect(malformed.status).toBe(400);
    });

    it("answers 400 for an unknown unit without creating anything", async () => {
      const res = await w.call("POST", "/api/cycles", {
        name: "Q1",
        kind: "quarterly",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
        unitIds: ["dinas-uji", "dinas-hilang"],
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
        { path: "unitIds.1", message: "unit dinas-hilang does not exist" },
      ]);
      expect((await (await w.call("GET", "/api/cycles")).json()) as unknown[]).toEqual([]);
    });

    it("creates and launches a cycle: 202 {id, status}, then one appraisal per employee with a superior", async () => {
      const res = await w.call("POST", "/api/cycles", {
        name: "Triwulan I 2027",
        kind: "quarterly",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
        settings: { periodicEvaluation: "none" },
      });
      expect(res.status).toBe(202);
      const created = (await res.json()) as { id: string; status: string };
      expect(created.status).toBe("launching");
      expect(res.headers.get("location")).toBe(`/api/cycles/${created.id}`);
      cycleId = created.id;
      await settle(w.world);
      const detail = (await (await w.call("GET", `/api/cycles/${cycleId}`)).json()) as {
        status: string;
        total: number;
        counts: Record<string, number>;
        audit: { action: string }[];
      };
      expect(detail.status).toBe("running");
      // 11 people, 2 top officials not appraised.
      expect(detail.total).toBe(9);
      expect(detail.counts["target-setting"]).toBe(9);
      expect(detail.audit.map((e) => e.action)).toEqual(["cycle-created", "cycle-launched"]);
      const again = await w.call("POST", "/api/cycles", {
        id: cycleId,
        name: "Dup",
        kind: "quarterly",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
      });
      expect(again.status).toBe(409);
    });

    it("drives the staff to feedback, listing overdue decisions on the way", async () => {
      let overdue: {
        name: string;
        kind: string;
        waitingFor: { name: string; role: string }[];
        waitingDays: number;
      }[] = [];
      await driveStaffToFeedback(w, org, cycleId, {
        afterTargets: async () => {
          overdue = (await (await w.call("GET", `/api/cycles/${cycleId}/overdue`)).json()) as typeof overdue;
        },
      });
      // The nurses never proposed their SKP: after 4 days (reminder at 3) HR sees who is waited for.
      expect(overdue.map((o) => o.name).sort()).toEqual(["Perawat Dua", "Perawat Satu"]);
      expect(overdue[0]).toMatchObject({
        kind: "skp-proposal",
        waitingDays: 4,
        waitingFor: [{ role: "employee" }],
      });
      const rows = (await (await w.call("GET", `/api/cycles/${cycleId}/appraisals`)).json()) as {
        nip: string;
        stage: string;
        predikat?: string;
        ratings?: object;
      }[];
      const staffRows = rows.filter((r) => org.people.some((p) => p.nip === r.nip));
      expect(staffRows.map((r) => r.stage)).toEqual(Array(6).fill("feedback"));
      expect(staffRows.filter((r) => r.predikat === "sangat_baik")).toHaveLength(5);
      expect(staffRows.find((r) => r.predikat === "baik")).toMatchObject({
        ratings: { hasilKerja: "meets", perilaku: "meets" },
      });
    });

    it("sets an organisation rating and reports the distribution with its warnings", async () => {
      const bad = await w.call("PUT", "/api/units/dinas-uji/org-rating", { cycleId, rating: "great" });
      expect(bad.status).toBe(400);
      expect(
        (await w.call("PUT", "/api/units/dinas-hilang/org-rating", { cycleId, rating: "baik" })).status,
      ).toBe(404);
      expect(
        (await w.call("PUT", "/api/units/dinas-uji/org-rating", { cycleId: "no-such-cycle", rating: "baik" }))
          .status,
      ).toBe(404);
      const res = await w.call("PUT", "/api/units/dinas-uji/org-rating", { cycleId, rating: "istimewa" });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        unitId: "dinas-uji",
        rating: "istimewa",
        setBy: "hr:siti.hr",
      });
      const detail = (await (
        await w.call("GET", `/api/cycles/${cycleId}`, undefined, { token: w.viewerToken })
      ).json()) as {
        distribution: {
          overall: Record<string, number>;
          units: {
            unitId: string;
            orgRating: string | null;
            counts: Record<string, number>;
            warnings: { rule: string; message: string }[];
          }[];
        };
        audit: { action: string; detail: { rating?: string } }[];
      };
      expect(detail.distribution.overall).toMatchObject({ sangat_baik: 5, baik: 1 });
      const uji = detail.distribution.units.find((u) => u.unitId === "dinas-uji")!;
      // 5 of 6 Sangat Baik exceeds the 70% (4 people) an Istimewa unit allows.
      expect(uji).toMatchObject({ orgRating: "istimewa", counts: { sangat_baik: 5, baik: 1 } });
      expect(uji.warnings).toEqual([{ rule: "max-70-sangat-baik", message: expect.stringContaining("70%") }]);
      // The sub-unit follows its parent's rating; the health office has none.
      expect(detail.distribution.units.find((u) => u.unitId === "dinas-uji-sekretariat")!.orgRating).toBe(
        "istimewa",
      );
      expect(detail.distribution.units.find((u) => u.unitId === "dinas-kesehatan")).toMatchObject({
        orgRating: null,
        warnings: [],
      });
      expect(detail.audit.at(-1)).toMatchObject({ action: "org-rating-set", detail: { rating: "istimewa" } });
    });

    it("returns one appraisal's whole record with its audit trail and never a task token", async () => {
      const id = `${cycleId}-${org.people[0]!.nip}`;
      const res = await w.call("GET", `/api/appraisals/${id}`, undefined, { token: w.viewerToken });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toMatch(/taskToken/);
      const story = JSON.parse(text) as {
        stage: string;
        predikat: string;
        skp: { status: string };
        review: { hasilKerja: string };
        audit: { action: string; kind?: string; linkId?: string; actor: string }[];
        decisions: { kind: string; status: string }[];
      };
      expect(story).toMatchObject({
        stage: "feedback",
        predikat: "sangat_baik",
        skp: { status: "approved" },
        review: { hasilKerja: "above" },
      });
      const decisions = story.audit.filter((e) => e.action === "decision");
      expect(decisions.map((e) => e.kind)).toEqual(["skp-proposal", "skp-approval", "realization", "review"]);
      expect(decisions.every((e) => typeof e.linkId === "string")).toBe(true);
      expect(story.decisions.find((d) => d.kind === "acknowledgement")).toMatchObject({ status: "pending" });
      expect((await w.call("GET", "/api/appraisals/nope")).status).toBe(404);
    });

    it("exports the results as CSV with the documented columns", async () => {
      const res = await w.call("GET", `/api/cycles/${cycleId}/export.csv`, undefined, {
        token: w.viewerToken,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/csv");
      expect(res.headers.get("content-disposition")).toContain(`kinerja-${cycleId}.csv`);
      const lines = (await res.text()).trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        "cycle_id,cycle_name,period_start,period_end,nip,name,unit_id,unit_name,position_type,employment_type,jenjang,appraiser_nip,appraiser_name,stage,hasil_kerja,perilaku,predikat,predikat_label,org_rating,objection,final,follow_up,consecutive_poor,angka_kredit,angka_kredit_months,absent_days,discipline_sanction,discipline_sanction_label",
      );
      expect(lines).toHaveLength(10);
      const first = lines.find((l) => l.includes(org.people[0]!.nip))!.split(",");
      expect(first).toEqual([
        cycleId,
        "Triwulan I 2027",
        "2027-01-01",
        "2027-03-31",
        org.people[0]!.nip,
        "Pegawai Uji 1",
        "dinas-uji",
        "Dinas Uji",
        "pelaksana",
        "pns",
        "",
        org.secretary.nip,
        "Sekretaris Dinas Uji",
        "feedback",
        "above",
        "above",
        "sangat_baik",
        "Sangat Baik",
        "istimewa",
        "none",
        "false",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
      ]);
    });

    it("cancels one appraisal, refuses to retry a live one, and records both in the trail", async () => {
      const nurse = `${cycleId}-${org.nurses[0]!.nip}`;
      expect((await w.call("POST", `/api/appraisals/${nurse}/cancel`, {})).status).toBe(400);
      const res = await w.call("POST", `/api/appraisals/${nurse}/cancel`, { reason: "Pindah tugas" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: nurse, cancelled: true });
      await settle(w.world);
      const story = (await (await w.call("GET", `/api/appraisals/${nurse}`)).json()) as {
        stage: string;
        audit: { action: string; actor: string }[];
      };
      expect(story.stage).toBe("cancelled");
      expect(story.audit.at(-1)).toMatchObject({ action: "cancelled", actor: "hr:siti.hr" });
      const live = `${cycleId}-${org.people[0]!.nip}`;
      expect((await w.call("POST", `/api/appraisals/${live}/retry`)).status).toBe(409);
      expect(
        (await w.call("POST", `/api/appraisals/${live}/retry`, undefined, { token: w.viewerToken })).status,
      ).toBe(403);
    });
  });

  describe("survey and IKM", () => {
    it("imports survey responses and computes the unit's IKM; a bad file writes nothing", async () => {
      const header = "unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9";
      const bad = [header, "dinas-kesehatan,r1,2027-02-01T09:00:00+07:00,4,4,4,4,4,4,4,4,5", ""].join("\n");
      const rejected = await w.call("POST", "/api/imports/survey", bad);
      expect(rejected.status).toBe(400);
      expect(((await rejected.json()) as { errors: { line: number; field: string }[] }).errors).toEqual([
        { line: 2, field: "u9", message: expect.any(String) },
      ]);
      expect((await w.call("GET", "/api/units/dinas-kesehatan/ikm")).status).toBe(404);
      const good = [
        header,
        "dinas-kesehatan,r1,2027-02-01T09:00:00+07:00,4,4,4,4,4,4,4,4,4",
        "dinas-kesehatan,r2,2027-02-02T09:00:00+07:00,3,3,3,3,3,3,3,3,",
        "",
      ].join("\n");
      const ok = await w.call("POST", "/api/imports/survey", good);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ rows: 2 });
      const ikm = (await (
        await w.call("GET", "/api/units/dinas-kesehatan/ikm?from=2027-01-01&to=2027-12-31")
      ).json()) as Record<string, unknown>;
      // NRR 3.5 for u1..u8 and 4 for u9 (one answer): (8 x 3.5 + 4) / 9 = 3.5556 -> 88.89 -> A.
      expect(ikm).toMatchObject({ unitId: "dinas-kesehatan", respondents: 2, converted: 88.89, grade: "A" });
      expect((ikm.nrr as number[]).slice(7)).toEqual([3.5, 4]);
      const only = (await (
        await w.call("GET", "/api/units/dinas-kesehatan/ikm?from=2027-02-01&to=2027-02-01")
      ).json()) as Record<string, unknown>;
      expect(only).toMatchObject({ respondents: 1, converted: 100, grade: "A" });
      // On 2 February nobody answered u9: the index cannot be computed, and the answer says why.
      const partial = await w.call("GET", "/api/units/dinas-kesehatan/ikm?from=2027-02-02&to=2027-02-02");
      expect(partial.status).toBe(409);
      expect(((await partial.json()) as { title: string }).title).toContain("u9");
      const reversed = await w.call("GET", "/api/units/dinas-kesehatan/ikm?from=2027-03-01&to=2027-01-01");
      expect(reversed.status).toBe(400);
      expect(((await reversed.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("to");
    });
  });

  describe("cancelling a cycle", () => {
    it("cancels every live appraisal and the cycle, and a second cancel answers 409", async () => {
      const res = await w.call("POST", `/api/cycles/${cycleId}/cancel`, { reason: "Siklus uji" });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "cancelled", cancelled: 8 });
      await settle(w.world);
      const detail = (await (await w.call("GET", `/api/cycles/${cycleId}`)).json()) as {
        status: string;
        counts: Record<string, number>;
        audit: { action: string }[];
      };
      expect(detail.status).toBe("cancelled");
      expect(detail.counts.cancelled).toBe(9);
      expect(detail.audit.at(-1)!.action).toBe("cycle-cancelled");
      expect((await w.call("POST", `/api/cycles/${cycleId}/cancel`, { reason: "lagi" })).status).toBe(409);
    });
  });

  describe("OpenAPI", () => {
    it("publishes /openapi.json generated from the request schemas", async () => {
      const res = await w.app.request("/openapi.json");
      expect(res.status).toBe(200);
      const spec = (await res.json()) as {
        openapi: string;
        paths: Record<
          string,
          Record<
            string,
            {
              requestBody?: {
                content: Record<
                  string,
                  { schema: { properties?: Record<string, unknown>; required?: string[] } }
                >;
              };
            }
          >
        >;
      };
      expect(spec.openapi).toMatch(/^3\./);
      for (const path of [
        "/api/cycles",
        "/api/cycles/{id}",
        "/api/employees/import",
        "/api/units/{unitId}/org-rating",
        "/api/units/{unitId}/ikm",
        "/api/cycles/{id}/export.csv",
        "/api/appraisals/{id}/retry",
      ]) {
        expect(spec.paths, path).toHaveProperty([path]);
      }
      const create = spec.paths["/api/cycles"]!.post!.requestBody!.content["application/json"]!.schema;
      expect(create.required).toEqual(expect.arrayContaining(["name", "kind", "periodStart", "periodEnd"]));
      expect(create.properties!.kind).toMatchObject({ enum: ["annual", "quarterly", "monthly"] });
      expect(spec.paths["/api/employees/import"]!.post!.requestBody!.content).toHaveProperty(["text/csv"]);
    });
  });
});
