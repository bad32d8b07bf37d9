// What runs in a cycle right now and how far it got (issue 17 item 3): the launch (appraisals started out of the
// employees of the cycle's units) and any periodic evaluation (pages done, appraisals evaluated). Everything is read
// from the table (launch pages, launch skips, appraisal records, periodic runs and pages), never from memory: in the
// cloud each refresh of the cycle page may reach another Lambda.
import { LIVE_STAGES } from "../appraisal/appraisal";
import { entitiesOf } from "../storage/entities";
import { createPeriodicEntities } from "../periodic/periodic.repo";
import { HrNotFoundError } from "./hr.errors";
import type { HrDeps } from "./hr-deps";

/** How far the cycle's launch got. */
export interface LaunchProgress {
  /** True while the launch workflow runs (cycle status "launching"). */
  running: boolean;
  /** Employees of the cycle's units (sub-units included): what the launch goes through. */
  total: number;
  /** Appraisal executions the latest launch started (or found already started). */
  launched: number;
  /** Employees the launch left out, with a reason on the cycle page. */
  skipped: number;
  /** Appraisals whose workflow failed (HR may retry them). */
  failed: number;
}

/** How far one periodic evaluation that is running got. */
export interface PeriodicProgress {
  periodKey: string;
  label: string;
  /** Pages of appraisals done so far (this attempt). */
  pages: number;
  /** Live appraisals those pages went through, and how many of them were evaluated (not those without an approved
   *  SKP yet). */
  processed: number;
  evaluated: number;
  /** Appraisals still live in the cycle: what an evaluation goes through. */
  total: number;
}

/** The cycle's runs and their counts; `active` says the page should refresh itself. */
export interface CycleProgress {
  cycleId: string;
  active: boolean;
  launch: LaunchProgress;
  periodic: PeriodicProgress[];
}

/** Reads the progress of a cycle's launch and of its running periodic evaluations. */
export async function cycleProgress(deps: HrDeps, cycleId: string): Promise<CycleProgress> {
  const cycle = await deps.storage.cycles.getCycle(cycleId);
  if (!cycle) throw new HrNotFoundError("hrCycleNotFound", { cycleId });
  const storage = deps.storage;
  const launching = cycle.status === "launching";
  const periodicEntities = createPeriodicEntities(storage);
  const [stages, pages, skips, runs, total] = await Promise.all([
    storage.appraisals.countByStage(cycleId),
    entitiesOf(storage)
      .launchPage.query.byCycle({ cycleId })
      .go({ pages: "all", attributes: ["pageKey", "started", "alreadyExisting", "at"] }),
    deps.control.store.launchSkips(cycleId),
    periodicEntities.run.query.byCycle({ cycleId }).go({ pages: "all" }),
    // The launch's denominator is only needed while it runs; afterwards the records are the participants.
    launching ? employeesOfCycleUnits(deps, cycle.unitIds ?? null) : Promise.resolve(undefined),
  ]);
  // Pages are keyed "<launch execution name>#<cursor>": a relaunch counts beside the first, so count the latest one.
  const byLaunch = new Map<string, { launched: number; at: string }>();
  for (const p of pages.data) {
    const launch = p.pageKey.slice(0, p.pageKey.lastIndexOf("#"));
    const sum = byLaunch.get(launch) ?? { launched: 0, at: "" };
    byLaunch.set(launch, {
      launched: sum.launched + p.started + p.alreadyExisting,
      at: p.at > sum.at ? p.at : sum.at,
    });
  }
  const latest = [...byLaunch.values()].sort((a, b) => b.at.localeCompare(a.at))[0];
  const records = Object.values(stages).reduce((a, b) => a + b, 0);
  const live = LIVE_STAGES.reduce((sum, s) => sum + stages[s], 0);
  const running = runs.data.filter((r) => r.status === "running");
  const periodic = await Promise.all(
    running.map(async (r) => {
      const done = await periodicEntities.page.query
        .byAttempt({ cycleId, periodKey: r.periodKey, attempt: r.attempt ?? 1 })
        .begins({ phase: "evaluate" })
        .go({ pages: "all", attributes: ["items", "evaluated"] });
      return {
        periodKey: r.periodKey,
        label: r.label,
        pages: done.data.length,
        processed: done.data.reduce((sum, p) => sum + p.items, 0),
        evaluated: done.data.reduce((sum, p) => sum + p.evaluated, 0),
        total: live,
      };
    }),
  );
  return {
    cycleId,
    active: launching || periodic.length > 0,
    launch: {
      running: launching,
      total: total ?? records + skips.length,
      launched: latest?.launched ?? 0,
      skipped: skips.length,
      failed: stages.failed,
    },
    periodic,
  };
}

/** Employees of the units a cycle covers (sub-units included), counted unit by unit. */
async function employeesOfCycleUnits(deps: HrDeps, unitIds: string[] | null): Promise<number> {
  const units = await deps.control.store.unitsWithDescendants(unitIds ?? undefined);
  const counts = await Promise.all(units.map((u) => deps.storage.org.listEmployeesByUnit(u)));
  return counts.reduce((sum, list) => sum + list.length, 0);
}
