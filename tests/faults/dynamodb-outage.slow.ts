// DynamoDB unreachable for 30 s in the middle of a cycle: while the proposals of 41 appraisals are being posted, the
// DynamoDB Local process of the runtime is SIGKILLed and started again 30 s later on the same port and data dir. The
// steps caught by the outage fail with TransientError and are retried (none is marked failed), clicks during the outage
// get 503, and the cycle then finishes with every posted decision in the audit trail exactly once and the invariant
// check clean.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetExecutionHistoryCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { checkInvariants, sqliteStatesView } from "../../packages/local/src/doctor/doctor";
import { startDynamoLocal, type DynamoLocal } from "../../packages/local/src/dynamodb/launcher";
import { cascaded, createCycle, proposal, seedUnit, type Person } from "../workflows/harness";
import {
  advanceClock,
  pendingLink,
  waitForPendingLink,
  pool,
  machineArn,
  postDecision,
  startRuntimeProcess,
  type RuntimeProcess,
} from "./runtime-process";

const STAFF = 40; // + the secretary = 41 appraisals
const OUTAGE_MS = 30_000;
const dataDir = mkdtempSync(join(tmpdir(), "kinerja-ddb-outage-"));
const ARN = machineArn("appraisal");

/** The pid of the runtime's DynamoDB Local (a java process in the runtime's process group listening on `port`). */
function dynamoLocalPid(rt: RuntimeProcess): number {
  const port = new URL(rt.urls.dynamodb).port;
  const rows = execFileSync("ps", ["-eo", "pid=,pgid=,args="], { encoding: "utf8" }).split("\n");
  const mine = rows
    .map((row) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row))
    .filter((m): m is RegExpExecArray => !!m && Number(m[2]) === rt.child.pid)
    .filter((m) => /java/.test(m[3]!) && m[3]!.includes("DynamoDBLocal") && m[3]!.includes(`-port ${port}`));
  if (mine.length !== 1)
    throw new Error(`expected one DynamoDB Local of the runtime on port ${port}, found ${mine.length}`);
  return Number(mine[0]![1]);
}

