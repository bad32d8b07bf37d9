// Periodic evaluation by the appraising official (issue 15 item 8, DOMAIN 5; rules 37-39) on DynamoDB Local, the
// local engine, the real ASL (periodic-dispatch, periodic-evaluation) and the real handlers; the dispatch is started
// with the daily schedule's own input (workflows/schedules.ts) on the days that matter. After each period's
// automatic snapshot the official gets a rating link; the page (the web app's real link routes) takes a hasil kerja
// and perilaku rating and a note per team member, records them per period with the predikat from the matrix, in the
// audit trail and in GET /api/appraisals/{id}; bad input comes back in Indonesian with what was typed; a second or
// late POST gets its status page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../packages/web/src/app";
import { createDevIssuer, generateDevIssuerKey } from "../../packages/web/src/auth/dev-issuer";
import { appraisalStory } from "../../packages/core/src/hr/appraisal-reports";
import { periodsFor } from "../../packages/core/src/period/period";
import type { PeriodicResult } from "../../packages/core/src/periodic/periodic";
import { schedules } from "../../workflows/schedules";
import { checkInvariants, engineStatesView } from "../../packages/local/src/doctor/doctor";
import { executionsOf, seedCycle, startPeriodicWorld, type SeededTeam } from "../schedules/periodic-harness";

const WIB = (local: string) => new Date(`${local}+07:00`);
const daily = schedules.find((s) => s.name === "periodic-evaluation-daily")!;

let world: Awaited<ReturnType<typeof startPeriodicWorld>>;
let app: ReturnType<typeof createApp>;
let quarterly: SeededTeam;
let semester: SeededTeam;
let dispatches = 0;

/** Moves the clock to `local` (WIB) and runs the daily dispatch as its schedule would at that time. */
async function dispatchAt(local: string): Promise<void> {
  const at = WIB(local);
  const { engine } = world.states;
  await engine.advance(Math.max(0, at.getTime() - world.clock.now().getTime()));
  await engine.idle();
  dispatches += 1;
  engine.startExecution({
    stateMachineArn: world.arnOf("periodicDispatch"),
    name: `dispatch-${dispatches}`,
    input: JSON.stringify({ ...daily.input, scheduledTime: at.toISOString() }),
  });
  await engine.idle();
}

/** The rating mails of an official (oldest first) with their link path. */
async function ratingMails(email: string) {
  const mails = await world.outbox.list({ to: email, limit: 500 });
  return mails
    .filter((m) => m.tags?.kind === "periodic-rating")
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
    .map((m) => ({
      mailKind: m.tags?.mailKind,
      subject: m.subject,
      sentAt: m.sentAt,
      path: `/l/${m.links[0]!.split("/l/")[1]}`,
    }));
}

const form = (values: Record<string, string>) =>
  new URLSearchParams({ _action: "submit", ...values }).toString();
const post = (path: string, values: Record<string, string>) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: form(values),
  });

/** Form values that rate every member of a team: [hasilKerja, perilaku, note?] in the page's order (by name). */
function rateAll(team: SeededTeam, rows: [string, string, string?][]): Record<string, string> {
  const members = [...team.members].sort((a, b) => a.name.localeCompare(b.name));
  const values: Record<string, string> = {};
  members.forEach((m, i) => {
    const [h, p, note] = rows[i]!;
    values[`ratings.${i}.appraisalId`] = m.appraisalId;
    values[`ratings.${i}.hasilKerja`] = h;
    values[`ratings.${i}.perilaku`] = p;
    if (note) values[`ratings.${i}.note`] = note;
  });
  return values;
}

const resultOf = async (appraisalId: string, periodKey: string) =>
  ((await world.storage.appraisals.getAppraisal(appraisalId))!.periodicResults as PeriodicResult[]).find(
    (r) => r.periodKey === periodKey,
  );

beforeAll(async () => {
  world = await startPeriodicWorld("2025-12-31T17:00:00Z"); // 2026-01-01 00:00 WIB
  app = createApp({ decisions: world.decisionDeps });
  [quarterly] = await seedCycle(world, {
    cycleId: "pq",
    periodicEvaluation: "quarterly",
    teams: 1,
    perTeam: 3,
  });
  [semester] = await seedCycle(world, {
    cycleId: "ps",
    periodicEvaluation: "semester" as "quarterly", // the harness types the older cadences; the setting takes semester
    teams: 1,
    perTeam: 2,
  });
}, 120_000);

afterAll(async () => world?.close());

