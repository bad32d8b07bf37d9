// Cycle benchmark: launches a cycle for 1,000 and 10,000 employees on the local runtime (DynamoDB Local +
// the durable local engine + the real ASL and step handlers) and measures the time until every appraisal
// awaits its targets, state transitions and DynamoDB writes per appraisal; then drives a sample through a
// whole annual cycle to price Step Functions per employee-year. `npm run bench -- cycle`
// (or `npx tsx bench/cycle.ts [sizes...]`).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SFNClient } from "@aws-sdk/client-sfn";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createOffsetClock, type AdjustableClock } from "../packages/core/src/clock/clock";
import { createDocumentClient } from "../packages/core/src/storage/client";
import { ensureTable } from "../packages/core/src/storage/ensure-table";
import { createStorage, type Storage } from "../packages/core/src/storage/storage";
import { createOutboxMail } from "../packages/core/src/mail/outbox-mail";
import { createLinkSigner } from "../packages/core/src/links/link-signer";
import { parseLinkKeys } from "../packages/core/src/links/link-keys";
import { createSfnTaskCallbacks } from "../packages/core/src/decision/sfn-task-callbacks.adapter";
import { decide } from "../packages/core/src/decision/decide";
import type { DecisionDeps } from "../packages/core/src/decision/decision-deps";
import { decisionRepo } from "../packages/core/src/decision/decision.repo";
import { launchCycle, type ControlDeps } from "../packages/core/src/cycle/cycle-control";
import { createSfnWorkflowControl } from "../packages/core/src/workflow/sfn-workflow-control.adapter";
import { startDynamoLocal } from "../packages/local/src/dynamodb/launcher";
import { createLocalStates, type LocalStates } from "../packages/local/src/engine/index";
import { createStepDeps, type StepDeps } from "../packages/core/src/composition/step-deps";
import { loadStateMachines, localSubstitutions } from "../workflows/registry";
import { localLambdaResolver } from "../packages/local/src/runtime/local-lambdas";
import { periodicExecutionName } from "../packages/core/src/periodic/periodic";
import { periodicDepsFrom } from "../functions/jobs/job";

const REGION = "ap-southeast-3";
const ACCOUNT = "000000000000";

/**
 * Step Functions Standard price used for the estimate (USD per 1,000 state transitions, free tier ignored).
 * The stored copy of aws.amazon.com/step-functions/pricing lists $0.025 for the neighbouring Asia Pacific
 * regions (Singapore, Tokyo, Sydney) but not Jakarta; confirm ap-southeast-3 with the AWS Price List API
 * before budgeting.
 */
const PRICE_TABLE = {
  region: "ap-southeast-3",
  currency: "USD",
  perThousandStateTransitions: 0.025,
  freeTierTransitionsPerMonth: 4000,
  freeTierApplied: false,
  source:
    "https://aws.amazon.com/step-functions/pricing/ (Asia Pacific reference price; Jakarta to be confirmed)",
};

