import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAppraisal, sendAppraiserDigest } from "../../packages/core/src/periodic/periodic.service";
import { periodicDepsFrom } from "../../functions/jobs/job";
import type { PeriodicResult } from "../../packages/core/src/periodic/periodic";
import {
  digestMails,
  executionsOf,
  importMonthlyValues,
  seedCycle,
  startPeriodicWorld,
  type SeededTeam,
} from "./periodic-harness";

// 40 appraising officials x 25 employees = 1,000 live appraisals; every 7th employee delivers nothing (at risk).
const TEAMS = 40;
const PER_TEAM = 25;
const lagging = (memberNip: string) => Number(memberNip.slice(-4)) % 7 === 0;

let world: Awaited<ReturnType<typeof startPeriodicWorld>>;
let teams: SeededTeam[];
let execution: { status: string; output: string | null; transitions: number };
let historyEvents = 0;
let elapsedMs = 0;

beforeAll(async () => {
  // 2026-04-01T01:00 WIB: the first quarter ended yesterday.
  world = await startPeriodicWorld("2026-03-31T18:00:00Z");
  const seeding = Date.now();
  teams = await seedCycle(world, {
    cycleId: "c1000",
    periodicEvaluation: "quarterly",
    teams: TEAMS,
    perTeam: PER_TEAM,
  });
  await importMonthlyValues(world, teams, ["2026-Q1", "2026-04"], lagging);
  console.info(`seeded 1,000 appraisals and their indicator data in ${Date.now() - seeding} ms`);
  const started = Date.now();
  const { executionArn } = world.states.engine.startExecution({
    stateMachineArn: world.arnOf("periodicEvaluation"),
    name: "c1000-2026-Q1",
    input: JSON.stringify({ cycleId: "c1000", periodKey: "2026-Q1" }),
  });
  const row = await world.states.engine.waitForExecution(executionArn, 110_000);
  elapsedMs = Date.now() - started;
  execution = row;
  historyEvents = world.states.engine.store.historyLength(executionArn);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe("one periodic evaluation over 1,000 active appraisals", () => {
  it("completes and counts every appraisal once", () => {
    expect(execution.status).toBe("SUCCEEDED");
    const atRisk = teams.flatMap((t) => t.members).filter((m) => lagging(m.nip)).length;
    expect(JSON.parse(execution.output!)).toEqual({ evaluated: TEAMS * PER_TEAM, atRisk, digests: TEAMS });
    // several events per appraisal, yet far inside the 25,000-event history limit of one execution
    expect(historyEvents).toBeGreaterThan(5 * TEAMS * PER_TEAM);
    expect(historyEvents).toBeLessThan(25_000);
    console.info(
      `periodic evaluation of ${TEAMS * PER_TEAM} appraisals: ${elapsedMs} ms, ${execution.transitions} transitions, ${historyEvents} history events`,
    );
  });

  it("sends exactly one digest to each appraising official, listing their own team and who needs coaching", async () => {
    const mails = await digestMails(world);
    expect(mails).toHaveLength(TEAMS);
    expect(new Set(mails.map((m) => m.to)).size).toBe(TEAMS);
    for (const team of teams) {
      const mail = mails.find((m) => m.to === team.appraiser.email)!;
      expect(mail.subject).toContain("Triwulan I");
      const atRisk = team.members.filter((m) => lagging(m.nip));
      expect(mail.subject).toContain(`${PER_TEAM} pegawai, ${atRisk.length} perlu pembinaan`);
      for (const member of team.members) expect(mail.text).toContain(`NIP ${member.nip}`);
      // nobody from another team
      expect(mail.text.match(/NIP \d{18}/g)!.length).toBe(PER_TEAM + atRisk.length);
      const coachingSection = mail.text.split("Seluruh tim:")[0];
      for (const member of team.members)
        expect(coachingSection.includes(`NIP ${member.nip}`)).toBe(lagging(member.nip));
    }
  });

  it("records the Triwulan I result on each appraisal record, with a coaching dialogue for those at risk", async () => {
    const sample = teams[3].members.slice(0, 8);
    for (const member of sample) {
      const record = await world.storage.appraisals.getAppraisal(member.appraisalId);
      const results = record!.periodicResults as PeriodicResult[];
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({
        periodKey: "2026-Q1",
        label: "Triwulan I",
        start: "2026-01-01",
        end: "2026-03-31",
        atRisk: lagging(member.nip),
      });
      expect(results[0].coaching !== null).toBe(lagging(member.nip));
      const audit = await world.storage.audit.listAudit(member.appraisalId);
      expect(audit.filter((e) => e.action === "periodic-evaluation")).toHaveLength(1);
      expect(audit.filter((e) => e.action === "coaching-dialogue-opened")).toHaveLength(
        lagging(member.nip) ? 1 : 0,
      );
    }
    // April's values were imported too, but Q1 counts January-March only: 3 of 12 documents.
    const onTrack = teams[0].members.find((m) => !lagging(m.nip))!;
    const record = await world.storage.appraisals.getAppraisal(onTrack.appraisalId);
    const docs = (record!.periodicResults as PeriodicResult[])[0].indicators.find((i) => i.id === "ind-docs");
    expect(docs).toMatchObject({ achievementPct: 25, status: "on-track" });
  });

  it("is idempotent: a second start of the same period is refused and a redelivered step neither records nor mails twice", async () => {
    expect(() =>
      world.states.engine.startExecution({
        stateMachineArn: world.arnOf("periodicEvaluation"),
        name: "c1000-2026-Q1",
        input: JSON.stringify({ cycleId: "c1000", periodKey: "2026-Q1" }),
      }),
    ).toThrow(expect.objectContaining({ name: "ExecutionAlreadyExists" }));
    const deps = periodicDepsFrom(world.deps);
    const member = teams[0].members[6];
    await evaluateAppraisal(deps, {
      cycleId: "c1000",
      periodKey: "2026-Q1",
      appraisalId: member.appraisalId,
    });
    expect(
      await sendAppraiserDigest(deps, {
        cycleId: "c1000",
        periodKey: "2026-Q1",
        appraiserNip: teams[0].appraiser.nip,
      }),
    ).toMatchObject({ sent: false });
    const record = await world.storage.appraisals.getAppraisal(member.appraisalId);
    expect(record!.periodicResults).toHaveLength(1);
    expect(await digestMails(world)).toHaveLength(TEAMS);
    expect(executionsOf(world, world.arnOf("periodicEvaluation"))).toHaveLength(1);
  });

  it("fails visibly for a period that is not in the cycle, recording why on the run", async () => {
    const { executionArn } = world.states.engine.startExecution({
      stateMachineArn: world.arnOf("periodicEvaluation"),
      name: "c1000-2027-Q1",
      input: JSON.stringify({ cycleId: "c1000", periodKey: "2027-Q1" }),
    });
    const failed = await world.states.engine.waitForExecution(executionArn);
    expect(failed).toMatchObject({ status: "FAILED", error: "PeriodNotInCycleError" });
    const runs = await periodicDepsFrom(world.deps).store.listRuns("c1000");
    expect(runs.find((r) => r.periodKey === "2027-Q1")).toMatchObject({
      status: "failed",
      failureReason: expect.stringContaining("2027-Q1 is not a periodic-evaluation period of cycle c1000"),
    });
    expect(runs.find((r) => r.periodKey === "2026-Q1")).toMatchObject({
      status: "completed",
      evaluated: TEAMS * PER_TEAM,
      digests: TEAMS,
    });
  });
});