describe("periodic evaluation by the appraising official (issue 15 item 8)", { timeout: 180_000 }, () => {
  it("Triwulan I: the snapshot mails the official a rating link listing the team with each one's snapshot and the matrix", async () => {
    await dispatchAt("2026-04-01T01:00:00");
    const mails = await ratingMails(quarterly.appraiser.email);
    expect(mails.map((m) => m.mailKind)).toEqual(["request"]);
    expect(mails[0]!.subject).toContain("Evaluasi kinerja periodik tim Anda");
    const page = await app.request(mails[0]!.path, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Evaluasi kinerja periodik Triwulan I");
    for (const m of quarterly.members) expect(html).toContain(`${m.name} (NIP ${m.nip})`);
    // the snapshot (nothing reported yet: at risk) and the 3x3 matrix
    expect(html).toContain("Perlu pembinaan");
    expect(html).toContain("Matriks predikat");
    expect(html).toContain("Butuh Perbaikan");
    expect(html).not.toContain("<script");
    // the digest says the link comes beside it
    const digest = (await world.outbox.list({ to: quarterly.appraiser.email, limit: 50 })).find(
      (m) => m.tags?.kind === "periodic-digest",
    )!;
    expect(digest.text).toContain("Tautan untuk memberikan rating dan predikat periodik");
    // No workflow task waits on the link, and the invariant checker knows it (no "token gone" for a pending one).
    const report = await checkInvariants({
      storage: { client: world.storage.client, tableName: world.storage.tableName },
      states: engineStatesView(world.states.engine),
    });
    expect(report.findings.filter((f) => f.subject.startsWith("periodic-rating#"))).toEqual([]);
  });

  it("bad form input gets Indonesian errors on the page with what was typed kept, and records nothing", async () => {
    const [mail] = await ratingMails(quarterly.appraiser.email);
    const values = rateAll(quarterly, [
      ["above", "above", "x".repeat(1001)],
      ["meets", "meets"],
      ["below", "meets"],
    ]);
    delete values["ratings.1.perilaku"];
    values["ratings.2.hasilKerja"] = "luar-biasa";
    const res = await post(mail!.path, values);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Formulir belum dapat dikirim");
    expect(html).toContain("Pegawai ke-1: catatan");
    expect(html).toContain("Terlalu panjang: paling banyak 1.000 karakter.");
    expect(html).toContain("Pegawai ke-2: rating perilaku kerja");
    expect(html).toContain("Pegawai ke-3: rating hasil kerja");
    expect(html).not.toMatch(/\b(Invalid|Expected|received)\b/);
    // what was typed is still there
    expect(html).toContain('<option value="above" selected="">');
    expect(html).toContain("x".repeat(1001));
    expect((await resultOf(quarterly.members[0]!.appraisalId, "2026-Q1"))!.rating).toBeUndefined();
  });

  it("a submitted rating is recorded per period on each appraisal with the predikat of the matrix, audited and in GET /api/appraisals/{id}", async () => {
    const [mail] = await ratingMails(quarterly.appraiser.email);
    const res = await post(
      mail!.path,
      rateAll(quarterly, [
        ["above", "above", "Target dokumen terlampaui."],
        ["meets", "below"],
        ["below", "meets", "Perlu pendampingan penyusunan dokumen."],
      ]),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Penilaian periodik Triwulan I yang dicatat");
    for (const label of [
      "Sangat Baik",
      "Kurang",
      "Butuh Perbaikan",
      "Perlu pendampingan penyusunan dokumen.",
    ])
      expect(html).toContain(label);

    const sorted = [...quarterly.members].sort((a, b) => a.name.localeCompare(b.name));
    const expected = ["sangat_baik", "kurang", "butuh_perbaikan"];
    for (const [i, m] of sorted.entries()) {
      const result = await resultOf(m.appraisalId, "2026-Q1");
      expect(result!.rating).toMatchObject({
        predikat: expected[i],
        ratedBy: { nip: quarterly.appraiser.nip, name: quarterly.appraiser.name },
      });
      const story = (await appraisalStory(
        { storage: world.storage, control: world.control, clock: world.clock },
        m.appraisalId,
      )) as unknown as {
        periodicResults: PeriodicResult[];
        audit?: unknown[];
      };
      expect(story.periodicResults.find((r) => r.periodKey === "2026-Q1")!.rating!.predikat).toBe(
        expected[i],
      );
      const trail = (story.audit ?? []) as {
        action: string;
        kind?: string;
        actor: string;
        detail: unknown;
      }[];
      expect(trail.filter((e) => e.kind === "periodic-rating")).toEqual([
        expect.objectContaining({
          action: "periodic-rating",
          actor: quarterly.appraiser.nip,
          detail: expect.objectContaining({ periodKey: "2026-Q1", predikat: expected[i] }),
        }),
      ]);
      // a predikat below Baik opens the coaching dialogue (periodic results coach, never sanction)
      if (expected[i] !== "sangat_baik") expect(result!.coaching).toMatchObject({ status: "opened" });
    }
    // HR reads the periodic results on the dashboard's appraisal page, the official's rating included.
    const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock: world.clock });
    const dashboard = createApp({
      hr: { storage: world.storage, clock: world.clock, control: world.control },
      auth: { verifier: issuer.verifier() },
      devIssuer: issuer,
    });
    const token = await issuer.sign({ role: "viewer", subject: "budi.viewer" });
    const page = await dashboard.request(`/dashboard/appraisals/${sorted[0]!.appraisalId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(page.status).toBe(200);
    const text = (await page.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("Evaluasi berkala");
    expect(text).toMatch(
      new RegExp(
        `Triwulan I[^;]*; dinilai ${quarterly.appraiser.name}: hasil kerja Di Atas Ekspektasi, perilaku Di Atas Ekspektasi, predikat Sangat Baik`,
      ),
    );
  });

  it("a second POST gets the already-decided page showing what was recorded, and changes nothing", async () => {
    const [mail] = await ratingMails(quarterly.appraiser.email);
    const res = await post(
      mail!.path,
      rateAll(quarterly, [
        ["below", "below"],
        ["below", "below"],
        ["below", "below"],
      ]),
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Penilaian periodik Triwulan I yang dicatat");
    expect(html).toContain("Sangat Baik");
    const first = [...quarterly.members].sort((a, b) => a.name.localeCompare(b.name))[0]!;
    expect((await resultOf(first.appraisalId, "2026-Q1"))!.rating!.predikat).toBe("sangat_baik");
  });

  it("Triwulan II left unrated: one reminder at its deadline, then the link closes before the next evaluation and a late POST gets 410", async () => {
    await dispatchAt("2026-07-01T01:00:00");
    for (const day of ["2026-07-15", "2026-07-16", "2026-07-17", "2026-07-31", "2026-08-01"])
      await dispatchAt(`${day}T01:00:00`);
    const q2 = (await ratingMails(quarterly.appraiser.email)).slice(1);
    expect(q2.map((m) => m.mailKind)).toEqual(["request", "reminder"]);
    expect(q2[1]!.sentAt >= WIB("2026-07-15T01:00:00").toISOString()).toBe(true);
    const res = await post(
      q2[0]!.path,
      rateAll(quarterly, [
        ["meets", "meets"],
        ["meets", "meets"],
        ["meets", "meets"],
      ]),
    );
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Triwulan II");
    for (const m of quarterly.members)
      expect((await resultOf(m.appraisalId, "2026-Q2"))!.rating).toBeUndefined();
  });

  it("a quarterly setting gives 3 periodic evaluations before year end, each mailing a rating link (rule 39)", async () => {
    await dispatchAt("2026-10-01T01:00:00");
    await dispatchAt("2026-12-31T01:00:00");
    const runs = executionsOf(world, world.arnOf("periodicEvaluation")).filter((r) =>
      r.name.startsWith("pq-"),
    );
    expect(runs.map((r) => r.name)).toEqual(["pq-2026-Q1", "pq-2026-Q2", "pq-2026-Q3"]);
    expect(runs.every((r) => r.status === "SUCCEEDED")).toBe(true);
    const requests = (await ratingMails(quarterly.appraiser.email)).filter((m) => m.mailKind === "request");
    expect(requests).toHaveLength(3);
  });

  it("a semester setting gives periods ending 30 Jun and 31 Dec (rule 38), inside the SKP year (rule 37)", async () => {
    await dispatchAt("2027-01-01T01:00:00");
    const runs = executionsOf(world, world.arnOf("periodicEvaluation")).filter((r) =>
      r.name.startsWith("ps-"),
    );
    expect(runs.map((r) => r.name)).toEqual(["ps-2026-S1", "ps-2026-S2"]);
    const results = (await world.storage.appraisals.getAppraisal(semester.members[0]!.appraisalId))!
      .periodicResults as PeriodicResult[];
    expect(results.map((r) => [r.label, r.start, r.end])).toEqual([
      ["Semester I", "2026-01-01", "2026-06-30"],
      ["Semester II", "2026-07-01", "2026-12-31"],
    ]);
    expect(
      (await ratingMails(semester.appraiser.email)).filter((m) => m.mailKind === "request"),
    ).toHaveLength(2);
    // a cycle that starts in March keeps its first semester inside the SKP year
    expect(
      periodsFor("semester", "2026-03-01", "2026-12-31", { includeFinal: false }).map((p) => [
        p.start,
        p.end,
      ]),
    ).toEqual([
      ["2026-03-01", "2026-06-30"],
      ["2026-07-01", "2026-12-31"],
    ]);
  });
});
