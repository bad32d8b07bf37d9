// The logger port and the metrics of the Lambdas: what reaches CloudWatch is one JSON line per entry with the
// correlation keys, never a link token or an e-mail address; the local logger stays one readable line.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as v from "valibot";
import { createConsoleLogger, redactSecrets, silentLogger } from "@kinerja/core/log/logger";
import { defineStep, Schemas } from "../../../functions/shared/step";
import { countedMail } from "../../../functions/shared/invocation";
import {
  createPowertoolsLogger,
  createPowertoolsMetrics,
  noMetrics,
  powertoolsLogger,
  powertoolsMetrics,
  type Observability,
} from "../../../functions/shared/observability";
import { MetricName } from "../../../functions/shared/metric-names";
import { createApp } from "../../../packages/web/src/app";
import type { OutboxMail } from "@kinerja/core/mail/outbox-mail";

const TOKEN = "k1.AAAAAAAAAAAAAAAAAAAAAA.mh3k2a.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const EMAIL = "budi.santoso@salorkab.go.id";
const APPRAISAL = "c-2026#199001012020121001";

let lines: string[];
let restoreEnv: NodeJS.ProcessEnv;

beforeEach(() => {
  lines = [];
  restoreEnv = { ...process.env };
  delete process.env.POWERTOOLS_DEV;
  process.env.POWERTOOLS_LOG_LEVEL = "INFO";
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture as never);
  vi.spyOn(process.stderr, "write").mockImplementation(capture as never);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = restoreEnv;
});

const json = () =>
  lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);

function cloudLike(): Observability {
  return {
    logger: powertoolsLogger(createPowertoolsLogger()),
    metrics: powertoolsMetrics(createPowertoolsMetrics({ KINERJA_STAGE: "test" })),
  };
}

const Input = v.object({ appraisalId: Schemas.appraisalId, decided: Schemas.decided });
const decided = {
  kind: "review",
  decision: { note: `see /l/${TOKEN}` },
  linkId: "AAAAAAAAAAAAAAAAAAAAAA",
  decidedAt: "2026-12-01T00:00:00.000Z",
};

describe("step invocations in the cloud (Powertools)", () => {
  it("logs a JSON line with the function, appraisal and Lambda request id, and counts the decision by kind", async () => {
    process.env._HANDLER = "functions/steps/record-review.handler";
    const obs = cloudLike();
    const step = defineStep(Input, async () => ({ ok: true }));
    await step.createHandler(
      () => ({}) as never,
      () => obs,
    )({ appraisalId: APPRAISAL, decided }, { awsRequestId: "req-1" });
    const done = json().find((l) => l.message === "invocation done");
    expect(done).toMatchObject({
      level: "INFO",
      service: "kinerja",
      function: "record-review",
      appraisalId: APPRAISAL,
      awsRequestId: "req-1",
    });
    const emf = json().find((l) => "_aws" in l);
    expect(emf).toMatchObject({ DecisionsRecorded: 1, Kind: "review", Stage: "test", service: "kinerja" });
    expect(
      (emf as { _aws: { CloudWatchMetrics: { Namespace: string }[] } })._aws.CloudWatchMetrics[0],
    ).toMatchObject({ Namespace: "Kinerja" });
  });

  it("logs a failure with its correlation keys and error name, with no link token or e-mail address anywhere", async () => {
    process.env._HANDLER = "functions/steps/record-review.handler";
    const step = defineStep(Input, async () => {
      throw new Error(
        `MessageRejected: Email address is not verified: ${EMAIL} (link https://x.test/l/${TOKEN})`,
      );
    });
    await expect(
      step.createHandler(() => ({}) as never, cloudLike)(
        { appraisalId: APPRAISAL, decided, token: TOKEN },
        { awsRequestId: "req-2" },
      ),
    ).rejects.toThrow(/MessageRejected/);
    const failed = json().find((l) => l.message === "invocation failed");
    expect(failed).toMatchObject({ level: "ERROR", appraisalId: APPRAISAL, errorName: "Error" });
    expect(JSON.stringify(failed)).toContain("[email]");
    const all = lines.join("\n");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(EMAIL);
    expect(all).not.toContain("@salorkab");
  });

  it("counts AppraisalsFailed when MarkFailed ran, and no decision for a step without one", async () => {
    process.env._HANDLER = "functions/steps/mark-failed.handler";
    const step = defineStep(
      v.object({ appraisalId: Schemas.appraisalId, error: Schemas.error }),
      async () => ({}),
    );
    await step.createHandler(() => ({}) as never, cloudLike)(
      { appraisalId: APPRAISAL, error: { Error: "States.Timeout" } },
      {},
    );
    const emf = json().filter((l) => "_aws" in l);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ AppraisalsFailed: 1, Stage: "test" });
    expect(emf[0]).not.toHaveProperty("DecisionsRecorded");
  });

  it("counts mails sent and refused by kind, summed into one EMF line per kind", async () => {
    const metrics = powertoolsMetrics(createPowertoolsMetrics({ KINERJA_STAGE: "test" }));
    let refuse = false;
    const mail = countedMail(
      {
        send: async () => {
          if (refuse) throw new Error("MessageRejected");
          return { id: "m" };
        },
      },
      metrics,
    );
    const msg = { to: EMAIL, subject: "s", text: "t", html: "h", links: [], tags: { mailKind: "request" } };
    await mail.send(msg);
    await mail.send(msg);
    refuse = true;
    await expect(mail.send(msg)).rejects.toThrow();
    metrics.flush();
    const emf = json().filter((l) => "_aws" in l);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ [MetricName.MailsSent]: 2, [MetricName.MailsFailed]: 1, Kind: "request" });
  });
});

