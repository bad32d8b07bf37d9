// HR acts on appraisals from the dashboard (issue 17 item 2): retry a failed appraisal, cancel an appraisal or the
// cycle with a reason, resend a pending link to a corrected address, the failed list with its reasons; each in two
// steps (confirmation, then the act), audited, refused to a viewer (403 page) and to another origin. The world is
// the workflow harness (DynamoDB Local, local engine, real ASL and handlers) behind the app: the secretary's mail is
// rejected permanently so their appraisal really fails, and Perawat Dua's address bounces (SES simulator).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SES_SIMULATOR } from "../../../packages/core/src/mail/ses-event";
import type { MailMessage } from "../../../packages/core/src/mail/mail.port";
import { advanceSeconds, appraisal, pendingLinks } from "../../workflows/harness";
import { organisation, settle, startHrWorld, type HrWorld } from "../hr/hr-world";
import { confirmFields, session, visibleText } from "./form-posts";

class MessageRejected extends Error {
  override name = "MessageRejected";
}

describe("HR acts on appraisals from the dashboard", { timeout: 300_000 }, () => {
  let w: HrWorld;
  let cycleId: string;
  let rejecting = true;
  const org = organisation(1);
  const [nurse1, nurse2] = org.nurses as [(typeof org.nurses)[0], (typeof org.nurses)[0]];
  const idOf = (p: { nip: string }) => `${cycleId}-${p.nip}`;
  const corrected = "perawat.dua@dinkes.salor.test";

  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    const send = w.world.outbox.send.bind(w.world.outbox);
    w.world.outbox.send = async (msg: MailMessage) => {
      if (rejecting && msg.to === org.secretary.email)
        throw new MessageRejected(
          `Email address is not verified. The following identities failed the check: ${msg.to}`,
        );
      return send(msg);
    };
    const csv = org.csv.replace(nurse2.email, SES_SIMULATOR.bounce);
    expect((await w.call("POST", "/api/employees/import", csv)).status).toBe(200);
    const res = await w.call("POST", "/api/cycles", {
      name: "Triwulan I 2027",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      settings: { periodicEvaluation: "none" },
    });
    cycleId = ((await res.json()) as { id: string }).id;
    await settle(w.world);
    // Past the open-decision step's retries (their backoff runs on the engine's clock).
    for (let i = 0; i < 6; i++) await advanceSeconds(w.world, 600);
  }, 240_000);
  afterAll(async () => w?.close());

  it("lists the cycle's failed appraisal with its reason in Indonesian and a retry button", async () => {
    expect((await appraisal(w.world, idOf(org.secretary))).stage).toBe("failed");
    const res = await session(w).get(`/dashboard/cycles/${cycleId}/failed`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    expect(text).toContain(`Penilaian gagal: Triwulan I 2027`);
    expect(text).toContain(org.secretary.name);
    expect(text).toContain("Email permintaan keputusan ditolak penyedia email");
    expect(text).toContain("MessageRejected: Email address is not verified");
    expect(html).toContain(`action="/dashboard/appraisals/${idOf(org.secretary)}/retry"`);
    // Only the failed one is listed; the cycle page links to the list with its count.
    expect(html.match(/<tr data-appraisal=/g)).toHaveLength(1);
    const cycle = await (await session(w).get(`/dashboard/cycles/${cycleId}`)).text();
    expect(visibleText(cycle)).toContain("Penilaian gagal (1)");
  });

  it("retries a failed appraisal after a confirmation, audited; a second confirmation is harmless", async () => {
    const path = `/dashboard/appraisals/${idOf(org.secretary)}/retry`;
    const confirm = await session(w).post(path, { step: "confirm" });
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(visibleText(page)).toContain("Yang akan terjadi");
    expect(visibleText(page)).toContain("gagal pada tahap Penetapan Ekspektasi (SKP)");
    expect(confirmFields(page)).toEqual({ step: "do" });
    // Nothing happened yet.
    expect((await appraisal(w.world, idOf(org.secretary))).stage).toBe("failed");

    rejecting = false;
    const done = await session(w).post(path, { step: "do" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/dashboard/appraisals/${idOf(org.secretary)}?selesai=diulang`);
    await settle(w.world);
    const record = await appraisal(w.world, idOf(org.secretary));
    expect(record.stage).toBe("target-setting");
    expect(record.retries).toBe(1);
    expect(
      await pendingLinks(w.world, org.secretary.email, idOf(org.secretary), "skp-proposal"),
    ).toHaveLength(1);
    const trail = await w.world.storage.audit.listAudit(idOf(org.secretary));
    expect(trail.filter((e) => e.action === "retried").map((e) => e.actor)).toEqual(["hr:siti.hr"]);

    const again = await session(w).post(path, { step: "do" });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toContain("selesai=sudah-diulang");
    expect((await appraisal(w.world, idOf(org.secretary))).retries).toBe(1);
    const shown = visibleText(await (await session(w).get(again.headers.get("location")!)).text());
    expect(shown).toContain("sudah diulang sebelumnya");
  });

  it("gives a viewer the Indonesian 403 page and refuses a form posted from another origin", async () => {
    const id = idOf(nurse1);
    const viewerPost = await session(w, "viewer").post(`/dashboard/appraisals/${id}/cancel`, {
      step: "do",
      reason: "Pindah tugas ke kabupaten lain",
    });
    expect(viewerPost.status).toBe(403);
    expect(visibleText(await viewerPost.text())).toContain("Akses ditolak");
    const viewerForm = await session(w, "viewer").get(`/dashboard/appraisals/${id}/resend`);
    expect(viewerForm.status).toBe(403);
    expect(visibleText(await viewerForm.text())).toContain("Akun pemantau hanya dapat melihat dasbor");
    // The viewer sees the appraisal but no action.
    const viewed = await (await session(w, "viewer").get(`/dashboard/appraisals/${id}`)).text();
    expect(viewed).not.toContain('data-section="appraisal-actions"');

    const foreign = await session(w).post(
      `/dashboard/appraisals/${id}/cancel`,
      { step: "do", reason: "Pindah tugas ke kabupaten lain" },
      "https://phish.example",
    );
    expect(foreign.status).toBe(403);
    expect((await appraisal(w.world, id)).stage).not.toBe("cancelled");
  });

  it("cancels one appraisal only with a reason, names who is affected, and a second confirmation is harmless", async () => {
    const id = idOf(nurse1);
    const path = `/dashboard/appraisals/${id}/cancel`;
    const form = await session(w).get(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="reason"');

    const empty = await session(w).post(path, { step: "confirm", reason: "" });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toMatch(/Penilaian tidak dibatalkan: Alasan: /);
    const short = await session(w).post(path, { step: "confirm", reason: "Pindah" });
    expect(short.status).toBe(400);
    expect(visibleText(await short.text())).toContain("Alasan minimal 10 karakter");
    // A step=do without a valid reason does not cancel either.
    expect((await session(w).post(path, { step: "do", reason: "x" })).status).toBe(400);
    expect((await appraisal(w.world, id)).stage).toBe("target-setting");

    const reason = "Pindah tugas ke Kabupaten Sebelah";
    const confirm = await session(w).post(path, { step: "confirm", reason });
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(visibleText(page)).toContain(`Yang terdampak: 1 penilaian, ${nurse1.name} (NIP ${nurse1.nip})`);
    expect(visibleText(page)).toContain(`Alasan yang dicatat: ${reason}`);
    expect(confirmFields(page)).toEqual({ step: "do", reason });
    expect((await appraisal(w.world, id)).stage).toBe("target-setting");

    const done = await session(w).post(path, confirmFields(page));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toContain("selesai=dibatalkan");
    expect((await appraisal(w.world, id)).stage).toBe("cancelled");
    const again = await session(w).post(path, confirmFields(page));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toContain("selesai=sudah-dibatalkan");
    const cancelled = (await w.world.storage.audit.listAudit(id)).filter((e) => e.action === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.actor).toBe("hr:siti.hr");
    expect(cancelled[0]!.detail).toMatchObject({ reason });
  });

  it("resends a bounced link once to the corrected address, which then works there and for the next mails", async () => {
    const id = idOf(nurse2);
    // The cycle page's "Email tidak terkirim" line offers the resend with the address to correct.
    const cyclePage = await (await session(w).get(`/dashboard/cycles/${cycleId}`)).text();
    const problemForm = new RegExp(
      `<form method="get" action="/dashboard/appraisals/${id}/resend" class="resend-problem">([\\s\\S]*?)</form>`,
    ).exec(cyclePage)?.[1];
    expect(problemForm, "resend form on the mail problem").toBeDefined();
    const decisionId = /name="decisionId" value="([^"]+)"/.exec(problemForm!)?.[1];
    expect(decisionId).toBeDefined();
    expect(problemForm).toContain(`value="${SES_SIMULATOR.bounce}"`);

    // Following it (GET) shows the resend form; posting a bad address is refused in Indonesian.
    const query = new URLSearchParams({
      decisionId: decisionId!,
      recipientNip: nurse2.nip,
      email: corrected,
    });
    const form = await session(w).get(`/dashboard/appraisals/${id}/resend?${query}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${corrected}"`);
    const bad = await session(w).post(`/dashboard/appraisals/${id}/resend`, {
      step: "confirm",
      decisionId: decisionId!,
      email: "perawat.dua@",
    });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Alamat email: Harus alamat email yang sah");

    const confirm = await session(w).post(`/dashboard/appraisals/${id}/resend`, {
      step: "confirm",
      decisionId: decisionId!,
      recipientNip: nurse2.nip,
      email: corrected,
    });
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(visibleText(page)).toContain(`dikirim ke ${corrected}`);
    expect(visibleText(page)).toContain(`diganti dari ${SES_SIMULATOR.bounce} menjadi ${corrected}`);
    const fields = confirmFields(page);
    expect(fields).toMatchObject({ step: "do", decisionId, recipientNip: nurse2.nip, email: corrected });
    expect(fields.requestId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await w.world.outbox.list({ to: corrected, limit: 10 })).toHaveLength(0);

    // Confirmed twice (a double click): one mail.
    for (const expected of ["selesai=dikirim", "selesai=sudah-dikirim"]) {
      const done = await session(w).post(`/dashboard/appraisals/${id}/resend`, fields);
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toContain(expected);
    }
    const mails = await w.world.outbox.list({ to: corrected, limit: 10 });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.tags).toMatchObject({ decisionId, kind: "skp-proposal" });

    // The link works at the new address: its page opens and names the employee.
    const [token] = await pendingLinks(w.world, corrected, id, "skp-proposal");
    expect(token).toBeDefined();
    const linkPage = await w.app.request(`/l/${token}`);
    expect(linkPage.status).toBe(200);
    expect(visibleText(await linkPage.text())).toContain(nurse2.name);

    // Recorded where the next mails come from, and audited once with both addresses.
    expect((await appraisal(w.world, id)).email).toBe(corrected);
    const resent = (await w.world.storage.audit.listAudit(id)).filter((e) => e.action === "link-resent");
    expect(resent).toHaveLength(1);
    expect(resent[0]!.actor).toBe("hr:siti.hr");
    expect(resent[0]!.detail).toMatchObject({ email: corrected, previousEmail: SES_SIMULATOR.bounce });
    const story = visibleText(await (await session(w).get(`/dashboard/appraisals/${id}`)).text());
    expect(story).toContain("Tautan dikirim ulang");
  });

  it("offers the resend in the HR API, validated by the schema the OpenAPI shows", async () => {
    const id = idOf(nurse2);
    const bad = await w.call("POST", `/api/appraisals/${id}/resend-link`, { email: "nope" });
    expect(bad.status).toBe(400);
    const viewer = await w.call("POST", `/api/appraisals/${id}/resend-link`, {}, { token: w.viewerToken });
    expect(viewer.status).toBe(403);
    const ok = await w.call("POST", `/api/appraisals/${id}/resend-link`, { requestId: "api-request-0001" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ appraisalId: id, to: corrected, repeated: false });
    const spec = (await (await w.app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const op = spec.paths["/api/appraisals/{id}/resend-link"]?.post;
    expect(op).toBeDefined();
    expect(JSON.stringify(op!.requestBody)).toContain("requestId");
  });

  it("cancels the whole cycle with a reason after naming how many unfinished appraisals it stops", async () => {
    const path = `/dashboard/cycles/${cycleId}/cancel`;
    const live = (await w.world.storage.appraisals.listByCycle(cycleId)).filter(
      (a) => !["done", "cancelled"].includes(a.stage),
    );
    expect(live.length).toBeGreaterThan(1);
    const confirm = await session(w).post(path, { step: "confirm", reason: "Periode salah ditetapkan" });
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(visibleText(page)).toContain(`Yang terdampak: ${live.length} penilaian yang belum selesai`);
    for (const a of live) expect(visibleText(page)).toContain(a.name);
    const done = await session(w).post(path, confirmFields(page));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toContain("selesai=dibatalkan");
    await settle(w.world);
    expect((await w.world.storage.cycles.getCycle(cycleId))!.status).toBe("cancelled");
    const again = await session(w).post(path, confirmFields(page));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toContain("selesai=sudah-dibatalkan");
    const trail = await w.world.storage.audit.listAudit(`cycle:${cycleId}`);
    expect(trail.filter((e) => e.action === "cycle-cancelled")).toHaveLength(1);
  });
});
