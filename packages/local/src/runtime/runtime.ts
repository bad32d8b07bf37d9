// The embedded local runtime behind `npm start` (DESIGN.md 2.2): DynamoDB Local, the durable local Step Functions
// engine with every registered state machine and the real step handlers in-process, the local scheduler, the Hono
// app with the dev-only routes, and an adjustable clock whose offset lives in the data dir. One call starts it all;
// close() stops it all; a restart on the same data dir continues where it stopped.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { SFNClient } from "@aws-sdk/client-sfn";
import type { AdjustableClock } from "@kinerja/core/clock/clock";
import { createAppServices } from "@kinerja/core/composition/app-deps";
import { readLocalHrContact } from "@kinerja/core/composition/config";
import {
  createHandlerDeps,
  decisionDepsOf,
  type HandlerDeps,
  type StepParts,
} from "@kinerja/core/composition/step-deps";
import { stepFunctionsPorts } from "@kinerja/core/composition/step-functions.adapter";
import { redeliverPending } from "@kinerja/core/decision/decision-delivery";
import { createLinkSigner } from "@kinerja/core/links/link-signer";
import { loadOrCreateLocalKeys } from "@kinerja/core/links/link-keys";
import { createOutboxMail, type OutboxMail } from "@kinerja/core/mail/outbox-mail";
import type { ControlDeps } from "@kinerja/core/cycle/cycle-control";
import { createStorage, type Storage } from "@kinerja/core/storage/storage";
import { createApp } from "@kinerja/web/app";
import type { AppDeps } from "@kinerja/web/deps";
import { loopbackOrigins } from "@kinerja/web/middleware/local-guard";
import type { RateLimitOptions } from "@kinerja/web/middleware/rate-limit";
import { APP_NAME, deployedName, stateMachines, type StateMachineKey } from "../../../../workflows/registry";
import { schedules } from "../../../../workflows/schedules";
import { ensureTable, startDynamoLocal, type DynamoLocal } from "../dynamodb/launcher";
import { createLocalStates, type Engine, type LocalStates } from "../engine/index";
import { createScheduler, type Scheduler } from "../scheduler/scheduler";
import { createClockControl } from "./clock-control";
import { seedDemoOrganisation } from "./demo-seed";
import { localDashboardAuth, openDevIssuer, openDevIssuerKey, writeHrToken } from "./dev-auth";
import { invokeEventFunction, localLambdaResolver } from "./local-lambdas";
import { LOCAL_ACCOUNT, LOCAL_REGION, registerStateMachines } from "./local-machines";
import { localRoutes, type ClockMove, type ClockState } from "./local-routes";
import { createLocalOidcProvider, openDevSignInSecrets, type DevSignInSecrets } from "./oidc-provider";
import { openPersistentClock } from "./persistent-clock";
import { DataDirError, PortInUseError } from "./runtime.errors";
import { RUNTIME_FILE } from "./runtime-file";
import { closeServer, listenWeb } from "./web-server";

/** Options of createLocalRuntime. Ports: 0 picks a free one. */
export interface LocalRuntimeOptions {
  /** Where everything durable lives (DynamoDB files, engine and scheduler SQLite, clock, keys, hr-token). */
  dataDir: string;
  /** Web server port (default 3000). */
  port?: number;
  /** Step Functions API port (default 8083). */
  statesPort?: number;
  /** DynamoDB Local port (default 8000). */
  dynamoPort?: number;
  /** Deletes the data dir's contents first (only a dir this runtime created, or an empty one). */
  reset?: boolean;
  /** Host every server binds to (default 127.0.0.1). */
  host?: string;
  /** Seeds the demo Salor organisation when the table has no organisation yet (default true). */
  seed?: boolean;
  /** Where the clock starts on a fresh data dir (default: real time). */
  startAt?: Date;
  /** Limits of the link routes (the demo raises them: its simulated people all click from 127.0.0.1). */
  linkRateLimit?: Partial<RateLimitOptions>;
  /** Progress lines while starting (default: none). */
  log?: (line: string) => void;
}

