// `kinerja demo`: a whole annual cycle of the demo Salor organisation in a temporary data dir. HR opens the cycle;
// simulated people act only through their mail (the local outbox) and the pages of the decision links in it, as a
// person with a browser would: they read the HTML page, fill its form with the fields it has and submit it
// (application/x-www-form-urlencoded), never a JSON shortcut. The clock skips through the year so reminders,
// escalations, periodic evaluations, the objection window and follow-up all happen on their own timers. The report
// is read back from the records.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { createDynamoFlowStore } from "@kinerja/core/appraisal-flow/flow-store.dynamo";
import type { FlowAppraisal } from "@kinerja/core/appraisal-flow/flow-store";
import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { createLocalRuntime, type LocalRuntime } from "../runtime/runtime";
import { countEngineWork, priceWork, type CostFigures } from "./cost";
import { PREDIKAT_LABELS } from "@kinerja/core/rating/rating";
import {
  assignProfiles,
  kindOfForm,
  OutboxMailSchema,
  plannedSkp,
  realisationIntent,
  periodicRatingIntent,
  reviewIntent,
  rowsNeeded,
  seededRandom,
  showsAlready,
  skpIntent,
  type DecisionKind,
  type FormIntent,
  type Profile,
} from "./people";
import { DEMO_STAFFING_AUTHORITY, demoOrganisation, type DemoPerson } from "./salor-org";
import { EXTERNAL_OFFICIAL_IDS } from "@kinerja/core/org/org-settings";

/** Who acts on a link: an employee, or the Bupati (an official outside the employee list, org settings). */
type Actor = Pick<DemoPerson, "nip" | "name" | "email" | "position" | "positionType">;
import { DemoError, FormFillError } from "./demo.errors";
import { createDemoBrowser, type BrowserTally } from "./browser";
import { createCycle, importCsv, setOrgRating, signInAsHr, type HrDesk } from "./hr-desk";
import type { HtmlForm, HtmlPage } from "./html-form";

/** What a demo appraiser writes when the review page says the predikat departs from the unit's distribution. */
const DISTRIBUTION_JUSTIFICATION =
  "Predikat mengikuti capaian SKP dan perilaku pegawai; pola distribusi unit sudah dipertimbangkan.";

/** The stages the demo walks through, in order (one progress bar each). */
export const DEMO_STAGES = [
  "target-setting",
  "measurement",
  "realisation",
  "review",
  "feedback",
  "follow-up",
] as const;

/** One stage of the demo. */
export type DemoStage = (typeof DEMO_STAGES)[number];

/** A progress report: `done` of `total` in `stage`, with a short note (the simulated date, say). */
export interface DemoProgress {
  stage: DemoStage;
  done: number;
  total: number;
  note: string;
}

/** Options of runDemo. */
export interface DemoOptions {
  /** Data dir to run in (default: a new temporary one). */
  dataDir?: string;
  /** Keep the data dir afterwards (default true, so the result can be browsed with `KINERJA_DATA_DIR=<dir> npm start`). */
  keep?: boolean;
  /** Seed of the simulated people's behaviour (default 2027). */
  seed?: number;
  /** Called as each stage progresses. */
  onProgress?: (progress: DemoProgress) => void;
}

/** The predikat counts of a population. */
export type PredikatCounts = Record<
  "sangat_baik" | "baik" | "butuh_perbaikan" | "kurang" | "sangat_kurang",
  number
>;

