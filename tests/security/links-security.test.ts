import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redeliverPending } from "../../packages/core/src/decision/decision-delivery";
import {
  auditEvents,
  decisionMachine,
  executionStatus,
  openViaWorkflow,
  securityFixture,
  snapshot,
  type SecurityFixture,
} from "./harness";

const review = { hasilKerja: "meets", perilaku: "above", feedback: "Pertahankan kinerja." };
const jsonPost = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json", accept: "application/json" },
  body: JSON.stringify(body),
});

const MAIL_SCANNERS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 (Microsoft Defender SafeLinks)",
  "Mozilla/5.0 (compatible; BingPreview/1.0b)",
  "Mimecast-URL-Protect/1.0",
  "Proofpoint URL Defense",
  "Barracuda Sentinel (EE)",
  "Google-Safety; +http://www.google.com/bot.html",
  "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  "WhatsApp/2.23.20.0",
];

let fx: SecurityFixture;
beforeAll(async () => {
  fx = await securityFixture();
});
afterAll(async () => {
  await fx?.close();
});

describe("links: GET never decides", () => {
  it("GET and HEAD from mail scanners change nothing and leave the workflow waiting", async () => {
    const link = await openViaWorkflow(fx);
    const before = await snapshot(fx);
    for (const ua of MAIL_SCANNERS) {
      for (const method of ["GET", "HEAD"]) {
        const res = await fx.app.request(link.path, { method, headers: { "user-agent": ua } });
        expect(res.status).toBe(200);
      }
      await fx.app.request(link.path, { headers: { "user-agent": ua, accept: "application/json" } });
    }
    expect(await snapshot(fx)).toBe(before);
    expect(await executionStatus(fx, link.executionArn)).toBe("RUNNING");
  });
});

describe("links: tampered tokens", () => {
  const alter = (part: string) => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // Change a character in the middle to a different one of the same alphabet (base36 parts stay base36).
    const i = Math.floor(part.length / 2);
    const pool = /^[0-9a-z]+$/.test(part) ? "0123456789abcdefghijklmnopqrstuvwxyz" : alphabet;
    const next = pool[(pool.indexOf(part[i]) + 7) % pool.length];
    return part.slice(0, i) + next + part.slice(i + 1);
  };

  it("refuses every altered, truncated, extended, empty, oversized or wrongly keyed token with 4xx and changes nothing", async () => {
    const link = await openViaWorkflow(fx);
    const [kid, id, exp, sig] = link.token.split(".");
    const wrongKeySig = createHmac("sha256", randomBytes(32))
      .update(`kinerja-link-v1\nk1\n${id}\n198001012005011002\n${parseInt(exp, 36)}`)
      .digest("base64url");
    const variants: Record<string, string> = {
      "kid altered": [alter(kid), id, exp, sig].join("."),
      "unknown kid": ["k9", id, exp, sig].join("."),
      "id altered": [kid, alter(id), exp, sig].join("."),
      "id case changed": [kid, id.toUpperCase() === id ? id.toLowerCase() : id.toUpperCase(), exp, sig].join(
        ".",
      ),
      "expiry altered": [kid, id, alter(exp), sig].join("."),
      "expiry extended by a year": [kid, id, (parseInt(exp, 36) + 365 * 86400).toString(36), sig].join("."),
      "signature altered": [kid, id, exp, alter(sig)].join("."),
      "signature non-canonical": [kid, id, exp, sig.slice(0, -1) + (sig.at(-1) === "A" ? "B" : "A")].join(
        ".",
      ),
      "signed with a wrong key": [kid, id, exp, wrongKeySig].join("."),
      "truncated by one": link.token.slice(0, -1),
      "truncated to half": link.token.slice(0, link.token.length / 2),
      "missing a part": [kid, id, sig].join("."),
      "extended by one": `${link.token}A`,
      "extended by a part": `${link.token}.x`,
      "10 KB long": `${link.token}${"A".repeat(10 * 1024)}`,
      "10 KB of garbage": "A".repeat(10 * 1024),
      "percent-encoded junk": "%00%ff%2e%2e",
      dots: "...",
    };
    const before = await snapshot(fx);
    for (const [name, token] of Object.entries(variants)) {
      const path = `/l/${token}`;
      const get = await fx.app.request(path);
      const post = await fx.app.request(path, jsonPost(review));
      const form = await fx.app.request(path, {
        method: "POST",
        body: new URLSearchParams(review),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      for (const res of [get, post, form]) {
        expect([403, 404], `${name}: ${res.status}`).toContain(res.status);
      }
    }
    for (const res of [await fx.app.request("/l/"), await fx.app.request("/l/", jsonPost(review))])
      expect(res.status).toBe(404);
    expect(await snapshot(fx)).toBe(before);
    expect(await executionStatus(fx, link.executionArn)).toBe("RUNNING");
    // The genuine token still works afterwards.
    expect((await fx.app.request(link.path, jsonPost(review))).status).toBe(200);
  });
});

describe("links: deciding once", () => {
  it("resumes the waiting workflow with the decision (SendTaskSuccess on the real engine)", async () => {
    const link = await openViaWorkflow(fx);
    expect((await fx.app.request(link.path, jsonPost(review))).status).toBe(200);
    const done = await fx.h.finished(link.executionArn);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output).decision).toMatchObject({
      kind: "review",
      decision: review,
      decidedBy: { nip: "198001012005011002", role: "appraiser" },
    });
  });

  it("answers a replayed POST with 409 'already decided' and keeps exactly one audit event", async () => {
    const link = await openViaWorkflow(fx);
    expect((await fx.app.request(link.path, jsonPost(review))).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const again = await fx.app.request(link.path, jsonPost({ ...review, hasilKerja: "above" }));
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({
        title: "Already decided",
        decidedBy: { name: "Budi Santoso" },
      });
    }
    const html = await fx.app.request(link.path, {
      method: "POST",
      body: new URLSearchParams(review),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(html.status).toBe(409);
    expect(await html.text()).toContain("Keputusan sudah diambil");
    expect(await auditEvents(fx, link.appraisalId)).toHaveLength(1);
  });

  it("gives exactly one decision for 50 concurrent POSTs on one link", async () => {
    const link = await openViaWorkflow(fx);
    const bodies = Array.from({ length: 50 }, (_, i) => ({ ...review, feedback: `klik ${i}` }));
    const responses = await Promise.all(bodies.map((b) => fx.app.request(link.path, jsonPost(b))));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = (await responses[statuses.indexOf(200)].json()) as { decidedAt: string };
    const audit = await auditEvents(fx, link.appraisalId);
    expect(audit).toHaveLength(1);
    const done = await fx.h.finished(link.executionArn);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output).decision.decidedAt).toBe(winner.decidedAt);
    expect((audit[0].detail as { body: { feedback: string } }).body.feedback).toBe(
      JSON.parse(done.output).decision.decision.feedback,
    );
  });
});