/** Where to find the runtime's parts. */
export interface LocalRuntimeUrls {
  web: string;
  dashboard: string;
  mail: string;
  executions: string;
  clock: string;
  jwks: string;
  states: string;
  dynamodb: string;
}

/** A running local runtime. */
export interface LocalRuntime {
  dataDir: string;
  tableName: string;
  urls: LocalRuntimeUrls;
  clock: AdjustableClock;
  engine: Engine;
  scheduler: Scheduler;
  storage: Storage;
  outbox: OutboxMail;
  /** What HR's control services need (launch, cancel, retry). */
  control: ControlDeps;
  /** ARNs of the registered state machines by registry key. */
  stateMachineArns: Record<StateMachineKey, string>;
  /** True when this start seeded the demo organisation. */
  seeded: boolean;
  /** The HR token written to `<dataDir>/hr-token` (role hr, 5 years on the runtime clock). */
  hrToken: string;
  /** Signs another dev token (role hr or viewer; ttl such as "1h", default 5 years). */
  issueToken(input: { role: "hr" | "viewer"; ttl?: string }): Promise<string>;
  /** The local OIDC provider's accounts for the dashboard's sign-in (kept in `<dataDir>/dev-sign-in.json`). */
  devAccounts: DevSignInSecrets["accounts"];
  /** Moves the clock forward, firing every timer and schedule due on the way at its own time. */
  advanceClock(ms: number): Promise<ClockMove>;
  /** Sets the clock to a later instant (same semantics as advanceClock). */
  setClock(at: Date): Promise<ClockMove>;
  /** The clock's time and offset. */
  clockState(): ClockState;
  /** Stops the scheduler, web server, engine and DynamoDB Local (in that order). */
  close(): Promise<void>;
}

/** The one table of the local runtime, named after the app. */
export const LOCAL_TABLE = APP_NAME;
/** Marker file that says a directory is a kinerja data dir (so `--reset` never wipes anything else). */
export const DATA_DIR_MARKER = "kinerja-data.json";
const SETTLE_MS = 60_000;

