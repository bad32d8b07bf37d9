import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import {
  GuardFailedError,
  ItemAlreadyExistsError,
  StaleVersionError,
  TransactionCancelledError,
} from "../../../packages/core/src/storage/storage.errors";
import { freshTable, scanAll, type FreshTable } from "../../setup/dynamo";

const employee = (nip: string, unitId: string, superiorNip?: string, unitHead = false) => ({
  nip,
  name: `Pegawai ${nip.slice(-3)}`,
  email: `p${nip.slice(-3)}@salor.go.id`,
  unitId,
  position: unitHead ? "Kepala" : "Staf",
  positionType: unitHead ? ("administrator" as const) : ("pelaksana" as const),
  superiorNip,
  unitHead,
});

let table: FreshTable;
let storage: Storage;

beforeAll(async () => {
  table = await freshTable("repos");
  storage = createStorage({ tableName: table.tableName, client: table.client, clock: createOffsetClock() });
});

describe("org repo", () => {
  it("replaces the organisation as a new generation and reads it by unit, superior and sub-units", async () => {
    expect(await storage.org.listEmployees()).toEqual([]);
    const state = await storage.org.replaceOrganisation({
      importId: "imp-1",
      basedOnGeneration: undefined,
      units: [
        { unitId: "SETDA", name: "Sekretariat Daerah", headNip: "197001012000011001" },
        { unitId: "DINKES", name: "Dinas Kesehatan", parentUnitId: "SETDA" },
        { unitId: "DINKES-P2P", name: "Bidang P2P", parentUnitId: "DINKES" },
      ],
      employees: [
        employee("197001012000011001", "SETDA", undefined, true),
        employee("198002022005012002", "DINKES", "197001012000011001", true),
        employee("199003032015031003", "DINKES-P2P", "198002022005012002"),
      ],
    });
    expect(state.employeeCount).toBe(3);
    expect((await storage.org.getEmployee("199003032015031003"))?.superiorNip).toBe("198002022005012002");
    expect((await storage.org.listSubordinates("197001012000011001")).map((e) => e.nip)).toEqual([
      "198002022005012002",
    ]);
    expect(await storage.org.unitWithDescendants("DINKES")).toEqual(["DINKES", "DINKES-P2P"]);
    const withSubUnits = await storage.org.listEmployeesByUnit("DINKES", { includeSubUnits: true });
    expect(withSubUnits.map((e) => e.nip)).toEqual(["198002022005012002", "199003032015031003"]);
    expect(await storage.org.listEmployeesByUnit("DINKES")).toHaveLength(1);

    // A second generation replaces the first; the first stays for readers caught mid-flip, the one
    // before it is deleted on the third import, so at most two copies of the organisation exist.
    const employeeItems = async () => (await scanAll(table)).filter((i) => i.__edb_e__ === "employee");
    const second = await storage.org.replaceOrganisation({
      importId: "imp-2",
      basedOnGeneration: state.generation,
      units: [{ unitId: "SETDA", name: "Sekretariat Daerah" }],
      employees: [employee("197001012000011001", "SETDA", undefined, true)],
    });
    expect(await storage.org.listEmployees()).toHaveLength(1);
    expect(await employeeItems()).toHaveLength(4);
    await storage.org.replaceOrganisation({
      importId: "imp-3",
      basedOnGeneration: second.generation,
      units: [{ unitId: "SETDA", name: "Sekretariat Daerah" }],
      employees: [employee("197001012000011001", "SETDA", undefined, true)],
    });
    expect(await employeeItems()).toHaveLength(2);
    expect(new Set((await employeeItems()).map((i) => i.generation))).toEqual(
      new Set([second.generation, (await storage.org.currentState())!.generation]),
    );
  });

  it("refuses a replace based on a stale generation and leaves nothing of it behind", async () => {
    const before = await scanAll(table);
    await expect(
      storage.org.replaceOrganisation({
        importId: "imp-stale",
        basedOnGeneration: "not-the-current-one",
        units: [{ unitId: "X", name: "X" }],
        employees: [employee("199003032015031009", "X")],
      }),
    ).rejects.toMatchObject({ name: "ConcurrentOrgImportError" });
    expect(await scanAll(table)).toHaveLength(before.length);
  });
});