type WriteRequest = {
  Item?: Record<string, unknown>;
  Key?: Record<string, unknown>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

/** The ElectroDB entity an item write is for (its `__edb_e__`), else the start of its partition key. */
function entityOf(request: WriteRequest | undefined): string {
  const named =
    request?.Item?.__edb_e__ ??
    Object.entries(request?.ExpressionAttributeValues ?? {}).find(([k]) => k.startsWith(":__edb_e__"))?.[1];
  if (typeof named === "string") return named;
  return String(request?.Key?.pk ?? request?.Item?.pk ?? "?").split("#")[0]!;
}

/**
 * Counts DynamoDB item writes going through a document client (transactions and batches per item), per entity, and
 * the write requests (a transaction or a batch is one), and every request by command (reads too).
 */
function countWrites(client: DynamoDBDocumentClient): {
  count(): number;
  requests(): number;
  byEntity(): Record<string, number>;
  byCommand(): Record<string, number>;
  reset(): void;
} {
  let writes = 0;
  let byCommand = new Map<string, number>();
  let requests = 0;
  let byEntity = new Map<string, number>();
  const add = (request: WriteRequest | undefined) => {
    writes += 1;
    const e = entityOf(request);
    byEntity.set(e, (byEntity.get(e) ?? 0) + 1);
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? "";
      const input = args.input as WriteRequest & {
        TransactItems?: Record<string, WriteRequest>[];
        RequestItems?: Record<string, { PutRequest?: WriteRequest; DeleteRequest?: WriteRequest }[]>;
      };
      const before = writes;
      byCommand.set(name, (byCommand.get(name) ?? 0) + 1);
      if (/^(Put|Update|Delete)(Item)?Command$/.test(name)) add(input);
      else if (name.startsWith("TransactWrite"))
        for (const t of input.TransactItems ?? []) add(t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck);
      else if (name.startsWith("BatchWrite"))
        for (const list of Object.values(input.RequestItems ?? {}))
          for (const r of list) add(r.PutRequest ?? r.DeleteRequest);
      if (writes > before) requests += 1;
      return next(args);
    },
    { step: "initialize", name: "kinerjaBenchWriteCounter" },
  );
  return {
    count: () => writes,
    requests: () => requests,
    byEntity: () => Object.fromEntries([...byEntity].sort((a, b) => b[1] - a[1])),
    byCommand: () => Object.fromEntries([...byCommand].sort((a, b) => b[1] - a[1])),
    reset: () => {
      byCommand = new Map();
      writes = 0;
      requests = 0;
      byEntity = new Map();
    },
  };
}

/** CPU seconds (user + system) of a process from /proc (Linux), 0 where unreadable. */
function procCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The DynamoDB Local JVM this process started (a `java` child), if Linux shows it. */
function dynamoJvmPid(): number | undefined {
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [head, rest] = [stat.slice(0, stat.indexOf(") ")), stat.slice(stat.indexOf(") ") + 2)];
      if (head.endsWith("(java") && Number(rest.split(" ")[1]) === process.pid) return Number(entry);
    }
  } catch {
    // not Linux: no JVM figure
  }
  return undefined;
}

/** Where a launch's CPU went: this process (handlers, engine, SQLite) and the DynamoDB Local JVM, against the wall. */
function cpuProfile(): () => { wallS: number; nodeCpuS: number; dynamoLocalJvmCpuS: number } {
  const jvm = dynamoJvmPid();
  const t0 = performance.now();
  const node0 = process.cpuUsage();
  const jvm0 = jvm ? procCpuSeconds(jvm) : 0;
  return () => {
    const node = process.cpuUsage(node0);
    return {
      wallS: round2((performance.now() - t0) / 1000),
      nodeCpuS: round2((node.user + node.system) / 1e6),
      dynamoLocalJvmCpuS: jvm ? round2(procCpuSeconds(jvm) - jvm0) : 0,
    };
  };
}

/** The launch's settings as the ASL has them (the one source), or overridden to measure others. */
function launchSettings(definition: string): { pageSize: number; maxConcurrency: number } {
  const asl = JSON.parse(definition) as {
    States: {
      PrepareParticipantPage: { Parameters: { Payload: { pageSize: number } } };
      StartAppraisals: { MaxConcurrency: number };
    };
  };
  return {
    pageSize: asl.States.PrepareParticipantPage.Parameters.Payload.pageSize,
    maxConcurrency: asl.States.StartAppraisals.MaxConcurrency,
  };
}

/**
 * KINERJA_BENCH_LAUNCH_PAGE / KINERJA_BENCH_LAUNCH_CONCURRENCY replace the ASL's page size / Map MaxConcurrency for a
 * tuning run (the ASL stays the source of what is deployed).
 */
function tunedLaunch(definition: string): string {
  const asl = JSON.parse(definition) as Record<string, Record<string, Record<string, unknown>>>;
  const page = Number(process.env.KINERJA_BENCH_LAUNCH_PAGE ?? 0);
  const concurrency = Number(process.env.KINERJA_BENCH_LAUNCH_CONCURRENCY ?? 0);
  const payload = (asl.States!.PrepareParticipantPage!.Parameters as { Payload: Record<string, unknown> })
    .Payload;
  if (page > 0) payload.pageSize = page;
  if (concurrency > 0) asl.States!.StartAppraisals!.MaxConcurrency = concurrency;
  return JSON.stringify(asl);
}

