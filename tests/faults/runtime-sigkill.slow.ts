// SIGKILL of the whole local runtime (its process group: web, engine, scheduler and DynamoDB Local) in the middle of a
// cycle of 200 appraisals, at three points: during the launch, during target setting (half the proposals posted) and
// during review. Each time the runtime restarts on the same data dir and the cycle finishes; a proposal POSTed before
// the kill and POSTed again after the restart is applied once (409 the second time). Ends with the invariant check.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/services/cycle-control";
import { checkInvariants, sqliteStatesView } from "../../packages/local/src/doctor/doctor";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { scanAll } from "../setup/dynamo";
import { createCycle, proposal, seedUnit, type Person } from "../workflows/harness";
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
  const decideAll = async (acts: [Person, Person, string, unknown][], killAfter?: number) => {
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
      if (++done === killAfter) killing = restart();
      return status;
    });
    await killing;
    return statuses;
  };
  // The invariant check after each phase (not only at the end), so a finding points at the kill that caused it; a
  // finding prints the decision records it names (tokens left out) before the assertion fails.
  const expectInvariants = async (auditEvents?: number) => {
    const states = sqliteStatesView(join(dataDir, "states.db"));
    try {
      const report = await checkInvariants({
        storage: { client: rt.storage.client, tableName: "kinerja" },
        states,
      });
      if (report.findings.length) {
        const repo = decisionRepo({ client: rt.storage.client, tableName: "kinerja" });
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
  });

  it("survives a kill in the middle of target setting, and a proposal POSTed again after the restart is applied once", async () => {
    const proposals = everyone().map((p): [Person, Person, string, unknown] => [
      p,
      p,
      "skp-proposal",
      proposal(`Target ${p.name}`),
    ]);
    const first = await decideAll(proposals, 100);
    const accepted = proposals.filter((_, i) => first[i] === 200);
    expect(accepted.length).toBeGreaterThanOrEqual(100);
    // The rest (not posted, or cut off by the kill) are posted now; a cut-off POST either landed (409 now) or did not.
    const rest = proposals.filter((_, i) => first[i] !== 200);
    const pendingRest = [];
    for (const r of rest) if (await pendingLink(rt, id(r[1]), "skp-proposal")) pendingRest.push(r);
    expect(new Set(await decideAll(pendingRest))).toEqual(pendingRest.length ? new Set([200]) : new Set());
    await advanceClock(rt, "PT1S");
    // Double POST across the restart: the link of an applied proposal answers 409 and changes nothing.
    // Every page of the scan (a 1 MB page holds fewer than 200 decisions with their context).
    const decisions = (await scanAll({ client: rt.storage.client, tableName: "kinerja" })).filter(
      (d) => d.__edb_e__ === "decision" && d.kind === "skp-proposal",
    );
    expect(decisions.filter((d) => d.status === "decided")).toHaveLength(200);
    const approvals = [
      ...people.map((p): [Person, Person, string, unknown] => [
        secretary,
        p,
        "skp-approval",
        { decision: "approve" },
      ]),
      [head, secretary, "skp-approval", { decision: "approve" }] as [Person, Person, string, unknown],
    ];
    expect(new Set(await decideAll(approvals))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    expect(await stagesOf()).toEqual({ measurement: 200 });
    await expectInvariants(400);
  });

  it("survives a kill during review and finishes the cycle with the invariants intact", async () => {
    await advanceClock(rt, "P88D");
    const realisations: [Person, Person, string, unknown][] = [];
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
    await decideAll(realisations);
    await advanceClock(rt, "PT1S");
    expect(await stagesOf()).toEqual({ review: 200 });
    const reviews = [
      ...people.map((p): [Person, Person, string, unknown] => [
        secretary,
        p,
        "review",
        { hasilKerja: "meets", perilaku: "meets", feedback: "Baik" },
      ]),
      [head, secretary, "review", { hasilKerja: "meets", perilaku: "above", feedback: "Baik" }] as [
        Person,
        Person,
        string,
        unknown,
      ],
    ];
    const first = await decideAll(reviews, 100);
    const rest = [];
    for (const [i, r] of reviews.entries())
      if (first[i] !== 200 && (await pendingLink(rt, id(r[1]), "review"))) rest.push(r);
    await decideAll(rest);
    await advanceClock(rt, "PT1S");
    await decideAll(
      everyone().map((p): [Person, Person, string, unknown] => [
        p,
        p,
        "acknowledgement",
        { decision: "acknowledge" },
      ]),
    );
    await advanceClock(rt, "PT1S");
    expect(await stagesOf()).toEqual({ done: 200 });

    await expectInvariants(1000);
  });
});
