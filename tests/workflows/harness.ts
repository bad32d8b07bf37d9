// Test harness for the workflows: DynamoDB Local (fresh table), the real local engine with the real ASL and
// the real step handlers, the decision service with the outbox mail, and an adjustable clock. People are
// simulated by reading their mail in the outbox and deciding through the link token (the decision service
// behind POST /l/{token}).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createOffsetClock, type AdjustableClock } from "../../packages/core/src/clock/clock";
import { createStorage, type Storage } from "../../packages/core/src/storage/storage";
import { createOutboxMail, type OutboxMail } from "../../packages/core/src/mail/outbox-mail";
import { createLinkSigner } from "../../packages/core/src/links/link-signer";
import { parseLinkKeys } from "../../packages/core/src/links/link-keys";
import { createSfnTaskCallbacks } from "../../packages/core/src/decision/sfn-task-callbacks.adapter";
import { decide } from "../../packages/core/src/decision/decide";
import { viewLink } from "../../packages/core/src/decision/link-view";
import type { DecisionDeps } from "../../packages/core/src/decision/decision-deps";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { createSfnWorkflowControl } from "../../packages/core/src/workflow/sfn-workflow-control.adapter";
import type { ControlDeps } from "../../packages/core/src/cycle/cycle-control";
import type { FlowAppraisal } from "../../packages/core/src/appraisal-flow/flow-store";
import { liveDecisionContext } from "../../packages/core/src/appraisal-flow/decision-context";
import { createLocalStates, type LocalStates } from "../../packages/local/src/engine/index";
import { createStepDeps, type StepDeps } from "../../packages/core/src/composition/step-deps";
import {
  LOCAL_ACCOUNT as ACCOUNT,
  LOCAL_REGION as REGION,
  registerStateMachines,
} from "../../packages/local/src/runtime/local-machines";
import {
  invokeEventFunction,
  localLambdaResolver,
  type LambdaWrapper,
} from "../../packages/local/src/runtime/local-lambdas";
import { freshTable } from "../setup/dynamo";