/** The demo's result, read back from the records (DynamoDB and the engine). */
export interface DemoReport {
  dataDir: string;
  kept: boolean;
  cycleId: string;
  period: { start: string; end: string };
  simulated: { from: string; to: string };
  wallMs: number;
  appraisals: { total: number; byStage: Record<string, number> };
  overall: PredikatCounts;
  units: {
    unitId: string;
    name: string;
    orgRating: string;
    population: number;
    counts: PredikatCounts;
    warnings: { rule: string; message: string }[];
  }[];
  people: {
    /** Decisions the people took (one audited decision each; a periodic rating is audited on each appraisal it rates). */
    decisions: number;
    /** Of them, the ones taken by submitting the link page's form (all of them: the people have no other way). */
    viaForms: number;
    /**
     * The requests to link pages: views, form posts by content type, presses of the "add rows" buttons, and forms
     * submitted after another link of the same decision had been used (answered 409).
     */
    pages: BrowserTally & { rowButtons: number; lateSubmits: number };
    byKind: Record<string, number>;
    returnedSkp: { appraisalId: string; comment: string } | null;
    escalated: { appraisalId: string; decidedBy: string } | null;
    objections: {
      appraisalId: string;
      outcome: "uphold" | "reject";
      predikatBefore: string;
      predikatAfter: string;
    }[];
    autoAcknowledged: string[];
  };
  /** What HR did, all through the dashboard's pages in their own browser: page views and form posts by type. */
  hr: { pages: BrowserTally };
  cost: CostFigures;
  where: { dataDir: string; browse: string; mail: string; executions: string };
}

const PERIOD = { start: "2027-01-01", end: "2027-12-31" };
const START_AT = new Date("2027-01-04T01:00:00.000Z"); // Monday 08:00 WIB
const ORG_RATINGS: Record<string, "istimewa" | "baik" | "butuh_perbaikan" | "kurang" | "sangat_kurang"> = {
  DISDIK: "baik",
  DINKES: "istimewa",
  BKD: "butuh_perbaikan",
  DPUPR: "baik",
};
const DAY = 86_400_000;
/** How many simulated people act at the same moment. */
const PEOPLE_AT_ONCE = 6;
const emptyCounts = (): PredikatCounts => ({
  sangat_baik: 0,
  baik: 0,
  butuh_perbaikan: 0,
  kurang: 0,
  sangat_kurang: 0,
});

