// `kinerja demo`: a whole annual cycle of the demo Salor organisation in a temporary data dir. HR opens the cycle
// through the dashboard (hr-desk.ts); simulated people act only through their mail (the local outbox) and the pages
// of the decision links in it (mail-actions.ts), as a person with a browser would. The clock skips through the year
// so reminders, escalations, periodic evaluations, the objection window and follow-up all happen on their own
// timers. The report is read back from the records (report.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { DEMO_STAFFING_AUTHORITY, demoOrganisation } from "@kinerja/core/imports/sample-org";
import { seededRandom } from "@kinerja/core/random/seeded-random";
import { createDynamoFlowStore } from "@kinerja/core/appraisal-flow/flow-store.dynamo";
import type { FlowAppraisal } from "@kinerja/core/appraisal-flow/flow-store";
import { createLocalRuntime, type LocalRuntime } from "../runtime/runtime";
import { createDemoBrowser } from "./browser";
import { DemoError } from "./demo.errors";
import { createCycle, importCsv, setOrgRating, signInAsHr, type HrDesk } from "./hr-desk";
import { createMailActors } from "./mail-actions";
import { assignProfiles } from "./people";
import { readReport, type DemoReport } from "./report";
import { castOf, ORG_RATINGS, PERIOD, START_AT } from "./scenario";

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

/** Runs the whole demo and answers its report; throws DemoError naming the stage when the cycle gets stuck. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const started = Date.now();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "kinerja-demo-"));
  const keep = options.keep ?? true;
  const progress = options.onProgress ?? (() => undefined);
  const org = demoOrganisation();
  const profiles = assignProfiles(org.people, options.seed ?? 2027);
  const random = seededRandom((options.seed ?? 2027) + 1);
  const cast = castOf(org, profiles);

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
    const people = createMailActors(rt, cast, profiles, random);
    let cycleId = "";

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

    const countPast = (list: FlowAppraisal[], stages: string[]) =>
      list.filter((a) => !stages.includes(a.stage)).length;
    const day = () => rt.clock.now().toISOString().slice(0, 10);

    /** Acts and skips a day at a time until `finished` holds; a stuck stage fails with what it waited for. */
    const runStage = async (stage: DemoStage, waitingStages: string[], maxDays: number, step = "P1D") => {
      for (let round = 0; ; round++) {
        await people.readMailAndAct();
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
      await people.readMailAndAct();
      progress({ stage: "measurement", done: Math.min(month, 12), total: 12, note: day() });
    }

    // HR sets each unit's organisation rating before the reviews (the unit-head rule of DESIGN.md 3.1 then applies).
    for (const [unitId, rating] of Object.entries(ORG_RATINGS))
      await setOrgRating(desk, cycleId, unitId, rating);
    await runStage("realisation", ["measurement"], 30);
    await runStage("review", ["measurement", "review"], 30);
    await runStage("feedback", ["measurement", "review", "feedback"], 30, "P2D");
    await runStage("follow-up", ["measurement", "review", "feedback", "follow-up"], 10);

    return readReport({
      rt,
      flow,
      org,
      cast,
      cycleId,
      list: await appraisals(),
      dataDir,
      kept: keep,
      startedMs: started,
      simulatedFrom,
      people: people.tally(),
      hr: desk.browser.tally,
    });
  }
}
