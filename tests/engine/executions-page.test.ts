// Issue 17 item 5: the local engine's executions page pages through every execution with a cursor (newest first,
// back and forth), filters by state machine, status and name prefix, counts per status in Indonesian, and shows each
// failed execution's error and cause.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executionsRoutes } from "../../packages/local/src/engine-host/executions-page";
import { startHarness, type Harness } from "./harness";

const OK = 250;
const BOOM = 30;
let h: Harness;
let app: ReturnType<typeof executionsRoutes>;
const started: string[] = []; // names, oldest first

beforeAll(async () => {
  h = await startHarness();
  const ok = await h.machine("baik", { StartAt: "A", States: { A: { Type: "Pass", End: true } } });
  const boom = await h.machine("gagal", {
    StartAt: "F",
    States: { F: { Type: "Fail", Error: "Data.Salah", Cause: "NIP 199001012015031001 tidak ada" } },
  });
  for (let i = 0; i < OK + BOOM; i++) {
    // Every ninth execution of the first 270 fails: 30 of them.
    const failing = i % 9 === 4 && i < BOOM * 9;
    const name = failing ? `rusak-${String(i).padStart(4, "0")}` : `ok-${String(i).padStart(4, "0")}`;
    const arn = await h.start(failing ? boom : ok, {}, name);
    await h.states.engine.waitForExecution(arn, 20_000);
    started.push(name);
  }
  app = executionsRoutes(h.states.engine);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

type Row = { name: string; status: string; stateMachine: string; error: string | null; cause: string | null };
type Page = { executions: Row[]; counts: Record<string, number>; older: string | null; newer: string | null };
const json = async (query: string): Promise<Page> => {
  const res = await app.request(`/_local/executions?format=json${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};

describe("executions page (issue 17 item 5)", () => {
  it("pages through all 280 executions with the older cursor, and back with the newer one", async () => {
    const names: string[] = [];
    const pages: Page[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: Page = await json(cursor ? `&before=${cursor}` : "");
      pages.push(page);
      names.push(...page.executions.map((e) => e.name));
      cursor = page.older;
    }
    expect(pages.map((p) => p.executions.length)).toEqual([100, 100, 80]);
    expect(names).toEqual([...started].reverse());
    expect(pages[0]!.newer).toBeNull();
    expect(pages[0]!.counts).toEqual({ SUCCEEDED: OK, FAILED: BOOM });
    const back = await json(`&after=${pages[2]!.newer}`);
    expect(back.executions.map((e) => e.name)).toEqual(pages[1]!.executions.map((e) => e.name));
    expect(back.older).toBe(pages[1]!.older);
  });

  it("filters by status, state machine and name prefix", async () => {
    const failed = await json("&status=FAILED");
    expect(failed.executions).toHaveLength(BOOM);
    expect(failed.older).toBeNull();
    expect(failed.executions.every((e) => e.stateMachine === "gagal" && e.name.startsWith("rusak-"))).toBe(
      true,
    );
    expect(failed.executions[0]).toMatchObject({
      error: "Data.Salah",
      cause: "NIP 199001012015031001 tidak ada",
    });

    const ok = await json("&machine=baik&limit=200");
    expect(ok.executions).toHaveLength(200);
    expect(ok.counts).toEqual({ SUCCEEDED: OK });
    const rest = await json(`&machine=baik&limit=200&before=${ok.older}`);
    expect(rest.executions).toHaveLength(OK - 200);
    expect(rest.older).toBeNull();

    const prefixed = await json("&prefix=ok-01");
    expect(prefixed.executions.map((e) => e.name)).toEqual(
      started.filter((n) => n.startsWith("ok-01")).reverse(),
    );
  });

  it("shows Indonesian labels, counts, filters and each failure's error and cause on the page", async () => {
    const page = await (await app.request("/_local/executions?status=FAILED&machine=gagal")).text();
    expect(page).toMatch(/<option value="gagal" selected>\s*gagal\s*<\/option>/);
    expect(page).toMatch(/<option value="FAILED" selected>\s*Gagal\s*<\/option>/);
    expect(page).toMatch(/30 eksekusi mesin gagal:\s*Berjalan 0 · Berhasil 0 · Gagal 30/);
    expect(page).toContain('<b class="FAILED">Data.Salah</b><pre>NIP 199001012015031001 tidak ada</pre>');
    const first = await (await app.request("/_local/executions")).text();
    const older = first.match(/<a rel="next" href="([^"]+)">lebih lama/)?.[1]?.replace(/&amp;/g, "&");
    expect(older).toMatch(/^\/_local\/executions\?before=\d+$/);
    const second = await (await app.request(older!)).text();
    expect(second).toContain("← lebih baru");
    expect(second).toContain(started[OK + BOOM - 101]);
  });

  it("refuses a cursor it did not make and an unknown machine in Indonesian (400)", async () => {
    const bad = await app.request("/_local/executions?format=json&before=abc");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/^before: /);
    const unknown = await app.request("/_local/executions?machine=tidak-ada");
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Mesin status tidak-ada tidak ada");
    expect((await app.request("/_local/executions?before=5&after=3")).status).toBe(400);
  });
});