describe("locally", () => {
  it("a step handler built without observability logs nothing (npm start stays readable)", async () => {
    const step = defineStep(Input, async () => {
      throw new Error("boom");
    });
    await expect(
      step.createHandler(() => ({}) as never)({ appraisalId: APPRAISAL, decided }, {}),
    ).rejects.toThrow();
    expect(lines).toEqual([]);
    expect(noMetrics.flush()).toBeUndefined();
    expect(silentLogger.child({}).error("x")).toBeUndefined();
  });

  it("the console logger writes one readable, redacted line with the keys (no JSON)", () => {
    const written: string[] = [];
    const log = createConsoleLogger({ level: "warn", write: (l) => written.push(l) }).child({
      cycleId: "c-2026",
    });
    log.info("hidden");
    log.warn("storage unavailable", { route: "/l/:token", to: EMAIL, taskToken: "abc" });
    expect(written).toEqual([
      "warn  storage unavailable cycleId=c-2026 route=/l/[token] to=[email] taskToken=[redacted]",
    ]);
  });

  it("redacts link paths, bare tokens and addresses", () => {
    expect(redactSecrets(`GET /l/${TOKEN}?x=1 by ${EMAIL}; token ${TOKEN}`)).toBe(
      "GET /l/[token]?x=1 by [email]; token [token]",
    );
  });
});

describe("the web app", () => {
  it("logs an unhandled error through the logger it was given: route pattern, status, no address or token", async () => {
    const written: string[] = [];
    const log = createConsoleLogger({ level: "warn", write: (l) => written.push(l) });
    const outbox = {
      get: async () => {
        throw new Error(`lookup failed for ${EMAIL} via /l/${TOKEN}`);
      },
    } as unknown as OutboxMail;
    const res = await createApp({ outbox, log }).request(`/_local/mail/${TOKEN}`);
    expect(res.status).toBe(500);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(
      /^error unhandled error method=GET route=\/_local\/mail\/:id status=500 error=/,
    );
    expect(written[0]).not.toContain(TOKEN);
    expect(written[0]).not.toContain(EMAIL);
    expect(lines).toEqual([]);
  });
});