describe("cycle repo", () => {
  it("creates, lists newest first, guards status moves and versions", async () => {
    const first = await storage.cycles.createCycle({
      cycleId: "c-2025",
      name: "Tahunan 2025",
      kind: "annual",
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
    });
    await expect(
      storage.cycles.createCycle({
        cycleId: "c-2025",
        name: "again",
        kind: "annual",
        periodStart: "2025-01-01",
        periodEnd: "2025-12-31",
      }),
    ).rejects.toBeInstanceOf(ItemAlreadyExistsError);
    storage = createStorage({
      tableName: table.tableName,
      client: table.client,
      clock: createOffsetClock(60_000),
    });
    await storage.cycles.createCycle({
      cycleId: "c-q1",
      name: "Q1",
      kind: "quarterly",
      periodStart: "2025-01-01",
      periodEnd: "2025-03-31",
    });
    expect((await storage.cycles.listCycles()).map((c) => c.cycleId)).toEqual(["c-q1", "c-2025"]);

    const running = await storage.cycles.transitionCycle("c-2025", ["created"], "running", {
      participantCount: 2,
    });
    expect(running).toMatchObject({ status: "running", version: 2, participantCount: 2 });
    await expect(storage.cycles.transitionCycle("c-2025", ["created"], "running")).rejects.toBeInstanceOf(
      GuardFailedError,
    );
    await expect(
      storage.cycles.updateCycle("c-2025", first.version, { status: "completed" }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect((await storage.cycles.getCycle("c-2025"))?.status).toBe("running");

    await storage.cycles.setOrgRating({ cycleId: "c-2025", unitId: "DINKES", rating: "baik", setBy: "hr" });
    await storage.cycles.setOrgRating({
      cycleId: "c-2025",
      unitId: "DINKES",
      rating: "istimewa",
      setBy: "hr",
    });
    expect((await storage.cycles.listOrgRatings("c-2025")).map((r) => r.rating)).toEqual(["istimewa"]);
  });
});

describe("appraisal repo", () => {
  const base = { cycleId: "c-2025", name: "Pegawai", unitId: "DINKES", appraiserNip: "198002022005012002" };

  it("lists by cycle and stage, by employee, and counts per stage", async () => {
    for (const nip of ["199003032015031003", "199104042016041004", "199205052017052005"]) {
      await storage.appraisals.createAppraisal({ ...base, id: `c-2025-${nip}`, nip });
    }
    const one = (await storage.appraisals.getAppraisal("c-2025-199003032015031003"))!;
    await storage.appraisals.transitionStage(one, ["target-setting"], "measurement");
    expect((await storage.appraisals.listByCycle("c-2025")).map((a) => a.nip)).toHaveLength(3);
    expect(
      (await storage.appraisals.listByCycle("c-2025", { stage: "measurement" })).map((a) => a.nip),
    ).toEqual(["199003032015031003"]);
    expect(await storage.appraisals.countByStage("c-2025")).toMatchObject({
      "target-setting": 2,
      measurement: 1,
      review: 0,
    });
    expect((await storage.appraisals.listByEmployee("199003032015031003")).map((a) => a.cycleId)).toEqual([
      "c-2025",
    ]);
    const again = await storage.appraisals.ensureAppraisal({
      ...base,
      id: "c-2025-199003032015031003",
      nip: "199003032015031003",
    });
    expect(again).toMatchObject({ created: false, record: { stage: "measurement", version: 2 } });
  });

  it("refuses a write based on a stale version with StaleVersionError, and a wrong stage with GuardFailedError", async () => {
    const read = (await storage.appraisals.getAppraisal("c-2025-199104042016041004"))!;
    await storage.appraisals.updateAppraisal(read, { executionArn: "arn:one" });
    await expect(
      storage.appraisals.updateAppraisal(read, { executionArn: "arn:two" }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    const fresh = (await storage.appraisals.getAppraisal(read.id))!;
    expect(fresh).toMatchObject({ executionArn: "arn:one", version: 2 });
    await expect(storage.appraisals.transitionStage(fresh, ["review"], "feedback")).rejects.toBeInstanceOf(
      GuardFailedError,
    );
  });

  it("writes a decision and its audit event in one transaction: both or neither", async () => {
    const read = (await storage.appraisals.getAppraisal("c-2025-199205052017052005"))!;
    const decision = (ref: typeof read) => [
      storage.appraisals.updateTransactItem(ref, { stage: "measurement" }, ["target-setting"]),
      ...storage.audit.auditTransactItems({
        appraisalId: read.id,
        eventId: "d-1#decision",
        actor: "198002022005012002",
        action: "decision",
        kind: "skp-approval",
        linkId: "L1",
        detail: { decision: "approve" },
      }),
    ];
    await storage.transactWrite(decision(read));
    expect((await storage.appraisals.getAppraisal(read.id))?.stage).toBe("measurement");
    expect(await storage.audit.listAudit(read.id)).toHaveLength(1);

    // Replaying with the stale version cancels the whole transaction: no second audit event appears.
    const error = await storage.transactWrite(decision(read)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCancelledError);
    expect((error as TransactionCancelledError).reasons[0]).toBe("ConditionalCheckFailed");
    expect(await storage.audit.listAudit(read.id)).toHaveLength(1);
  });

  it("keeps the audit trail in time order", async () => {
    await storage.audit.appendAudit({
      appraisalId: "a-order",
      eventId: "launched",
      actor: "system",
      action: "launched",
      at: "2025-01-02T00:00:00.000Z",
    });
    await storage.audit.appendAudit({
      appraisalId: "a-order",
      eventId: "note-1",
      actor: "hr",
      action: "note",
      at: "2025-01-01T00:00:00.000Z",
    });
    expect((await storage.audit.listAudit("a-order")).map((e) => e.action)).toEqual(["note", "launched"]);
  });

  it("records an event once per id, whatever time a retry writes it with", async () => {
    const event = { appraisalId: "a-once", eventId: "step-1#reviewed", actor: "system", action: "reviewed" };
    expect(await storage.audit.appendAudit({ ...event, at: "2025-03-01T00:00:00.000Z" })).toBe("written");
    expect(await storage.audit.appendAudit({ ...event, at: "2025-03-01T00:00:05.000Z" })).toBe(
      "already-recorded",
    );
    expect(await storage.audit.appendAudit({ ...event, eventId: "step-2#reviewed" })).toBe("written");
    const trail = await storage.audit.listAudit("a-once");
    expect(trail.map((e) => [e.eventId, e.at])).toEqual([
      ["step-1#reviewed", "2025-03-01T00:00:00.000Z"],
      ["step-2#reviewed", expect.any(String)],
    ]);
    await expect(storage.audit.appendAudit({ ...event, eventId: "" })).rejects.toThrow(/no eventId/);
  });

  it("tells an event already recorded from a real conflict: the change alone is written, a stale one still fails", async () => {
    const read = (await storage.appraisals.getAppraisal("c-2025-199104042016041004"))!;
    const event = {
      appraisalId: read.id,
      eventId: "restore#decision",
      actor: "198002022005012002",
      action: "decision",
    };
    // The event survived, its change was lost (what DynamoDB Local can do to a transaction when SIGKILLed).
    await storage.audit.appendAudit({ ...event, at: "2025-04-01T00:00:00.000Z" });
    const write = (ref: typeof read) =>
      storage.audit.transactWithAudit(
        (items) => storage.transactWrite(items),
        [storage.appraisals.updateTransactItem(ref, { executionArn: "arn:restored" })],
        { ...event, at: "2025-04-01T00:00:09.000Z" },
      );
    expect(await write(read)).toBe("already-recorded");
    const after = (await storage.appraisals.getAppraisal(read.id))!;
    expect(after).toMatchObject({ executionArn: "arn:restored", version: read.version + 1 });
    expect((await storage.audit.listAudit(read.id)).filter((e) => e.eventId === event.eventId)).toHaveLength(
      1,
    );
    // The same write on the stale version is a conflict (its own condition failed), not "already recorded".
    const error = await write(read).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCancelledError);
    expect((error as TransactionCancelledError).reasons[0]).toBe("ConditionalCheckFailed");
  });

  it("does not read items of other entities sharing the table", async () => {
    await table.client.send(
      new PutCommand({ TableName: table.tableName, Item: { pk: "c-2025", sk: "junk" } }),
    );
    expect(await storage.cycles.getCycle("c-2025")).toBeDefined();
  });
});
