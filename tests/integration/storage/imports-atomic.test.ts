// Measurement imports never stay half-written (issue 9): rows are staged in the job's partition, a conditional
// `staging -> applying` is the commit point, and resumeImports finishes what a fault interrupted. Faults are
// injected into a real DynamoDB client (DynamoDB Local) by a middleware that fails chosen BatchWriteItem calls.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import {
  importAttendance,
  importEmployees,
  importIndicators,
  resumeImports,
  STAGED_ROWS_RETENTION_MS,
  STAGING_ABANDONED_AFTER_MS,
} from "../../../packages/core/src/imports/import-service";
import { ImportWriteError } from "../../../packages/core/src/imports/imports.errors";
import { generateOrganisationCsv } from "../../../packages/core/src/imports/sample-org";
import type { ControlDeps } from "../../../packages/core/src/cycle/cycle-control";
import { findDueEvaluations } from "../../../packages/core/src/periodic/periodic.service";
import { periodicDepsFrom } from "../../../functions/jobs/job";
import { createDocumentClient } from "../../../packages/core/src/storage/client";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import { createApp } from "../../../packages/web/src/app";
import { createDevIssuer, generateDevIssuerKey } from "../../../packages/web/src/auth/dev-issuer";
import { freshTable, scanAll, type FreshTable } from "../../setup/dynamo";

const ATTENDANCE_HEADER = "nip,month,work_days,present,late_minutes,absent_without_leave";
const INDICATOR_HEADER = "nip,indicator_id,period,value,source";
const DAY_S = 86_400;

/** Fails BatchWriteItem calls of one client on demand, with an error that looks retryable (a 503 from DynamoDB). */
function injectBatchWriteFaults(client: DynamoDBDocumentClient) {
  let calls = 0;
  let failing: (call: number) => boolean = () => false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^BatchWrite(Item)?Command$/.test(context.commandName ?? "") && failing(++calls)) {
        throw Object.assign(new Error("injected fault: service unavailable"), {
          name: "ServiceUnavailable",
          $fault: "server",
          $metadata: { httpStatusCode: 503 },
        });
      }
      return next(args);
    },
    { step: "initialize", name: "injectBatchWriteFaults" },
  );
  return {
    /** Fails only the nth BatchWriteItem call from now on (1-based). */
    failNth(n: number) {
      calls = 0;
      failing = (call) => call === n;
    },
    /** Fails every BatchWriteItem call until `heal()`. */
    failAll() {
      failing = () => true;
    },
    heal() {
      failing = () => false;
    },
  };
}

import { indicatorScopesOf } from "../../../packages/core/src/appraisal-flow/measurement";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { seedMeasuredAppraisals } from "./indicator-appraisals";

let table: FreshTable;
let storage: Storage;
let faults: ReturnType<typeof injectBatchWriteFaults>;
let nips: string[];
const clock = createOffsetClock();

beforeAll(async () => {
  table = await freshTable("imports-atomic");
  const client = createDocumentClient({
    tableName: table.tableName,
    endpoint: table.endpoint,
    region: "local",
  });
  faults = injectBatchWriteFaults(client);
  storage = createStorage({ tableName: table.tableName, client, clock });
  const org = await importEmployees(storage, generateOrganisationCsv({ employees: 60, seed: 9 }), {
    now: clock.now(),
  });
  expect(org).toMatchObject({ ok: true, employees: 60 });
  nips = (await storage.org.listEmployees()).map((e) => e.nip).sort();
  // Every indicator row must feed an appraisal whose SKP has that indicator (issue 15 item 9).
  await seedMeasuredAppraisals(
    storage,
    { cycleId: "c-2025", periodStart: "2025-01-01", periodEnd: "2025-12-31" },
    nips,
    INDICATOR_IDS,
  );
});

const INDICATOR_IDS = [
  "ind-sliced",
  "ind-newest",
  "ind-order",
  "ind-blocked",
  "ind-other",
  "ind-dispatch",
  "ind-http",
];
const scopes = () => indicatorScopesOf(createDynamoFlowStore(storage));

beforeEach(() => faults.heal());

/** One attendance row per employee and month; `present` varies with `variant` so files can be told apart. */
function attendanceCsv(months: string[], variant = 0): string {
  const rows = months.flatMap((month) =>
    nips.map((nip, i) => `${nip},${month},21,${(i + variant) % 21},${variant},0`),
  );
  return [ATTENDANCE_HEADER, ...rows].join("\n");
}

function indicatorCsv(indicatorId: string, value: number): string {
  return [
    INDICATOR_HEADER,
    ...nips.map((nip, i) => `${nip},${indicatorId},2025-Q1,${value + i},simpeg`),
  ].join("\n");
}

