// Links bench: POST /l/{token} decision latency (p50/p99) and throughput with autocannon at 50 concurrent connections,
// against the real app served by @hono/node-server, DynamoDB Local and the local Step Functions engine (each POST
// claims a decision + audit event in one transaction, then SendTaskSuccess resumes a waiting execution).
//   npm run bench -- links            (BENCH_LINKS_DECISIONS=1000 by default)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateStateMachineCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { serve, type ServerType } from "@hono/node-server";
import { createRequire } from "node:module";
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { openDecision } from "@kinerja/core/decision/open-decision";
import type { DecisionDeps } from "@kinerja/core/decision/decision-deps";
import type { OpenDecisionInput } from "@kinerja/core/decision/decision-input.schema";
import { createSfnTaskCallbacks } from "@kinerja/core/decision/sfn-task-callbacks.adapter";
import { createLinkSigner } from "@kinerja/core/links/link-signer";
import type { MailPort } from "@kinerja/core/mail/mail.port";
import { createOutboxMail } from "@kinerja/core/mail/outbox-mail";
import { createDocumentClient } from "@kinerja/core/storage/client";
import { ensureTable } from "@kinerja/core/storage/ensure-table";
import { createApp } from "../packages/web/src/app";
import { startDynamoLocal } from "../packages/local/src/dynamodb/launcher";
import { createLocalStates } from "../packages/local/src/engine/index";

/** The part of autocannon's result this bench reads (the package ships no types). */
interface Result {
  duration: number;
  errors: number;
  timeouts: number;
  requests: { total: number };
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: Record<string, unknown>,
) => Promise<Result>;

const DECISIONS = Number(process.env.BENCH_LINKS_DECISIONS ?? 1000);
/** Extra decisions posted over one connection: the service time of one POST without queueing. */
const SEQUENTIAL = 100;
const CONNECTIONS = 50;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function summary(r: Result) {
  return {
    requests: r.requests.total,
    durationSeconds: round(r.duration),
    throughputPerSecond: round(r.requests.total / r.duration),
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: round(r.latency.mean),
    },
    statusCodes: Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
    ),
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

function cannon(
  url: string,
  method: "GET" | "POST",
  paths: string[],
  body?: string,
  connections = CONNECTIONS,
): Promise<Result> {
  let next = 0;
  return autocannon({
    url,
    connections,
    amount: paths.length,
    timeout: 30,
    requests: [
      {
        method,
        ...(body
          ? { body, headers: { "content-type": "application/json", accept: "application/json" } }
          : { headers: { accept: "text/html" } }),
        setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[next++ % paths.length] }),
      },
    ],
  });
}

