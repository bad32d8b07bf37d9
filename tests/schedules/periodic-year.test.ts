import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createScheduler, type Scheduler } from "../../packages/local/src/scheduler/scheduler";
import type { PeriodicResult } from "../../packages/core/src/periodic/periodic";
import { schedules } from "../../workflows/schedules";
import { stateMachines } from "../../workflows/registry";
import {
  digestMails,
  executionsOf,
  importMonthlyValues,
  seedCycle,
  startPeriodicWorld,
  type SeededTeam,
} from "./periodic-harness";

// A whole year in Jakarta time, driven only by the schedule specs and the local scheduler: a quarterly-evaluated
// cycle and a monthly-evaluated one, with the scheduler down for 20 days across the end of the first quarter.
const WIB = (local: string) => new Date(`${local}+07:00`);
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
const MONTH_LABELS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
];
const lagging = (memberNip: string) => memberNip.endsWith("1002") || memberNip.endsWith("1006");

let world: Awaited<ReturnType<typeof startPeriodicWorld>>;
let dir: string;
let scheduler: Scheduler;
let quarterly: SeededTeam[];
let monthly: SeededTeam[];
const outage = { from: WIB("2026-03-25T00:00:00"), to: WIB("2026-04-14T00:00:00") };

function openScheduler(): Scheduler {
  const { engine } = world.states;
  return createScheduler({
    specs: schedules,
    knownStateMachines: Object.values(stateMachines).map((m) => m.name),
    clock: world.clock,
    db: join(dir, "scheduler.db"),
    startExecution: async (stateMachine, name, input) =>
      engine.startExecution({
        stateMachineArn: `arn:aws:states:${engine.region}:${engine.accountId}:stateMachine:kinerja-${stateMachine}`,
        name,
        input: JSON.stringify(input),
      }),
  });
}

/** Runs the runtime until `until`: stops at every scheduled occurrence, fires it, lets the work finish. */
async function runUntil(until: Date): Promise<void> {
  const { engine } = world.states;
  for (
    let next = scheduler.nextDueAt();
    next && next.getTime() <= until.getTime();
    next = scheduler.nextDueAt()
  ) {
    await engine.advance(Math.max(0, next.getTime() - world.clock.now().getTime()));
    await scheduler.tick();
    await engine.idle();
  }
  await engine.advance(Math.max(0, until.getTime() - world.clock.now().getTime()));
  await engine.idle();
}

beforeAll(async () => {
  world = await startPeriodicWorld("2025-12-31T17:00:00Z"); // 2026-01-01 00:00 WIB
  dir = mkdtempSync(join(tmpdir(), "kinerja-year-"));
  quarterly = await seedCycle(world, {
    cycleId: "cq",
    periodicEvaluation: "quarterly",
    teams: 2,
    perTeam: 3,
  });
  monthly = await seedCycle(world, { cycleId: "cm", periodicEvaluation: "monthly", teams: 2, perTeam: 2 });
  await importMonthlyValues(world, [...quarterly, ...monthly], MONTHS, lagging);

  scheduler = openScheduler();
  await runUntil(outage.from);
  await scheduler.close(); // the runtime's scheduler is down for 20 days
  await world.states.engine.advance(outage.to.getTime() - world.clock.now().getTime());
  scheduler = openScheduler(); // restarted on the same state
  await runUntil(WIB("2027-01-01T02:00:00"));
}, 240_000);

