// Shared pieces of the property-based tests of the HR API: the replayable fast-check settings, the table
// snapshot used to prove "nothing was written", and the assertions every answer of /api must satisfy.
import { expect } from "vitest";
import type * as fc from "fast-check";
import { createApp } from "../../packages/web/src/app";
import { createStorage } from "../../packages/core/src/storage/storage";
import { createDynamoFlowStore } from "../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { freshTable, scanAll, type FreshTable } from "../setup/dynamo";
import type { HrWorld } from "../web/hr/hr-world";

/**
 * fast-check settings: `KINERJA_PROPERTY_SEED` replays a failing run (fast-check prints the seed and path),
 * `KINERJA_PROPERTY_RUNS` scales every property's run count (e.g. 10 for a long soak).
 */
export function propertyOptions(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.KINERJA_PROPERTY_SEED;
  const scale = Number(process.env.KINERJA_PROPERTY_RUNS ?? "1");
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
    ...(seed !== undefined && seed !== "" ? { seed: Number(seed) } : {}),
    // Shrinking re-runs requests against a table whose state has moved on; keep it bounded.
    endOnFailure: false,
    interruptAfterTimeLimit: 45_000,
    markInterruptAsFailure: false,
  };
}

/** Every item of a table, keyed by pk/sk, each serialised with sorted keys (a byte-for-byte comparable snapshot). */
export async function snapshot(table: FreshTable): Promise<Map<string, string>> {
  const items = await scanAll(table);
  return new Map(items.map((item) => [`${String(item.pk)}|${String(item.sk)}`, stableJson(item)]));
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** What changed between two snapshots. */
export interface TableDiff {
  added: Record<string, unknown>[];
  removed: string[];
  changed: string[];
}

/** The items added, removed and changed between `before` and `after`. */
export function diff(before: Map<string, string>, after: Map<string, string>): TableDiff {
  const added: Record<string, unknown>[] = [];
  const changed: string[] = [];
  for (const [key, text] of after) {
    const old = before.get(key);
    if (old === undefined) added.push(JSON.parse(text) as Record<string, unknown>);
    else if (old !== text) changed.push(key);
  }
  const removed = [...before.keys()].filter((key) => !after.has(key));
  return { added, removed, changed };
}

/**
 * Asserts a rejected import left the table as it was: the only new items are the audit event of the rejected
 * attempt itself (who tried which file) and its exactly-once guard, nothing removed or changed.
 */
export function expectOnlyRejectionAudited(change: TableDiff, kind: string) {
  expect(change.removed).toEqual([]);
  expect(change.changed).toEqual([]);
  expect(
    change.added.map((item) => ({
      entity: item.__edb_e__,
      subject: item.appraisalId,
      action: item.action,
      kind: (item.detail as { kind?: string } | undefined)?.kind,
    })),
  ).toEqual(
    expect.arrayContaining([
      { entity: "auditEvent", subject: "imports", action: "import-rejected", kind },
      { entity: "auditEventId", subject: "imports", action: undefined, kind: undefined },
    ]),
  );
  expect(change.added).toHaveLength(2);
}

/** One problem+json body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path?: string; line?: number; field?: string; message: string }[];
}

/**
 * The contract of every /api answer: 2xx or 4xx (never 5xx); a 4xx is problem+json with a clear title and its
 * own status; each `errors` entry names a body/query/path field or a CSV line and column, with a message.
 * Returns the parsed problem (or undefined for a 2xx).
 */
export async function expectWellFormedAnswer(res: Response, what: string): Promise<Problem | undefined> {
  const text = await res.text();
  const context = `${what} -> ${res.status} ${text.slice(0, 500)}`;
  expect(res.status < 500, context).toBe(true);
  expect((res.status >= 200 && res.status < 300) || res.status >= 400, context).toBe(true);
  if (res.status < 400) return undefined;
  expect(res.headers.get("content-type"), context).toContain("application/problem+json");
  const body = JSON.parse(text) as Problem;
  expect(body.status, context).toBe(res.status);
  expect(typeof body.title, context).toBe("string");
  expect(body.title.trim().length, context).toBeGreaterThan(3);
  expect(body.title, context).not.toMatch(/internal|undefined|\[object/i);
  for (const entry of body.errors ?? []) {
    expect(typeof entry.message === "string" && entry.message.trim() !== "", context).toBe(true);
    const namesPath = typeof entry.path === "string" && entry.path !== "";
    const namesCell =
      typeof entry.line === "number" &&
      Number.isInteger(entry.line) &&
      entry.line >= 1 &&
      typeof entry.field === "string" &&
      entry.field !== "";
    expect(namesPath || namesCell, `${context}: error entry names no field ${JSON.stringify(entry)}`).toBe(
      true,
    );
  }
  // A validation failure always says which field (or CSV cell) is wrong.
  if (/^Invalid request|invalid row value/.test(body.title)) {
    expect(body.errors?.length ?? 0, context).toBeGreaterThan(0);
  }
  return body;
}

/** An app over a new empty table, sharing the world's engine and token verifier (imports never touch the engine). */
export async function appOnFreshTable(w: HrWorld) {
  const table = await freshTable("prop");
  const storage = createStorage({
    tableName: table.tableName,
    endpoint: table.endpoint,
    client: table.client,
    clock: w.world.clock,
  });
  const app = createApp({
    // The indicator import reads appraisals through the workflow's store: the one over this table.
    hr: {
      storage,
      clock: w.world.clock,
      control: { ...w.world.control, store: createDynamoFlowStore(storage) },
    },
    auth: { verifier: w.issuer.verifier() },
  });
  const importCsv = (path: string, csv: string | Uint8Array) =>
    Promise.resolve(
      app.request(path, {
        method: "POST",
        headers: { authorization: `Bearer ${w.hrToken}`, "content-type": "text/csv" },
        body: csv,
      }),
    );
  const get = (path: string) =>
    Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${w.hrToken}` } }));
  return { table, storage, app, importCsv, get };
}

/** The world's own table as a FreshTable (for snapshots). */
export const worldTable = (w: HrWorld): FreshTable => ({
  tableName: w.world.storage.tableName,
  endpoint: "",
  client: w.world.storage.client,
});
