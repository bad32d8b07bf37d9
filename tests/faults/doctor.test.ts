// The invariant checker on a real world (DynamoDB Local, the local engine, the real ASL and handlers): a healthy cycle
// passes, and each kind of inconsistency, injected by hand, is reported with the subject it concerns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { scanAll } from "../setup/dynamo";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { PERIODIC_MAX_ATTEMPTS } from "../../packages/core/src/periodic/periodic";
import { periodicRunEntity } from "../../packages/core/src/periodic/periodic.entity";
import {
  checkInvariants,
  engineStatesView,
  type InvariantReport,
} from "../../packages/local/src/doctor/doctor";
import {
  act,
  actAll,
  cascaded,
  createCycle,
  offeredSuperiorRhk,
  proposal,
  seedUnit,
  settle,
  startWorld,
  type Act,
  type Person,
  type World,
} from "../workflows/harness";

describe("the invariant checker", { timeout: 120_000 }, () => {
  let world: World;
  let people: Person[];
  let secretary: Person;
  let head: Person;
  const id = (p: Person) => `dr-${p.nip}`;
  const check = (): Promise<InvariantReport> =>
    checkInvariants({
      storage: { client: world.storage.client, tableName: world.storage.tableName },
      states: engineStatesView(world.states.engine),
    });

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    ({ people, secretary, head } = await seedUnit(world, "dinas-doctor", 4));
    await createCycle(world, {
      cycleId: "dr",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-doctor"],
    });
    await launchCycle(world.control, "dr");
    await settle(world);
    // Rule 27: the staff are asked once the secretary's SKP is approved, and cascade from it.
    await act(world, secretary.email, id(secretary), "skp-proposal", proposal("Target sekretaris"));
    await act(world, head.email, id(secretary), "skp-approval", { decision: "approve" });
    const [parent] = await offeredSuperiorRhk(world, people[0]!.email, id(people[0]!));
    await actAll(
      world,
      people.map((p): Act => [p.email, id(p), "skp-proposal", cascaded(proposal(), parent!.id)]),
    );
    await act(world, secretary.email, id(people[0]!), "skp-approval", { decision: "approve" });
  }, 120_000);
  afterAll(async () => world?.close());

  it("finds nothing wrong in a healthy cycle and says how much it looked at", async () => {
    const report = await check();
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.scanned.appraisals).toBe(5);
    // The secretary's SKP (proposed, approved), four staff proposals and one approval.
    expect(report.scanned.decisionAuditEvents).toBe(7);
    expect(report.stages).toMatchObject({ measurement: 2, "target-setting": 3 });
  });

  it("reports an audit gap when a decided decision lost its audit event, and a duplicate when it has two", async () => {
    const table = world.storage.tableName;
    const appraisalId = id(people[1]!);
    const items = await scanAll({ tableName: table, endpoint: "", client: world.storage.client });
    const decisionEvent = items.find(
      (i) => i.__edb_e__ === "auditEvent" && i.action === "decision" && i.appraisalId === appraisalId,
    )!;
    expect(decisionEvent).toBeDefined();
    await world.storage.client.send(
      new DeleteCommand({ TableName: table, Key: { pk: decisionEvent.pk, sk: decisionEvent.sk } }),
    );
    const gap = await check();
    expect(gap.ok).toBe(false);
    expect(gap.findings.map((f) => f.rule)).toEqual(["audit-gap"]);
    expect(gap.findings[0]!.message).toContain(appraisalId);

    await world.storage.client.send(new PutCommand({ TableName: table, Item: decisionEvent }));
    await world.storage.client.send(
      new PutCommand({
        TableName: table,
        Item: { ...decisionEvent, sk: `${decisionEvent.sk}-copy`, eventId: "copy" },
      }),
    );
    const duplicate = await check();
    expect(duplicate.findings.map((f) => f.rule)).toEqual(["audit-duplicate"]);
    await world.storage.client.send(
      new DeleteCommand({ TableName: table, Key: { pk: decisionEvent.pk, sk: `${decisionEvent.sk}-copy` } }),
    );
    expect((await check()).ok).toBe(true);
  });

  it("reports a unit index entry that disagrees with its state (error) and one that predates the index (warning)", async () => {
    const table = world.storage.tableName;
    const appraisalId = id(people[3]!);
    const items = await scanAll({ tableName: table, endpoint: "", client: world.storage.client });
    const flowItem = items.find((i) => i.__edb_e__ === "appraisalFlow" && i.appraisalId === appraisalId)!;
    expect(flowItem).toMatchObject({ unitId: "dinas-doctor", distributionMark: "unrated" });
    const put = (Item: Record<string, unknown>) =>
      world.storage.client.send(new PutCommand({ TableName: table, Item }));

    await put({ ...flowItem, distributionMark: "sangat_baik" });
    const stale = await check();
    expect(stale.ok).toBe(false);
    expect(stale.findings.map((f) => `${f.rule} ${f.severity} ${f.subject}`)).toEqual([
      `unit-index-mismatch error ${appraisalId}`,
    ]);
    expect(stale.findings[0]!.message).toContain("sangat_baik");

    const { unitId: _u, distributionMark: _m, gsi3pk: _pk, gsi3sk: _sk, ...legacy } = flowItem;
    await put(legacy);
    const old = await check();
    expect(old.ok).toBe(true);
    expect(old.findings.map((f) => `${f.rule} ${f.severity} ${f.subject}`)).toEqual([
      `unit-index-mismatch warning ${appraisalId}`,
    ]);

    await put(flowItem);
    expect((await check()).findings).toEqual([]);
  });

  it("reports an appraisal left without an execution and the pending decision whose token died with it", async () => {
    const victim = await world.deps.store.getAppraisal(id(people[2]!));
    // Stopped behind the system's back: nothing moved the appraisal to cancelled or closed its decision.
    world.states.engine.stopExecution({ executionArn: victim!.executionArn });
    const report = await check();
    expect(report.ok).toBe(false);
    const rules = report.findings.map((f) => `${f.rule} ${f.subject}`);
    expect(rules).toContain(`appraisal-without-execution ${id(people[2]!)}`);
    const pending = (await decisionRepo(world.decisionDeps.storage).listByAppraisal(id(people[2]!))).find(
      (d) => d.status === "pending",
    )!;
    expect(rules).toContain(`decision-token-gone ${pending.decisionKey}`);
    expect(report.findings.find((f) => f.rule === "appraisal-without-execution")!.message).toMatch(
      /stage target-setting .* ABORTED/,
    );
  });

  it("reports a running execution that waits on a token no pending decision points at and has no timer", async () => {
    const { activityArn } = world.states.engine.createActivity({ name: "doctor-nobody-polls" });
    const definition = (timeout: object) =>
      JSON.stringify({
        StartAt: "Ask",
        States: { Ask: { Type: "Task", Resource: activityArn, ...timeout, End: true } },
      });
    const stuck = world.states.engine.createStateMachine({
      name: "doctor-stuck",
      definition: definition({}),
    });
    const timed = world.states.engine.createStateMachine({
      name: "doctor-timed",
      definition: definition({ TimeoutSeconds: 3600 }),
    });
    const { executionArn } = world.states.engine.startExecution({
      stateMachineArn: stuck.stateMachineArn,
      name: "stuck-1",
      input: "{}",
    });
    world.states.engine.startExecution({
      stateMachineArn: timed.stateMachineArn,
      name: "timed-1",
      input: "{}",
    });
    await settle(world);
    const found = (await check()).findings.filter((f) => f.rule === "execution-stuck");
    // The one with a task timeout will move on by itself; the other waits forever.
    expect(found.map((f) => f.subject)).toEqual([executionArn]);
    expect(found[0]!.message).toMatch(/stuck-1 is RUNNING in Ask but waits on 1 task token/);
  });

  it("reports unfinished imports (warning), failed periodic runs (warning, then error when no retry is left) and a stale running run", async () => {
    const table = world.storage.tableName;
    const put = (Item: Record<string, unknown>) =>
      world.storage.client.send(new PutCommand({ TableName: table, Item }));
    const del = (Item: Record<string, unknown>) =>
      world.storage.client.send(new DeleteCommand({ TableName: table, Key: { pk: Item.pk, sk: Item.sk } }));
    const job = world.storage.entities.importJob
      .put({
        importId: "imp-doctor",
        kind: "attendance",
        status: "applying",
        createdAt: "2027-01-04T01:00:00.000Z",
      })
      .params().Item as Record<string, unknown>;
    const run = (periodKey: string, extra: Record<string, unknown>) =>
      periodicRunEntity(world.storage.client, table)
        .put({
          cycleId: "dr",
          periodKey,
          label: periodKey,
          startedAt: "2027-01-04T01:00:00.000Z",
          ...extra,
        } as never)
        .params().Item as Record<string, unknown>;
    const retried = run("2027-01", { status: "failed", attempt: 1, failureReason: "boom" });
    const exhausted = run("2027-02", {
      status: "failed",
      attempt: PERIODIC_MAX_ATTEMPTS,
      failureReason: "boom",
    });
    const stale = run("2027-03", { status: "running", attempt: 1, executionName: "dr-2027-03" });
    for (const item of [job, retried, exhausted, stale]) await put(item);
    const report = await check();
    const ours = report.findings
      .filter((f) => f.rule.startsWith("import-") || f.rule.startsWith("periodic-"))
      .map((f) => `${f.severity} ${f.rule} ${f.subject}`);
    expect(ours.sort()).toEqual(
      [
        "warning import-unfinished imp-doctor",
        "warning periodic-run-failed dr#2027-01",
        "error periodic-run-failed dr#2027-02",
        "error periodic-run-stale dr#2027-03",
      ].sort(),
    );
    for (const item of [job, retried, exhausted, stale]) await del(item);
  });
});