describe("DynamoDB unreachable for 30 s mid-cycle (41 appraisals)", { timeout: 900_000 }, () => {
  let rt: RuntimeProcess;
  let restarted: DynamoLocal | undefined;
  let people: Person[];
  let secretary: Person;
  const id = (p: Person) => `ddb-${p.nip}`;
  const everyone = () => [...people, secretary];
  const stagesOf = async () =>
    Object.fromEntries(
      Object.entries(await rt.storage.appraisals.countByStage("ddb")).filter(([, n]) => n > 0),
    );
  /** Acts through the links as the people would; answers each POST's status (-1: no answer at all). */
  const decide = (acts: [Person, string, unknown][], onEach?: (done: number) => void) => {
    let done = 0;
    return pool(acts, 8, async ([subject, kind, body]) => {
      const link = await waitForPendingLink(rt, id(subject), kind).catch(() => undefined);
      if (!link) return 0; // not reachable or not pending (yet): the caller looks again
      const status = await postDecision(link, body).catch(() => -1);
      onEach?.(++done);
      return status;
    });
  };
  /** What a timed-out wait saw (the flaky "measurement" wait of one CI rehearsal left nothing to read): the stages, the
   * appraisals off the majority stage with their failure, the decisions by kind/status/delivery, the runtime log's tail. */
  const whereItStands = async () => {
    const lines: string[] = [];
    try {
      const stages = await stagesOf();
      lines.push(`stages ${JSON.stringify(stages)}`);
      const usual = Object.entries(stages).sort((a, b) => b[1] - a[1])[0]?.[0];
      for (const p of everyone()) {
        const a = (await rt.control.store.getAppraisal(id(p))) as {
          stage?: string;
          failureReason?: string;
        } | null;
        if (a && a.stage !== usual) lines.push(`${id(p)}: ${a.stage} ${a.failureReason ?? ""}`);
      }
      const counts: Record<string, number> = {};
      for (const d of await scanDecisions(rt)) {
        const key = `${d.kind}/${d.status}/${(d as { delivery?: string }).delivery ?? "-"}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      lines.push(`decisions ${JSON.stringify(counts)}`);
    } catch (err) {
      lines.push(`(state unreadable: ${String(err)})`);
    }
    const log = join(dataDir, "runtime.log");
    if (existsSync(log)) lines.push("runtime.log tail:", ...readFileSync(log, "utf8").split("\n").slice(-40));
    return lines.join("\n");
  };
  /** Polls until `check` holds (the retries after the outage land at random times within a minute or so). */
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 300_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline)
        throw new Error(`${what} did not happen within ${timeoutMs / 1000} s\n${await whereItStands()}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  afterAll(async () => {
    await rt?.stop();
    await restarted?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("retries the steps the outage caught and answers 503 to clicks meanwhile", async () => {
    rt = await startRuntimeProcess(dataDir);
    ({ people, secretary } = await seedUnit({ storage: rt.storage } as never, "dinas-ddb", STAFF));
    await createCycle({ storage: rt.storage } as never, {
      cycleId: "ddb",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-ddb"],
    });
    await launchCycle(rt.control, "ddb");
    await until("the launch", async () => (await stagesOf())["target-setting"] === 41);
    // Rule 27: the secretary's SKP first; the staff are asked once it is approved and cascade from its RHK (v1-rhk1).
    expect(await decide([[secretary, "skp-proposal", proposal(`Target ${secretary.name}`)]])).toEqual([200]);
    expect(await decide([[secretary, "skp-approval", { decision: "approve" }]])).toEqual([200]);
    await until("the secretary's SKP approved", async () => (await stagesOf()).measurement === 1);
    const staffProposal = (p: Person) => cascaded(proposal(`Target ${p.name}`), "v1-rhk1");

    // Post every staff proposal through its link; once 15 were answered, DynamoDB Local dies and the rest arrive during
    // the outage, while the steps of the first 15 (record, plan, open the approval and mail it) are in flight.
    const port = Number(new URL(rt.urls.dynamodb).port);
    const pid = dynamoLocalPid(rt);
    let links: (string | undefined)[] = [];
    await until("every proposal link mailed", async () => {
      links = await Promise.all(people.map((p) => pendingLink(rt, id(p), "skp-proposal")));
      return links.every(Boolean);
    });
    let outage: Promise<void> | undefined;
    let killedAt = 0;
    let answered = 0;
    const first = await pool(people, 8, async (p, i) => {
      const status = await postDecision(links[i]!, staffProposal(p)).catch(() => -1);
      if (++answered === 15) {
        process.kill(pid, "SIGKILL");
        killedAt = Date.now();
        outage = new Promise((r) => setTimeout(r, OUTAGE_MS)).then(async () => {
          restarted = await startDynamoLocal({ port, dataDir: join(dataDir, "dynamodb") });
        });
      }
      return status;
    });
    expect(outage, "the outage started").toBeDefined();
    await outage;
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(OUTAGE_MS);
    // A click while the table is gone is refused as retryable (503), never as a server fault (500).
    expect(first.filter((s) => s === 200).length, `statuses ${first.join(",")}`).toBeGreaterThanOrEqual(15);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(first.filter((s) => s !== 200 && s !== 503)).toEqual([]);

    // The refused clicks are repeated once the table is back.
    const proposals = people.map((p): [Person, string, unknown] => [p, "skp-proposal", staffProposal(p)]);
    await until("the refused proposals posted again", async () => {
      const statuses = await decide(proposals);
      return statuses.every((s) => s === 0);
    });
    await until("every proposal decided and every approval asked for", async () => {
      const decisions = await scanDecisions(rt);
      const proposed = decisions.filter((d) => d.kind === "skp-proposal" && d.status === "decided").length;
      const approvals = decisions.filter((d) => d.kind === "skp-approval" && d.status === "pending").length;
      return proposed === 41 && approvals === 40;
    });
    expect(await stagesOf()).toEqual({ "target-setting": 40, measurement: 1 });

    // The outage was really felt by the workflow: some step failed with TransientError and was retried.
    const retried = await transientFailures(rt);
    expect(retried).toBeGreaterThan(0);
  });

  it("finishes the cycle with every posted decision audited exactly once and the invariants intact", async () => {
    const approvals = people.map((p): [Person, string, unknown] => [
      p,
      "skp-approval",
      { decision: "approve" },
    ]);
    expect(new Set(await decide(approvals))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    await until("measurement", async () => (await stagesOf()).measurement === 41);
    await advanceClock(rt, "P88D");
    const realisations: [Person, string, unknown][] = [];
    for (const p of everyone()) {
      const flow = await rt.control.store.getAppraisal(id(p));
      const items = flow!
        .skp!.rhk.flatMap((r) => r.indicators)
        .map((i) => ({ indicatorId: i.id, value: i.target.min }));
      realisations.push([p, "realization", { items }]);
    }
    expect(new Set(await decide(realisations))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    await until("review", async () => (await stagesOf()).review === 41);
    const reviews: [Person, string, unknown][] = [
      ...people.map((p): [Person, string, unknown] => [
        p,
        "review",
        { hasilKerja: "meets", perilaku: "meets", feedback: "Baik" },
      ]),
      [secretary, "review", { hasilKerja: "meets", perilaku: "above", feedback: "Baik" }],
    ];
    expect(new Set(await decide(reviews))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    await until(
      "acknowledgement asked",
      async () =>
        (await scanDecisions(rt)).filter((d) => d.kind === "acknowledgement" && d.status === "pending")
          .length === 41,
    );
    const acks = everyone().map((p): [Person, string, unknown] => [
      p,
      "acknowledgement",
      { decision: "acknowledge" },
    ]);
    expect(new Set(await decide(acks))).toEqual(new Set([200]));
    await advanceClock(rt, "PT1S");
    await until("done", async () => (await stagesOf()).done === 41);
    expect(await stagesOf()).toEqual({ done: 41 });

    // Every decided decision has exactly one "decision" audit event; 41 people x 5 decisions.
    const decided = (await scanDecisions(rt)).filter((d) => d.status === "decided");
    expect(decided).toHaveLength(41 * 5);
    const audits = await scanAll(rt, "auditEvent");
    const decisionAudits = audits.filter((a) => a.action === "decision");
    for (const d of decided) {
      const matching = decisionAudits.filter(
        (a) => a.appraisalId === d.appraisalId && a.kind === d.kind && a.linkId === d.decidedLinkId,
      );
      expect(matching.length, `${d.kind} of ${d.appraisalId}`).toBe(1);
    }
    expect(decisionAudits).toHaveLength(41 * 5);

    const states = sqliteStatesView(join(dataDir, "states.db"));
    try {
      const report = await checkInvariants({
        storage: { client: rt.storage.client, tableName: rt.storage.tableName },
        states,
      });
      expect(report.findings).toEqual([]);
      expect(report.scanned.decisionAuditEvents).toBe(41 * 5);
    } finally {
      states.close?.();
    }
  });
});

async function scanAll(rt: RuntimeProcess, entity: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await rt.storage.client.send(
      new ScanCommand({
        TableName: rt.storage.tableName,
        FilterExpression: "#e = :e",
        ExpressionAttributeNames: { "#e": "__edb_e__" },
        ExpressionAttributeValues: { ":e": entity },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const scanDecisions = (rt: RuntimeProcess) =>
  scanAll(rt, "decision") as Promise<
    { kind: string; status: string; appraisalId: string; decidedLinkId?: string }[]
  >;

/** How many task attempts of the appraisal executions failed with TransientError (and were retried). */
async function transientFailures(rt: RuntimeProcess): Promise<number> {
  const executions =
    (await rt.sfn.send(new ListExecutionsCommand({ stateMachineArn: ARN, maxResults: 1000 }))).executions ??
    [];
  let failures = 0;
  for (const e of executions) {
    let nextToken: string | undefined;
    do {
      const page = await rt.sfn.send(
        new GetExecutionHistoryCommand({ executionArn: e.executionArn, nextToken, maxResults: 1000 }),
      );
      for (const ev of page.events ?? []) {
        const error = ev.lambdaFunctionFailedEventDetails?.error ?? ev.taskFailedEventDetails?.error;
        if (error === "TransientError") failures++;
        expect(
          error ?? "",
          `${e.name}: ${ev.taskFailedEventDetails?.cause ?? ev.lambdaFunctionFailedEventDetails?.cause ?? ""}`,
        ).not.toMatch(/Permanent|Electro/);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return failures;
}
