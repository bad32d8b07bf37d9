// Issue 15 items 3 and 10 inside the running workflow (DynamoDB Local, the engine, the real ASL and handlers): an NI
// PPPK number imports through HR's employee import (it was refused: "digits 13-14 (21) are not an appointment
// month"), the employment type and jenjang travel from the import to the appraisal, a PPPK's poor annual result takes
// the PPPK follow-up branch, functional officials earn credit points (rules 30-32) pro-rated for the months they
// served, and imported attendance gives the rule-36 discipline finding as a separate track; HR reads all of it on the
// appraisal and in the export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { appraisalStory } from "../../packages/core/src/hr/appraisal-reports";
import { exportCycleCsv } from "../../packages/core/src/hr/cycle-reports";
import { listEmployees } from "../../packages/core/src/hr/org-reports";
import { runImport } from "../../packages/core/src/hr/import-commands";
import type { HrDeps } from "../../packages/core/src/hr/hr-deps";
import {
  EMPLOYEE_CSV_COLUMNS,
  EMPLOYEE_CSV_OPTIONAL_COLUMNS,
} from "../../packages/core/src/imports/employee-csv";
import { createApp } from "../../packages/web/src/app";
import { createDevIssuer, generateDevIssuerKey } from "../../packages/web/src/auth/dev-issuer";
import {
  act,
  actAll,
  advanceDays,
  appraisal,
  createCycle,
  proposal,
  reportRealisation,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

const person = (
  nip: string,
  name: string,
  email: string,
  unitId: string,
  positionType: Person["positionType"],
  superiorNip?: string,
): Person => ({
  nip,
  name,
  email,
  unitId,
  positionType,
  unitHead: positionType === "jpt" || positionType === "administrator",
  ...(superiorNip ? { superiorNip } : {}),
});

const HEAD = person("197001012000011001", "Kepala Dinas", "kadis@salor.test", "DINKES", "jpt");
const KABID = person(
  "198002022005012002",
  "Kepala Bidang",
  "kabid@salor.test",
  "DINKES-P2P",
  "administrator",
  HEAD.nip,
);
/** The NI PPPK of issue 15: born 1993-12-28, PPPK since 2025, code 21, female, sequence 001. */
const PPPK = person(
  "199312282025212001",
  "Perawat PPPK",
  "pppk@salor.test",
  "DINKES-P2P",
  "pelaksana",
  KABID.nip,
);
/** A functional official (Ahli Pertama) serving the whole year. */
const ANALIS = person(
  "199003032015031003",
  "Analis Ahli Pertama",
  "analis@salor.test",
  "DINKES-P2P",
  "fungsional",
  KABID.nip,
);
/** A functional official whose NIP shows appointment in July 2027: half of the 2027 period. */
const BARU = person(
  "199505052027071005",
  "Analis Baru",
  "baru@salor.test",
  "DINKES-P2P",
  "fungsional",
  KABID.nip,
);

const CYCLE = "y2027";
const id = (p: Person) => `${CYCLE}-${p.nip}`;

interface FollowUpRecord {
  kind: string;
  sanctionReview: boolean;
  contractReview: boolean;
  employmentType: string;
  recommendations: string[];
  creditPoints?: { jenjang: string; months: number; points: number; pointsText: string };
}

describe(
  "employment type, credit points and discipline in the workflow (issue 15 items 3, 10)",
  { timeout: 180_000 },
  () => {
    let world: World;
    let hr: HrDeps;
    const actor = { subject: "hr-test" };

    beforeAll(async () => {
      // Launched in July for the current year, so the NIP of someone appointed in July 2027 is not in the future.
      world = await startWorld("2027-07-05T01:00:00.000Z");
      hr = { storage: world.storage, control: world.control, clock: world.clock };
    }, 120_000);
    afterAll(async () => world?.close());

    it("imports the NI PPPK 199312282025212001 with its employment type, and the jenjang of functional staff", async () => {
      const row = (p: Person, parent: string, extra: string) =>
        [
          p.nip,
          p.name,
          p.email,
          p.unitId,
          p.unitId === "DINKES" ? "Dinas Kesehatan" : "Bidang P2P",
          p.name,
          p.positionType,
          p.superiorNip ?? "",
          String(p.unitHead),
          parent,
          extra,
        ].join(",");
      const csv = [
        [...EMPLOYEE_CSV_COLUMNS, "parent_unit_id", "employment_type", "jenjang"].join(","),
        row(HEAD, "", ","),
        row(KABID, "DINKES", "pns,"),
        row(PPPK, "DINKES", ","), // type left to the number
        row(ANALIS, "DINKES", ",ahli_pertama"),
        row(BARU, "DINKES", "pns,Ahli Pertama"),
      ].join("\n");
      const result = await runImport(hr, "employees", csv, actor, "id");
      expect(result).toMatchObject({ ok: true, employees: 5 });

      const employees = new Map((await listEmployees(hr, {})).map((e) => [e.nip, e]));
      expect(employees.get(PPPK.nip)).toMatchObject({ employmentType: "pppk" });
      expect(employees.get(PPPK.nip)!.jenjang).toBeUndefined();
      expect(employees.get(ANALIS.nip)).toMatchObject({ employmentType: "pns", jenjang: "ahli_pertama" });
      expect(employees.get(BARU.nip)).toMatchObject({ employmentType: "pns", jenjang: "ahli_pertama" });

      // A type that contradicts the number is a row error in Indonesian, and nothing is written.
      const contradicting = csv.replace(row(PPPK, "DINKES", ","), row(PPPK, "DINKES", "pns,"));
      const wrong = await runImport(hr, "employees", contradicting, actor, "id");
      expect(wrong).toEqual({
        ok: false,
        errors: [
          {
            line: 4,
            field: "employment_type",
            message: expect.stringContaining("angka ke-13 s.d. 14 (21) menandakan PPPK"),
          },
        ],
      });
    });

    it("documents the employment_type and jenjang columns of the employee import in the OpenAPI", async () => {
      const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock: world.clock });
      const app = createApp({ hr, auth: { verifier: issuer.verifier() } });
      const spec = (await (await app.request("/openapi.json")).json()) as {
        paths: Record<string, { post?: { requestBody?: { description?: string } } } | undefined>;
      };
      const description = spec.paths["/api/employees/import"]!.post!.requestBody!.description!;
      for (const column of EMPLOYEE_CSV_OPTIONAL_COLUMNS) expect(description).toContain(`\`${column}\``);
      expect(description).toMatch(/employment_type`: optional: pns \| pppk/);
      expect(description).toMatch(/ahli_pertama/);
      const employees = (
        spec.paths["/api/employees"] as {
          get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
        }
      ).get.responses["200"]!.content["application/json"]!.schema as {
        anyOf: { type?: string; items?: { properties: Record<string, { enum?: string[] }> } }[];
      };
      // The whole list (no `limit`) and the paged answer `{items, nextAfter}` carry the same employee.
      const list = employees.anyOf.find((s) => s.type === "array")!;
      expect(list.items!.properties.employmentType!.enum).toEqual(["pns", "pppk"]);
      expect(list.items!.properties.jenjang!.enum).toContain("ahli_pertama");
    });

    it("carries the employment type and jenjang onto the appraisals at launch", async () => {
      const attendance = [
        "nip,month,work_days,present,late_minutes,absent_without_leave",
        // Rule 36: 4 + 4 + 3 = 11 days without a valid reason in 2027 (a 2026 month does not count).
        `${ANALIS.nip},2026-12,21,1,0,20`,
        `${ANALIS.nip},2027-02,20,16,30,4`,
        `${ANALIS.nip},2027-05,21,17,0,4`,
        `${ANALIS.nip},2027-11,21,18,15,3`,
        `${BARU.nip},2027-08,22,22,0,0`,
      ].join("\n");
      expect(await runImport(hr, "attendance", attendance, actor, "id")).toMatchObject({ ok: true, rows: 5 });

      await createCycle(world, {
        cycleId: CYCLE,
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
        unitIds: ["DINKES"],
        settings: { periodicEvaluation: "none" },
      });
      await launchCycle(world.control, CYCLE);
      await settle(world);
      expect(await appraisal(world, id(PPPK))).toMatchObject({ employmentType: "pppk" });
      expect(await appraisal(world, id(ANALIS))).toMatchObject({
        employmentType: "pns",
        jenjang: "ahli_pertama",
      });
      expect((await appraisal(world, id(KABID))).jenjang).toBeUndefined();
    });

    it("runs the year to follow-up: SKP cascaded, realisation, reviews, acknowledgements", async () => {
      const staff = [PPPK, ANALIS, BARU];
      await act(world, KABID.email, id(KABID), "skp-proposal", proposal("Terkendalinya penyakit menular"));
      await act(world, HEAD.email, id(KABID), "skp-approval", { decision: "approve" });
      // Staff cascade from the Kepala Bidang's approved RHK (rule 27).
      const parentRhkId = (await appraisal(world, id(KABID))).skp!.rhk[0]!.id;
      const cascaded = (text: string) => {
        const body = proposal(text);
        return { rhk: body.rhk.map((r) => ({ ...r, parentRhkId })) };
      };
      await actAll(
        world,
        staff.map((p) => [p.email, id(p), "skp-proposal", cascaded(`Terlaksananya tugas ${p.name}`)]),
      );
      await actAll(
        world,
        staff.map((p) => [KABID.email, id(p), "skp-approval", { decision: "approve" }]),
      );
      await advanceDays(world, 181); // past 31 December 2027
      await reportRealisation(world, [KABID, ...staff], id, 1);
      const meets = { hasilKerja: "meets", perilaku: "meets", feedback: "Sesuai ekspektasi." };
      await actAll(world, [
        [
          KABID.email,
          id(PPPK),
          "review",
          { hasilKerja: "below", perilaku: "meets", feedback: "Target tidak tercapai." },
        ],
        [KABID.email, id(ANALIS), "review", meets],
        [KABID.email, id(BARU), "review", meets],
        [HEAD.email, id(KABID), "review", meets],
      ]);
      await actAll(
        world,
        [KABID, ...staff].map((p) => [p.email, id(p), "acknowledgement", { decision: "acknowledge" }]),
      );
      for (const p of [KABID, ...staff]) expect((await appraisal(world, id(p))).stage, p.name).toBe("done");
    });

    it("gives a PPPK's poor annual result the PPPK branch: a contract review, not the PNS demotion path", async () => {
      const pppk = await appraisal(world, id(PPPK));
      expect(pppk).toMatchObject({ stage: "done", predikat: "butuh_perbaikan" });
      const pppkFollowUp = pppk.followUp as FollowUpRecord;
      expect(pppkFollowUp).toMatchObject({
        kind: "contract-review",
        contractReview: true,
        sanctionReview: false,
        employmentType: "pppk",
      });
      expect(pppkFollowUp.recommendations.join(" ")).toMatch(/perjanjian kerja/);
      expect(pppkFollowUp.recommendations.join(" ")).not.toMatch(/jabatan lebih rendah/);
      expect(pppkFollowUp.creditPoints).toBeUndefined();
    });

    it("rules 30-32: Ahli Pertama with Baik earns 12.5 over a whole year; the July appointee 6/12 of it", async () => {
      const analis = await appraisal(world, id(ANALIS));
      expect(analis).toMatchObject({ stage: "done", predikat: "baik" });
      expect((analis.followUp as FollowUpRecord).creditPoints).toMatchObject({
        jenjang: "ahli_pertama",
        months: 12,
        points: 12.5,
        pointsText: "12.50",
      });
      const baru = await appraisal(world, id(BARU));
      expect((baru.followUp as FollowUpRecord).creditPoints).toMatchObject({ months: 6, points: 6.25 });
    });

    it("rule 36: 11 days absent in 2027 -> tunjangan kinerja cut 25% for 6 months, beside (not in) the predikat", async () => {
      const [analis, baru, pppk] = await Promise.all(
        [ANALIS, BARU, PPPK].map((p) => appraisal(world, id(p))),
      );
      expect(analis!.predikat).toBe("baik");
      expect(analis!.discipline).toMatchObject({
        year: 2027,
        absentDays: 11,
        sanction: { code: "tunjangan-cut-6-months", tunjanganCut: { percent: 25, months: 6 } },
      });
      expect(baru!.discipline).toMatchObject({ absentDays: 0, sanction: { code: "none" } });
      expect(pppk!.discipline).toBeUndefined(); // no attendance rows: no finding, not "no absence"
    });

    it("shows HR the employment type, jenjang, credit points and discipline finding: API, export, dashboard", async () => {
      // HR reads it on the appraisal (GET /api/appraisals/{id}) ...
      const story = (await appraisalStory(hr, id(ANALIS))) as Record<string, unknown>;
      expect(story).toMatchObject({
        employmentType: "pns",
        jenjang: "ahli_pertama",
        discipline: { sanction: { code: "tunjangan-cut-6-months" } },
        followUp: { creditPoints: { pointsText: "12.50" } },
      });
      // ... and in the export.
      const { csv } = await exportCycleCsv(hr, CYCLE);
      const [header, ...lines] = csv
        .trim()
        .split("\r\n")
        .map((l) => l.split(","));
      const col = (line: string[], name: string) => line[header!.indexOf(name)];
      const byNip = new Map(lines.map((l) => [col(l, "nip"), l]));
      expect(col(byNip.get(PPPK.nip)!, "employment_type")).toBe("pppk");
      expect(col(byNip.get(PPPK.nip)!, "follow_up")).toBe("contract-review");
      expect(col(byNip.get(ANALIS.nip)!, "jenjang")).toBe("ahli_pertama");
      expect(col(byNip.get(ANALIS.nip)!, "angka_kredit")).toBe("12.50");
      expect(col(byNip.get(ANALIS.nip)!, "absent_days")).toBe("11");
      expect(col(byNip.get(ANALIS.nip)!, "discipline_sanction")).toBe("tunjangan-cut-6-months");
      expect(col(byNip.get(BARU.nip)!, "angka_kredit")).toBe("6.25");
      expect(col(byNip.get(BARU.nip)!, "angka_kredit_months")).toBe("6");
      expect(col(byNip.get(KABID.nip)!, "angka_kredit")).toBe("");

      // ... and on the dashboard's appraisal page, in Indonesian.
      const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock: world.clock });
      const app = createApp({ hr, auth: { verifier: issuer.verifier() } });
      const token = await issuer.sign({ role: "hr", subject: "siti.hr", name: "Siti Pengelola" });
      const text = async (appraisalId: string) => {
        const res = await app.request(`/dashboard/appraisals/${appraisalId}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        return (await res.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
      };
      const analisPage = await text(id(ANALIS));
      expect(analisPage).toContain("Jenis kepegawaian PNS");
      expect(analisPage).toContain("Jenjang jabatan fungsional Ahli Pertama");
      expect(analisPage).toContain("Angka kredit: 12,5 (Ahli Pertama, 12 bulan)");
      expect(analisPage).toContain("Pemotongan tunjangan kinerja 25% selama 6 bulan: 11 hari tidak masuk");
      expect(analisPage).toMatch(
        /Tindak lanjut: Pengembangan kompetensi; angka kredit 12,5; disiplin: Pemotongan/,
      );
      const pppkPage = await text(id(PPPK));
      expect(pppkPage).toContain("Jenis kepegawaian PPPK");
      expect(pppkPage).toContain("Peninjauan perjanjian kerja PPPK");
    });
  },
);
