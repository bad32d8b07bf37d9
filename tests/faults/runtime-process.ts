// Runs the local runtime in a child process group and talks to it as a user would: HTTP for links and the clock, the
// DynamoDB and Step Functions endpoints for seeding, launching and checking.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createOffsetClock } from "../../packages/core/src/clock/clock";
import { createStorage, type Storage } from "../../packages/core/src/storage/storage";
import { createOutboxMail, type OutboxMail } from "../../packages/core/src/mail/outbox-mail";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { createDynamoFlowStore } from "../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { createSfnWorkflowControl } from "../../packages/core/src/workflow/sfn-workflow-control.adapter";
import type { ControlDeps } from "../../packages/core/src/cycle/cycle-control";
import { LOCAL_TABLE, type LocalRuntimeUrls } from "../../packages/local/src/runtime/runtime";
import { LOCAL_ACCOUNT, LOCAL_REGION } from "../../packages/local/src/runtime/local-machines";
import { deployedName } from "../../workflows/registry";

const root = join(import.meta.dirname, "../..");
/** The local runtime's ARN of a registry state machine (deployed name, local region and account). */
export const machineArn = (name: string) =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${deployedName(name)}`;

/** A running runtime child and clients bound to it. */
export interface RuntimeProcess {
  child: ChildProcess;
  urls: LocalRuntimeUrls;
  storage: Storage;
  outbox: OutboxMail;
  sfn: SFNClient;
  control: ControlDeps;
  /** SIGKILL of the whole process group: the runtime and its DynamoDB Local, no goodbye. */
  kill(): Promise<void>;
  /** SIGTERM and wait (a clean stop). */
  stop(): Promise<void>;
}

/** Starts the runtime on `dataDir` in its own process group and waits for its ready line. */
export async function startRuntimeProcess(dataDir: string): Promise<RuntimeProcess> {
  const child = spawn(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), "tests/faults/fixtures/runtime-child.ts"],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // The fault runs flood one runtime process with hundreds of appraisals' handlers at once, all sharing one
      // DynamoDB client (50 sockets) and two cores with DynamoDB Local; Lambda would give each its own sandbox, so the
      // registry timeouts are relaxed (a hanging handler still fails). At 4x, a RecordReview right after the third
      // restart waited behind 124-314 queued DynamoDB requests past 120 s (each review then paged its whole cycle for
      // its unit's distribution; since issue 18 it reads one unit's index) and failed its appraisal; 10x keeps the
      // limit finite (300 s).
      env: { KINERJA_LAMBDA_TIMEOUT_SCALE: "10", ...process.env, KINERJA_FAULT_DATA_DIR: dataDir },
    },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + String(d)).slice(-4000)));
  // Everything the runtime says (its logs, a 503's reason) goes to runtime.log in the data dir, one file across
  // restarts, so a failed fault run can be read afterwards (KINERJA_KEEP_FAULT_DATA=1 keeps the dir). Held in memory
  // until the runtime is ready: it refuses to start on a new dir that is not empty.
  let early: string[] | undefined = [`--- runtime started ${new Date().toISOString()} (pid ${child.pid})\n`];
  const record = (d: unknown) => {
    if (early) early.push(String(d));
    else appendFileSync(join(dataDir, "runtime.log"), String(d));
  };
  child.stdout!.on("data", record);
  child.stderr!.on("data", record);
  child.once("exit", (code, signal) => record(`--- runtime exited ${code ?? signal}\n`));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const urls = await new Promise<LocalRuntimeUrls>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("{")) resolve((JSON.parse(line) as { urls: LocalRuntimeUrls }).urls);
    });
    child.once("exit", (code) => reject(new Error(`runtime exited ${code} before it was ready: ${stderr}`)));
    setTimeout(() => reject(new Error(`runtime not ready after 90 s: ${stderr}`)), 90_000).unref();
  });
  appendFileSync(join(dataDir, "runtime.log"), early.join(""));
  early = undefined;
  const clock = createOffsetClock(0);
  const storage = createStorage({ tableName: LOCAL_TABLE, endpoint: urls.dynamodb, clock });
  const sfn = new SFNClient({
    region: "ap-southeast-3",
    endpoint: urls.states,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const control: ControlDeps = {
    store: createDynamoFlowStore(storage),
    clock,
    decisions: undefined as never, // launching does not open decisions itself
    control: createSfnWorkflowControl(sfn),
    stateMachines: { appraisal: machineArn("appraisal"), launchCycle: machineArn("launch-cycle") },
  };
  const release = () => {
    storage.client.destroy();
    sfn.destroy();
  };
  return {
    child,
    urls,
    storage,
    outbox: createOutboxMail({ client: storage.client, tableName: storage.tableName }, clock),
    sfn,
    control,
    async kill() {
      release();
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
    },
    async stop() {
      release();
      child.kill("SIGTERM");
      // A runtime that does not shut down in time (a failed test left it busy) is killed with its whole process
      // group, DynamoDB Local included: a Java process outliving the suite was found after a timed-out run.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), 30_000)));
      if ((await Promise.race([exited, late])) === "late") {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
        await exited;
      }
      clearTimeout(timer);
    },
  };
}

/** Moves the runtime's clock (POST /_local/clock): answers once every due timer fired and the engine settled. */
export async function advanceClock(rt: RuntimeProcess, duration: string): Promise<void> {
  const response = await fetch(rt.urls.clock, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advance: duration }),
  });
  if (!response.ok) throw new Error(`clock advance answered ${response.status}: ${await response.text()}`);
}

/** The newest link of the pending decision of `kind` for an appraisal, or undefined when none is pending. */
export async function pendingLink(
  rt: RuntimeProcess,
  appraisalId: string,
  kind: string,
): Promise<string | undefined> {
  const decisions = await decisionRepo({
    client: rt.storage.client,
    tableName: rt.storage.tableName,
  }).listByAppraisal(appraisalId);
  const pending = decisions.find((d) => d.kind === kind && d.status === "pending");
  if (!pending) return undefined;
  const to = pending.recipients?.at(-1)?.email;
  const mails = await rt.outbox.list({ to, limit: 1000 });
  const mail = mails.find((m) => m.tags?.decisionId === pending.decisionId);
  // Mails carry the web origin of the runtime that sent them; a restarted runtime (port 0) listens elsewhere.
  return mail?.links[0] ? new URL(new URL(mail.links[0]).pathname, rt.urls.web).href : undefined;
}

/**
 * Waits (bounded) for the pending link of a decision: a clock advance returns once due timers have fired, but the
 * steps they started (retried with real-time backoff after a restart) may still be opening the decision.
 */
export async function waitForPendingLink(
  rt: RuntimeProcess,
  appraisalId: string,
  kind: string,
  timeoutMs = 30_000,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const link = await pendingLink(rt, appraisalId, kind);
    if (link || Date.now() > deadline) return link;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** POSTs a decision body to a link as the JSON client would; answers the status. */
export async function postDecision(link: string, body: unknown): Promise<number> {
  const response = await fetch(link, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}