/** Makes sure `dataDir` exists and is ours; with reset, empties it first. */
function prepareDataDir(dataDir: string, reset: boolean): void {
  const marker = join(dataDir, DATA_DIR_MARKER);
  if (existsSync(dataDir)) {
    const entries = readdirSync(dataDir);
    if (entries.length > 0 && !existsSync(marker)) {
      throw new DataDirError(
        `${dataDir} is not empty and is not a kinerja data dir (no ${DATA_DIR_MARKER}); choose another KINERJA_DATA_DIR`,
      );
    }
    assertNotInUse(dataDir);
    if (reset) for (const entry of entries) rmSync(join(dataDir, entry), { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  if (!existsSync(marker)) {
    writeFileSync(
      marker,
      JSON.stringify(
        { createdAt: new Date().toISOString(), note: "kinerja local runtime data; safe to delete" },
        null,
        2,
      ) + "\n",
      { mode: 0o600 },
    );
  }
}

/**
 * Makes every directory under the data dir 0700 and every file 0600: the table, the engine's SQLite files, the link
 * keys and the HR token belong to this user alone on a shared machine. Parts that create files themselves (SQLite, the
 * key store) use the process umask, so the tree is tightened once they exist; SQLite gives its later WAL and journal
 * files the mode of their database file, and DynamoDB Local runs under umask 077 (see the launcher).
 */
export function secureDataDir(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) secureDataDir(path);
    else if ((stat.mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/** Refuses a data dir another live runtime is using (two engines on one SQLite file would fight over its timers). */
function assertNotInUse(dataDir: string): void {
  const file = join(dataDir, RUNTIME_FILE);
  if (!existsSync(file)) return;
  let running: { pid?: unknown; url?: unknown };
  try {
    running = JSON.parse(readFileSync(file, "utf8")) as typeof running;
  } catch {
    return; // a half-written file from a crash: nobody to protect
  }
  if (typeof running.pid !== "number" || running.pid === process.pid) return;
  if (!isLiveProcess(running.pid)) return; // that process is gone; the file is stale
  throw new DataDirError(
    `another kinerja runtime (pid ${running.pid}, ${String(running.url)}) is using ${dataDir}; stop it first or choose another KINERJA_DATA_DIR`,
  );
}

/**
 * Whether `pid` is a running process. A runtime killed with SIGKILL stays a zombie until its parent reaps it; on
 * Linux /proc tells a zombie (state Z) from a live process, so a restart right after a kill is not refused.
 */
function isLiveProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): signal 0 is all we can know
  }
}

/** Starts the whole local runtime on `dataDir`; see LocalRuntimeOptions for the ports and switches. */
export async function createLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? (() => undefined);
  const host = options.host ?? "127.0.0.1";
  const dataDir = resolve(options.dataDir);
  prepareDataDir(dataDir, options.reset ?? false);
  const clock = openPersistentClock(dataDir, { startAt: options.startAt });

  // Everything started so far, stopped in reverse order when a later part fails to start.
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    log("starting DynamoDB Local");
    const dynamo: DynamoLocal = await startDynamoLocal({
      port: options.dynamoPort ?? 8000,
      dataDir: join(dataDir, "dynamodb"),
      host,
    }).catch((error: Error) => {
      if (/address already in use|BindException/i.test(error.message)) {
        throw new PortInUseError(
          `DynamoDB Local could not bind port ${options.dynamoPort ?? 8000}; is another kinerja runtime running?`,
          { cause: error },
        );
      }
      throw error;
    });
    stops.push(() => dynamo.stop());
    const storage = createStorage({ tableName: LOCAL_TABLE, endpoint: dynamo.endpoint, clock });
    stops.push(async () => storage.client.destroy());
    await ensureTable(storage.client, LOCAL_TABLE);

    const web = await listenWeb(options.port ?? 3000, host);
    stops.push(() => closeServer(web.server));
    const baseUrl = `http://${host}:${web.port}`;

    // Mail to SES's simulator addresses produces the events SES would publish, for the same mail-event handler.
    const outbox = createOutboxMail(storage, clock, {
      events: (event) => invokeEventFunction(lambdas, "RecordMailEventFunction", event),
    });
    const signer = createLinkSigner(await loadOrCreateLocalKeys(dataDir));

    log("starting the local Step Functions engine");
    // What every in-process handler receives (the composition root's handler deps). Filled once the engine's
    // endpoint is known (the task callbacks need it); handlers only run after that.
    const handlerDeps: { current?: HandlerDeps } = {};
    const lambdas = localLambdaResolver({ deps: () => handlerDeps.current! });
    const states: LocalStates = await createLocalStates({
      dbPath: join(dataDir, "states.db"),
      clock,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
      port: options.statesPort ?? 8083,
      host,
      settleTimeoutMs: SETTLE_MS,
      lambdas,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        throw new PortInUseError(
          `Step Functions port ${options.statesPort ?? 8083} is in use; is another kinerja runtime running?`,
          { cause: error },
        );
      throw error;
    });
    stops.push(() => states.close());
    const engine = states.engine;
    const sfn = new SFNClient({
      region: LOCAL_REGION,
      endpoint: states.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    stops.push(async () => sfn.destroy());
    const { callbacks, workflows } = stepFunctionsPorts(sfn);
    const parts: StepParts = {
      storage,
      clock,
      decision: { mail: outbox, signer, callbacks, baseUrl },
      // HR's mailbox for overdue notices nobody in the organisation can take over (KINERJA_HR_EMAIL, local default).
      hr: readLocalHrContact(),
    };
    const handlers = createHandlerDeps(parts);
    handlerDeps.current = handlers;
    const stateMachineArns = registerStateMachines(engine);

    const scheduler = createScheduler({
      specs: schedules,
      knownStateMachines: Object.values(stateMachines).map((m) => m.name),
      clock,
      db: join(dataDir, "scheduler.db"),
      startExecution: async (machineName, name, input) =>
        engine.startExecution({
          stateMachineArn: engine.arns.stateMachine(deployedName(machineName)),
          name,
          input: JSON.stringify(input),
        }),
    });
    stops.push(() => scheduler.close());

    const services = createAppServices(
      { ...parts, workflows, stateMachineArn: (machine) => stateMachineArns[machine] },
      handlers,
    );
    const seeded = (options.seed ?? true) && (await seedDemoOrganisation(storage, clock, log));
    const clockControl = createClockControl({ clock, engine, scheduler, settleMs: SETTLE_MS });

    const urls: LocalRuntimeUrls = {
      web: baseUrl,
      dashboard: `${baseUrl}/dashboard`,
      mail: `${baseUrl}/_local/mail`,
      executions: `${baseUrl}/_local/executions`,
      clock: `${baseUrl}/_local/clock`,
      jwks: `${baseUrl}/_local/jwks.json`,
      states: states.endpoint,
      dynamodb: dynamo.endpoint,
    };

    // HR auth runs the cloud's JWT check against the dev issuer's keys, on the runtime clock.
    const devIssuer = await openDevIssuer(dataDir, clock);
    // The dashboard signs in through a real OIDC provider on this same server (issuer <web>/_local/oidc).
    const signInSecrets = openDevSignInSecrets(dataDir);
    const oidcProvider = await createLocalOidcProvider({
      origin: baseUrl,
      clientOrigins: loopbackOrigins(web.port),
      secrets: signInSecrets,
      signingKey: await openDevIssuerKey(dataDir),
    });
    web.setOidc(oidcProvider);
    const appDeps: AppDeps = {
      decisions: services.decisions,
      outbox,
      hr: services.hr,
      auth: { verifier: devIssuer.verifier(), ...localDashboardAuth(oidcProvider, signInSecrets, clock) },
      devIssuer,
      ...(options.linkRateLimit ? { linkRateLimit: options.linkRateLimit } : {}),
    };
    const app = createApp(appDeps);
    app.route("/", localRoutes({ clock: clockControl, engine }));
    web.setApp(app);
    scheduler.start(1000);
    // A click claimed just before a crash (decided, not yet delivered to its task token) is delivered now rather
    // than at the next reminder round or the nightly sweep; a failure here only delays it to those.
    await redeliverPending(decisionDepsOf(parts), { limit: 1000 }).catch((error: unknown) =>
      log(`warning: redelivery of undelivered decisions failed: ${String(error)}`),
    );
    const hrToken = await devIssuer.sign({ role: "hr" });
    writeHrToken(dataDir, hrToken);
    const runtimeFile = join(dataDir, RUNTIME_FILE);
    writeFileSync(
      runtimeFile,
      JSON.stringify({ url: baseUrl, pid: process.pid, startedAt: new Date().toISOString(), urls }, null, 2) +
        "\n",
      { mode: 0o600 },
    );
    secureDataDir(dataDir);
    stops.push(async () => rmSync(runtimeFile, { force: true }));

    let closing: Promise<void> | undefined;
    return {
      dataDir,
      tableName: LOCAL_TABLE,
      urls,
      clock,
      engine,
      scheduler,
      storage,
      outbox,
      control: services.control,
      stateMachineArns,
      seeded,
      hrToken,
      issueToken: (input) => devIssuer.sign(input),
      devAccounts: signInSecrets.accounts,
      advanceClock: clockControl.advance,
      setClock: clockControl.set,
      clockState: clockControl.state,
      close: () => {
        closing ??= (async () => {
          // No new requests first, so no decision arrives while the engine below it is stopping.
          await closeServer(web.server);
          await clockControl.drained();
          await stopAll();
        })();
        return closing;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
