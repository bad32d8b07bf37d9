// SIGKILL of the whole local runtime (its process group: web, engine, scheduler and DynamoDB Local) in the middle of a
// cycle of 200 appraisals, at three points: during the launch, during target setting (half the proposals posted) and
// during review. Each time the runtime restarts on the same data dir and the cycle finishes; a proposal POSTed before
// the kill and POSTed again after the restart is applied once (409 the second time). Ends with the invariant check, and
// after each phase counts the audit events per decision and action: each recorded exactly once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { checkInvariants, sqliteStatesView } from "../../packages/local/src/doctor/doctor";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { scanAll } from "../setup/dynamo";
import { cascaded, createCycle, proposal, seedUnit, type Person } from "../workflows/harness";
import {
  advanceClock,
  pendingLink,
  waitForPendingLink,
  pool,
  postDecision,
  startRuntimeProcess,
  type RuntimeProcess,
} from "./runtime-process";

const STAFF = 199; // + the secretary = 200 appraisals
const dataDir = mkdtempSync(join(tmpdir(), "kinerja-sigkill-"));

describe("SIGKILL of the whole runtime mid-cycle (200 appraisals)", { timeout: 900_000 }, () => {
  let rt: RuntimeProcess;
  let people: Person[];
  let secretary: Person;
  let head: Person;
  const id = (p: Person) => `sk-${p.nip}`;
  const everyone = () => [...people, secretary];
  const restart = async () => {
    await rt.kill();
    rt = await startRuntimeProcess(dataDir);
    await advanceClock(rt, "PT1S"); // answers once the resumed executions settled
  };
  type Act = [actor: Person, subject: Person, kind: string, body: unknown];
  // What the clicks answered, per phase (printed, so a run shows how many were cut off, refused or retried).
  const tally: Record<string, number> = {};
  const count = (phase: string, status: number) => {
    const key = `${phase} ${status}`;
    tally[key] = (tally[key] ?? 0) + 1;
  };
  const isDecided = async (subject: Person, kind: string) =>
    (
      await decisionRepo({ client: rt.storage.client, tableName: rt.storage.tableName }).listByAppraisal(
        id(subject),
      )
    ).some((d) => d.kind === kind && d.status === "decided");
  /**
   * One person deciding one link as a user would: a 503 ("try again") or a dropped connection is tried again after a
   * pause, at most 5 times; a try that landed although its answer was lost counts as applied. Answers 200 when the
   * decision was applied, else the last status.
   */
  const decideAsUser = async (phase: string, [actor, subject, kind, body]: Act) => {
    let status = -1;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) {
        await new Promise((r) => setTimeout(r, 1000 * attempt));
        if (await isDecided(subject, kind)) {
          count(phase, 0); // 0: an earlier try landed
          return 200;
        }
      }
      const link = await waitForPendingLink(rt, id(subject), kind);
      if (!link) throw new Error(`${actor.name} has no pending ${kind} link for ${id(subject)}`);
      status = await postDecision(link, body).catch(() => -1);
      count(phase, status);
      if (status !== 503 && status !== -1) return status;
    }
    return status;
  };
  /** Every act decided by 16 clients; with `killAfter`, the runtime is SIGKILLed after that many 200s (the rest: -1). */
  const decideAll = async (phase: string, acts: Act[], killAfter?: number) => {
    if (killAfter === undefined) return pool(acts, 16, (act) => decideAsUser(phase, act));
    let done = 0;
    let killing: Promise<void> | undefined;
    const statuses = await pool(acts, 16, async ([actor, subject, kind, body]) => {
      if (killing) return -1;
      // A request in flight when the runtime dies fails (-1); the caller looks at what landed afterwards.
      const link = await waitForPendingLink(rt, id(subject), kind).catch(() =>
        killing ? "killed" : Promise.reject(new Error("runtime unreachable")),
      );
      if (link === "killed") return -1;
      if (!link) throw new Error(`${actor.name} has no pending ${kind} link for ${id(subject)}`);
      const status = await postDecision(link, body).catch(() => -1);
      count(`${phase} (before the kill)`, status);
      // The kill comes after `killAfter` accepted decisions (an overloaded runtime may answer some 503 first).
      if (status === 200 && ++done === killAfter) killing = restart();
      return status;
    });
    await killing;
    return statuses;
  };
  /**
   * After the restart, the acts whose first try did not answer 200: a cut-off POST either landed (the decision is
   * decided; left out) or did not (its decision is pending again; kept). A decision whose OpenDecision step was in
   * flight at the kill is re-opened by the resumed execution, so wait (bounded) for one or the other.
   */
  const stillToDecide = async (acts: Act[], first: number[]) => {
    const rest: Act[] = [];
    for (const [i, act] of acts.entries()) {
      if (first[i] === 200) continue;
      const [, subject, kind] = act;
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (await isDecided(subject, kind)) break;
        if (await pendingLink(rt, id(subject), kind)) {
          rest.push(act);
          break;
        }
        if (Date.now() > deadline)
          throw new Error(`${id(subject)}: ${kind} neither decided nor pending 60 s after the restart`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    return rest;
  };
  // The invariant check after each phase (not only at the end), so a finding points at the kill that caused it; a
  // finding prints the decision records it names (tokens left out) before the assertion fails.
  const expectInvariants = async (auditEvents?: number) => {
    const states = sqliteStatesView(join(dataDir, "states.db"));
    try {
      const report = await checkInvariants({
        storage: { client: rt.storage.client, tableName: rt.storage.tableName },
        states,
      });
      if (report.findings.length) {
        const repo = decisionRepo({ client: rt.storage.client, tableName: rt.storage.tableName });
        for (const f of report.findings) {
          const d = await repo.getDecision(f.subject).catch(() => null);
          if (!d) continue;
          const { taskToken, ...rest } = d;
          console.error(
            JSON.stringify({ finding: f, decision: rest, token: await states.token(taskToken) }, null, 2),
          );
        }
      }
      expect(report.findings).toEqual([]);
      if (auditEvents !== undefined) expect(report.scanned.decisionAuditEvents).toBe(auditEvents);
    } finally {
      states.close?.();
    }
  };
  /**
   * Exactly-once audit (issue 16 item 8): every audit event of the cycle's appraisals counted per decision (action
   * "decision", by decision id) or per appraisal and action (a step's event, once per appraisal in this cycle), and
   * every decided decision has its one event. A retried step, a redelivered click or a restored claim that wrote its
   * event again would show here as a count of 2 (the doctor's check above only sees decisions).
   */
  const expectAuditedOnce = async () => {
    const items = await scanAll({ client: rt.storage.client, tableName: rt.storage.tableName });
    const counts = new Map<string, number>();
    const actions: Record<string, number> = {};
    for (const e of items) {
      if (e.__edb_e__ !== "auditEvent" || !String(e.appraisalId).startsWith("sk-")) continue;
      const detail = (e.detail ?? {}) as { decisionId?: string };
      const key =
        e.action === "decision" ? `decision ${detail.decisionId}` : `${e.appraisalId} ${String(e.action)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      actions[String(e.action)] = (actions[String(e.action)] ?? 0) + 1;
    }
    console.log(`audit events per action: ${JSON.stringify(actions)}`);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    const decided = items.filter(
      (d) => d.__edb_e__ === "decision" && String(d.appraisalId).startsWith("sk-") && d.status === "decided",
    );
    expect(
      decided.filter((d) => counts.get(`decision ${d.decisionId}`) !== 1).map((d) => d.decisionKey),
    ).toEqual([]);
    return actions;
  };
  const stagesOf = async () => {
    const stages = Object.fromEntries(
      Object.entries(await rt.storage.appraisals.countByStage("sk")).filter(([, n]) => n > 0),
    );
    // A failed appraisal says why (MarkFailed records the error and the stage it failed in).
    if (stages.failed)
      for (const p of everyone()) {
        const flow = await rt.control.store.getAppraisal(id(p));
        if (flow?.stage === "failed")
          console.error(`failed appraisal ${flow.id}: ${JSON.stringify(flow.failure)}`);
      }
    return stages;
  };

  afterAll(async () => {
    console.log(`link answers: ${JSON.stringify(tally)}`);
    await rt?.stop();
    // KINERJA_KEEP_FAULT_DATA=1 keeps the data dir for `kinerja doctor --data <dir>` after a failure.
    if (process.env.KINERJA_KEEP_FAULT_DATA) console.log(`data dir kept: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  });

  it("survives a kill during the launch", async () => {
    rt = await startRuntimeProcess(dataDir);
    ({ people, secretary, head } = await seedUnit({ storage: rt.storage } as never, "dinas-sigkill", STAFF));
    await createCycle({ storage: rt.storage } as never, {
      cycleId: "sk",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-sigkill"],
    });
    await launchCycle(rt.control, "sk");
    await new Promise((r) => setTimeout(r, 1500)); // some pages launched, not all
    const before = (await rt.storage.appraisals.listByCycle("sk")).length;
    await restart();
    expect(before).toBeLessThan(200);
    expect(await stagesOf()).toEqual({ "target-setting": 200 });
    await expectInvariants(0);
    expect((await expectAuditedOnce()).created).toBe(200);
  });

  it("survives a kill in the middle of target setting, and a proposal POSTed again after the restart is applied once", async () => {
    // Rule 27: the secretary's SKP first; the staff are asked once it is approved and cascade from its RHK (v1-rhk1).
    const secretarySkp: Act = [secretary, secretary, "skp-proposal", proposal(`Target ${secretary.name}`)];
    expect(await decideAll("skp-proposal", [secretarySkp])).toEqual([200]);
    expect(
      await decideAll("skp-approval", [[head, secretary, "skp-approval", { decision: "approve" }]]),
    ).toEqual([200]);
    const proposals = people.map((p): Act => [
      p,
      p,
      "skp-proposal",
      cascaded(proposal(`Target ${p.name}`), "v1-rhk1"),
    ]);
    // The approval resumed every staff request; all are open before the kill is armed.
    for (const p of people)
      expect(await waitForPendingLink(rt, id(p), "skp-proposal", 120_000), p.name).toBeDefined();
    const first = await decideAll("skp-proposal", proposals, 100);
    expect(first.filter((s) => s === 200).length).toBeGreaterThanOrEqual(100);
    // The rest (not posted, or cut off by the kill) are posted now; a cut-off POST either landed or did not.
    const pendingRest = await stillToDecide(proposals, first);
    expect(new Set(await decideAll("skp-proposal", pendingRest))).toEqual(
      pendingRest.length ? new Set([200]) : new Set(),
    );
    await advanceClock(rt, "PT1S");
    // Double POST across the restart: the link of an applied proposal answers 409 and changes nothing.
    // Every page of the scan (a 1 MB page holds fewer than 200 decisions with their context).
    const decisions = (await scanAll({ client: rt.storage.client, tableName: rt.storage.tableName })).filter(
      (d) => d.__edb_e__ === "decision" && d.kind === "skp-proposal",
    );
    expect(decisions.filter((d) => d.status === "decided")).toHaveLength(200);
    const approvals = people.map((p): Act => [secretary, p, "skp-approval", { decision: "approve" }]);
    expect(new Set(await decideAll("skp-approval", approvals))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    expect(await stagesOf()).toEqual({ measurement: 200 });
    await expectInvariants(400);
    expect(await expectAuditedOnce()).toMatchObject({
      decision: 400,
      "skp-submitted": 200,
      "skp-approved": 200,
    });
  });

  it("survives a kill during review and finishes the cycle with the invariants intact", async () => {
    await advanceClock(rt, "P88D");
    const realisations: Act[] = [];
    for (const p of everyone()) {
      const flow = await rt.control.store.getAppraisal(id(p));
      realisations.push([
        p,
        p,
        "realization",
        {
          items: flow!
            .skp!.rhk.flatMap((r) => r.indicators)
            .map((ind) => ({ indicatorId: ind.id, value: ind.target.min })),
        },
      ]);
    }
    expect(new Set(await decideAll("realization", realisations))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    expect(await stagesOf()).toEqual({ review: 200 });
    const reviews = [
      ...people.map((p): Act => [
        secretary,
        p,
        "review",
        { hasilKerja: "meets", perilaku: "meets", feedback: "Baik" },
      ]),
      [head, secretary, "review", { hasilKerja: "meets", perilaku: "above", feedback: "Baik" }] as Act,
    ];
    const first = await decideAll("review", reviews, 100);
    const rest = await stillToDecide(reviews, first);
    expect(new Set(await decideAll("review", rest))).toEqual(rest.length ? new Set([200]) : new Set());
    await advanceClock(rt, "PT1S");
    const acknowledgements = everyone().map((p): Act => [
      p,
      p,
      "acknowledgement",
      { decision: "acknowledge" },
    ]);
    expect(new Set(await decideAll("acknowledgement", acknowledgements))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    expect(await stagesOf()).toEqual({ done: 200 });

    await expectInvariants(1000);
    expect(await expectAuditedOnce()).toMatchObject({
      created: 200,
      decision: 1000,
      "realisation-reported": 200,
      reviewed: 200,
    });
  });
});
