// A storage fault, rendered on each surface by the one error table (packages/web/src/errors): a throttled table
// (the SDK's ThrottlingException, which the repos translate into TransientError) answers 503 with Retry-After and
// Indonesian text on a link page, a link's JSON, a dashboard page and the HR API; an unexpected error answers 500
// there without its message. The app is built as the web tests build it, over a client whose `send` fails on demand.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { t } from "../../../packages/core/src/i18n/messages";
import { createStorage } from "../../../packages/core/src/storage/storage";
import type { HrDeps } from "../../../packages/core/src/hr/hr-deps";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { createApp } from "../../../packages/web/src/app";
import { createDevIssuer, generateDevIssuerKey } from "../../../packages/web/src/auth/dev-issuer";
import type { Logger } from "../../../packages/core/src/log/logger";
import { linksFixture, openAndGetPath, reviewBody } from "../links/helpers";

// "throttle-writes" throttles only writes: a decision is read, then its write is refused (the repo's translated
// TransientError); "throttle" throttles every call, the reads included.
type Fault = "throttle" | "throttle-writes" | "unexpected" | undefined;
const READS = new Set(["GetCommand", "QueryCommand", "BatchGetCommand", "ScanCommand"]);

// The SDK's throttle, as DynamoDB sends it (name and metadata; the message is the service's English).
const THROTTLE_TEXT = "Rate of requests exceeds the allowed throughput.";
const SECRET_TEXT = "kaboom: internal detail 7f3a";
function faultOf(fault: Exclude<Fault, undefined>): Error {
  if (fault === "unexpected") return new Error(SECRET_TEXT);
  return Object.assign(new Error(THROTTLE_TEXT), {
    name: "ThrottlingException",
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
  });
}

