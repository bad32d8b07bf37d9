// The behaviour aggregation rule is a cycle setting HR sets through the API (issue 15 item 6): stored with the cycle
// (the review form and the workflow read it from there), refused with the field named when it is out of range.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisation, startHrWorld, type HrWorld } from "./hr-world";

describe("cycle settings: the BerAKHLAK aggregation rule", () => {
  let w: HrWorld;
  beforeAll(async () => {
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", organisation(2).csv)).status).toBe(200);
  }, 60_000);
  afterAll(async () => w?.close());

  const create = (perilakuAggregation: unknown) =>
    w.app.request("/api/cycles", {
      method: "POST",
      headers: { authorization: `Bearer ${w.hrToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Triwulan I 2027",
        kind: "quarterly",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
        settings: { periodicEvaluation: "none", perilakuAggregation },
      }),
    });

  it("stores the rule with the cycle", async () => {
    const res = await create({ belowWhenAtLeast: 2, aboveWhenAtLeast: 5 });
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const cycle = await w.world.storage.cycles.getCycle(id);
    expect(cycle?.settings).toMatchObject({
      perilakuAggregation: { belowWhenAtLeast: 2, aboveWhenAtLeast: 5 },
    });
  });

  it("takes periodicEvaluation semester (rule 38), documented among the cadences in the OpenAPI of POST /api/cycles", async () => {
    const spec = (await (await w.app.request("/openapi.json")).json()) as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: unknown }> } } }>;
    };
    const body = spec.paths["/api/cycles"]!.post!.requestBody!.content["application/json"]!.schema as {
      properties: { settings: { properties: { periodicEvaluation: { enum?: string[] } } } };
    };
    expect(body.properties.settings.properties.periodicEvaluation.enum).toEqual([
      "monthly",
      "quarterly",
      "semester",
      "none",
    ]);
    const res = await w.app.request("/api/cycles", {
      method: "POST",
      headers: { authorization: `Bearer ${w.hrToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Guru 2027",
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
        allowOverlap: true,
        settings: { periodicEvaluation: "semester" },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect((await w.world.storage.cycles.getCycle(id))?.settings).toMatchObject({
      periodicEvaluation: "semester",
    });
  });

  it("refuses a rule outside 1..7, naming the field", async () => {
    const res = await create({ belowWhenAtLeast: 9, aboveWhenAtLeast: 4 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toContain("settings.perilakuAggregation.belowWhenAtLeast");
  });
});
