// What the demo's people do with their mail: everyone reads the local outbox and opens each pending decision link,
// as a person with a browser would: they read the HTML page, tell what it asks from its form, fill it with the
// fields it has and submit it (application/x-www-form-urlencoded), never a JSON shortcut. What each person enters
// follows their profile (people.ts) and their part in the story (scenario.ts); a page that does not show what a
// person needs, or refuses what they sent, stops the demo with what was seen.
import * as v from "valibot";
import type { FlowDecisionKind } from "@kinerja/core/decision/decision-kinds";
import type { DemoPerson } from "@kinerja/core/imports/sample-org";
import { PREDIKAT_LABELS } from "@kinerja/core/rating/rating";
import type { LocalRuntime } from "../runtime/runtime";
import { createDemoBrowser, type BrowserTally, type DemoBrowser } from "./browser";
import { DemoError, FormFillError } from "./demo.errors";
import type { HtmlForm } from "./html-form";
import type { HtmlPage } from "./html-page";
import {
  kindOfForm,
  OutboxMailSchema,
  periodicRatingIntent,
  plannedSkp,
  realisationIntent,
  reviewIntent,
  rowsNeeded,
  showsAlready,
  skpIntent,
  type FormIntent,
  type Profile,
} from "./people";
import {
  AWAY_DAYS,
  DISTRIBUTION_JUSTIFICATION,
  OBJECTION_REASON,
  RETURN_COMMENT,
  type Actor,
  type DemoCast,
} from "./scenario";

const DAY = 86_400_000;
/** How many simulated people act at the same moment. */
const PEOPLE_AT_ONCE = 6;

/** What the people did: decisions taken through the link pages, and the requests they sent. */
export interface PeopleTally {
  decisions: number;
  viaForms: number;
  byKind: Record<string, number>;
  pages: BrowserTally & { rowButtons: number; lateSubmits: number };
  /** The SKP returned once: whose, and the appraiser's comment. */
  returned: { nip: string; comment: string } | null;
}

/** The people of the demo at their mail. */
export interface MailActors {
  /** Everyone reads their mail and acts on each pending link once (people act at the same time); answers how many decided. */
  readMailAndAct(): Promise<number>;
  /** What they did so far. */
  tally(): PeopleTally;
}

/** The people of `cast` acting on the mail of runtime `rt`; `random` varies what they enter. */
export function createMailActors(
  rt: LocalRuntime,
  cast: DemoCast,
  profiles: Map<string, Profile>,
  random: () => number,
): MailActors {
  const browser: DemoBrowser = createDemoBrowser();
  const handled = new Set<string>();
  const byKind: Record<string, number> = {};
  let decisions = 0;
  let viaForms = 0;
  let rowButtons = 0;
  let lateSubmits = 0;
  let returned: { nip: string; comment: string } | null = null;
  /** Objections filed, by the objector's NIP: how the deciding official will answer. */
  const objections = new Map<string, "uphold" | "reject">();
  /** How many SKP proposal pages each person has filled (a second one is the revision after a return). */
  const proposals = new Map<string, number>();
  // Away for AWAY_DAYS from the first SKP that reaches him: with the cascade (rule 27) his staff are asked only once
  // his own SKP is approved, so the requests come days after the start, and the escalation comes 7 days after them.
  let awayFrom: number | undefined;

  const json = async (url: string, init?: RequestInit) => {
    const response = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...(init?.headers ?? {}) },
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
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
    kind: FlowDecisionKind,
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
        if (appraisee.nip === cast.returnedFor.nip && !returned) {
          returned = { nip: appraisee.nip, comment: RETURN_COMMENT };
          return send(form.fill({ decision: "return", comment: RETURN_COMMENT }));
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
        const objection = cast.objectors.get(appraisee.nip);
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
    const appraisee = cast.byNip.get(/NIP\s*(\d{18})/.exec(employee ?? "")?.[1] ?? "");
    if (!appraisee)
      throw new DemoError(
        `page "${page.title}" sent to ${actor.email} does not say whose appraisal it is (Pegawai: ${employee ?? "not on the page"})`,
      );
    if (actor.nip === cast.awayApprover.nip && kind === "skp-approval") {
      awayFrom ??= rt.clock.now().getTime();
      if (rt.clock.now().getTime() < awayFrom + AWAY_DAYS * DAY) return false;
    }
    if (kind === "acknowledgement" && cast.silent.has(appraisee.nip)) return false;
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

  return {
    async readMailAndAct() {
      const mails = v.parse(OutboxMailSchema, (await json(`${rt.urls.mail}?limit=1000`)).body);
      const work: (() => Promise<boolean>)[] = [];
      const queued = new Set<string>();
      for (const mail of mails.reverse()) {
        const actor = cast.byEmail.get(mail.to);
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
    },
    tally: () => ({
      decisions,
      viaForms,
      byKind,
      pages: { ...browser.tally, posts: { ...browser.tally.posts }, rowButtons, lateSubmits },
      returned,
    }),
  };
}