/** The real client, except that `send` fails while `fault` is set. */
function faultyClient(real: DynamoDBDocumentClient, current: () => Fault): DynamoDBDocumentClient {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === "send")
        return (...args: Parameters<DynamoDBDocumentClient["send"]>) => {
          const fault = current();
          const read = READS.has((args[0] as object).constructor.name);
          if (fault && !(fault === "throttle-writes" && read)) return Promise.reject(faultOf(fault));
          return (target.send as (...a: unknown[]) => unknown).apply(target, args);
        };
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// English texts the error table or the pages could show instead of Indonesian.
const ENGLISH = [
  /storage unavailable/i,
  /try again/i,
  /internal error/i,
  /service temporarily/i,
  /Rate of requests/i,
];
const STACK = /\bat [\w.<>]+ \(|\.ts:\d+/;

describe("a storage fault on each surface", () => {
  let fault: Fault;
  let app: ReturnType<typeof createApp>;
  let linkPath: string;
  let hrAuth: Record<string, string>;
  // What onError logged: a fault is logged (a throttle as a warning, the unexpected as an error), with its status.
  const logged: { level: string; message: string; status: unknown }[] = [];
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => logged.push({ level: "warn", message, status: fields?.status }),
    error: (message, fields) => logged.push({ level: "error", message, status: fields?.status }),
    child: () => log,
  };

  beforeAll(async () => {
    const fx = await linksFixture();
    const client = faultyClient(fx.table.client, () => fault);
    const table = { ...fx.table, client };
    const decisions = { ...fx.deps, storage: table };
    fx.deps = decisions;
    ({ path: linkPath } = await openAndGetPath(fx));
    const storage = createStorage({ tableName: table.tableName, client });
    const clock = createOffsetClock();
    const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock });
    // Reads only: no workflow is started, so the control needs only its store.
    const hr = {
      storage,
      clock,
      control: { store: createDynamoFlowStore(storage) } as Partial<HrDeps["control"]> as HrDeps["control"],
    };
    app = createApp({ decisions, hr, auth: { verifier: issuer.verifier() }, log });
    hrAuth = { authorization: `Bearer ${await issuer.sign({ role: "hr", subject: "siti.hr" })}` };
  }, 60_000);

  afterEach(() => {
    fault = undefined;
    logged.length = 0;
  });

  async function pageOf(path: string, headers: Record<string, string> = {}) {
    const res = await app.request(path, { headers });
    return { res, html: await res.text() };
  }

  function expectIndonesianPage(html: string, title: string) {
    expect(html).toContain(`<h1>${title}</h1>`);
    for (const english of ENGLISH) expect(html).not.toMatch(english);
    expect(html).not.toContain(THROTTLE_TEXT);
    expect(html).not.toContain(SECRET_TEXT);
    expect(html).not.toMatch(STACK);
  }

  it("works while the table answers (the fault, not the setup, makes the answers below)", async () => {
    expect((await app.request(linkPath)).status).toBe(200);
    expect((await app.request("/dashboard", { headers: hrAuth })).status).toBe(200);
    expect((await app.request("/api/cycles", { headers: hrAuth })).status).toBe(200);
  });

  describe("a throttled table: 503 with Retry-After, in Indonesian", () => {
    it("(a) a link page GET answers an Indonesian error page", async () => {
      fault = "throttle";
      const { res, html } = await pageOf(linkPath);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expectIndonesianPage(html, t("problem503", "id"));
      expect(html).toContain("Coba lagi sebentar lagi.");
      expect(logged).toEqual([expect.objectContaining({ level: "warn", status: 503 })]);
    });

    it("(a) a link form whose write is throttled (the repo's TransientError) answers the same page", async () => {
      fault = "throttle-writes";
      const res = await app.request(linkPath, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(reviewBody).toString(),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expectIndonesianPage(await res.text(), t("problem503", "id"));
      expect(logged).toEqual([{ level: "warn", message: "transient failure", status: 503 }]);
    });

    it("(b) the same write as JSON answers Indonesian problem+json", async () => {
      fault = "throttle-writes";
      const res = await app.request(linkPath, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "id" },
        body: JSON.stringify(reviewBody),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ title: t("problem503", "id"), detail: t("problem503", "id") });
    });

    it("(b) the same link as a JSON request answers Indonesian problem+json", async () => {
      fault = "throttle";
      const res = await app.request(linkPath, {
        headers: { accept: "application/json", "accept-language": "id" },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.headers.get("content-language")).toBe("id");
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 503,
        title: t("problem503", "id"),
        detail: t("problem503", "id"),
      });
    });

    it("(c) a dashboard page of a signed-in HR user answers an Indonesian dashboard page", async () => {
      fault = "throttle";
      const { res, html } = await pageOf("/dashboard", hrAuth);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expectIndonesianPage(html, t("problem503", "id"));
      expect(html).toContain("Kembali ke dasbor");
    });

    it("(d) an /api route answers problem+json 503 with Retry-After (Indonesian when asked)", async () => {
      fault = "throttle";
      const res = await app.request("/api/cycles", { headers: { ...hrAuth, "accept-language": "id" } });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 503, title: t("problem503", "id") });
      // English by default, the API's documented default.
      const en = await app.request("/api/cycles", { headers: hrAuth });
      expect(en.status).toBe(503);
      expect(en.headers.get("retry-after")).toBe("5");
      expect(((await en.json()) as { title: string }).title).toMatch(/try again/i);
    });
  });

  describe("an unexpected error: 500, its message never shown", () => {
    it("a link page answers an Indonesian 500 page", async () => {
      fault = "unexpected";
      const { res, html } = await pageOf(linkPath);
      expect(res.status).toBe(500);
      expect(res.headers.get("retry-after")).toBeNull();
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expectIndonesianPage(html, t("problem500", "id"));
      expect(logged).toEqual([expect.objectContaining({ level: "error", status: 500 })]);
    });

    it("a link's JSON request answers an Indonesian 500 problem without the message", async () => {
      fault = "unexpected";
      const res = await app.request(linkPath, {
        headers: { accept: "application/json", "accept-language": "id" },
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ status: 500, title: t("problem500", "id") });
      expect(text).not.toContain(SECRET_TEXT);
      expect(text).not.toMatch(STACK);
    });

    it("a dashboard page answers an Indonesian 500 page", async () => {
      fault = "unexpected";
      const { res, html } = await pageOf("/dashboard", hrAuth);
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expectIndonesianPage(html, t("problem500", "id"));
    });

    it("an /api route answers problem+json 500 without the message, in either language", async () => {
      fault = "unexpected";
      for (const lang of ["id", "en"] as const) {
        const res = await app.request("/api/cycles", { headers: { ...hrAuth, "accept-language": lang } });
        expect(res.status).toBe(500);
        expect(res.headers.get("retry-after")).toBeNull();
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        const text = await res.text();
        expect(JSON.parse(text)).toMatchObject({ status: 500, title: t("problem500", lang) });
        expect(text).not.toContain(SECRET_TEXT);
        expect(text).not.toMatch(STACK);
      }
    });
  });
});
