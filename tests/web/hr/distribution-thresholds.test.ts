// The distribution thresholds are a cycle setting HR sets through the API (issue 15 item 7): the regulation's
// defaults fill what is left out, a bad value is refused with the field named (in Indonesian when asked), and the
// contract shows them in /openapi.json. The workflow test (tests/workflows/org-rating-distribution.test.ts) shows a
// threshold changing a review's outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisation, startHrWorld, type HrWorld } from "./hr-world";

describe("cycle settings: the distribution thresholds", () => {
  let w: HrWorld;
  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", organisation(2).csv)).status).toBe(200);
  }, 60_000);
  afterAll(async () => w?.close());

  const create = (distributionThresholds: unknown, lang = "en") =>
    w.app.request("/api/cycles", {
      method: "POST",
      headers: {
        authorization: `Bearer ${w.hrToken}`,
        "content-type": "application/json",
        "accept-language": lang,
      },
      body: JSON.stringify({
        name: "Triwulan I 2027",
        kind: "quarterly",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
        settings: { periodicEvaluation: "none", distributionThresholds },
      }),
    });

  it("stores the thresholds with the cycle, the regulation's defaults for what is left out", async () => {
    const res = await create({ dominantMaxPct: 80 });
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const detail = (await (await w.call("GET", `/api/cycles/${id}`)).json()) as {
      settings: { distributionThresholds: Record<string, number> };
    };
    expect(detail.settings.distributionThresholds).toEqual({
      dominantMaxPct: 80,
      dominantMinPct: 0,
      majorityMinPct: 60,
      minorityMinPct: 10,
      sangatBaikMaxPct: 10,
    });
  });

  it("refuses a share outside 0-100 and minimums that cannot hold together, naming the field in Indonesian", async () => {
    const over = await create({ majorityMinPct: 101 }, "id");
    expect(over.status).toBe(400);
    expect(((await over.json()) as { errors: unknown[] }).errors).toContainEqual({
      path: "settings.distributionThresholds.majorityMinPct",
      message: "Harus persen bulat 0 sampai 100",
    });
    const together = await create({ majorityMinPct: 95, minorityMinPct: 10 }, "id");
    expect(together.status).toBe(400);
    const errors = ((await together.json()) as { errors: { path: string; message: string }[] }).errors;
    expect(errors.map((e) => e.path)).toContain("settings.distributionThresholds.minorityMinPct");
    expect(errors.find((e) => e.path.endsWith("minorityMinPct"))!.message).toMatch(/melebihi 100%/);
  });

  it("documents the thresholds and the org-rating re-evaluation in /openapi.json", async () => {
    const spec = (await (await w.app.request("/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { description?: string; requestBody?: { content: Record<string, { schema: unknown }> } }
        >
      >;
    };
    const create = JSON.stringify(
      spec.paths["/api/cycles"]!.post!.requestBody!.content["application/json"]!.schema,
    );
    for (const field of [
      "distributionThresholds",
      "dominantMaxPct",
      "majorityMinPct",
      "minorityMinPct",
      "sangatBaikMaxPct",
    ])
      expect(create, field).toContain(field);
    expect(spec.paths["/api/units/{unitId}/org-rating"]!.put!.description).toMatch(/headsRevised/);
  });
});