interface World {
  clock: AdjustableClock;
  storage: Storage;
  states: LocalStates;
  deps: StepDeps;
  decisionDeps: DecisionDeps;
  control: ControlDeps;
  writes: ReturnType<typeof countWrites>;
  /** The launch definition as registered (after any tuning override). */
  launchDefinition: string;
  close(): Promise<void>;
}

async function startWorld(endpoint: string, startAt: string): Promise<World> {
  const clock = createOffsetClock(Date.parse(startAt) - Date.now());
  const tableName = `bench-${randomBytes(4).toString("hex")}`;
  const client = createDocumentClient({ tableName, endpoint, region: "local" });
  await ensureTable(client, tableName);
  const writes = countWrites(client);
  const storage = createStorage({ tableName, endpoint, client, clock });
  const outbox = createOutboxMail({ client, tableName }, clock);
  const signer = createLinkSigner(
    parseLinkKeys({ current: "k1", keys: { k1: randomBytes(32).toString("base64") } }),
  );
  const dir = mkdtempSync(join(tmpdir(), "kinerja-bench-"));
  const holder: { deps?: StepDeps } = {};
  const states = await createLocalStates({
    dbPath: join(dir, "states.db"),
    clock,
    region: REGION,
    accountId: ACCOUNT,
    realTime: false,
    port: 0,
    lambdas: localLambdaResolver({ deps: () => holder.deps! }),
  });
  const sfn = new SFNClient({
    region: REGION,
    endpoint: states.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 10,
  });
  const decision = {
    mail: outbox,
    signer,
    callbacks: createSfnTaskCallbacks(sfn),
    baseUrl: "http://kinerja.bench",
  };
  const deps = createStepDeps({ storage, clock, decision });
  holder.deps = deps;
  const arns: Record<string, string> = {};
  let launchDefinition = "";
  for (const m of loadStateMachines(localSubstitutions({ region: REGION, accountId: ACCOUNT }))) {
    arns[m.key] = (
      states.engine.createStateMachine({
        name: `kinerja-${m.name}`,
        definition: m.key === "launchCycle" ? (launchDefinition = tunedLaunch(m.definition)) : m.definition,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/kinerja`,
      }) as { stateMachineArn: string }
    ).stateMachineArn;
  }
  return {
    clock,
    storage,
    states,
    deps,
    writes,
    launchDefinition,
    decisionDeps: { ...decision, storage: { client, tableName }, clock },
    control: {
      store: deps.store,
      clock,
      decisions: deps.decisions,
      control: createSfnWorkflowControl(sfn),
      stateMachines: { appraisal: arns.appraisal!, launchCycle: arns.launchCycle! },
    },
    async close() {
      await states.close();
      sfn.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** N employees: one top official, units of 100 (a head under the top, 99 staff under the head). */
async function seed(world: World, n: number): Promise<void> {
  const top = { nip: `19700101199001100${0}`.slice(0, 18), unitId: "pemda" };
  const units = [{ unitId: "pemda", name: "Pemerintah Kabupaten Salor", headNip: top.nip }];
  const employees: Record<string, unknown>[] = [
    {
      nip: top.nip,
      name: "Sekretaris Daerah",
      email: "sekda@salor.test",
      unitId: "pemda",
      position: "Sekda",
      positionType: "jpt",
      unitHead: true,
    },
  ];
  let i = 0;
  for (let u = 0; employees.length < n; u++) {
    const unitId = `opd-${String(u).padStart(4, "0")}`;
    const headNip = `19750101200001${String(u).padStart(4, "0")}`;
    units.push({ unitId, name: `OPD ${u}`, headNip, parentUnitId: "pemda" } as never);
    employees.push({
      nip: headNip,
      name: `Kepala OPD ${u}`,
      email: `kepala${u}@salor.test`,
      unitId,
      position: "Kepala",
      positionType: "administrator",
      superiorNip: top.nip,
      unitHead: true,
    });
    for (let s = 0; s < 99 && employees.length < n; s++, i++) {
      // The appointment month moves every 10,000 staff, so the NIPs stay unique past 10,000 employees.
      const staffNip = `198501012010${String(1 + Math.floor(i / 10_000)).padStart(2, "0")}${String(i % 10_000).padStart(4, "0")}`;
      employees.push({
        nip: staffNip,
        name: `Pegawai ${i}`,
        email: `pegawai${i}@salor.test`,
        unitId,
        position: "Pelaksana",
        positionType: "pelaksana",
        superiorNip: headNip,
        unitHead: false,
      });
    }
  }
  await world.storage.org.replaceOrganisation({
    units,
    employees,
    importId: "bench",
    basedOnGeneration: undefined,
  } as never);
}

function transitions(
  world: World,
  machineSuffix: string,
): { executions: number; transitions: number; maxHistory: number; maxDurationDays: number } {
  const rows = world.states.engine.store
    .listExecutions({ machine: null, status: null, afterStart: null, afterArn: null, limit: 1_000_000 })
    .filter((r) => r.stateMachineArn.endsWith(machineSuffix));
  return {
    executions: rows.length,
    transitions: rows.reduce((s, r) => s + r.transitions, 0),
    // The row's history_count is written once at insert; the events table holds the real length.
    maxHistory: Math.max(0, ...rows.map((r) => world.states.engine.store.historyLength(r.id))),
    maxDurationDays: Math.max(
      0,
      ...rows.map((r) => ((r.stopMs ?? world.clock.now().getTime()) - r.startMs) / 86_400_000),
    ),
  };
}

/** Launch at scale: time to all-awaiting-targets, transitions and writes per appraisal. */
async function launchAtScale(endpoint: string, n: number) {
  const world = await startWorld(endpoint, "2027-01-04T01:00:00.000Z");
  try {
    await seed(world, n);
    await world.storage.cycles.createCycle({
      cycleId: `b${n}`,
      name: `Bench ${n}`,
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    } as never);
    world.writes.reset();
    const load0 = loadavg()[0];
    const profile = cpuProfile();
    const t0 = performance.now();
    await launchCycle(world.control, `b${n}`);
    await world.states.engine.idle();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = profile();
    const appraisals = (await world.storage.appraisals.listByCycle(`b${n}`)).length;
    const awaiting = world.states.engine.store
      .listExecutions({
        machine: null,
        status: "RUNNING",
        afterStart: null,
        afterArn: null,
        limit: 1_000_000,
      })
      // Asked for their SKP, or waiting to be asked until their appraiser's SKP is approved (rule 27).
      .filter((r) => r.currentState === "AwaitDecision" || r.currentState === "AwaitSuperiorSkp").length;
    const app = transitions(world, ":kinerja-appraisal");
    const launch = transitions(world, ":kinerja-launch-cycle");
    return {
      employees: n,
      appraisals,
      awaitingTargets: awaiting,
      secondsToAllAwaitingTargets: Math.round(seconds * 10) / 10,
      appraisalsPerSecond: Math.round(appraisals / seconds),
      launchExecutions: launch.executions,
      launch: launchSettings(world.launchDefinition),
      transitionsPerAppraisalUntilAwaitingTargets: round2(
        (app.transitions + launch.transitions) / appraisals,
      ),
      dynamoWritesPerAppraisalUntilAwaitingTargets: round2(world.writes.count() / appraisals),
      dynamoWriteRequestsPerAppraisal: round2(world.writes.requests() / appraisals),
      dynamoWritesPerAppraisalByEntity: Object.fromEntries(
        Object.entries(world.writes.byEntity()).map(([e, c]) => [e, round2(c / appraisals)]),
      ),
      dynamoRequestsPerAppraisalByCommand: Object.fromEntries(
        Object.entries(world.writes.byCommand()).map(([c, k]) => [
          c.replace(/Command$/, ""),
          round2(k / appraisals),
        ]),
      ),
      loadAverage1m: [round2(load0), round2(loadavg()[0])],
      cpu,
      // KINERJA_BENCH_PERIODIC=0 skips the periodic evaluation after each launch.
      periodicEvaluation:
        process.env.KINERJA_BENCH_PERIODIC === "0" ? null : await periodicAtScale(world, `b${n}`, "2027-Q1"),
    };
  } finally {
    await world.close();
  }
}

/** One periodic evaluation of a launched cycle (paged, continued as new; issue 16 item 2): wall time and costs. */
async function periodicAtScale(world: World, cycleId: string, periodKey: string) {
  world.writes.reset();
  const load = [loadavg()[0]];
  const t0 = performance.now();
  world.states.engine.startExecution({
    stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:kinerja-periodic-evaluation`,
    name: periodicExecutionName(cycleId, periodKey),
    input: JSON.stringify({ cycleId, periodKey }),
  });
  await world.states.engine.idle();
  const seconds = (performance.now() - t0) / 1000;
  load.push(loadavg()[0]);
  const run = (await periodicDepsFrom(world.deps).store.listRuns(cycleId)).find(
    (r) => r.periodKey === periodKey,
  );
  const executions = transitions(world, ":kinerja-periodic-evaluation");
  // History length per execution from the engine's history API (newest event first).
  const rows = world.states.engine.store
    .listExecutions({ machine: null, status: null, afterStart: null, afterArn: null, limit: 1_000_000 })
    .filter((r) => r.stateMachineArn.endsWith(":kinerja-periodic-evaluation"));
  const history = rows.map(
    (r) =>
      (
        world.states.engine.getExecutionHistory({
          executionArn: r.arn,
          reverseOrder: true,
          maxResults: 1,
        }) as {
          events: { id: number }[];
        }
      ).events[0]?.id ?? 0,
  );
  return {
    status: run?.status,
    evaluated: run?.evaluated,
    digests: run?.digests,
    seconds: Math.round(seconds * 10) / 10,
    executions: executions.executions,
    transitions: executions.transitions,
    maxHistoryEvents: Math.max(0, ...history),
    dynamoWrites: world.writes.count(),
    loadAverage1m: load.map((l) => Math.round(l * 10) / 10),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A sample through a whole annual cycle (happy path): transitions and writes per employee-year. */
async function annualSample(endpoint: string, n: number) {
  const world = await startWorld(endpoint, "2027-01-04T01:00:00.000Z");
  try {
    await seed(world, n);
    await world.storage.cycles.createCycle({
      cycleId: "y1",
      name: "Tahunan",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    } as never);
    world.writes.reset();
    await launchCycle(world.control, "y1");
    await world.states.engine.idle();
    const all = await world.storage.appraisals.listByCycle("y1");
    const repo = decisionRepo(world.decisionDeps.storage);
    const outbox = createOutboxMail(world.decisionDeps.storage, world.clock);
    // Simulated people: act on every pending decision of `kind` through its newest link.
    const actAll = async (
      kind: string,
      body: (appraisalId: string, context: Record<string, unknown>) => unknown,
    ) => {
      await Promise.all(
        all.map(async (a) => {
          const d = (await repo.listByAppraisal(a.id)).find((x) => x.kind === kind && x.status === "pending");
          if (!d) return;
          const mails = await outbox.list({ to: d.recipients?.at(-1)?.email ?? "", limit: 5000 });
          const link = mails.find((m) => m.tags?.decisionId === d.decisionId)?.links[0];
          if (link) await decide(world.decisionDeps, link.split("/l/")[1]!, body(a.id, d.context ?? {}));
        }),
      );
      await world.states.engine.idle();
    };
    const proposal = {
      rhk: [
        {
          text: "Target kinerja",
          kind: "utama",
          indicators: [{ text: "Jumlah layanan", aspect: "kuantitas", target: { min: 10, unit: "layanan" } }],
        },
      ],
    };
    // The cascade (rule 27), one level of the hierarchy per round: each is asked once its appraiser's SKP is
    // approved, and its RHK utama intervenes on the first RHK of that SKP.
    for (let level = 0; level < 8; level++) {
      await actAll("skp-proposal", (_, context) => {
        const parent = (context.superiorRhk as { id: string }[] | undefined)?.[0]?.id;
        return parent ? { rhk: proposal.rhk.map((r) => ({ ...r, parentRhkId: parent })) } : proposal;
      });
      await actAll("skp-approval", () => ({ decision: "approve" }));
    }
    // To 2028-01-02 (Jakarta): past the period end, so every appraisal has asked for its realisation.
    await world.states.engine.advance(363 * 86_400_000);
    await world.states.engine.idle();
    await actAll("realization", (id) => ({
      items: [{ indicatorId: all.find((a) => a.id === id) ? "v1-rhk1-i1" : "", value: 10 }],
    }));
    await actAll("review", () => ({ hasilKerja: "meets", perilaku: "meets", feedback: "Baik" }));
    await actAll("acknowledgement", () => ({ decision: "acknowledge" }));
    const final = await world.storage.appraisals.listByCycle("y1");
    const done = final.filter((a) => a.stage === "done").length;
    const notDone = final
      .filter((a) => a.stage !== "done")
      .map((a) => `${a.id}: ${a.stage} ${a.failureReason ?? ""}`)
      .slice(0, 5);
    const app = transitions(world, ":kinerja-appraisal");
    const launch = transitions(world, ":kinerja-launch-cycle");
    const perAppraisal = (app.transitions + launch.transitions) / all.length;
    return {
      employees: n,
      appraisals: all.length,
      done,
      ...(notDone.length > 0 ? { notDone } : {}),
      executionsPerAppraisal: round2(app.executions / all.length),
      longestExecutionDays: Math.round(app.maxDurationDays * 10) / 10,
      transitionsPerEmployeeYear: round2(perAppraisal),
      dynamoWritesPerEmployeeYear: round2(world.writes.count() / all.length),
      stepFunctionsUsdPerEmployeeYear: Number(
        ((perAppraisal * PRICE_TABLE.perThousandStateTransitions) / 1000).toFixed(6),
      ),
      stepFunctionsUsdPer10kEmployeesYear:
        Math.round(((perAppraisal * PRICE_TABLE.perThousandStateTransitions) / 1000) * 10_000 * 100) / 100,
    };
  } finally {
    await world.close();
  }
}

/** Runs the benchmark: launch at each size, then an annual happy-path sample for the per-year price. */
export async function run(sizes: number[] = [1000, 10_000]): Promise<object> {
  const dynamo = await startDynamoLocal({});
  try {
    const launches = [];
    for (const n of sizes) {
      console.error(`cycle bench: launching ${n} employees ...`);
      launches.push(await launchAtScale(dynamo.endpoint, n));
      console.error(JSON.stringify(launches.at(-1)));
    }
    // KINERJA_BENCH_SAMPLE=0 skips the annual sample (launch and periodic evaluation only).
    const sample = Number(process.env.KINERJA_BENCH_SAMPLE ?? 100);
    if (sample > 0) console.error(`cycle bench: annual happy path for a sample of ${sample} ...`);
    const annual = sample > 0 ? await annualSample(dynamo.endpoint, sample) : null;
    return {
      priceTable: PRICE_TABLE,
      launches,
      annualHappyPath: annual,
      notes: [
        "Launch: one launch execution pages `launch.pageSize` participants per Map (`launch.maxConcurrency`) and continues as new every 20 pages.",
        "Per employee-year = one annual appraisal on the happy path (propose, approve, wait to period end with one continue-as-new, realisation, review, acknowledge, follow-up) plus its share of the launch; reminders, escalations, objections and periodic evaluations add transitions.",
        "DynamoDB writes count item writes (a transaction counts each item) on the table, including decisions, links, outbox mails and audit events.",
      ],
    };
  } finally {
    await dynamo.stop();
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  console.log(JSON.stringify(await run(sizes.length > 0 ? sizes : undefined), null, 2));
}