/** Runs the whole demo and answers its report; throws DemoError naming the stage when the cycle gets stuck. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const started = Date.now();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "kinerja-demo-"));
  const keep = options.keep ?? true;
  const progress = options.onProgress ?? (() => undefined);
  const org = demoOrganisation();
  // The Bupati reads his mail like everyone else: he approves and reviews the Sekda and decides objections whose
  // appraiser has no superior (a leader: he adds special expectations to the SKP he approves).
  const bupati: Actor = {
    ...DEMO_STAFFING_AUTHORITY,
    nip: EXTERNAL_OFFICIAL_IDS.pejabatPembinaKepegawaian,
    positionType: "jpt",
  };
  const byEmail = new Map<string, Actor>([
    ...org.people.map((p) => [p.email, p] as const),
    [bupati.email, bupati],
  ]);
  const byNip = new Map(org.people.map((p) => [p.nip, p]));
  const profiles = assignProfiles(org.people, options.seed ?? 2027);
  const random = seededRandom((options.seed ?? 2027) + 1);

  const runtime = await createLocalRuntime({
    dataDir,
    reset: true,
    port: 0,
    statesPort: 0,
    dynamoPort: 0,
    startAt: START_AT,
    // Every simulated person clicks from 127.0.0.1 within seconds of each other.
    linkRateLimit: { perIp: 1_000_000, perKey: 1000, perRecipient: 1_000_000 },
  });
  try {
    return await simulate(runtime);
  } finally {
    await runtime.close();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }

  async function simulate(rt: LocalRuntime): Promise<DemoReport> {
    const flow = createDynamoFlowStore(rt.storage);
    const handled = new Set<string>();
    const byKind: Record<string, number> = {};
    const browser = createDemoBrowser();
    let decisions = 0;
    let viaForms = 0;
    let rowButtons = 0;
    let lateSubmits = 0;
    let returned: { nip: string; comment: string } | null = null;
    /** Objections filed, by the objector's NIP: how the deciding official will answer. */
    const objections = new Map<string, "uphold" | "reject">();
    /** How many SKP proposal pages each person has filled (a second one is the revision after a return). */
    const proposals = new Map<string, number>();
    const OBJECTION_REASON = "Realisasi dan bukti dukung triwulan IV belum diperhitungkan dalam penilaian.";

    // Roles in the story: the staff member whose SKP is returned once, the head of division who is away when the
    // SKPs arrive (reminded, then escalated), two objectors (one upheld, one rejected) and two who never answer.
    const appraised = org.people.filter((p) => p.superiorNip);
    const staff = appraised.filter((p) => p.positionType === "pelaksana" || p.positionType === "fungsional");
    const kabid = appraised.filter((p) => p.positionType === "administrator");
    const returnedFor = staff[1]!;
    const awayApprover = kabid[3]!;
    const objectors = new Map<string, "uphold" | "reject">([
      [staff.find((p) => profiles.get(p.nip) === "struggling")?.nip ?? staff[5]!.nip, "uphold"],
      [staff.filter((p) => profiles.get(p.nip) === "steady")[2]?.nip ?? staff[9]!.nip, "reject"],
    ]);
    const silent = new Set([staff[14]!.nip, staff[30]!.nip]);
    // Away for 8 days from the first SKP that reaches him: with the cascade (rule 27) his staff are asked only once his
    // own SKP is approved, so the requests come days after the start, and the escalation comes 7 days after them.
    let awayFrom: number | undefined;

    let cycleId = "";
    const json = async (url: string, init?: RequestInit) => {
      const response = await fetch(url, {
        ...init,
        headers: { accept: "application/json", ...(init?.headers ?? {}) },
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    };

    const appraisals = async (): Promise<FlowAppraisal[]> => {
      const all: FlowAppraisal[] = [];
      let cursor: string | null = null;
      do {
        const page = await flow.listAppraisalsOfCycle(cycleId, cursor, 200);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    };

    /** Presses the page's submit button ("Kirim ..."), as the person does once the form is filled. */
    const send = (form: HtmlForm) => browser.submit(form, /^Kirim\b/);

    /** The part of an intent the page does not show yet (a person does not retype what is there); `onlyPresent`: the fields the page has now. */
    const toType = (form: HtmlForm, intent: FormIntent, onlyPresent: boolean): FormIntent =>
      Object.fromEntries(
        Object.entries(intent).filter(([name, value]) =>
          form.has(name) ? !showsAlready(form.value(name), value) : !onlyPresent,
        ),
      );

    /** The SKP proposal: pick the superior RHK from the page, add rows with the form's buttons until the plan fits, submit. */
    const proposeSkp = async (page: HtmlPage, form: HtmlForm, person: DemoPerson): Promise<HtmlPage> => {
      const seen = proposals.get(person.nip) ?? 0;
      proposals.set(person.nip, seen + 1);
      const revision = seen > 0;
      if (revision && returned?.nip === person.nip && !page.text.includes(returned.comment))
        throw new DemoError(
          `page "${page.title}" does not show the appraiser's return comment "${returned.comment}"`,
        );
      const plan = plannedSkp(person, revision);
      const superior = form.options("rhk.0.parentRhkId").filter((o) => o.value !== "");
      const intent = skpIntent(plan, superior[0]?.value);
      const need = rowsNeeded(plan);
      let current = form;
      const typed: FormIntent = {};
      for (let presses = 0; ; presses++) {
        const moreRhk = !current.has(`rhk.${need.rhk - 1}.text`);
        const moreIndicators = !current.has(`rhk.0.indicators.${need.indicators - 1}.text`);
        if (!moreRhk && !moreIndicators) break;
        if (presses >= 10)
          throw new DemoError(
            `page "${page.title}" still lacks rows for ${need.rhk} RHK of ${need.indicators} indicators after ${presses} presses`,
          );
        const now = toType(current, intent, true);
        current.fill(now);
        Object.assign(typed, now);
        const again = await browser.submit(current, moreRhk ? "Tambah baris RHK" : "Tambah baris indikator");
        rowButtons += 1;
        if (again.status !== 200 || !again.hasForm) return again;
        current = again.form();
        // The re-rendered form must keep what the person typed, or they would have to start over.
        for (const [name, value] of Object.entries(typed))
          if (!current.has(name) || !showsAlready(current.value(name), value))
            throw new DemoError(
              `page "${page.title}" lost what ${person.name} typed into "${name}" after adding rows (${JSON.stringify(value)} -> ${current.has(name) ? JSON.stringify(current.value(name)) : "field gone"})`,
            );
      }
      return send(current.fill(toType(current, intent, false)));
    };

    /** Fills and submits the page's form as this person would; answers the page the submission led to. */
    const decide = async (
      page: HtmlPage,
      form: HtmlForm,
      // A team's periodic rating is no one employee's decision (ratePeriod).
      kind: Exclude<DecisionKind, "periodic-rating">,
      actor: Actor,
      appraisee: DemoPerson,
    ): Promise<HtmlPage> => {
      const profile: Profile = profiles.get(appraisee.nip) ?? "steady";
      const mustShow = (text: string, what: string) => {
        if (!page.text.includes(text))
          throw new DemoError(`page "${page.title}" does not show ${what} ("${text}" is not on it)`);
      };
      switch (kind) {
        case "skp-proposal":
          return proposeSkp(page, form, appraisee);
        case "skp-approval": {
          // An approver reads the SKP before approving it.
          mustShow(plannedSkp(appraisee, false).rhk[0]!.text, "the SKP to approve");
          if (appraisee.nip === returnedFor.nip && !returned) {
            const comment = "Tambahkan indikator kualitas layanan dan efisiensi anggaran.";
            returned = { nip: appraisee.nip, comment };
            return send(form.fill({ decision: "return", comment }));
          }
          return send(
            form.fill({
              decision: "approve",
              // Leaders add special behaviour expectations to the SKP they approve (DOMAIN 4.3).
              ...(actor.positionType === "jpt"
                ? {
                    "ekspektasiKhusus.akuntabel": "Menyampaikan laporan kinerja tepat waktu setiap triwulan.",
                    "ekspektasiKhusus.kolaboratif": "Aktif membangun kerja sama lintas bidang.",
                  }
                : {}),
            }),
          );
        }
        case "realization":
          return send(form.fill(realisationIntent(form, appraisee, profile, random)));
        case "review": {
          mustShow(plannedSkp(appraisee, false).rhk[0]!.text, "the SKP under review");
          const intent = reviewIntent(profile, random);
          // The page shows the unit's distribution against its organisation rating; these reviewers always say why
          // their predikat fits (reviews of the unit decided meanwhile may make one depart from the pattern).
          if (page.text.includes("Distribusi predikat unit kerja") && !intent.justification)
            intent.justification = DISTRIBUTION_JUSTIFICATION;
          return send(form.fill(intent));
        }
        case "acknowledgement": {
          const predikat = page.definition("Predikat kinerja");
          if (!Object.values(PREDIKAT_LABELS).some((l) => l.id === predikat))
            throw new DemoError(
              `page "${page.title}" does not show the predikat to acknowledge (Predikat kinerja: ${predikat ?? "not on the page"})`,
            );
          const objection = objectors.get(appraisee.nip);
          if (objection) {
            objections.set(appraisee.nip, objection);
            return send(form.fill({ decision: "object", reason: OBJECTION_REASON }));
          }
          return send(form.fill({ decision: "acknowledge" }));
        }
        case "objection-decision":
          mustShow(OBJECTION_REASON, "the grounds of the objection");
          return send(
            form.fill(
              objections.get(appraisee.nip) === "uphold"
                ? {
                    decision: "uphold",
                    "revised.hasilKerja": "meets",
                    "revised.perilaku": "meets",
                    note: `Keberatan diterima: bukti baru diperiksa oleh ${actor.name}.`,
                  }
                : { decision: "reject", note: "Penilaian sudah sesuai dengan bukti dukung yang ada." },
            ),
          );
      }
    };

    /** The appraising official's periodic rating of the team: every member rated on the one page, then confirmed. */
    const ratePeriod = async (actor: Actor, page: HtmlPage, form: HtmlForm, link: string) => {
      const who = `${actor.name} (${actor.position}) on the periodic rating page`;
      if (!page.text.includes("Matriks predikat"))
        throw new DemoError(`${who}: the page does not show the predikat matrix`);
      let answer: HtmlPage;
      try {
        answer = await send(form.fill(periodicRatingIntent(form, (nip) => profiles.get(nip) ?? "steady")));
      } catch (err) {
        if (err instanceof FormFillError || err instanceof DemoError)
          throw new DemoError(`${who}: ${err.message}`, { cause: err });
        throw err;
      }
      handled.add(link);
      if (answer.status === 409) return false;
      if (answer.status !== 200 || answer.hasForm || !answer.text.includes("Predikat periodik"))
        throw new DemoError(
          `${who}: the answer page did not show what was recorded (${answer.status} "${answer.title}"${answer.errors.length ? `: ${answer.errors.join("; ")}` : ""})`,
        );
      decisions += 1;
      viaForms += 1;
      byKind["periodic-rating"] = (byKind["periodic-rating"] ?? 0) + 1;
      return true;
    };

    /** Opens one link's page and, when it asks for a decision the person means to take now, fills and submits its form. */
    const actOn = async (actor: Actor, link: string, subject: string): Promise<boolean> => {
      const page = await browser.open(link);
      if (page.status === 404 || page.status === 403)
        throw new DemoError(`link in "${subject}" to ${actor.email} answered ${page.status}: ${page.title}`);
      // Decided (200 without a form) or gone (410): nothing left to do through this link.
      if (page.status === 410 || (page.status === 200 && !page.hasForm)) {
        if (page.notices.length === 0 && page.errors.length === 0)
          throw new DemoError(
            `link in "${subject}" to ${actor.email} shows neither a form nor what became of it ("${page.title}")`,
          );
        handled.add(link);
        return false;
      }
      if (page.status !== 200)
        throw new DemoError(`link in "${subject}" to ${actor.email} answered ${page.status}: ${page.title}`);
      const form = page.form();
      const kind = kindOfForm(form);
      if (!kind)
        throw new DemoError(
          `${actor.name} cannot tell what page "${page.title}" asks for; its form has ${form.names().join(", ")}`,
        );
      if (kind === "periodic-rating") return ratePeriod(actor, page, form, link);
      const employee = page.definition("Pegawai");
      const appraisee = byNip.get(/NIP\s*(\d{18})/.exec(employee ?? "")?.[1] ?? "");
      if (!appraisee)
        throw new DemoError(
          `page "${page.title}" sent to ${actor.email} does not say whose appraisal it is (Pegawai: ${employee ?? "not on the page"})`,
        );
      if (actor.nip === awayApprover.nip && kind === "skp-approval") {
        awayFrom ??= rt.clock.now().getTime();
        if (rt.clock.now().getTime() < awayFrom + 8 * DAY) return false;
      }
      if (kind === "acknowledgement" && silent.has(appraisee.nip)) return false;
      const who = `${actor.name} (${actor.position}) on the ${kind} page for ${appraisee.name}`;
      let answer: HtmlPage;
      try {
        answer = await decide(page, form, kind, actor, appraisee);
      } catch (err) {
        if (err instanceof FormFillError || err instanceof DemoError)
          throw new DemoError(`${who}: ${err.message}`, { cause: err });
        throw err;
      }
      handled.add(link);
      if (answer.status === 409) {
        lateSubmits += 1; // decided meanwhile through another mail's link (reminder or escalation)
        return false;
      }
      if (answer.status === 400)
        throw new DemoError(`${who}: the form was refused: ${answer.errors.join("; ") || answer.title}`);
      if (answer.status !== 200 || answer.hasForm || answer.notices.length === 0)
        throw new DemoError(
          `${who}: the answer page did not confirm the decision (${answer.status} "${answer.title}"${answer.errors.length ? `: ${answer.errors.join("; ")}` : ""})`,
        );
      decisions += 1;
      viaForms += 1;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      return true;
    };

    /** Everyone reads their mail and acts on each pending link once (people act at the same time); answers how many decided. */
    const readMailAndAct = async (): Promise<number> => {
      const mails = v.parse(OutboxMailSchema, (await json(`${rt.urls.mail}?limit=1000`)).body);
      const work: (() => Promise<boolean>)[] = [];
      const queued = new Set<string>();
      for (const mail of mails.reverse()) {
        const actor = byEmail.get(mail.to);
        if (!actor) continue;
        for (const link of mail.links) {
          if (!link.includes("/l/") || handled.has(link) || queued.has(link)) continue;
          queued.add(link);
          work.push(() => actOn(actor, link, mail.subject));
        }
      }
      let made = 0;
      const worker = async () => {
        for (let job = work.shift(); job; job = work.shift()) if (await job()) made += 1;
      };
      await Promise.all(Array.from({ length: PEOPLE_AT_ONCE }, worker));
      await rt.engine.idle();
      return made;
    };

    const countPast = (list: FlowAppraisal[], stages: string[]) =>
      list.filter((a) => !stages.includes(a.stage)).length;
    const day = () => rt.clock.now().toISOString().slice(0, 10);

    /** Acts and skips a day at a time until `finished` holds; a stuck stage fails with what it waited for. */
    const runStage = async (stage: DemoStage, waitingStages: string[], maxDays: number, step = "P1D") => {
      for (let round = 0; ; round++) {
        await readMailAndAct();
        const list = await appraisals();
        const failed = list.filter((a) => a.stage === "failed" || a.stage === "cancelled");
        if (failed.length > 0) {
          throw new DemoError(
            `stage ${stage}: ${failed.length} appraisal(s) left the cycle: ` +
              failed
                .map(
                  (a) =>
                    `${a.id} ${a.stage}${a.failure ? ` in ${a.failure.stage}: ${a.failure.error}: ${a.failure.cause}` : ""}`,
                )
                .join("; "),
          );
        }
        const done = countPast(list, waitingStages);
        progress({ stage, done, total: list.length, note: day() });
        if (done === list.length) return;
        if (round >= maxDays) {
          const stuck = list.filter((a) => waitingStages.includes(a.stage)).slice(0, 5);
          throw new DemoError(
            `stage ${stage} did not finish by ${day()}: still waiting for ${stuck.map((a) => `${a.id} (${a.stage})`).join(", ")}`,
          );
        }
        await rt.advanceClock(parseIsoDuration(step));
      }
    };

    // HR works through the dashboard in the same browser as everyone: signs in on the identity provider's page,
    // names the Bupati as staffing authority (and so appraiser of the Sekda at the top) with the org-settings CSV,
    // then opens the annual cycle for the whole regency with the create-cycle form (the launch workflow starts one
    // appraisal per employee, the Sekda included).
    const desk: HrDesk = { browser: createDemoBrowser(), base: rt.urls.web };
    await signInAsHr(desk, rt.devAccounts.hr);
    await importCsv(
      desk,
      "org-settings",
      "pengaturan-organisasi.csv",
      // Saved by a spreadsheet in an Indonesian locale: `;`-separated with a BOM.
      `\ufeffrole;name;position;email\r\npejabat_pembina_kepegawaian;${DEMO_STAFFING_AUTHORITY.name};${DEMO_STAFFING_AUTHORITY.position};${DEMO_STAFFING_AUTHORITY.email}\r\n`,
    );
    const simulatedFrom = rt.clock.now().toISOString();
    cycleId = await createCycle(desk, {
      name: "Penilaian Kinerja Tahunan 2027",
      kind: "annual",
      periodStart: PERIOD.start,
      periodEnd: PERIOD.end,
    });
    await rt.engine.idle();

    await runStage("target-setting", ["target-setting"], 30);

    // The year passes a month at a time; periodic evaluations run at each quarter's end on their schedule.
    const yearEnd = Date.parse(`${PERIOD.end}T17:00:00.000Z`) + 1; // 00:00 WIB on 1 January
    for (let month = 1; rt.clock.now().getTime() < yearEnd; month++) {
      const next =
        Date.UTC(2027, month, 1, 1) < yearEnd ? Date.UTC(2027, month, 1, 1) : yearEnd + 2 * 3_600_000;
      await rt.setClock(new Date(Math.max(next, rt.clock.now().getTime())));
      await readMailAndAct();
      progress({ stage: "measurement", done: Math.min(month, 12), total: 12, note: day() });
    }

    // HR sets each unit's organisation rating before the reviews (the unit-head rule of DESIGN.md 3.1 then applies).
    for (const [unitId, rating] of Object.entries(ORG_RATINGS))
      await setOrgRating(desk, cycleId, unitId, rating);
    await runStage("realisation", ["measurement"], 30);
    await runStage("review", ["measurement", "review"], 30);
    await runStage("feedback", ["measurement", "review", "feedback"], 30, "P2D");
    await runStage("follow-up", ["measurement", "review", "feedback", "follow-up"], 10);

    // Read the outcome back from the records.
    const list = await appraisals();
    const byStage: Record<string, number> = {};
    for (const a of list) byStage[a.stage] = (byStage[a.stage] ?? 0) + 1;
    const overall = emptyCounts();
    const warnings = await flow.listDistributionWarnings(cycleId);
    const units = org.units
      .filter((u) => list.some((a) => a.unitId === u.unitId))
      .map((u) => {
        const counts = emptyCounts();
        const members = list.filter((a) => a.unitId === u.unitId);
        for (const a of members) if (a.predikat) counts[a.predikat] += 1;
        return {
          unitId: u.unitId,
          name: u.name,
          orgRating: ORG_RATINGS[u.unitId] ?? "-",
          population: members.length,
          counts,
          warnings: warnings.find((w) => w.unitId === u.unitId)?.warnings ?? [],
        };
      });
    for (const a of list) if (a.predikat) overall[a.predikat] += 1;

    const escalatedRecord = list.find(
      (a) =>
        a.nip !== undefined &&
        byNip.get(a.nip)?.superiorNip === awayApprover.nip &&
        a.skp?.approvedBy &&
        a.skp.approvedBy !== awayApprover.nip,
    );
    const mails = (await rt.outbox.list({ limit: 1_000_000 })).length;
    const returnedSkp = returned as { nip: string; comment: string } | null;
    const cost = priceWork(countEngineWork(rt.engine), mails, list.length);
    return {
      dataDir,
      kept: keep,
      cycleId: cycleId,
      period: PERIOD,
      simulated: { from: simulatedFrom, to: rt.clock.now().toISOString() },
      wallMs: Date.now() - started,
      appraisals: { total: list.length, byStage },
      overall,
      units,
      people: {
        decisions,
        viaForms,
        pages: { ...browser.tally, posts: { ...browser.tally.posts }, rowButtons, lateSubmits },
        byKind,
        returnedSkp: returnedSkp
          ? {
              appraisalId: list.find((a) => a.nip === returnedSkp.nip)?.id ?? "",
              comment: returnedSkp.comment,
            }
          : null,
        escalated: escalatedRecord
          ? { appraisalId: escalatedRecord.id, decidedBy: escalatedRecord.skp!.approvedBy! }
          : null,
        objections: list
          .filter((a) => a.objection?.decision)
          .map((a) => ({
            appraisalId: a.id,
            outcome: a.objection!.decision!.outcome,
            predikatBefore: a.objection!.decision!.predikatBefore,
            predikatAfter: a.objection!.decision!.predikatAfter,
          })),
        autoAcknowledged: list.filter((a) => a.acknowledgement?.automatic).map((a) => a.id),
      },
      hr: { pages: { ...desk.browser.tally, posts: { ...desk.browser.tally.posts } } },
      cost,
      where: {
        dataDir,
        browse: `KINERJA_DATA_DIR=${dataDir} npm start`,
        mail: "/_local/mail",
        executions: "/_local/executions",
      },
    };
  }
}