describe("links: a click after the task timed out", () => {
  it("records the decision, reports it undelivered (TaskTimedOut from the engine), and does not retry a dead token", async () => {
    const shortMachine = await fx.h.machine(`short-${randomBytes(3).toString("hex")}`, decisionMachine(60));
    const link = await openViaWorkflow(fx, "review", shortMachine);
    await fx.h.states.engine.advance(61_000);
    expect((await fx.h.finished(link.executionArn)).error).toBe("States.Timeout");
    const res = await fx.app.request(link.path, jsonPost(review));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "decided", delivered: false });
    expect(await auditEvents(fx, link.appraisalId)).toHaveLength(1);
    const sweep = await redeliverPending(fx.deps);
    expect(sweep.attempted).toBe(0);
    expect(sweep.skipped).toBeGreaterThanOrEqual(1);
  });
});

describe("links: bad bodies", () => {
  it("answers malformed and wrong-kind bodies with 400 problem+json naming fields, and changes nothing", async () => {
    const link = await openViaWorkflow(fx);
    const bad: unknown[] = [
      null,
      [],
      "review",
      42,
      {},
      { decision: "acknowledge" },
      { decision: "approve", comment: "ok" },
      { rhk: [] },
      { ...review, hasilKerja: "excellent" },
      { ...review, perilaku: undefined },
      { ...review, feedback: "" },
      { ...review, feedback: 12 },
      { ...review, perilakuDetail: { akuntabel: "above" } },
      { ...review, extra: "field" },
    ];
    const before = await snapshot(fx);
    for (const body of bad) {
      const res = await fx.app.request(link.path, jsonPost(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { errors: unknown[] };
      expect(problem.errors.length).toBeGreaterThan(0);
      for (const e of problem.errors)
        expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
    const proto = await fx.app.request(link.path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"hasilKerja":"meets","perilaku":"above","feedback":"x","__proto__":{"polluted":true}}',
    });
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const notJson = await fx.app.request(link.path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get("content-type")).toContain("application/problem+json");
    const unsupported = await fx.app.request(link.path, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "approve",
    });
    expect(unsupported.status).toBe(415);
    const huge = await fx.app.request(link.path, jsonPost({ ...review, feedback: "x".repeat(200_000) }));
    expect(huge.status).toBe(413);
    const firstIssue = (await (
      await fx.app.request(link.path, jsonPost({ ...review, hasilKerja: "excellent" }))
    ).json()) as { errors: unknown[] };
    expect(firstIssue.errors).toEqual([
      { path: "hasilKerja", message: "must be one of above, meets, below" },
    ]);
    expect(await snapshot(fx)).toBe(before);
    expect(await executionStatus(fx, link.executionArn)).toBe("RUNNING");
  });
});

