// Fair link limits (issue 16 item 8): counted per link and per recipient in the table, so they hold across Lambda
// containers, while one address (an office behind one NAT) deciding hundreds of links is not refused, nor an approver
// deciding all 40 of their links at once; the address is API Gateway's sourceIp, never a client-written X-Forwarded-For.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../packages/web/src/app";
import { DEFAULT_LINK_RATE_LIMIT, dynamoRateCounter } from "../../packages/web/src/middleware/rate-limit";
import { freshTable } from "../setup/dynamo";
import { openViaWorkflow, securityFixture, type SecurityFixture } from "./harness";

const review = { hasilKerja: "meets", perilaku: "above", feedback: "Pertahankan kinerja." };
const jsonPost = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json", accept: "application/json" },
  body: JSON.stringify(body),
});
/** What API Gateway hands the Lambda (hono/aws-lambda passes the event as env). */
const fromAddress = (sourceIp: string) => ({ event: { requestContext: { http: { sourceIp } } } });
/** Waits for a fresh counting window when the current one ends within `needMs`, so a burst is counted in one window. */
const freshWindow = async (needMs = 20_000) => {
  const left = DEFAULT_LINK_RATE_LIMIT.windowMs - (Date.now() % DEFAULT_LINK_RATE_LIMIT.windowMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
};

describe("link rate limits", () => {
  let fx: SecurityFixture;
  beforeAll(async () => {
    // The defaults the deployed API runs with.
    fx = await securityFixture(DEFAULT_LINK_RATE_LIMIT);
  }, 120_000);
  afterAll(async () => fx?.close());

  it("lets 500 different links from one address through within a minute, and decides real ones after them", async () => {
    const office = fromAddress("203.0.113.7");
    const statuses = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      // Signed tokens of 500 distinct links (never stored: the route answers 404 after the limiter let it through).
      const { token } = fx.deps.signer.issue({
        recipientNip: "198001012005011002",
        expiresAt: new Date(fx.h.clock.now().getTime() + 3_600_000),
      });
      const res = await fx.app.request(`/l/${token}`, { headers: { accept: "application/json" } }, office);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect(statuses.get(429) ?? 0).toBe(0);
    for (let i = 0; i < 3; i++) {
      const link = await openViaWorkflow(fx);
      expect((await fx.app.request(link.path, {}, office)).status).toBe(200);
      expect((await fx.app.request(link.path, jsonPost(review), office)).status).toBe(200);
    }
  }, 120_000);

  it("limits one link hammered, across containers and addresses, with an Indonesian 429 page", async () => {
    const link = await openViaWorkflow(fx);
    await freshWindow(10_000);
    // A second app on the same table stands for another Lambda container.
    const other = createApp({ decisions: fx.deps, linkRateLimit: DEFAULT_LINK_RATE_LIMIT });
    const limit = DEFAULT_LINK_RATE_LIMIT.perKey;
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) {
      const app = i % 2 === 0 ? fx.app : other;
      statuses.push((await app.request(link.path, {}, fromAddress(`198.51.100.${i}`))).status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const page = await other.request(link.path, {}, fromAddress("198.51.100.200"));
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await page.text()).toContain("Terlalu banyak permintaan");
    // Another link from the same addresses is unaffected.
    const fresh = await openViaWorkflow(fx);
    expect((await fx.app.request(fresh.path, {}, fromAddress("198.51.100.1"))).status).toBe(200);
  }, 120_000);

  it("lets an approver with 40 links open and decide all of them within a minute", async () => {
    const approver = "197502022000031001";
    const links = [];
    for (let i = 0; i < 40; i++) links.push(await openViaWorkflow(fx, "review", fx.machineArn, approver));
    await freshWindow();
    const office = fromAddress("203.0.113.20");
    const started = Date.now();
    const statuses: number[] = [];
    for (const link of links) {
      statuses.push((await fx.app.request(link.path, {}, office)).status);
      statuses.push((await fx.app.request(link.path, jsonPost(review), office)).status);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(statuses).toHaveLength(80);
  }, 180_000);

  it("limits one person's links hammered together, though each link stays under its own limit", async () => {
    const target = "196805052000031002";
    const links = [];
    for (let i = 0; i < 12; i++) links.push(await openViaWorkflow(fx, "review", fx.machineArn, target));
    const perLink = DEFAULT_LINK_RATE_LIMIT.perKey - 4; // 26 hits per link: never the link's own limit
    expect(links.length * perLink).toBeGreaterThan(DEFAULT_LINK_RATE_LIMIT.perRecipient);
    await freshWindow();
    // A second app on the same table stands for another Lambda container; the addresses change every request.
    const other = createApp({ decisions: fx.deps, linkRateLimit: DEFAULT_LINK_RATE_LIMIT });
    const statuses: number[] = [];
    let n = 0;
    for (let round = 0; round < perLink; round++)
      for (const link of links) {
        const app = n % 2 === 0 ? fx.app : other;
        statuses.push((await app.request(link.path, {}, fromAddress(`198.51.100.${n++ % 250}`))).status);
      }
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBe(DEFAULT_LINK_RATE_LIMIT.perRecipient);
    expect(statuses.slice(0, firstRefused).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    const page = await other.request(links[0]!.path, {}, fromAddress("198.51.100.251"));
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await page.text()).toContain("Terlalu banyak permintaan");
    // Another person's link is unaffected.
    const fresh = await openViaWorkflow(fx, "review", fx.machineArn, "198203032006041003");
    expect((await fx.app.request(fresh.path, {}, fromAddress("198.51.100.1"))).status).toBe(200);
  }, 180_000);

  it("counts the address API Gateway saw, not a forged X-Forwarded-For (flood guard)", async () => {
    const guarded = createApp({ decisions: fx.deps, linkRateLimit: { perIp: 3, perKey: 1000 } });
    const link = await openViaWorkflow(fx);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const forged = { headers: { "x-forwarded-for": `10.0.0.${i}, 192.0.2.1` } };
      statuses.push((await guarded.request(link.path, forged, fromAddress("203.0.113.9"))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // A different source address is its own count.
    expect((await guarded.request(link.path, {}, fromAddress("203.0.113.10"))).status).toBe(200);
  }, 120_000);
});

describe("a link and its recipient counted in one request (issue 18 item 1)", () => {
  it("counts both in one UpdateItem, and a hit refused for its link leaves the recipient's allowance untouched", async () => {
    const table = await freshTable("ratelimit");
    let sent = 0;
    const client = Object.create(table.client) as typeof table.client;
    client.send = ((command: never) => {
      sent++;
      return table.client.send(command);
    }) as typeof client.send;
    const counter = dynamoRateCounter({ client, tableName: table.tableName });
    const window = 1_800_000_000_000;
    const hit = (link: string) => counter.hitInGroup!(`link:${link}`, "recipient:1980", 2, window, 60_000);
    expect(await hit("a")).toEqual({ key: 1, group: 1 });
    expect(await hit("a")).toEqual({ key: 2, group: 2 });
    expect(sent).toBe(2);
    // Link a is at its limit: refused, and the recipient's count does not move.
    expect(await hit("a")).toEqual({ key: 3 });
    expect(await hit("b")).toEqual({ key: 1, group: 3 });
    // Another window starts from zero.
    expect(await counter.hitInGroup!("link:a", "recipient:1980", 2, window + 60_000, 60_000)).toEqual({
      key: 1,
      group: 1,
    });
  });
});
