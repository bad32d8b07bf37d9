// Issue 18 item 1: what one decision POST costs in DynamoDB requests and token verifications, counted at the
// document client (every GetItem, UpdateItem and TransactWriteItems the route, its rate limiter and the decision
// service send), with the real per-link and per-recipient counters in the table.
import { describe, expect, it } from "vitest";
import { createApp } from "../../../packages/web/src/app";
import { linksFixture, openAndGetPath, reviewBody, type LinksFixture } from "./helpers";

const JSON_POST = { "content-type": "application/json", accept: "application/json" };
const FORM_POST = { "content-type": "application/x-www-form-urlencoded" };

/** The fixture's deps over a client that counts each request it sends (by command name) and each signature check. */
function counted(fx: LinksFixture) {
  const sent: string[] = [];
  const client = Object.create(fx.table.client) as typeof fx.table.client;
  client.send = ((command: { constructor: { name: string } }) => {
    sent.push(command.constructor.name);
    return fx.table.client.send(command as never);
  }) as typeof client.send;
  let verified = 0;
  const signer = {
    ...fx.deps.signer,
    verify: (...args: Parameters<typeof fx.deps.signer.verify>) => {
      verified++;
      return fx.deps.signer.verify(...args);
    },
  };
  const app = createApp({
    decisions: { ...fx.deps, signer, storage: { client, tableName: fx.table.tableName } },
  });
  return {
    app,
    /** Runs `fn` and answers what it cost. */
    async cost<T>(fn: () => T | Promise<T>) {
      sent.length = 0;
      verified = 0;
      const result = await fn();
      return { result, requests: [...sent], verified };
    },
  };
}

describe("decision POST cost (issue 18 item 1)", () => {
  it("a JSON decision on an opened page costs at most 3 DynamoDB requests, one transaction, one SFN call, one verification", async () => {
    const fx = await linksFixture();
    const { app, cost } = counted(fx);
    const { path } = await openAndGetPath(fx);
    expect((await app.request(path)).status).toBe(200);
    const post = await cost(() =>
      app.request(path, { method: "POST", headers: JSON_POST, body: JSON.stringify(reviewBody) }),
    );
    expect(post.result.status).toBe(200);
    expect(await post.result.json()).toMatchObject({ status: "decided", delivered: true });
    expect(post.requests.length, post.requests.join(", ")).toBeLessThanOrEqual(3);
    expect(post.requests.filter((r) => r === "TransactWriteCommand")).toHaveLength(1);
    expect(post.verified).toBe(1);
    expect(fx.callbacks.succeeded).toHaveLength(1);
  });

  it("a form decision renders its confirmation from what it read: at most 3 requests, the token verified once", async () => {
    const fx = await linksFixture();
    const { app, cost } = counted(fx);
    const { path } = await openAndGetPath(fx);
    expect((await app.request(path)).status).toBe(200);
    const post = await cost(() =>
      app.request(path, {
        method: "POST",
        headers: FORM_POST,
        body: new URLSearchParams(reviewBody).toString(),
      }),
    );
    expect(post.result.status).toBe(200);
    const html = await post.result.text();
    expect(html).toContain("Terima kasih, keputusan Anda tercatat");
    expect(html).toContain("Siti Rahmawati");
    expect(post.requests.length, post.requests.join(", ")).toBeLessThanOrEqual(3);
    expect(post.verified).toBe(1);
    expect(fx.callbacks.succeeded).toHaveLength(1);
  });

  it("a POST from a container that never served the link reads the link once more (4 requests), and verifies once", async () => {
    const fx = await linksFixture();
    const { app, cost } = counted(fx);
    const { path } = await openAndGetPath(fx);
    const post = await cost(() =>
      app.request(path, { method: "POST", headers: JSON_POST, body: JSON.stringify(reviewBody) }),
    );
    expect(post.result.status).toBe(200);
    expect(post.requests.length, post.requests.join(", ")).toBeLessThanOrEqual(4);
    expect(post.verified).toBe(1);
  });

  it("a second click answers 409 from one decision read, without a transaction", async () => {
    const fx = await linksFixture();
    const { app, cost } = counted(fx);
    const { path } = await openAndGetPath(fx);
    const body = JSON.stringify(reviewBody);
    expect((await app.request(path, { method: "POST", headers: JSON_POST, body })).status).toBe(200);
    const again = await cost(() => app.request(path, { method: "POST", headers: FORM_POST, body: "x=1" }));
    expect(again.result.status).toBe(409);
    expect(await again.result.text()).toContain("Keputusan sudah diambil");
    expect(again.requests).not.toContain("TransactWriteCommand");
    expect(again.requests.length, again.requests.join(", ")).toBeLessThanOrEqual(2);
    expect(fx.callbacks.succeeded).toHaveLength(1);
  });
});
