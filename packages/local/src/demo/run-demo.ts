// `kinerja demo`: a whole annual cycle of the demo Salor organisation in a temporary data dir. HR opens the cycle;
// simulated people act only through their mail (the local outbox) and the decision links in it, over HTTP, as a
// person with a browser would; the clock skips through the year so reminders, escalations, periodic evaluations,
// the objection window and follow-up all happen on their own timers. The report is read back from the records.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { createDynamoFlowStore } from "@kinerja/core/services/flow-store.dynamo";
import type { FlowAppraisal } from "@kinerja/core/services/flow-store";
import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { createLocalRuntime, type LocalRuntime } from "../runtime/runtime";
import { countEngineWork, priceWork, type CostFigures } from "./cost";
import {
  assignProfiles,
  LinkViewSchema,
  OutboxMailSchema,
  realisation,
  review,
  seededRandom,
  skpProposal,
  type LinkView,
  type Profile,
} from "./people";
import { demoOrganisation, type DemoPerson } from "./salor-org";
import { DemoError } from "./demo.errors";

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
    decisions: number;
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
  const byEmail = new Map(org.people.map((p) => [p.email, p]));
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
    linkRateLimit: { perIp: 1_000_000, perKey: 1000 },
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
    let decisions = 0;
    let returned: DemoReport["people"]["returnedSkp"] = null;
    const objections = new Map<string, "uphold" | "reject">();

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
    const awayUntil = START_AT.getTime() + 8 * DAY;

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

    const body = (view: LinkView, actor: DemoPerson, appraisee: DemoPerson): unknown => {
      const profile: Profile = profiles.get(appraisee.nip) ?? "steady";
      switch (view.kind) {
        case "skp-proposal":
          return skpProposal(appraisee, view.context, Boolean(view.context?.returnComment));
        case "skp-approval":
          if (appraisee.nip === returnedFor.nip && !returned) {
            const comment = "Tambahkan indikator kualitas layanan dan sesuaikan dengan RHK atasan.";
            returned = { appraisalId: view.appraisalId, comment };
            return { decision: "return", comment };
          }
          return { decision: "approve" };
        case "realization":
          return realisation(profile, view.context, random);
        case "review":
          return review(profile, random);
        case "acknowledgement": {
          const objection = objectors.get(appraisee.nip);
          if (objection) {
            objections.set(view.appraisalId, objection);
            return {
              decision: "object",
              reason: "Realisasi dan bukti dukung triwulan IV belum diperhitungkan dalam penilaian.",
            };
          }
          return { decision: "acknowledge" };
        }
        case "objection-decision":
          return objections.get(view.appraisalId) === "uphold"
            ? {
                decision: "uphold",
                revised: { hasilKerja: "meets", perilaku: "meets" },
                note: `Keberatan diterima: bukti baru diperiksa oleh ${actor.name}.`,
              }
            : { decision: "reject", note: "Penilaian sudah sesuai dengan bukti dukung yang ada." };
      }
    };

    /** Opens one link and, when it is pending and the person means to act now, posts the decision. */
    const actOn = async (actor: DemoPerson, link: string, subject: string): Promise<boolean> => {
      const opened = await json(link);
      if (opened.status === 404 || opened.status === 403)
        throw new DemoError(`link in "${subject}" to ${actor.email} answered ${opened.status}`);
      const view = v.parse(LinkViewSchema, opened.body);
      if (view.status !== "pending") {
        handled.add(link);
        return false;
      }
      const appraisee = byNip.get(view.employee.nip);
      if (!appraisee) throw new DemoError(`link for unknown employee ${view.employee.nip}`);
      if (
        actor.nip === awayApprover.nip &&
        view.kind === "skp-approval" &&
        rt.clock.now().getTime() < awayUntil
      )
        return false;
      if (view.kind === "acknowledgement" && silent.has(appraisee.nip)) return false;
      const posted = await json(link, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body(view, actor, appraisee)),
      });
      handled.add(link);
      if (posted.status === 409) return false; // decided meanwhile through another mail's link (reminder or escalation)
      if (posted.status !== 200)
        throw new DemoError(
          `${actor.name} could not decide ${view.kind} for ${view.appraisalId}: ${posted.status} ${JSON.stringify(posted.body)}`,
        );
      decisions += 1;
      byKind[view.kind] = (byKind[view.kind] ?? 0) + 1;
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

    // HR works through the HR API with the dev runtime's HR token, as any HR client would.
    const hr = async (method: string, path: string, payload: unknown, expected: number) => {
      const res = await json(`${rt.urls.web}${path}`, {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${rt.hrToken}` },
        body: JSON.stringify(payload),
      });
      if (res.status !== expected)
        throw new DemoError(`HR ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    };

    // HR opens the annual cycle for the whole regency (the launch workflow starts one appraisal per employee).
    const simulatedFrom = rt.clock.now().toISOString();
    const created = v.parse(
      v.object({ id: v.string() }),
      await hr(
        "POST",
        "/api/cycles",
        {
          name: "Penilaian Kinerja Tahunan 2027",
          kind: "annual",
          periodStart: PERIOD.start,
          periodEnd: PERIOD.end,
        },
        202,
      ),
    );
    cycleId = created.id;
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
    for (const [unitId, rating] of Object.entries(ORG_RATINGS)) {
      await hr("PUT", `/api/units/${unitId}/org-rating`, { cycleId: cycleId, rating }, 200);
    }
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
        byKind,
        returnedSkp: returned,
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