describe("links: expiry, supersession, rotation, rate limit", () => {
  it("answers GET and POST of an expired link with 410 and changes nothing", async () => {
    const link = await openViaWorkflow(fx);
    fx.h.clock.advance(3601_000);
    const before = await snapshot(fx);
    expect((await fx.app.request(link.path)).status).toBe(410);
    const json = await fx.app.request(link.path, { headers: { accept: "application/json" } });
    expect(json.status).toBe(410);
    expect(await json.json()).toMatchObject({ status: "expired" });
    const post = await fx.app.request(link.path, jsonPost(review));
    expect(post.status).toBe(410);
    const page = await fx.app.request(link.path, {
      method: "POST",
      body: new URLSearchParams(review),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Masa berlaku tautan ini telah habis");
    expect(await snapshot(fx)).toBe(before);
  });

  it("keeps links signed with the previous key valid after rotation, and refuses them once the key is dropped", async () => {
    const link = await openViaWorkflow(fx);
    const { createLinkSigner } = await import("../../packages/core/src/links/link-signer");
    const rotated = { current: { kid: "k2", secret: randomBytes(32) }, previous: [fx.keyring.current] };
    const withRotation = { ...fx.deps, signer: createLinkSigner(rotated) };
    const { createApp } = await import("../../packages/web/src/app");
    const dropped = { ...fx.deps, signer: createLinkSigner({ current: rotated.current, previous: [] }) };
    expect((await createApp({ decisions: dropped }).request(link.path)).status).toBe(403);
    expect((await createApp({ decisions: withRotation }).request(link.path, jsonPost(review))).status).toBe(
      200,
    );
  });

  it("limits requests per link and per client address with 429", async () => {
    const limited = await securityFixture({ perIp: 1000, perKey: 5 });
    try {
      const link = await openViaWorkflow(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await limited.app.request(link.path)).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      const res = await limited.app.request(link.path, jsonPost(review));
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("links: property", () => {
  it("never answers 5xx for random tokens and random bodies", async () => {
    const link = await openViaWorkflow(fx);
    const [kid, id, exp, sig] = link.token.split(".");
    const token = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: "grapheme", maxLength: 120 }),
      fc.constantFrom(link.token),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(id), fc.constantFrom(exp), fc.constantFrom(sig))
        .map((p) => p.join(".")),
      fc
        .tuple(
          fc.constantFrom(kid),
          fc.string({ maxLength: 30 }),
          fc.constantFrom(exp),
          fc.string({ maxLength: 50 }),
        )
        .map((p) => p.join(".")),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          hasilKerja: fc.oneof(fc.constantFrom("above", "meets", "below"), fc.string()),
          perilaku: fc.jsonValue(),
          feedback: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(token, body, fc.constantFrom("json", "form", "get"), async (t, b, mode) => {
        const path = `/l/${encodeURIComponent(t)}`;
        const res =
          mode === "get"
            ? await fx.app.request(path, { headers: { accept: "application/json" } })
            : mode === "json"
              ? await fx.app.request(path, jsonPost(b))
              : await fx.app.request(path, {
                  method: "POST",
                  headers: { "content-type": "application/x-www-form-urlencoded" },
                  body: new URLSearchParams(
                    Object.entries(typeof b === "object" && b ? b : { v: b }).map(
                      // A form field is text: JSON for objects (String() throws on e.g. {"toString": ""}).
                      ([k, v]): [string, string] => [
                        k,
                        typeof v === "string" ? v : (JSON.stringify(v) ?? ""),
                      ],
                    ),
                  ),
                });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