afterAll(async () => {
  await scheduler?.close();
  await world?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a year of scheduled periodic evaluations in Asia/Jakarta", () => {
  it("runs exactly 4 quarterly and 12 monthly evaluations, all succeeded", () => {
    const runs = executionsOf(world, world.arnOf("periodicEvaluation"));
    expect(runs.map((r) => r.name).sort()).toEqual(
      [
        ...["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map((q) => `cq-${q}`),
        ...MONTHS.map((m) => `cm-${m}`),
      ].sort(),
    );
    expect(runs.every((r) => r.status === "SUCCEEDED")).toBe(true);
  });

  it("starts each evaluation at 01:00 WIB the day after its period ends, and the ones due in the outage once, on restart", () => {
    const startOf = (name: string) =>
      executionsOf(world, world.arnOf("periodicEvaluation")).find((r) => r.name === name)!.startMs;
    const minute = 60_000;
    // not before it is due, and within a minute of the daily 01:00 run (the local clock keeps ticking in real time)
    const dueAt = {
      "cm-2026-01": "2026-02-01T01:00:00",
      "cm-2026-06": "2026-07-01T01:00:00",
      "cq-2026-Q2": "2026-07-01T01:00:00",
      "cq-2026-Q4": "2027-01-01T01:00:00",
      "cm-2026-12": "2027-01-01T01:00:00",
    };
    for (const [name, local] of Object.entries(dueAt)) {
      expect(startOf(name)).toBeGreaterThanOrEqual(WIB(local).getTime());
      expect(startOf(name)).toBeLessThan(WIB(local).getTime() + minute);
    }
    // Q1 and March were due on 1 April 01:00, inside the outage: started by the catch-up run when the scheduler came back
    for (const name of ["cq-2026-Q1", "cm-2026-03"]) {
      expect(startOf(name)).toBeGreaterThanOrEqual(outage.to.getTime());
      expect(startOf(name)).toBeLessThan(outage.to.getTime() + minute);
    }
  });

  it("fired the daily schedule every day except the expired ones of the outage, catching up the missed run exactly once", () => {
    const runs = scheduler.runs("periodic-evaluation-daily");
    const fired = runs.filter((r) => r.status === "fired");
    const dead = runs.filter((r) => r.status === "dead-lettered");
    // 366 occurrences from 2026-01-01 to 2027-01-01 at 01:00 WIB; 20 fell in the outage, 19 of them expired (> 24 h old)
    expect(fired).toHaveLength(366 - 19);
    expect(dead).toEqual([
      expect.objectContaining({ occurrences: 19, scheduledTime: WIB("2026-03-25T01:00:00").toISOString() }),
    ]);
    expect(fired.map((r) => r.scheduledTime)).toContain(WIB("2026-04-13T01:00:00").toISOString());
    expect(new Set(fired.map((r) => r.executionName)).size).toBe(fired.length);
    const dispatches = executionsOf(world, world.arnOf("periodicDispatch"));
    expect(dispatches).toHaveLength(366 - 19);
    expect(dispatches.every((d) => d.status === "SUCCEEDED")).toBe(true);
  });

  it("ran the daily redelivery sweep at 02:00 WIB; its 6-hour maximum event age expired every run of the outage", () => {
    const runs = scheduler.runs("decision-redelivery-daily");
    expect(runs.filter((r) => r.status === "fired")).toHaveLength(366 - 20);
    expect(runs.filter((r) => r.status === "dead-lettered")).toEqual([
      expect.objectContaining({ occurrences: 20 }),
    ]);
    const sweeps = executionsOf(world, world.arnOf("sweepRedeliverDecisions"));
    expect(sweeps).toHaveLength(366 - 20);
    expect(sweeps.every((s) => s.status === "SUCCEEDED")).toBe(true);
  });

  it("sends one digest per appraising official per period, each about their own team", async () => {
    const mails = await digestMails(world);
    expect(mails).toHaveLength(4 * quarterly.length + 12 * monthly.length);
    const expectSubjects = (teams: SeededTeam[], labels: string[]) => {
      for (const team of teams) {
        const own = mails.filter((m) => m.to === team.appraiser.email);
        expect(own.map((m) => /periodik (.+?):/.exec(m.subject)![1])).toEqual(labels);
        for (const mail of own) {
          expect(
            mail.text
              .match(/NIP \d{18}/g)!
              .filter((n, i, all) => all.indexOf(n) === i)
              .sort(),
          ).toEqual(team.members.map((m) => `NIP ${m.nip}`).sort());
          const needCoaching = team.members.filter((m) => lagging(m.nip)).length;
          expect(mail.subject).toContain(`${team.members.length} pegawai, ${needCoaching} perlu pembinaan`);
        }
      }
    };
    expectSubjects(quarterly, ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]);
    expectSubjects(
      monthly,
      MONTH_LABELS.map((m) => `${m} 2026`),
    );
  });

  it("records every period's result on the appraisal record, once, with its DOMAIN 5 label", async () => {
    const q = await world.storage.appraisals.getAppraisal(quarterly[0].members[0].appraisalId);
    expect((q!.periodicResults as PeriodicResult[]).map((r) => r.label)).toEqual([
      "Triwulan I",
      "Triwulan II",
      "Triwulan III",
      "Triwulan IV",
    ]);
    const laggard = monthly.flatMap((t) => t.members).find((m) => lagging(m.nip))!;
    const m = await world.storage.appraisals.getAppraisal(laggard.appraisalId);
    const results = m!.periodicResults as PeriodicResult[];
    expect(results.map((r) => r.label)).toEqual(MONTH_LABELS.map((label) => `${label} 2026`));
    expect(results.every((r) => r.atRisk && r.coaching?.status === "opened")).toBe(true);
    const onTrack = monthly[0].members.find((x) => !lagging(x.nip))!;
    const ok = (await world.storage.appraisals.getAppraisal(onTrack.appraisalId))!
      .periodicResults as PeriodicResult[];
    expect(ok.every((r) => !r.atRisk && r.coaching === null)).toBe(true);
  });
});
