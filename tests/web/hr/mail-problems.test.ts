// HR sees a link mail that never arrived (issue 16 item 4): the head of Dinas Uji's address is SES's complaint
// simulator, so the mail asking him to approve the secretary's SKP is reported (locally by the outbox, as SES would
// through EventBridge) and recorded; the appraisal page and the cycle page say so in Indonesian with what HR can do,
// the audit trail has the sentence, and the HR API carries it (a count on the cycle, the list on the appraisal),
// documented in the OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SES_SIMULATOR } from "../../../packages/core/src/mail/ses-event";
import { act, organisation, settle, startHrWorld, type HrWorld } from "./hr-world";
import { proposal } from "../../workflows/harness";

/** The visible text of a page (no tags; entities decoded; spaces collapsed). */
const visibleText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("HR sees mails SES could not deliver", { timeout: 180_000 }, () => {
  let w: HrWorld;
  let cycleId: string;
  const org = organisation(1);
  const secretaryId = () => `${cycleId}-${org.secretary.nip}`;
  const page = async (path: string) => {
    const res = await w.app.request(path, { headers: { authorization: `Bearer ${w.hrToken}` } });
    expect(res.status, path).toBe(200);
    return visibleText(await res.text());
  };

  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    const csv = org.csv.replace(org.head.email, SES_SIMULATOR.complaint);
    expect((await w.call("POST", "/api/employees/import", csv)).status).toBe(200);
    const res = await w.call("POST", "/api/cycles", {
      name: "Triwulan I 2027",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      settings: { periodicEvaluation: "none", escalateAfterDays: 6 },
    });
    cycleId = ((await res.json()) as { id: string }).id;
    await settle(w.world);
    await act(
      w.world,
      org.secretary.email,
      secretaryId(),
      "skp-proposal",
      proposal("Mengoordinasikan sekretariat"),
    );
  }, 180_000);
  afterAll(async () => w?.close());

  it("says on the appraisal page who did not get which mail, when, why, and what HR can do", async () => {
    const text = await page(`/dashboard/appraisals/${encodeURIComponent(secretaryId())}`);
    expect(text).toContain("Email tidak terkirim");
    expect(text).toContain("1 email berisi tautan keputusan tidak sampai ke penerimanya");
    expect(text).toMatch(
      new RegExp(
        `${org.head.name} \\([^)]+\\) <${SES_SIMULATOR.complaint}> Persetujuan SKP[^(]*\\(permintaan\\) diadukan sebagai spam`,
        "i",
      ),
    );
    expect(text).toContain("penerima menandai surat sebagai spam");
    expect(text).toContain(
      "Yang dapat dilakukan: perbaiki alamat email orang tersebut di data pegawai lalu impor ulang",
    );
    // The audit trail's sentence, by the system.
    expect(text).toContain(
      `Email permintaan ke ${org.head.name} <${SES_SIMULATOR.complaint}> diadukan sebagai spam: penerima menandai surat sebagai spam.`,
    );
    expect(text).not.toContain("mail-problem");
    expect(text).not.toContain("complaint-");
  });

  it("lists it on the cycle page with the cycle's escalation time, and says nothing where mail arrived", async () => {
    const text = await page(`/dashboard/cycles/${encodeURIComponent(cycleId)}`);
    expect(text).toContain("Email tidak terkirim");
    expect(text).toContain(secretaryId());
    expect(text).toContain(
      "dieskalasi ke atasan pejabat penilai (atau pengelola kinerja diberi tahu) setelah 6 hari",
    );
    const nurse = await page(
      `/dashboard/appraisals/${encodeURIComponent(`${cycleId}-${org.nurses[0]!.nip}`)}`,
    );
    expect(nurse).not.toContain("Email tidak terkirim");
  });

  it("counts it in GET /api/cycles/{id}, lists it in GET /api/appraisals/{id}, and documents both", async () => {
    const cycle = (await (await w.call("GET", `/api/cycles/${cycleId}`)).json()) as { mailProblems: number };
    expect(cycle.mailProblems).toBe(1);
    const story = (await (await w.call("GET", `/api/appraisals/${secretaryId()}`)).json()) as {
      mailProblems: { problem: string; reason: string; email: string; recipient?: { nip: string } }[];
    };
    expect(story.mailProblems).toEqual([
      expect.objectContaining({
        problem: "complaint",
        reason: "complaint",
        email: SES_SIMULATOR.complaint,
        recipient: expect.objectContaining({ nip: org.head.nip }),
      }),
    ]);
    const doc = (await (await w.app.request("/openapi.json")).json()) as {
      paths: Record<
        string,
        { get?: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }
      >;
    };
    const schemaOf = (path: string) =>
      JSON.stringify(doc.paths[path]?.get?.responses["200"]?.content?.["application/json"]?.schema);
    expect(schemaOf("/api/cycles/{id}")).toContain("mailProblems");
    expect(schemaOf("/api/appraisals/{id}")).toContain("mailProblems");
    expect(schemaOf("/api/appraisals/{id}")).toContain("reasonText");
  });
});
