// Issue 16 item 6: an employee file larger than one request (Lambda takes 6 MB behind API Gateway) is sent in parts:
// POST /api/employees/import?parts=N carries part 1 (with the header), POST /api/imports/{id}/parts/{n} the others, in
// order; the last part starts the import-employees workflow, which imports the parts as ONE file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOrganisationCsv } from "../../packages/core/src/imports/sample-org";
import { splitCsvParts } from "../../packages/core/src/imports/employee-import-job";
import { createApp } from "../../packages/web/src/app";
import { createDevIssuer, generateDevIssuerKey } from "../../packages/web/src/auth/dev-issuer";
import { settle, startWorld, type World } from "./harness";

const EMPLOYEES = 1_200;

describe("an employee file sent in parts", () => {
  let world: World;
  let call: (method: string, path: string, csv?: string) => Promise<Response>;
  const csv = generateOrganisationCsv({ employees: EMPLOYEES, seed: 5 });

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00Z");
    const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock: world.clock });
    const app = createApp({
      hr: { storage: world.storage, clock: world.clock, control: world.control },
      auth: { verifier: issuer.verifier() },
    });
    const token = await issuer.sign({ role: "hr", subject: "siti.hr" });
    call = async (method, path, body) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "text/csv" } : {}) },
        body,
      });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it("splits at line ends within the byte limit, the header only in the first part", () => {
    const parts = splitCsvParts(csv, 64 * 1024);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join("")).toBe(csv);
    for (const part of parts) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(64 * 1024);
      expect(part.endsWith("\n")).toBe(true);
    }
    expect(parts.filter((p) => p.startsWith("nip,"))).toHaveLength(1);
  });

  it("imports the parts as one file; parts out of order or twice are refused and change nothing", async () => {
    const parts = splitCsvParts(csv, 64 * 1024);
    const first = await call("POST", `/api/employees/import?parts=${parts.length}`, parts[0]);
    expect(first.status).toBe(202);
    const { importId, job } = (await first.json()) as { importId: string; job: string };
    expect(job).toBe(`/api/imports/${importId}`);

    // Part 3 before part 2: refused, and the import still waits for part 2.
    const early = await call("POST", `/api/imports/${importId}/parts/3`, parts[2]);
    expect(early.status).toBe(409);
    for (let n = 2; n < parts.length; n++) {
      const res = await call("POST", `/api/imports/${importId}/parts/${n}`, parts[n - 1]);
      expect(res.status).toBe(202);
      expect(res.headers.get("location")).toBe(job);
    }
    await settle(world);
    // Not complete yet: nothing started, nothing written.
    const waiting = (await (await call("GET", job)).json()) as { status: string; upload: unknown };
    expect(waiting).toMatchObject({
      status: "validating",
      upload: { partsReceived: parts.length - 1, parts: parts.length },
    });
    expect(await world.storage.org.currentState()).toBeUndefined();

    const last = await call("POST", `/api/imports/${importId}/parts/${parts.length}`, parts.at(-1));
    expect(last.status).toBe(202);
    await settle(world);
    const done = (await (await call("GET", job)).json()) as {
      status: string;
      counts: Record<string, number>;
    };
    expect(done.status).toBe("committed");
    expect(done.counts).toMatchObject({ employees: EMPLOYEES, created: EMPLOYEES });
    expect((await world.storage.org.currentState())!.employeeCount).toBe(EMPLOYEES);

    const again = await call("POST", `/api/imports/${importId}/parts/${parts.length}`, parts.at(-1));
    expect(again.status).toBe(409);
    expect((await call("POST", "/api/imports/imp-nope/parts/2", parts[1])).status).toBe(404);
    expect((await call("POST", "/api/employees/import?parts=1", parts[0])).status).toBe(400);
  }, 300_000);
});