/** Runs the links benchmark and returns its figures. */
export async function run() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const dir = mkdtempSync(join(tmpdir(), "kinerja-bench-links-"));
  const dynamo = await startDynamoLocal();
  let server: ServerType | undefined;
  let states: Awaited<ReturnType<typeof createLocalStates>> | undefined;
  try {
    const tableName = "bench-links";
    await ensureTable(dynamo.endpoint, tableName);
    const client = createDocumentClient({ tableName, endpoint: dynamo.endpoint, region: "local" });
    // Counts every DynamoDB request the app sends (route, rate limiter, decision service): a figure machine load
    // cannot move, unlike the timings.
    let dynamoRequests = 0;
    const counting = Object.create(client) as typeof client;
    counting.send = ((command: never) => {
      dynamoRequests++;
      return client.send(command);
    }) as typeof client.send;
    const storage = { client: counting, tableName };
    const requestsOf = async <T>(run: () => Promise<T>) => {
      const before = dynamoRequests;
      const result = await run();
      return { result, requests: dynamoRequests - before };
    };
    const clock = createOffsetClock();
    const outbox = createOutboxMail(storage, clock);
    const paths: string[] = [];
    const recordingMail: MailPort = {
      async send(msg) {
        paths.push(new URL(msg.links[0]).pathname);
        return outbox.send(msg);
      },
    };
    const deps = {} as DecisionDeps;
    states = await createLocalStates({
      dbPath: join(dir, "engine.sqlite"),
      clock,
      port: 0,
      lambdas: (name) =>
        name === "open-decision"
          ? async (event: unknown) => {
              const { input, taskToken } = event as {
                input: Omit<OpenDecisionInput, "taskToken">;
                taskToken: string;
              };
              return openDecision(deps, { ...input, taskToken });
            }
          : undefined,
    });
    const sfn = new SFNClient({
      endpoint: states.endpoint,
      region: "ap-southeast-3",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    Object.assign(deps, {
      storage,
      mail: recordingMail,
      signer: createLinkSigner({ current: { kid: "bench", secret: randomBytes(32) }, previous: [] }),
      clock,
      callbacks: createSfnTaskCallbacks(sfn),
      baseUrl: "http://127.0.0.1",
    } satisfies DecisionDeps);
    const app = createApp({ decisions: deps, linkRateLimit: { perIp: 1e9, perKey: 1e9, perRecipient: 1e9 } });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;

    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "bench-review",
        roleArn: "arn:aws:iam::000000000000:role/bench",
        definition: JSON.stringify({
          StartAt: "RequestReview",
          States: {
            RequestReview: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
              Parameters: {
                FunctionName: "open-decision",
                Payload: { "input.$": "$", "taskToken.$": "$$.Task.Token" },
              },
              TimeoutSeconds: 86_400,
              ResultPath: "$.decision",
              End: true,
            },
          },
        }),
      }),
    );
    let start = process.hrtime.bigint();
    const now = clock.now().getTime();
    const startOne = (i: number) => {
      const nip = String(199001012015031000 + i);
      return sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: `bench-${i}`,
          input: JSON.stringify({
            decisionKey: `bench-${i}#review`,
            kind: "review",
            appraisalId: `bench-${i}`,
            cycleId: "bench-2026",
            employee: { nip, name: `Pegawai ${i}` },
            recipient: {
              nip: "198001012005011002",
              name: "Budi Santoso",
              email: `approver-${i % 50}@salor.test`,
              role: "appraiser",
            },
            dueAt: new Date(now + 3 * 86_400_000).toISOString(),
            expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
            context: {
              indicators: [
                {
                  id: "i1",
                  text: "Jumlah laporan",
                  aspect: "kuantitas",
                  target: { min: 12, unit: "laporan" },
                },
              ],
            },
            mailKind: "request",
          }),
        }),
      );
    };
    const total = DECISIONS + SEQUENTIAL;
    for (let i = 0; i < total; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, total - i) }, (_, j) => startOne(i + j)));
    }
    await states.engine.idle();
    const setupSeconds = seconds(start);
    if (paths.length !== total) throw new Error(`expected ${total} mailed links, got ${paths.length}`);
    const sequentialPaths = paths.splice(DECISIONS);
    const body = JSON.stringify({
      hasilKerja: "meets",
      perilaku: "meets",
      feedback: "Kinerja sesuai ekspektasi.",
    });

    // One connection first, on links this process never served (the link read is not yet remembered).
    const sequential = await requestsOf(() => cannon(url, "POST", sequentialPaths, body, 1));
    const get = await requestsOf(() => cannon(url, "GET", paths));
    start = process.hrtime.bigint();
    const post = await requestsOf(() => cannon(url, "POST", paths, body));
    const postWall = seconds(start);
    await states.engine.idle();
    let succeeded = 0;
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({
          stateMachineArn,
          statusFilter: "SUCCEEDED",
          nextToken,
          maxResults: 1000,
        }),
      );
      succeeded += page.executions?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken);
    if (succeeded !== total) throw new Error(`expected ${total} executions resumed, ${succeeded} succeeded`);
    const replayPaths = paths.slice(0, Math.min(500, paths.length));
    const replay = await requestsOf(() =>
      cannon(
        url,
        "POST",
        replayPaths,
        JSON.stringify({ hasilKerja: "meets", perilaku: "meets", feedback: "lagi" }),
      ),
    );
    const perRequest = (r: { requests: number }, n: number) => round(r.requests / n);
    return {
      decisions: DECISIONS,
      connections: CONNECTIONS,
      setup: {
        seconds: round(setupSeconds),
        note: "StartExecution + openDecision (decision, link, mail record, outbox mail) per decision",
      },
      getPage: summary(get.result),
      postDecision: { ...summary(post.result), wallSeconds: round(postWall) },
      postDecisionOneConnection: summary(sequential.result),
      replayedPost409: summary(replay.result),
      dynamoRequestsPer: {
        postDecisionAfterGet: perRequest(post, paths.length),
        postDecisionLinkNotYetRead: perRequest(sequential, sequentialPaths.length),
        getPage: perRequest(get, paths.length),
        replayedPost409: perRequest(replay, replayPaths.length),
      },
      executionsSucceeded: succeeded,
      notes: [
        "app, autocannon, DynamoDB Local (Java) and the engine share one machine; figures are for the local runtime, not Lambda",
        "each POST: one UpdateItem counting the link and its recipient, the link (read once per process, shared by the limiter and the route) + one HMAC verify + one decision read, TransactWriteItems (claim + audit event), SendTaskSuccess over HTTP to the local engine; no read-back, no delivery mark (the workflow's Record step marks it)",
      ],
    };
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await states?.close();
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