/** One running world for a test file. */
export interface World {
  clock: AdjustableClock;
  storage: Storage;
  states: LocalStates;
  deps: StepDeps;
  outbox: OutboxMail;
  decisionDeps: DecisionDeps;
  control: ControlDeps;
  arns: { appraisal: string; launchCycle: string; importEmployees: string };
  /** The SES events the outbox simulated (mail to SES's simulator addresses), in order. */
  mailEvents: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts a world at `startAt`; `wrap` lets a test inject faults around the real handlers. */
export async function startWorld(startAt: string, options: { wrap?: LambdaWrapper } = {}): Promise<World> {
  const clock = createOffsetClock(Date.parse(startAt) - Date.now());
  const table = await freshTable("wf");
  const storage = createStorage({
    tableName: table.tableName,
    endpoint: table.endpoint,
    client: table.client,
    clock,
  });
  const holder: { deps?: StepDeps } = {};
  const lambdas = localLambdaResolver({ deps: () => holder.deps!, wrap: options.wrap });
  // SES's simulator addresses produce the events SES would publish, handled by the real mail-event handler.
  const mailEvents: Record<string, unknown>[] = [];
  const outbox = createOutboxMail({ client: table.client, tableName: table.tableName }, clock, {
    events: (event) => {
      mailEvents.push(event);
      return invokeEventFunction(lambdas, "RecordMailEventFunction", event);
    },
  });
  const signer = createLinkSigner(
    parseLinkKeys({ current: "k1", keys: { k1: randomBytes(32).toString("base64") } }),
  );
  const dir = mkdtempSync(join(tmpdir(), "kinerja-wf-"));
  const states = await createLocalStates({
    dbPath: join(dir, "states.db"),
    clock,
    region: REGION,
    accountId: ACCOUNT,
    realTime: false,
    port: 0,
    lambdas,
  });
  const sfn = new SFNClient({
    region: REGION,
    endpoint: states.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const decision = {
    mail: outbox,
    signer,
    callbacks: createSfnTaskCallbacks(sfn),
    baseUrl: "http://kinerja.test",
  };
  const deps = createStepDeps({ storage, clock, decision });
  holder.deps = deps;
  // Every machine of the registry under its deployed name, as the local runtime registers them.
  const created = registerStateMachines(states.engine);
  const arns = {
    appraisal: created.appraisal!,
    launchCycle: created.launchCycle!,
    importEmployees: created.importEmployees!,
  };
  const decisionDeps: DecisionDeps = {
    ...decision,
    storage: { client: table.client, tableName: table.tableName },
    clock,
    liveContext: (d) => liveDecisionContext(deps, d),
  };
  const control: ControlDeps = {
    store: deps.store,
    clock,
    decisions: deps.decisions,
    control: createSfnWorkflowControl(sfn),
    stateMachines: arns,
  };
  return {
    clock,
    storage,
    states,
    deps,
    outbox,
    decisionDeps,
    control,
    arns,
    mailEvents,
    async close() {
      await states.close();
      sfn.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A person in the seeded organisation. */
export interface Person {
  nip: string;
  name: string;
  email: string;
  unitId: string;
  superiorNip?: string;
  unitHead: boolean;
  positionType: "jpt" | "administrator" | "pengawas" | "pelaksana" | "fungsional";
}

/** A NIP that passes the NIP rules: birth date, appointment month, gender, sequence. */
export const nipOf = (i: number) =>
  `19${String(70 + (i % 25)).padStart(2, "0")}0${(i % 9) + 1}1${i % 2}2005${String((i % 12) + 1).padStart(2, "0")}1${String(i).padStart(3, "0")}`;

/**
 * Seeds a unit and its sub-unit `<unitId>-sekretariat`: the head of the unit (top official, not appraised),
 * the secretary heading the sub-unit (appraised by the head), and `staff` people appraised by the secretary.
 * `section: true` adds `<unitId>-sekretariat-umum` under the sub-unit, headed by a section head appraised by the
 * secretary (a unit head whose objection the head of the unit decides).
 */
export async function seedUnit(
  world: World,
  unitId: string,
  staff: number,
  options: { section?: boolean; headEmail?: string } = {},
): Promise<{ head: Person; secretary: Person; people: Person[]; subUnitId: string; section?: Person }> {
  const subUnitId = `${unitId}-sekretariat`;
  const head: Person = {
    nip: nipOf(900),
    name: "Kepala Dinas",
    email: options.headEmail ?? "kadis@salor.test",
    unitId,
    unitHead: true,
    positionType: "jpt",
  };
  const secretary: Person = {
    nip: nipOf(901),
    name: "Sekretaris",
    email: "sekretaris@salor.test",
    unitId: subUnitId,
    superiorNip: head.nip,
    unitHead: true,
    positionType: "administrator",
  };
  const people: Person[] = Array.from({ length: staff }, (_, i) => ({
    nip: nipOf(i + 1),
    name: `Pegawai ${i + 1}`,
    email: `pegawai${i + 1}@salor.test`,
    unitId,
    superiorNip: secretary.nip,
    unitHead: false,
    positionType: "pelaksana",
  }));
  const section: Person | undefined = options.section
    ? {
        nip: nipOf(902),
        name: "Kepala Subbagian Umum",
        email: "kasubbag@salor.test",
        unitId: `${subUnitId}-umum`,
        superiorNip: secretary.nip,
        unitHead: true,
        positionType: "pengawas",
      }
    : undefined;
  const everyone = [head, secretary, ...people, ...(section ? [section] : [])];
  await world.storage.org.replaceOrganisation({
    units: [
      { unitId, name: "Dinas Uji", headNip: head.nip },
      { unitId: subUnitId, name: "Sekretariat Dinas Uji", parentUnitId: unitId, headNip: secretary.nip },
      ...(section
        ? [{ unitId: section.unitId, name: "Subbagian Umum", parentUnitId: subUnitId, headNip: section.nip }]
        : []),
    ],
    employees: everyone.map((p) => ({
      nip: p.nip,
      name: p.name,
      email: p.email,
      unitId: p.unitId,
      position: p.positionType,
      positionType: p.positionType,
      unitHead: p.unitHead,
      ...(p.superiorNip ? { superiorNip: p.superiorNip } : {}),
    })),
    importId: "seed",
    basedOnGeneration: undefined,
  } as never);
  return { head, secretary, people, subUnitId, ...(section ? { section } : {}) };
}

/** Creates a cycle record (the HR API's job) with settings. */
export async function createCycle(
  world: World,
  cycle: {
    cycleId: string;
    kind: "annual" | "quarterly" | "monthly";
    periodStart: string;
    periodEnd: string;
    unitIds?: string[];
    settings?: object;
  },
): Promise<void> {
  await world.storage.cycles.createCycle({
    cycleId: cycle.cycleId,
    name: `Siklus ${cycle.cycleId}`,
    kind: cycle.kind,
    periodStart: cycle.periodStart,
    periodEnd: cycle.periodEnd,
    ...(cycle.unitIds ? { unitIds: cycle.unitIds } : {}),
    settings: cycle.settings ?? {},
  } as never);
}

/** Lets every execution run until nothing is ready. */
export async function settle(world: World): Promise<void> {
  await world.states.engine.idle();
}

/** Moves the clock by seconds (retry backoffs) and lets the work settle. */
export async function advanceSeconds(world: World, seconds: number): Promise<void> {
  await world.states.engine.advance(seconds * 1000);
  await settle(world);
}

/** Moves the clock (firing due timers) and lets the work settle. */
export async function advanceDays(world: World, days: number): Promise<void> {
  await world.states.engine.advance(days * 86_400_000);
  await settle(world);
}

/** The pending decision links in a person's mailbox for an appraisal and kind (newest mail first). */
export async function pendingLinks(
  world: World,
  email: string,
  appraisalId: string,
  kind: string,
): Promise<string[]> {
  const decisions = await decisionRepo(world.decisionDeps.storage).listByAppraisal(appraisalId);
  const ids = new Set(
    decisions.filter((d) => d.kind === kind && d.status === "pending").map((d) => d.decisionId),
  );
  if (ids.size === 0) return [];
  const mails = await world.outbox.list({ to: email, limit: 1000 });
  const tokens: string[] = [];
  for (const mail of mails) {
    if (!mail.tags?.decisionId || !ids.has(mail.tags.decisionId)) continue;
    for (const link of mail.links) {
      const token = link.split("/l/")[1];
      if (token && (await viewLink(world.decisionDeps, token)).state === "pending") tokens.push(token);
    }
  }
  return tokens;
}

/** One simulated person's decision. */
export type Act = [email: string, appraisalId: string, kind: string, body: unknown];

/** Decides as `email` through the newest pending link for (appraisal, kind); fails the test if there is none. */
export async function act(
  world: World,
  email: string,
  appraisalId: string,
  kind: string,
  body: unknown,
): Promise<void> {
  await actAll(world, [[email, appraisalId, kind, body]]);
}

/** Several people decide at the same time (as they would), then the work settles. */
export async function actAll(world: World, acts: Act[]): Promise<void> {
  await Promise.all(
    acts.map(async ([email, appraisalId, kind, body]) => {
      const [token] = await pendingLinks(world, email, appraisalId, kind);
      if (!token) throw new Error(`${email} has no pending ${kind} link for ${appraisalId}`);
      await decide(world.decisionDeps, token, body);
    }),
  );
  await settle(world);
}

/** Each person reports every indicator of their approved SKP at `share` of its minimum target, all at once. */
export async function reportRealisation(
  world: World,
  people: Person[],
  appraisalIdOf: (p: Person) => string,
  share = 1,
): Promise<void> {
  const acts: Act[] = [];
  for (const p of people) {
    const indicators = (await appraisal(world, appraisalIdOf(p))).skp!.rhk.flatMap((r) => r.indicators);
    acts.push([
      p.email,
      appraisalIdOf(p),
      "realization",
      { items: indicators.map((ind) => ({ indicatorId: ind.id, value: ind.target.min * share })) },
    ]);
  }
  await actAll(world, acts);
}

/** The workflow state of one appraisal. */
export async function appraisal(world: World, appraisalId: string): Promise<FlowAppraisal> {
  const a = await world.deps.store.getAppraisal(appraisalId);
  if (!a) throw new Error(`no appraisal ${appraisalId}`);
  return a;
}

/** A valid SKP proposal body with one RHK and two indicators. */
export const proposal = (text = "Menyusun laporan keuangan") => ({
  rhk: [
    {
      text,
      kind: "utama",
      indicators: [
        { text: "Jumlah laporan tepat waktu", aspect: "kuantitas", target: { min: 12, unit: "laporan" } },
        {
          text: "Kualitas laporan tanpa koreksi",
          aspect: "kualitas",
          target: { min: 90, max: 100, unit: "persen" },
        },
      ],
    },
  ],
});

/** Every execution with its status and error (for failure messages). */
export function executions(world: World): {
  name: string;
  status: string;
  error?: string | null;
  cause?: string | null;
  startMs: number;
  stopMs: number | null;
  transitions: number;
  machine: string;
}[] {
  const rows = world.states.engine.store.listExecutions({
    machine: null,
    status: null,
    afterStart: null,
    afterArn: null,
    limit: 100_000,
  });
  return rows.map((r) => ({
    name: r.name,
    status: r.status,
    error: r.error,
    cause: r.cause,
    startMs: r.startMs,
    stopMs: r.stopMs,
    transitions: r.transitions,
    machine: r.stateMachineArn.split(":").pop()!,
  }));
}

/** The last history events of an execution by name (for failure messages). */
export function lastEvents(world: World, name: string, n = 8): unknown[] {
  const row = world.states.engine.store
    .listExecutions({ machine: null, status: null, afterStart: null, afterArn: null, limit: 100_000 })
    .find((r) => r.name === name);
  if (!row) return [];
  const events = world.states.engine.getExecutionHistory({
    executionArn: row.arn,
    maxResults: 1000,
    reverseOrder: true,
  }).events;
  return events.slice(0, n).map((e) => JSON.stringify(e).slice(0, 900));
}

/** Mails of one person for one kind (newest first), with their mail kind (request, reminder, escalation). */
export async function mailsOf(
  world: World,
  email: string,
  kind: string,
): Promise<{ mailKind: string | undefined; subject: string }[]> {
  const mails = await world.outbox.list({ to: email, limit: 500 });
  return mails
    .filter((m) => m.tags?.kind === kind)
    .map((m) => ({ mailKind: m.tags?.mailKind, subject: m.subject }));
}

/** Executions by status (names), for assertions. */
export function executionsByStatus(world: World): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of executions(world)) (out[e.status] ??= []).push(e.name);
  return out;
}

/** `body` with every RHK utama that names no parent intervening on `parentRhkId` (rule 27); unchanged without one. */
export function cascaded<T>(body: T, parentRhkId: string | undefined): T {
  const b = body as { rhk?: { kind?: string; parentRhkId?: string }[] };
  if (!parentRhkId || !Array.isArray(b.rhk)) return body;
  return {
    ...b,
    rhk: b.rhk.map((r) => (r.kind === "utama" && !r.parentRhkId ? { ...r, parentRhkId } : r)),
  } as T;
}

/** The superior RHK a person's pending SKP request offers (rule 27), from the page context of their newest link. */
export async function offeredSuperiorRhk(
  world: World,
  email: string,
  appraisalId: string,
): Promise<{ id: string; text: string }[]> {
  const [token] = await pendingLinks(world, email, appraisalId, "skp-proposal");
  if (!token) throw new Error(`${email} has no pending skp-proposal link for ${appraisalId}`);
  const context = (await viewLink(world.decisionDeps, token)).decision.context;
  return (context.superiorRhk as { id: string; text: string }[] | undefined) ?? [];
}

/** Proposes `body` through the person's pending SKP link, each RHK utama intervening on the first superior RHK offered. */
export async function proposeCascaded(
  world: World,
  email: string,
  appraisalId: string,
  body: unknown,
): Promise<void> {
  const offered = await offeredSuperiorRhk(world, email, appraisalId);
  await act(world, email, appraisalId, "skp-proposal", cascaded(body, offered[0]?.id));
}

/**
 * Target setting as the cascade runs it (rule 27), level by level from the top: each participant proposes
 * (`proposalOf`, every RHK utama intervening on the first superior RHK their request offers) and their appraiser
 * approves; the next level is asked once its appraiser's SKP is approved. `people`: everyone seeded (appraisers outside
 * the cycle included); participants are those with a superior unless given.
 */
export async function setTargets(
  world: World,
  appraisalIdOf: (p: Person) => string,
  people: Person[],
  options: { participants?: Person[]; proposalOf?: (p: Person) => unknown } = {},
): Promise<void> {
  const participants = options.participants ?? people.filter((p) => p.superiorNip);
  const proposalOf = options.proposalOf ?? ((p: Person) => proposal(`Target ${p.name}`));
  const inCycle = new Map(participants.map((p) => [p.nip, p]));
  const depth = (p: Person): number => {
    const up = p.superiorNip ? inCycle.get(p.superiorNip) : undefined;
    return up ? depth(up) + 1 : 0;
  };
  const levels = new Map<number, Person[]>();
  for (const p of participants) levels.set(depth(p), [...(levels.get(depth(p)) ?? []), p]);
  for (const level of [...levels.keys()].sort((a, b) => a - b)) {
    const here = levels.get(level)!;
    const acts: Act[] = [];
    for (const p of here) {
      const offered = await offeredSuperiorRhk(world, p.email, appraisalIdOf(p));
      acts.push([p.email, appraisalIdOf(p), "skp-proposal", cascaded(proposalOf(p), offered[0]?.id)]);
    }
    await actAll(world, acts);
    await actAll(
      world,
      here.map((p): Act => {
        const appraiser = people.find((q) => q.nip === p.superiorNip);
        if (!appraiser) throw new Error(`no appraiser ${p.superiorNip} of ${p.nip} among the seeded people`);
        return [appraiser.email, appraisalIdOf(p), "skp-approval", { decision: "approve" }];
      }),
    );
  }
}