const items = async (entity: string, where: (item: Record<string, unknown>) => boolean = () => true) =>
  (await scanAll(table)).filter((item) => item.__edb_e__ === entity && where(item));

const liveIndicators = async (indicatorId: string) =>
  (await items("indicatorData", (i) => i.indicatorId === indicatorId)).map((i) => ({
    nip: i.nip,
    value: i.value,
    importId: i.importId,
  }));

describe("measurement imports: stage, commit point, apply", () => {
  it("a fault while staging changes nothing live, ends the job failed, and the same file then imports in full", async () => {
    const csv = attendanceCsv(["2024-01"]);
    faults.failNth(1);
    const failure = await importAttendance(storage, csv, { now: clock.now() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ImportWriteError);
    expect((failure as Error).message).toMatch(
      /failed while staging .*nothing was imported; send the same file again/,
    );
    expect(await storage.imports.attendanceForMonth("2024-01")).toEqual([]);
    const [failed] = await storage.imports.listJobs("attendance", { limit: 1 });
    expect(failed).toMatchObject({
      status: "failed",
      failureReason: expect.stringMatching(/injected fault/),
    });

    const again = await importAttendance(storage, csv, { now: clock.now() });
    expect(again).toEqual({ ok: true, importId: expect.stringMatching(/^imp-/), rows: 60 });
    expect(await storage.imports.attendanceForMonth("2024-01")).toHaveLength(60);
    expect(await storage.imports.getJob(again.ok ? again.importId : "")).toMatchObject({
      status: "committed",
      counts: { rows: 60 },
    });
  });

  it("a fault while applying answers accepted and leaves the job applying; resumeImports puts every row live, once", async () => {
    // 60 employees x 2 months = 120 rows: staged as one item (one BatchWriteItem), applied in 5 calls.
    const months = ["2023-04", "2023-05"];
    faults.failNth(3);
    const importedAtS = Date.now() / 1000;
    const accepted = await importAttendance(storage, attendanceCsv(months, 3), { now: clock.now() });
    expect(accepted).toMatchObject({
      ok: true,
      rows: 120,
      status: "applying",
      interruptedBy: expect.stringMatching(/injected/),
    });
    const importId = accepted.ok ? accepted.importId : "";
    const job = await storage.imports.getJob(importId);
    expect(job).toMatchObject({ status: "applying", counts: { rows: 120 } });
    const mine = (i: Record<string, unknown>) => i.importId === importId;
    // The failed call's 25 rows are not live (nothing retries them): the file is half applied at this moment.
    expect((await items("attendance", mine)).length).toBeLessThan(120);

    const staged = await items("importStagedRows", (i) => i.stagedFor === importId);
    expect(staged.length).toBe(job!.stagedItems);
    expect(staged.length).toBe(1);
    expect(staged.every((i) => i.pk === `$kinerja#importId_${importId}`)).toBe(true);
    const checkedAtS = Date.now() / 1000;
    for (const item of staged) {
      expect(item.ttl).toBeGreaterThanOrEqual(Math.floor(importedAtS + STAGED_ROWS_RETENTION_MS / 1000));
      expect(item.ttl).toBeLessThanOrEqual(Math.ceil(checkedAtS + 30 * DAY_S));
    }

    expect(await resumeImports(storage)).toEqual({ committed: [importId], failed: [] });
    const live = await items("attendance", mine);
    expect(live).toHaveLength(120);
    const byKey = new Map(live.map((i) => [`${String(i.nip)}|${String(i.month)}`, i.present]));
    nips.forEach((nip, i) => expect(byKey.get(`${nip}|2023-05`)).toBe((i + 3) % 21));
    expect(await storage.imports.getJob(importId)).toMatchObject({
      status: "committed",
      counts: { rows: 120 },
      finishedAt: expect.any(String),
    });
    const trail = await storage.audit.listAudit("imports");
    expect(trail.filter((e) => e.action === "import-committed" && e.actor === "system")).toEqual([
      expect.objectContaining({ detail: { kind: "attendance", importId, rows: 120, resumed: true } }),
    ]);

    // Resuming again finds nothing to do and leaves the table as it was.
    const before = await scanAll(table);
    expect(await resumeImports(storage)).toEqual({ committed: [], failed: [] });
    expect(await scanAll(table)).toEqual(before);
  });

  it("resume reassembles rows staged over many items in file order and refuses a job whose staged items are gone", async () => {
    const rows = nips.map((nip, i) => ({
      nip,
      cycleId: "c-2025",
      indicatorId: "ind-sliced",
      period: "2025-S1",
      value: i,
      source: "x",
    }));
    const importId = "imp-00000000T000000001Z-sliced";
    await storage.imports.startStagedJob(importId, "indicators");
    const expires = new Date(Date.now() + STAGED_ROWS_RETENTION_MS);
    const stagedItems = await storage.imports.stageRows(importId, "indicators", rows, expires, {
      sliceBytes: 700,
    });
    expect(stagedItems).toBeGreaterThan(8);
    expect((await storage.imports.stagedRowsOf(importId))?.rows).toEqual(rows);
    expect(await storage.imports.markApplying(importId, { rows: rows.length, stagedItems })).toBe(true);
    expect(await liveIndicators("ind-sliced")).toEqual([]);
    expect(await resumeImports(storage)).toEqual({ committed: [importId], failed: [] });
    const live = await liveIndicators("ind-sliced");
    expect(new Map(live.map((i) => [i.nip, i.value]))).toEqual(new Map(rows.map((r) => [r.nip, r.value])));

    // Staged rows lost (30 days unresumed, or deleted): the job cannot complete and says so instead of hanging.
    const lostId = "imp-00000000T000000002Z-lost";
    await storage.imports.startStagedJob(lostId, "indicators");
    await storage.imports.markApplying(lostId, { rows: 3, stagedItems: 2 });
    expect(await resumeImports(storage)).toEqual({
      committed: [],
      failed: [
        { importId: lostId, reason: expect.stringMatching(/staged rows incomplete \(0 of 2 items left\)/) },
      ],
    });
    expect(await storage.imports.getJob(lostId)).toMatchObject({ status: "failed" });
  });

  it("an import of the same natural keys after a resume wins as the newest", async () => {
    faults.failNth(2);
    const first = await importIndicators(
      storage,
      indicatorCsv("ind-newest", 100),
      { now: clock.now() },
      scopes(),
    );
    expect(first).toMatchObject({ status: "applying" });
    expect(await resumeImports(storage)).toMatchObject({ committed: [first.ok && first.importId] });

    const second = await importIndicators(
      storage,
      indicatorCsv("ind-newest", 500),
      { now: clock.now() },
      scopes(),
    );
    expect(second).toEqual({ ok: true, importId: expect.any(String), rows: 60 });
    const live = await liveIndicators("ind-newest");
    expect(live).toHaveLength(60);
    expect(new Set(live.map((i) => i.importId))).toEqual(new Set([second.ok && second.importId]));
    expect(live.map((i) => i.value).sort((a, b) => Number(a) - Number(b))[0]).toBe(500);
  });

  it("the next import first finishes an accepted one, so the newer file's values win", async () => {
    faults.failNth(3);
    const older = await importIndicators(
      storage,
      indicatorCsv("ind-order", 1),
      { now: clock.now() },
      scopes(),
    );
    expect(older).toMatchObject({ status: "applying" });
    const newer = await importIndicators(
      storage,
      indicatorCsv("ind-order", 1000),
      { now: clock.now() },
      scopes(),
    );
    expect(newer).toEqual({ ok: true, importId: expect.any(String), rows: 60 });
    expect(await storage.imports.getJob(older.ok ? older.importId : "")).toMatchObject({
      status: "committed",
    });
    const live = await liveIndicators("ind-order");
    expect(live.every((i) => i.importId === (newer.ok && newer.importId))).toBe(true);
    expect(Math.min(...live.map((i) => Number(i.value)))).toBe(1000);
  });

  it("while an accepted import cannot be finished, a new file is refused before any of it is written", async () => {
    faults.failNth(2);
    const pending = await importIndicators(
      storage,
      indicatorCsv("ind-blocked", 7),
      { now: clock.now() },
      scopes(),
    );
    expect(pending).toMatchObject({ status: "applying" });
    const pendingId = pending.ok ? pending.importId : "";
    faults.failAll();
    const jobsBefore = await storage.imports.listJobs("indicators");
    const refused = await importIndicators(
      storage,
      indicatorCsv("ind-other", 1),
      { now: clock.now() },
      scopes(),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportWriteError);
    expect((refused as Error).message).toMatch(/earlier accepted import could not be finished yet/);
    expect(await storage.imports.listJobs("indicators")).toEqual(jobsBefore);
    expect(await liveIndicators("ind-other")).toEqual([]);
    expect(await storage.imports.getJob(pendingId)).toMatchObject({ status: "applying" });

    faults.heal();
    expect((await resumeImports(storage)).committed).toEqual([pendingId]);
    expect(await liveIndicators("ind-blocked")).toHaveLength(60);
  });

  it("resumeImports ends a job abandoned while staging as failed, and leaves a fresh one alone", async () => {
    const own = createStorage({
      tableName: table.tableName,
      client: table.client,
      clock: createOffsetClock(),
    });
    await own.imports.startStagedJob("imp-00000000T000000000Z-abandon", "survey");
    (own.clock as ReturnType<typeof createOffsetClock>).advance(STAGING_ABANDONED_AFTER_MS + 60_000);
    await own.imports.startStagedJob("imp-00000000T000000000Z-fresh", "survey");
    const result = await resumeImports(own);
    expect(result.failed).toEqual([
      {
        importId: "imp-00000000T000000000Z-abandon",
        reason: expect.stringMatching(/abandoned while staging/),
      },
    ]);
    expect(await own.imports.getJob("imp-00000000T000000000Z-fresh")).toMatchObject({ status: "staging" });
    // A job that is no longer staging cannot pass its commit point any more.
    expect(
      await own.imports.markApplying("imp-00000000T000000000Z-abandon", { rows: 0, stagedItems: 0 }),
    ).toBe(false);
    await own.imports.markFailed("imp-00000000T000000000Z-fresh", "staging", "test cleanup");
  });

  it("the periodic dispatch finishes accepted imports before it lists due evaluations, and fails while it cannot", async () => {
    faults.failNth(2);
    const pending = await importIndicators(
      storage,
      indicatorCsv("ind-dispatch", 3),
      { now: clock.now() },
      scopes(),
    );
    const importId = pending.ok ? pending.importId : "";
    expect(pending).toMatchObject({ status: "applying" });
    // The deps every periodic job gets in both runtimes (functions/jobs/job.ts), so the wiring is what is tested.
    const deps = periodicDepsFrom({ storage, clock });
    const input = { scheduledTime: clock.now().toISOString(), lookbackDays: 3 };
    faults.failAll();
    await expect(findDueEvaluations(deps, input)).rejects.toThrow(/could not be finished yet/);
    expect(await storage.imports.getJob(importId)).toMatchObject({ status: "applying" });
    faults.heal();
    expect(await findDueEvaluations(deps, input)).toEqual({ evaluations: [] });
    expect(await storage.imports.getJob(importId)).toMatchObject({ status: "committed" });
    expect(await liveIndicators("ind-dispatch")).toHaveLength(60);
  });
});

describe("HR API answers for interrupted imports", () => {
  let call: (method: string, path: string, csv?: string) => Promise<Response>;

  beforeAll(async () => {
    const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock });
    // Imports never start workflows; the indicator import reads the appraisals through the workflow's store.
    const app = createApp({
      hr: {
        storage,
        clock,
        control: { store: createDynamoFlowStore(storage) } as Partial<ControlDeps> as ControlDeps,
      },
      auth: { verifier: issuer.verifier() },
    });
    const token = await issuer.sign({ role: "hr", subject: "siti.hr" });
    call = async (method, path, csv) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(csv ? { "content-type": "text/csv" } : {}) },
        body: csv,
      });
  });

  it("a fault while applying answers 202 with the job's Location; the job reads applying, then committed", async () => {
    faults.failNth(2);
    const res = await call("POST", "/api/imports/attendance", attendanceCsv(["2024-06"], 1));
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      importId: string;
      rows: number;
      status: string;
      job: string;
      message: string;
    };
    expect(body).toMatchObject({ rows: 60, status: "applying", job: `/api/imports/jobs/${body.importId}` });
    expect(body.message).toMatch(/accepted.*completes by itself.*Do not import it again/s);
    expect(res.headers.get("location")).toBe(body.job);

    const pending = await call("GET", body.job);
    expect(pending.status).toBe(200);
    expect(await pending.json()).toMatchObject({
      importId: body.importId,
      kind: "attendance",
      status: "applying",
    });

    await resumeImports(storage);
    expect(await (await call("GET", body.job)).json()).toMatchObject({
      status: "committed",
      counts: { rows: 60 },
      finishedAt: expect.any(String),
    });
    const trail = (await (await call("GET", "/api/imports/audit")).json()) as {
      action: string;
      detail: { importId?: string };
    }[];
    expect(trail.filter((e) => e.detail.importId === body.importId).map((e) => e.action)).toEqual([
      "import-accepted",
      "import-committed",
    ]);
  });

  it("a fault while staging answers 503 saying nothing was imported; a committed import still answers 200 as before", async () => {
    faults.failNth(1);
    const res = await call("POST", "/api/imports/indicators", indicatorCsv("ind-http", 5));
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { title: string }).title).toMatch(
      /nothing was imported; send the same file again/,
    );
    expect(await liveIndicators("ind-http")).toEqual([]);

    const ok = await call("POST", "/api/imports/indicators", indicatorCsv("ind-http", 5));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ importId: expect.stringMatching(/^imp-/), rows: 60 });
  });

  it("answers 404 for an unknown import job", async () => {
    const res = await call("GET", "/api/imports/jobs/imp-nope");
    expect(res.status).toBe(404);
  });
});
