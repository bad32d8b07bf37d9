// The local runtime as `npm start` runs it: every part on free ports in a temp data dir, the dev-only routes, the
// seeded organisation behind the real HR auth, and what survives a restart (data, clock offset, tokens) or a reset.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalRuntime, type LocalRuntime } from "../../packages/local/src/runtime/runtime";
import { RUNTIME_FILE } from "../../packages/local/src/runtime/runtime-file";
import { DataDirError } from "../../packages/local/src/runtime/runtime.errors";
import { demoOrganisation } from "../../packages/core/src/imports/sample-org";

const DAY = 86_400_000;
const start = (dataDir: string, extra: { reset?: boolean } = {}) =>
  createLocalRuntime({
    dataDir,
    port: 0,
    statesPort: 0,
    dynamoPort: 0,
    startAt: new Date("2027-01-04T01:00:00Z"),
    ...extra,
  });
const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the local runtime", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kinerja-rt-"));
  let rt: LocalRuntime | undefined;
  afterAll(async () => {
    await rt?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    rt = await start(dataDir);
  }, 120_000);

  it("answers /healthz and names its URLs in runtime.json for the CLI", async () => {
    const res = await fetch(`${rt!.urls.web}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(join(dataDir, RUNTIME_FILE), "utf8"))).toMatchObject({
      url: rt!.urls.web,
      pid: process.pid,
    });
  });

  it("seeds the demo Salor organisation on first start, behind the real HR token check", async () => {
    expect(rt!.seeded).toBe(true);
    const token = readFileSync(join(dataDir, "hr-token"), "utf8").trim();
    expect(token).toBe(rt!.hrToken);
    const units = await fetch(`${rt!.urls.web}/api/units`, { headers: { authorization: `Bearer ${token}` } });
    expect(units.status).toBe(200);
    const ids = ((await units.json()) as { unitId: string }[]).map((u) => u.unitId).sort();
    expect(ids).toEqual(
      demoOrganisation()
        .units.map((u) => u.unitId)
        .sort(),
    );
    expect(await rt!.storage.org.listEmployees()).toHaveLength(demoOrganisation().people.length);
    expect((await fetch(`${rt!.urls.web}/api/units`)).status).toBe(401);
    const jwks = (await (await fetch(rt!.urls.jwks)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys).toHaveLength(1);
  });

  it("registers every state machine of the registry with the engine", () => {
    const names = rt!.engine.listStateMachines().map((m) => m.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "kinerja-appraisal",
        "kinerja-launch-cycle",
        "kinerja-periodic-dispatch",
        "kinerja-periodic-evaluation",
      ]),
    );
  });

  it("moves the clock forward, firing the daily schedules on the way at their own times", async () => {
    const before = (await (await fetch(rt!.urls.clock)).json()) as { now: string; offsetMs: number };
    const res = await post(rt!.urls.clock, { advance: "P2D" });
    expect(res.status).toBe(200);
    const after = (await res.json()) as { now: string; offsetMs: number; schedulesFired: number };
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(2 * DAY);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeLessThan(2 * DAY + 60_000);
    expect(after.schedulesFired).toBeGreaterThanOrEqual(2);
    const runs = rt!.scheduler.runs("periodic-evaluation-daily");
    expect(runs.map((r) => r.scheduledTime)).toEqual([
      "2027-01-04T18:00:00.000Z",
      "2027-01-05T18:00:00.000Z",
    ]);
    expect(runs.every((r) => r.status === "fired")).toBe(true);
    const listed = (await (await fetch(`${rt!.urls.executions}?format=json`)).json()) as {
      executions: { name: string; status: string }[];
    };
    expect(listed.executions.map((e) => e.name)).toContain("periodic-evaluation-daily-20270104T1800Z");
  });

  it("refuses bad clock changes with problem+json naming the field", async () => {
    const bad = await post(rt!.urls.clock, { advance: "30 days" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("advance");
    const backwards = await post(rt!.urls.clock, { set: "2020-01-01T00:00:00Z" });
    expect(backwards.status).toBe(400);
    expect(
      ((await backwards.json()) as { errors: { path: string; message: string }[] }).errors[0],
    ).toMatchObject({ path: "set" });
    expect((await post(rt!.urls.clock, { advance: "P1D", set: "2030-01-01T00:00:00Z" })).status).toBe(400);
  });

  it("keeps data, clock offset and tokens across a restart", async () => {
    const offset = rt!.clock.offsetMs();
    const token = rt!.hrToken;
    const executions = rt!.engine.store.listExecutions({
      machine: null,
      status: null,
      afterStart: null,
      afterArn: null,
      limit: 1000,
    }).length;
    await rt!.close();
    expect(existsSync(join(dataDir, RUNTIME_FILE))).toBe(false);
    rt = await start(dataDir);
    expect(rt.seeded).toBe(false);
    expect(rt.clock.offsetMs()).toBe(offset);
    expect(await rt.storage.org.listEmployees()).toHaveLength(demoOrganisation().people.length);
    expect(
      rt.engine.store.listExecutions({
        machine: null,
        status: null,
        afterStart: null,
        afterArn: null,
        limit: 1000,
      }),
    ).toHaveLength(executions);
    const res = await fetch(`${rt.urls.web}/api/units`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }, 120_000);

  it("starts afresh with reset", async () => {
    await rt!.close();
    rt = await start(dataDir, { reset: true });
    expect(rt.seeded).toBe(true);
    expect(Math.abs(rt.clock.now().getTime() - Date.parse("2027-01-04T01:00:00Z"))).toBeLessThan(60_000);
    expect(
      rt.engine.store.listExecutions({
        machine: null,
        status: null,
        afterStart: null,
        afterArn: null,
        limit: 1000,
      }),
    ).toEqual([]);
  }, 120_000);
});

describe("the data dir guard", () => {
  it("refuses a non-empty directory that is not a kinerja data dir, touching nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-foreign-"));
    writeFileSync(join(dir, "thesis.tex"), "precious");
    try {
      await expect(
        createLocalRuntime({ dataDir: dir, reset: true, port: 0, statesPort: 0, dynamoPort: 0 }),
      ).rejects.toThrow(DataDirError);
      expect(readFileSync(join(dir, "thesis.tex"), "utf8")).toBe("precious");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
