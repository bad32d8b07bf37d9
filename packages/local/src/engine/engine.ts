// The durable local Step Functions executor: runs ASL executions step by step, committing every step to SQLite before acting on it.
import { randomBytes, randomUUID } from "node:crypto";
import type { AdjustableClock } from "@kinerja/core/clock/clock";
import type { ContextObject } from "./asl/context";
import { ERROR, StatesError } from "./asl/errors";
import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  applyResultSelector,
  readFailPath,
  readPath,
} from "./asl/paths";
import { selectChoice } from "./asl/choice";
import { findCatcher, nextRetry } from "./asl/retry";
import type { RetrierDefinition } from "./asl/types";
import { validateDefinition } from "./asl/validate";
import { StatesApiError } from "./errors";
import { arns, assertValidName } from "./names";
import {
  LambdaTimeoutError,
  lambdaError,
  lambdaFunctionName,
  lambdaInvokeResult,
  parseResource,
  requestId,
  type TaskResource,
} from "./resources";
import { ENGINE_LIMITS } from "./limits";
import type { ExecutionRow, ExecutionStatus, HistoryRow, ThreadRow, TimerRow, TokenRow } from "./store/rows";
import { openStore, type EngineStore } from "./store/store";

/** An in-process Lambda handler. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/**
 * A function the engine can invoke: a bare handler, or the handler with the timeout the function is configured with
 * (seconds; Lambda enforces it, so a handler running longer fails with Sandbox.Timedout). A bare handler gets Lambda's
 * maximum of 900 s.
 */
export type LambdaFunction = LambdaHandler | { handler: LambdaHandler; timeoutSeconds: number };

/** Resolves a Lambda function name to its in-process function (undefined = no such function). */
export type LambdaResolver = (functionName: string) => LambdaFunction | undefined;

/** Lambda's longest function timeout, given to functions that declare none. */
const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/** The part of the Lambda context object local handlers get. */
export interface LambdaContext {
  functionName: string;
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** Options of createEngine. */
export interface EngineOptions {
  /** SQLite file (created if missing) or ":memory:". */
  dbPath: string;
  /** The clock every timer follows. */
  clock: AdjustableClock;
  /** Where Lambda tasks find their handlers. */
  lambdas: LambdaResolver;
  region?: string;
  accountId?: string;
  /** Runs due timers as real time passes (default true); tests that only use advance() may turn it off. */
  realTime?: boolean;
  /** Random source for retry jitter (tests make it deterministic). */
  random?: () => number;
  /** How long advance() waits for work it started to settle before moving on (default 30 s). */
  settleTimeoutMs?: number;
  /**
   * Real time advance() lets pass before firing a Retry's timer: the n-th retry of a state waits
   * min(its delay, retryRealFloorMs * 2^(n-1), 2 s). Default 50 ms; 0 turns it off.
   */
  retryRealFloorMs?: number;
}

/** The most real time advance() holds back one retry for (see EngineOptions.retryRealFloorMs). */
const MAX_RETRY_REAL_FLOOR_MS = 2_000;

type Json = unknown;
type StateDef = Record<string, any>;
interface StatesBlock {
  StartAt: string;
  States: Record<string, StateDef>;
}

/** Scratch data a thread keeps for its current state (persisted with it). */
interface ThreadData {
  enteredMs?: number;
  retries?: number[];
  lastEventId?: number;
  /** The state's input after InputPath (Task/Parallel/Map) or the Wait's output base. */
  eff?: Json;
  /** The invocation in flight, kept so a restart can re-run it (at-least-once). */
  inv?: Invocation;
  token?: string;
  /** Children bookkeeping of Parallel/Map. */
  total?: number;
  remaining?: number;
  failed?: number;
  running?: number;
  /** Map iterations started so far (absent in rows written before it existed: then the pending ones are looked up). */
  started?: number;
  maxConcurrency?: number;
  toleratedCount?: number;
  toleratedPercent?: number;
  /** Map iteration index of this thread (child of a Map). */
  mapIndex?: number;
}

interface Invocation {
  mode: "sync" | "callback";
  functionName: string;
  event: Json;
  wrap: "invoke" | "bare";
}

interface ExecMeta {
  /** The execution's integer key in the store. */
  id: number;
  arn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  startMs: number;
  input: string;
  parsedInput?: Json;
  definition: StatesBlock;
  scopes: Map<string, StatesBlock>;
  historyCount: number;
  status: ExecutionStatus;
  /** Started by a parent's startExecution.sync task waiting on it (then its end is reported back). */
  hasParent: boolean;
}

/** Thrown inside a step when the execution would exceed AWS's 25,000 history events. */
class HistoryLimitReached extends Error {}

/** Longest run of data-only steps grouped into one commit (the pump's batch, or a start's first steps). */
const BATCH_MS = 8;

const TERMINAL: ExecutionStatus[] = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];
const TOKEN_PREFIX = "AQ";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const iso = (ms: number) => new Date(ms).toISOString();

/** The engine API (what the HTTP server and the dev runtime call). */
export type Engine = ReturnType<typeof createEngine>;

/** Creates the engine on a SQLite file, resumes every running execution found there and starts its timer loop. */
export function createEngine(options: EngineOptions) {
  const clock = options.clock;
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const arn = arns(region, accountId);
  const random = options.random ?? Math.random;
  const settleTimeoutMs = options.settleTimeoutMs ?? 30_000;
  const retryRealFloorMs = options.retryRealFloorMs ?? 50;
  // A Retry's backoff is simulated time, which a clock jump (advance) compresses to nothing: 12 attempts of a
  // "2 s doubling" retrier would run back to back in a few ms of real time, so a storage hiccup of a fraction of a
  // second (a busy DynamoDB Local) exhausted them and the execution took its Catch. advance() therefore waits, per
  // pending retry, a small real-time floor (thread id -> the retry timer's due time and the real time it may fire).
  const retryRealNotBefore = new Map<number, { dueMs: number; realMs: number }>();
  const store: EngineStore = openStore(options.dbPath);

  const metas = new Map<string, ExecMeta>();
  const readyQueue: number[] = [];
  const queued = new Set<number>();
  let inFlight = 0;
  let pumping = false;
  let inBatch = false;
  let pumpScheduled = false;
  let closed = false;
  let effects: (() => void)[] | null = null;
  /** Transitions recorded by the open transaction: [execution arn, state entered], written once per execution at commit. */
  const progress: [string, string][] = [];
  let idleWaiters: (() => void)[] = [];
  const activityWaiters = new Map<string, Set<() => void>>();
  const executionWaiters = new Map<string, Set<() => void>>();

  const now = () => clock.now().getTime();

  // ---------- transactions and effects ----------

  /** Runs `fn` as one transaction; effects registered with after() run only once it committed. */
  function step<T>(fn: () => T): T {
    if (effects) {
      // Inside a batch: a savepoint, so a failing step rolls back (with the effects it registered) without its neighbours.
      const mark = effects.length;
      const progressMark = progress.length;
      try {
        return store.savepoint(fn);
      } catch (error) {
        effects.length = mark;
        progress.length = progressMark;
        metas.clear();
        throw error;
      }
    }
    const list: (() => void)[] = [];
    effects = list;
    progress.length = 0;
    let result: T;
    try {
      result = store.transaction(() => {
        const value = fn();
        writeProgress();
        return value;
      });
    } catch (error) {
      metas.clear(); // cached counters may include rolled-back events
      throw error;
    } finally {
      effects = null;
      progress.length = 0;
    }
    for (const effect of list) effect();
    return result;
  }

  /** Counts one billable transition into `state`; inside a transaction it is written with the others at commit. */
  function recordTransition(executionArn: string, state: string) {
    if (effects) progress.push([executionArn, state]);
    else store.setCurrentState(executionArn, state, 1);
  }

  /**
   * Writes the transitions recorded in this transaction, one UPDATE per execution instead of one per state entered
   * (a batch of a 1000-state loop rewrote the same execution row 1000 times); still inside the transaction, so they
   * commit with the steps that made them.
   */
  function writeProgress() {
    if (progress.length === 0) return;
    const byExecution = new Map<string, { state: string; count: number }>();
    for (const [executionArn, state] of progress) {
      const entry = byExecution.get(executionArn);
      if (entry) {
        entry.state = state;
        entry.count += 1;
      } else byExecution.set(executionArn, { state, count: 1 });
    }
    progress.length = 0;
    for (const [executionArn, { state, count }] of byExecution)
      store.setCurrentState(executionArn, state, count);
  }

  function after(effect: () => void) {
    if (effects) effects.push(effect);
    else effect();
  }

  function enqueue(threadId: number) {
    if (inBatch) {
      // Same transaction as the pump's batch: the thread can run right away; if its creating step rolled back,
      // runThread finds no row and skips it.
      if (!queued.has(threadId)) {
        queued.add(threadId);
        readyQueue.push(threadId);
      }
      return;
    }
    after(() => {
      if (queued.has(threadId)) return;
      queued.add(threadId);
      readyQueue.push(threadId);
      schedulePump();
    });
  }

  function schedulePump() {
    if (pumpScheduled || pumping || closed) return;
    pumpScheduled = true;
    setImmediate(pump);
  }

  function pump() {
    pumpScheduled = false;
    if (closed) return;
    pumping = true;
    const started = Date.now();
    try {
      // Steps that only move data (Pass, Choice, branch bookkeeping) are grouped into one commit of up to ~8 ms;
      // nothing leaves the engine (Lambda calls, API answers, waiters) before that commit, so "committed before
      // acknowledged" still holds, at a fraction of the per-commit cost.
      while (readyQueue.length > 0 && Date.now() - started < 25) step(() => runBatch(Date.now()));
    } finally {
      pumping = false;
    }
    if (readyQueue.length > 0) schedulePump();
    else checkIdle();
  }

  /** Runs ready threads inside the open transaction for up to BATCH_MS from `batchStart` (the pump's batch, or a start's own). */
  function runBatch(batchStart: number, first?: number) {
    inBatch = true;
    try {
      if (first !== undefined) runThread(first, batchStart);
      while (readyQueue.length > 0 && Date.now() - batchStart < BATCH_MS) {
        const id = readyQueue.shift()!;
        queued.delete(id);
        runThread(id, batchStart);
      }
    } finally {
      inBatch = false;
    }
  }

  function checkIdle() {
    if (readyQueue.length === 0 && inFlight === 0 && !pumping && !pumpScheduled && idleWaiters.length > 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once no thread is ready and no Lambda invocation is in flight. */
  function idle(): Promise<void> {
    return new Promise((resolve) => {
      idleWaiters.push(resolve);
      checkIdle();
    });
  }

  // ---------- execution metadata and history ----------

  function meta(executionArn: string): ExecMeta {
    const cached = metas.get(executionArn);
    if (cached) return cached;
    const row = store.getExecution(executionArn);
    if (!row)
      throw new StatesApiError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    const machine = store.getMachine(row.stateMachineArn);
    return remember({
      id: row.id,
      arn: row.arn,
      name: row.name,
      stateMachineArn: row.stateMachineArn,
      stateMachineName: row.stateMachineArn.split(":").pop()!,
      roleArn: machine?.roleArn ?? `arn:aws:iam::${accountId}:role/local`,
      startMs: row.startMs,
      input: row.input,
      definition: parsedDefinition(row.definition),
      scopes: new Map(),
      historyCount: store.historyLength(row.id),
      status: row.status,
      hasParent: row.parentThread !== null,
    });
  }

  function remember(m: ExecMeta): ExecMeta {
    if (metas.size > 2000) metas.delete(metas.keys().next().value!);
    metas.set(m.arn, m);
    return m;
  }

  // Executions of one machine share its definition text; the parsed form is only read, so one copy serves them all.
  const definitions = new Map<string, StatesBlock>();
  function parsedDefinition(text: string): StatesBlock {
    let parsed = definitions.get(text);
    if (!parsed) {
      parsed = JSON.parse(text) as StatesBlock;
      if (definitions.size > 200) definitions.delete(definitions.keys().next().value!);
      definitions.set(text, parsed);
    }
    return parsed;
  }

  function emit(
    m: ExecMeta,
    type: string,
    details?: Record<string, unknown>,
    th?: ThreadRow,
    data?: ThreadData,
  ): number {
    const id = m.historyCount + 1;
    if (id >= ENGINE_LIMITS.historyEvents && !type.startsWith("Execution")) throw new HistoryLimitReached();
    const previous = data?.lastEventId ?? (th ? 0 : m.historyCount);
    store.appendHistory(m.id, id, {
      timestampMs: now(),
      type,
      previousEventId: previous,
      details: details ? JSON.stringify(details) : null,
    });
    m.historyCount = id;
    if (data) data.lastEventId = id;
    return id;
  }

  function scopeBlock(m: ExecMeta, scope: string): StatesBlock {
    if (scope === "") return m.definition;
    const cached = m.scopes.get(scope);
    if (cached) return cached;
    // scope = JSON [[stateName, branchIndex or -1 for a Map processor], ...] from the top-level States down
    let block = m.definition;
    for (const [name, index] of JSON.parse(scope) as [string, number][]) {
      const state = block.States[name];
      block = index < 0 ? (state.ItemProcessor ?? state.Iterator) : state.Branches[index];
    }
    m.scopes.set(scope, block);
    return block;
  }

  function childScope(scope: string, stateName: string, index: number): string {
    const path = scope === "" ? [] : (JSON.parse(scope) as [string, number][]);
    return JSON.stringify([...path, [stateName, index]]);
  }

  function context(
    m: ExecMeta,
    th: ThreadRow,
    data: ThreadData,
    extra?: Partial<ContextObject>,
  ): ContextObject {
    if (m.parsedInput === undefined) m.parsedInput = JSON.parse(m.input);
    return {
      Execution: {
        Id: m.arn,
        Input: m.parsedInput,
        Name: m.name,
        RoleArn: m.roleArn,
        StartTime: iso(m.startMs),
        RedriveCount: 0,
      },
      State: {
        EnteredTime: iso(data.enteredMs ?? now()),
        Name: th.state,
        RetryCount: (data.retries ?? []).reduce((a, b) => a + b, 0),
      },
      StateMachine: { Id: m.stateMachineArn, Name: m.stateMachineName },
      ...extra,
    };
  }

  // ---------- threads ----------

  /**
   * Keeps a state's effective input (after InputPath) with its thread data. Without an InputPath it equals the state's
   * input, which the row already holds: then it is kept in memory only (not enumerable, so save() skips it) and
   * effective() parses the input again after a reload. Map and Parallel parents, rewritten once per finished child, and
   * Tasks thus stop storing (and re-serialising) their whole input a second time.
   */
  function keepEffective(data: ThreadData, def: StateDef, eff: Json) {
    const enumerable = def.InputPath !== undefined && def.InputPath !== "$";
    Object.defineProperty(data, "eff", { value: eff, enumerable, writable: true, configurable: true });
  }

  /** The state's effective input kept by keepEffective (or, after a reload, the input again). */
  function effective(th: ThreadRow, data: ThreadData): Json {
    return "eff" in data ? data.eff : (JSON.parse(th.input) as Json);
  }

  function readData(th: ThreadRow): ThreadData {
    return JSON.parse(th.data) as ThreadData;
  }

  function save(th: ThreadRow, data: ThreadData) {
    if (th === advancingThread) deferredData = null; // written through: nothing left to flush
    th.data = JSON.stringify(data);
    store.updateThread(th);
  }

  // The thread runThread is moving through data-only states writes its row once per slice instead of once per state:
  // exitState leaves the new data here, the next step reads it from here, and runThread writes it before the slice
  // ends (still in the same transaction). Nothing reads that row from the database in between: its own steps take
  // the data from here, and a thread that ends, waits or fails is written through by save() at once.
  let advancingThread: ThreadRow | null = null;
  let deferredData: ThreadData | null = null;

  /** Writes the row runThread deferred, if any. */
  function flushDeferred() {
    if (advancingThread && deferredData) save(advancingThread, deferredData);
    advancingThread = null;
    deferredData = null;
  }

  function stringifyPayload(value: Json, what: string): string {
    const text = JSON.stringify(value === undefined ? null : value);
    if (bytes(text) > ENGINE_LIMITS.payloadBytes) {
      throw new StatesError(
        ERROR.DataLimitExceeded,
        `The state/task returned a result with a size exceeding the maximum number of bytes service limit (${what}).`,
      );
    }
    return text;
  }

  function runThread(id: number, sliceStart: number) {
    let th = store.getThread(id);
    advancingThread = th ?? null;
    deferredData = null;
    try {
      while (th && th.status === "ready") {
        const current: ThreadRow = th;
        try {
          step(() => advanceThread(current));
        } catch (error) {
          // The failed step rolled back; crashing the execution deletes its threads, so the deferred row is moot.
          advancingThread = null;
          deferredData = null;
          crashExecution(current.executionArn, error);
          return;
        }
        th = current.status === "ready" ? current : undefined;
        if (th && Date.now() - sliceStart > BATCH_MS) {
          flushDeferred();
          enqueue(th.id);
          return;
        }
      }
      flushDeferred();
    } finally {
      advancingThread = null;
      deferredData = null;
    }
  }

  /** Fails an execution whose step broke (history limit, or an engine bug surfaced as States.Runtime). */
  function crashExecution(executionArn: string, error: unknown) {
    const [err, cause] =
      error instanceof HistoryLimitReached
        ? [
            ERROR.Runtime,
            `The execution reached the maximum number of history events (${ENGINE_LIMITS.historyEvents}).`,
          ]
        : error instanceof StatesError
          ? [error.error, error.cause ?? ""]
          : [
              ERROR.Runtime,
              `Internal engine error: ${error instanceof Error ? error.message : String(error)}`,
            ];
    step(() => finishExecution(meta(executionArn), "FAILED", null, err, cause));
  }

  function advanceThread(th: ThreadRow) {
    const m = meta(th.executionArn);
    const data = th === advancingThread && deferredData ? deferredData : readData(th);
    if (m.status !== "RUNNING") {
      th.status = "cancelled";
      save(th, data);
      return;
    }
    const def = scopeBlock(m, th.scope).States[th.state];
    try {
      if (th.phase === "enter") enterState(m, th, data, def);
      else if (th.phase === "start") startState(m, th, data, def);
      else if (th.phase === "after-wait") {
        const out = applyOutputPath(effective(th, data), def.OutputPath, context(m, th, data));
        exitState(m, th, data, def, out);
      }
    } catch (error) {
      if (error instanceof HistoryLimitReached) throw error;
      const [name, cause] =
        error instanceof StatesError
          ? [error.error, error.cause ?? ""]
          : [ERROR.Runtime, String((error as Error)?.message ?? error)];
      failState(m, th, data, def, name, cause);
    }
  }

  function enterState(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef) {
    const type = def.Type as string;
    data.enteredMs = now();
    data.retries = [];
    emit(
      m,
      `${type}StateEntered`,
      { stateEnteredEventDetails: { name: th.state, input: th.input, inputDetails: { truncated: false } } },
      th,
      data,
    );
    recordTransition(m.arn, th.state);
    const input = JSON.parse(th.input) as Json;
    const ctx = context(m, th, data);
    switch (type) {
      case "Pass": {
        let eff = applyInputPath(input, def.InputPath, ctx);
        if (def.Parameters !== undefined) eff = applyParameters(def.Parameters, eff, ctx);
        const result = "Result" in def ? def.Result : eff;
        const out = applyOutputPath(applyResultPath(input, result, def.ResultPath), def.OutputPath, ctx);
        return exitState(m, th, data, def, out);
      }
      case "Choice": {
        const eff = applyInputPath(input, def.InputPath, ctx);
        const next = selectChoice(def as { Choices: object[]; Default?: string }, eff, ctx);
        const out = applyOutputPath(eff, def.OutputPath, ctx);
        return exitState(m, th, data, def, out, next);
      }
      case "Succeed": {
        const out = applyOutputPath(applyInputPath(input, def.InputPath, ctx), def.OutputPath, ctx);
        return exitState(m, th, data, def, out);
      }
      case "Fail": {
        const error =
          def.Error ??
          (def.ErrorPath !== undefined ? readFailPath("ErrorPath", def.ErrorPath, input, ctx) : null);
        const cause =
          def.Cause ??
          (def.CausePath !== undefined ? readFailPath("CausePath", def.CausePath, input, ctx) : null);
        return failThread(m, th, data, error, cause);
      }
      case "Wait": {
        const eff = applyInputPath(input, def.InputPath, ctx);
        const dueMs = waitDue(def, eff, ctx, data.enteredMs);
        keepEffective(data, def, eff);
        th.attempt += 1;
        th.phase = "after-wait";
        th.status = "waiting";
        store.insertTimer({
          dueMs,
          kind: "wait",
          threadId: th.id,
          attempt: th.attempt,
          executionArn: m.arn,
          token: null,
        });
        save(th, data);
        return;
      }
      case "Task":
      case "Parallel":
      case "Map": {
        keepEffective(data, def, applyInputPath(input, def.InputPath, ctx));
        th.phase = "start";
        return startState(m, th, data, def);
      }
      default:
        throw new StatesError(ERROR.Runtime, `Unsupported state type '${type}'`);
    }
  }

  function waitDue(def: StateDef, eff: Json, ctx: ContextObject, enteredMs: number): number {
    if (typeof def.Seconds === "number") return enteredMs + def.Seconds * 1000;
    if (def.SecondsPath !== undefined) {
      const seconds = readPath(eff, def.SecondsPath, ctx);
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
        throw new StatesError(
          ERROR.Runtime,
          `The SecondsPath parameter does not reference a valid non-negative integer: ${JSON.stringify(seconds)}`,
        );
      }
      return enteredMs + seconds * 1000;
    }
    const stamp =
      def.Timestamp ?? (def.TimestampPath !== undefined ? readPath(eff, def.TimestampPath, ctx) : undefined);
    const ms = typeof stamp === "string" ? Date.parse(stamp) : NaN;
    if (Number.isNaN(ms))
      throw new StatesError(
        ERROR.Runtime,
        `The TimestampPath parameter does not reference a valid ISO-8601 timestamp: ${JSON.stringify(stamp)}`,
      );
    return ms;
  }

  /** Leaves the current state with `output`: to `next` (or the state's Next), or ends the thread. */
  function exitState(
    m: ExecMeta,
    th: ThreadRow,
    data: ThreadData,
    def: StateDef,
    output: Json,
    next?: string,
  ) {
    const text = stringifyPayload(output, `output of state '${th.state}'`);
    const type = def.Type as string;
    emit(
      m,
      `${type}StateExited`,
      { stateExitedEventDetails: { name: th.state, output: text, outputDetails: { truncated: false } } },
      th,
      data,
    );
    const target =
      next ?? (def.End === true || type === "Succeed" ? undefined : (def.Next as string | undefined));
    if (target === undefined) return succeedThread(m, th, data, text);
    th.state = target;
    th.phase = "enter";
    th.status = "ready";
    th.input = text;
    const nextData: ThreadData = { lastEventId: data.lastEventId, mapIndex: data.mapIndex };
    if (th === advancingThread) deferredData = nextData;
    else save(th, nextData);
  }

  // ---------- Task / Parallel / Map start ----------

  function startState(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef) {
    if (def.Type === "Task") return startTask(m, th, data, def);
    if (def.Type === "Parallel") return startParallel(m, th, data, def);
    return startMap(m, th, data, def);
  }

  function seconds(
    def: StateDef,
    field: "TimeoutSeconds" | "HeartbeatSeconds",
    eff: Json,
    ctx: ContextObject,
  ): number | undefined {
    if (typeof def[field] === "number") return def[field] as number;
    const path = def[`${field}Path`];
    if (path === undefined) return undefined;
    const value = readPath(eff, path, ctx);
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      throw new StatesError(
        ERROR.Runtime,
        `The ${field}Path parameter does not reference a positive integer: ${JSON.stringify(value)}`,
      );
    }
    return value;
  }

  function newToken(): string {
    return TOKEN_PREFIX + randomBytes(96).toString("base64url");
  }

  function startTask(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef) {
    th.attempt += 1;
    const resource = parseResource(String(def.Resource));
    const callback =
      (resource.kind === "lambda-invoke" && resource.callback) ||
      (resource.kind === "start-execution" && resource.mode === "callback") ||
      resource.kind === "activity";
    const token = callback ? newToken() : undefined;
    const ctx = context(m, th, data, token ? { Task: { Token: token } } : {});
    const eff = effective(th, data);
    const params: Json = def.Parameters !== undefined ? applyParameters(def.Parameters, eff, ctx) : eff;
    const timeout = seconds(def, "TimeoutSeconds", eff, ctx);
    const heartbeat = seconds(def, "HeartbeatSeconds", eff, ctx);
    const paramsText = stringifyPayload(params, `parameters of state '${th.state}'`);
    const resourceType = resourceTypeOf(resource);
    const t = now();
    if (timeout !== undefined) {
      store.insertTimer({
        dueMs: t + timeout * 1000,
        kind: "task-timeout",
        threadId: th.id,
        attempt: th.attempt,
        executionArn: m.arn,
        token: null,
      });
    }
    if (token) {
      store.insertToken({
        token,
        threadId: th.id,
        attempt: th.attempt,
        executionArn: m.arn,
        state: th.state,
        kind: resource.kind === "activity" ? "activity" : "callback",
        status: "active",
        activityArn: resource.kind === "activity" ? resource.activityArn : null,
        input: resource.kind === "activity" ? paramsText : null,
        createdMs: t,
        heartbeatSeconds: heartbeat ?? null,
      });
      data.token = token;
      // AWS starts the heartbeat clock when a callback task starts; an activity's when a worker picks it up.
      if (heartbeat !== undefined && resource.kind !== "activity") {
        store.insertTimer({
          dueMs: t + heartbeat * 1000,
          kind: "heartbeat",
          threadId: th.id,
          attempt: th.attempt,
          executionArn: m.arn,
          token,
        });
      }
    } else {
      delete data.token;
    }

    if (resource.kind === "lambda-arn" || resource.kind === "lambda-invoke") {
      let functionName: string;
      let event: Json;
      if (resource.kind === "lambda-arn") {
        functionName = resource.functionName;
        event = params;
        emit(
          m,
          "LambdaFunctionScheduled",
          {
            lambdaFunctionScheduledEventDetails: {
              resource: resource.resource,
              input: paramsText,
              timeoutInSeconds: timeout,
            },
          },
          th,
          data,
        );
        emit(m, "LambdaFunctionStarted", undefined, th, data);
      } else {
        const p = (params ?? {}) as Record<string, Json>;
        if (typeof p.FunctionName !== "string")
          throw new StatesError(
            ERROR.Runtime,
            "The field 'FunctionName' is required for arn:aws:states:::lambda:invoke",
          );
        functionName = lambdaFunctionName(p.FunctionName);
        event = "Payload" in p ? p.Payload : {};
        emitTaskScheduled(m, th, data, resource, paramsText, timeout, heartbeat);
        emit(
          m,
          "TaskStarted",
          { taskStartedEventDetails: { resourceType, resource: resourceName(resource) } },
          th,
          data,
        );
      }
      data.inv = {
        mode: callback ? "callback" : "sync",
        functionName,
        event,
        wrap: resource.kind === "lambda-arn" ? "bare" : "invoke",
      };
      th.status = "running";
      save(th, data);
      const invocation = data.inv;
      const [threadId, attempt] = [th.id, th.attempt];
      after(() => invoke(threadId, attempt, invocation));
      return;
    }

    if (resource.kind === "activity") {
      if (!store.getActivity(resource.activityArn)) {
        throw new StatesError("States.Runtime", `Activity does not exist: ${resource.activityArn}`);
      }
      emit(
        m,
        "ActivityScheduled",
        {
          activityScheduledEventDetails: {
            resource: resource.resource,
            input: paramsText,
            inputDetails: { truncated: false },
            timeoutInSeconds: timeout,
            heartbeatInSeconds: heartbeat,
          },
        },
        th,
        data,
      );
      th.status = "waiting";
      save(th, data);
      after(() => notifyActivity(resource.activityArn));
      return;
    }

    if (resource.kind === "start-execution") {
      emitTaskScheduled(m, th, data, resource, paramsText, timeout, heartbeat);
      emit(
        m,
        "TaskStarted",
        { taskStartedEventDetails: { resourceType, resource: resourceName(resource) } },
        th,
        data,
      );
      const p = (params ?? {}) as Record<string, Json>;
      const child = startExecutionInTx({
        stateMachineArn: p.StateMachineArn,
        name: p.Name,
        input: typeof p.Input === "string" ? p.Input : p.Input === undefined ? "{}" : JSON.stringify(p.Input),
        parent:
          resource.mode === "sync" || resource.mode === "sync2"
            ? { threadId: th.id, attempt: th.attempt, arn: m.arn }
            : null,
      });
      if (child.error)
        throw new StatesError(`StepFunctions.${child.error.type}Exception`, child.error.message);
      if (resource.mode === "async") {
        const result = { ExecutionArn: child.value!.executionArn, StartDate: child.value!.startMs };
        th.status = "running";
        return completeTask(m, th, data, def, result);
      }
      th.status = "waiting";
      save(th, data);
      return;
    }

    throw new StatesError(ERROR.Runtime, `Unsupported Task resource '${resource.resource}'`);
  }

  function resourceTypeOf(resource: TaskResource): string {
    if (resource.kind === "lambda-invoke") return "lambda";
    if (resource.kind === "start-execution") return "states";
    if (resource.kind === "activity") return "activity";
    return "lambda";
  }

  function resourceName(resource: TaskResource): string {
    if (resource.kind === "lambda-invoke") return resource.callback ? "invoke.waitForTaskToken" : "invoke";
    if (resource.kind === "start-execution")
      return {
        async: "startExecution",
        sync: "startExecution.sync",
        sync2: "startExecution.sync:2",
        callback: "startExecution.waitForTaskToken",
      }[resource.mode];
    return resource.resource;
  }

  function emitTaskScheduled(
    m: ExecMeta,
    th: ThreadRow,
    data: ThreadData,
    resource: TaskResource,
    params: string,
    timeout?: number,
    heartbeat?: number,
  ) {
    emit(
      m,
      "TaskScheduled",
      {
        taskScheduledEventDetails: {
          resourceType: resourceTypeOf(resource),
          resource: resourceName(resource),
          region,
          parameters: params,
          timeoutInSeconds: timeout,
          heartbeatInSeconds: heartbeat,
        },
      },
      th,
      data,
    );
  }

  /** Calls the Lambda handler outside any transaction; its outcome is applied in a new step if the attempt is still current. */
  function invoke(threadId: number, attempt: number, inv: Invocation) {
    if (closed) return;
    inFlight += 1;
    const resolved = options.lambdas(inv.functionName);
    const fn = typeof resolved === "function" ? { handler: resolved, timeoutSeconds: undefined } : resolved;
    const awsRequestId = requestId();
    const timeoutSeconds = fn?.timeoutSeconds ?? LAMBDA_MAX_TIMEOUT_SECONDS;
    const run = async () => {
      if (!fn) {
        const error = new Error(
          `Function not found: arn:aws:lambda:${region}:${accountId}:function:${inv.functionName}`,
        );
        error.name = "Lambda.ResourceNotFoundException";
        throw error;
      }
      // Lambda's timeout is real time, as in the cloud; the engine's clock (advance) does not move it. The handler
      // cannot be stopped in-process: past its deadline its outcome is ignored and the Task fails as Lambda reports.
      const deadline = Date.now() + timeoutSeconds * 1000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new LambdaTimeoutError(awsRequestId, timeoutSeconds)),
          timeoutSeconds * 1000,
        );
        timer.unref();
      });
      try {
        return await Promise.race([
          fn.handler(structuredClone(inv.event), {
            functionName: inv.functionName,
            awsRequestId,
            getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
          }),
          timedOut,
        ]);
      } finally {
        clearTimeout(timer);
      }
    };
    // Started from a microtask, not synchronously: the effect runs right after a commit, possibly inside an API call
    // (a start runs its first steps inline), and the handler should begin only once that call has returned.
    Promise.resolve()
      .then(run)
      .then(
        (value) => ({ ok: true as const, value }),
        (thrown: unknown) => ({ ok: false as const, thrown }),
      )
      .then((outcome) => {
        if (closed) return;
        try {
          step(() => onInvocationDone(threadId, attempt, inv, outcome, awsRequestId));
        } catch (error) {
          const th = store.getThread(threadId);
          if (th) crashExecution(th.executionArn, error);
        }
      })
      .finally(() => {
        inFlight -= 1;
        checkIdle();
      });
  }

  function onInvocationDone(
    threadId: number,
    attempt: number,
    inv: Invocation,
    outcome: { ok: true; value: unknown } | { ok: false; thrown: unknown },
    awsRequestId: string,
  ) {
    const th = store.getThread(threadId);
    if (
      !th ||
      th.attempt !== attempt ||
      th.phase !== "start" ||
      (th.status !== "running" && th.status !== "waiting")
    )
      return;
    const m = meta(th.executionArn);
    if (m.status !== "RUNNING") return;
    const data = readData(th);
    const def = scopeBlock(m, th.scope).States[th.state];
    const resource = parseResource(String(def.Resource));
    if (!outcome.ok) {
      const { error, cause } = lambdaError(outcome.thrown);
      if (data.token) store.setTokenStatus(data.token, "closed");
      if (inv.wrap === "bare")
        emit(m, "LambdaFunctionFailed", { lambdaFunctionFailedEventDetails: { error, cause } }, th, data);
      else
        emit(
          m,
          "TaskFailed",
          {
            taskFailedEventDetails: {
              resourceType: "lambda",
              resource: resourceName(resource),
              error,
              cause,
            },
          },
          th,
          data,
        );
      return failState(m, th, data, def, error, cause);
    }
    if (inv.mode === "callback") {
      if (th.status !== "running") return;
      emit(
        m,
        "TaskSubmitted",
        {
          taskSubmittedEventDetails: {
            resourceType: "lambda",
            resource: resourceName(resource),
            output: JSON.stringify(lambdaInvokeResult(outcome.value, awsRequestId)),
          },
        },
        th,
        data,
      );
      th.status = "waiting";
      save(th, data);
      return;
    }
    const result =
      inv.wrap === "invoke"
        ? lambdaInvokeResult(outcome.value, awsRequestId)
        : outcome.value === undefined
          ? null
          : outcome.value;
    try {
      completeTask(m, th, data, def, result);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      failState(m, th, data, def, error.error, error.cause ?? "");
    }
  }

  /** Re-issues the in-flight invocation of a thread found "running" (after a restart). */
  function resumeInvocation(th: ThreadRow) {
    const data = readData(th);
    if (data.inv) invoke(th.id, th.attempt, data.inv);
  }

  /** A Task produced its raw result: ResultSelector, ResultPath, OutputPath, then on to Next. */
  function completeTask(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef, result: Json) {
    const resource = parseResource(String(def.Resource));
    const text = stringifyPayload(result, `result of state '${th.state}'`);
    if (resource.kind === "lambda-arn")
      emit(
        m,
        "LambdaFunctionSucceeded",
        { lambdaFunctionSucceededEventDetails: { output: text, outputDetails: { truncated: false } } },
        th,
        data,
      );
    else if (resource.kind === "activity")
      emit(
        m,
        "ActivitySucceeded",
        { activitySucceededEventDetails: { output: text, outputDetails: { truncated: false } } },
        th,
        data,
      );
    else
      emit(
        m,
        "TaskSucceeded",
        {
          taskSucceededEventDetails: {
            resourceType: resourceTypeOf(resource),
            resource: resourceName(resource),
            output: text,
            outputDetails: { truncated: false },
          },
        },
        th,
        data,
      );
    clearAttempt(th, data);
    finishStateWithResult(m, th, data, def, result);
  }

  function finishStateWithResult(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef, result: Json) {
    const ctx = context(m, th, data);
    const input = JSON.parse(th.input) as Json;
    const selected =
      def.ResultSelector !== undefined ? applyResultSelector(def.ResultSelector, result, ctx) : result;
    const out = applyOutputPath(applyResultPath(input, selected, def.ResultPath), def.OutputPath, ctx);
    th.status = "ready";
    exitState(m, th, data, def, out);
    if (th.status === "ready") enqueue(th.id);
  }

  /** Drops the timers and tokens of the thread's current attempt. */
  function clearAttempt(th: ThreadRow, data: ThreadData) {
    store.deleteThreadTimers([th.id]);
    if (data.token) {
      const tk = store.getToken(data.token);
      if (tk && (tk.status === "active" || tk.status === "started")) store.setTokenStatus(data.token, "done");
    }
    delete data.inv;
  }

  /** The state failed with `error`: Retry, else Catch, else the thread fails. */
  function failState(
    m: ExecMeta,
    th: ThreadRow,
    data: ThreadData,
    def: StateDef,
    error: string,
    cause: string | null,
  ) {
    clearAttempt(th, data);
    // A missed heartbeat is matched as States.HeartbeatTimeout (see errorMatches) but reported as States.Timeout.
    const reported = error === ERROR.HeartbeatTimeout ? ERROR.Timeout : error;
    const type = def?.Type as string | undefined;
    if (type === "Task" || type === "Parallel" || type === "Map") {
      if (type !== "Task") {
        cancelChildren(th);
        emit(m, `${type}StateFailed`, undefined, th, data);
      }
      const retriers = def.Retry as RetrierDefinition[] | undefined;
      const attempts = data.retries ?? [];
      const retry = nextRetry(retriers, error, attempts, random);
      if (retry) {
        attempts[retry.retrierIndex] = (attempts[retry.retrierIndex] ?? 0) + 1;
        data.retries = attempts;
        th.phase = "start";
        th.status = "waiting";
        recordTransition(m.arn, th.state); // each retry is a billable transition
        const dueMs = now() + retry.delayMs;
        store.insertTimer({
          dueMs,
          kind: "retry",
          threadId: th.id,
          attempt: th.attempt,
          executionArn: m.arn,
          token: null,
        });
        const floor = Math.min(
          retry.delayMs,
          retryRealFloorMs * 2 ** Math.min(attempts[retry.retrierIndex]! - 1, 16),
          MAX_RETRY_REAL_FLOOR_MS,
        );
        if (floor > 0) retryRealNotBefore.set(th.id, { dueMs, realMs: Date.now() + floor });
        save(th, data);
        return;
      }
      const catcher = findCatcher(def.Catch, error);
      if (catcher) {
        const input = JSON.parse(th.input) as Json;
        let out: Json;
        try {
          // AWS leaves Cause out of the caught error when the failure has none (a timeout).
          const caught = cause === null ? { Error: reported } : { Error: reported, Cause: cause };
          out = applyResultPath(input, caught, catcher.ResultPath);
        } catch (e) {
          const se = e instanceof StatesError ? e : new StatesError(ERROR.Runtime, String(e));
          return failThread(m, th, data, se.error, se.cause ?? "");
        }
        const text = stringifyPayload(out, `output of state '${th.state}'`);
        emit(
          m,
          `${type}StateExited`,
          { stateExitedEventDetails: { name: th.state, output: text, outputDetails: { truncated: false } } },
          th,
          data,
        );
        th.state = catcher.Next;
        th.phase = "enter";
        th.status = "ready";
        th.input = text;
        save(th, { lastEventId: data.lastEventId, mapIndex: data.mapIndex });
        enqueue(th.id);
        return;
      }
    }
    failThread(m, th, data, reported, cause);
  }

  function cancelChildren(th: ThreadRow) {
    const ids = store.descendantIds(th.id);
    store.cancelThreads(ids);
    store.deleteThreads(ids);
  }

  // ---------- thread ends ----------

  function succeedThread(m: ExecMeta, th: ThreadRow, data: ThreadData, output: string) {
    th.status = "done";
    th.output = output;
    save(th, data);
    if (th.parentId === null) return finishExecution(m, "SUCCEEDED", output, null, null);
    childFinished(m, th, data, true);
  }

  function failThread(
    m: ExecMeta,
    th: ThreadRow,
    data: ThreadData,
    error: string | null,
    cause: string | null,
  ) {
    th.status = "failed";
    th.error = error;
    th.cause = cause;
    save(th, data);
    if (th.parentId === null) return finishExecution(m, "FAILED", null, error, cause);
    childFinished(m, th, data, false);
  }

  function childFinished(m: ExecMeta, child: ThreadRow, childData: ThreadData, ok: boolean) {
    const parent = store.getThread(child.parentId!)!;
    if (parent.status !== "waiting" || parent.phase !== "start") return;
    const pdata = readData(parent);
    const pdef = scopeBlock(m, parent.scope).States[parent.state];
    const isMap = pdef.Type === "Map";
    if (isMap) {
      emit(
        m,
        ok ? "MapIterationSucceeded" : "MapIterationFailed",
        {
          [ok ? "mapIterationSucceededEventDetails" : "mapIterationFailedEventDetails"]: {
            name: parent.state,
            index: childData.mapIndex,
          },
        },
        parent,
        pdata,
      );
    }
    pdata.remaining = (pdata.remaining ?? 1) - 1;
    pdata.running = (pdata.running ?? 1) - 1;
    if (!ok) {
      pdata.failed = (pdata.failed ?? 0) + 1;
      const tolerated = isMap && withinTolerance(pdata);
      if (!tolerated) {
        const error = child.error ?? (isMap ? ERROR.TaskFailed : ERROR.BranchFailed);
        if (isMap && (pdata.toleratedCount !== undefined || pdata.toleratedPercent !== undefined)) {
          return failState(
            m,
            parent,
            pdata,
            pdef,
            ERROR.ExceedToleratedFailureThreshold,
            `The number of failed items exceeded the tolerated failure threshold of the Map state '${parent.state}'.`,
          );
        }
        return failState(m, parent, pdata, pdef, error, child.cause);
      }
    }
    if (pdata.remaining <= 0) {
      const children = store.childThreads(parent.id);
      const results = children.map((c) =>
        c.status === "done" ? (JSON.parse(c.output ?? "null") as Json) : { Error: c.error, Cause: c.cause },
      );
      emit(m, isMap ? "MapStateSucceeded" : "ParallelStateSucceeded", undefined, parent, pdata);
      const ids = store.descendantIds(parent.id);
      store.deleteThreads(ids);
      clearAttempt(parent, pdata);
      try {
        finishStateWithResult(m, parent, pdata, pdef, results);
      } catch (error) {
        if (!(error instanceof StatesError)) throw error;
        failState(m, parent, pdata, pdef, error.error, error.cause ?? "");
      }
      return;
    }
    if (isMap) startPendingIterations(m, parent, pdata);
    save(parent, pdata);
  }

  function withinTolerance(pdata: ThreadData): boolean {
    const failed = pdata.failed ?? 0;
    if (pdata.toleratedCount === undefined && pdata.toleratedPercent === undefined) return false;
    if (pdata.toleratedCount !== undefined && failed <= pdata.toleratedCount) return true;
    if (
      pdata.toleratedPercent !== undefined &&
      pdata.total &&
      (failed / pdata.total) * 100 <= pdata.toleratedPercent
    )
      return true;
    return false;
  }

  // ---------- Parallel and Map ----------

  function startParallel(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef) {
    th.attempt += 1;
    const ctx = context(m, th, data);
    const eff = effective(th, data);
    const input = def.Parameters !== undefined ? applyParameters(def.Parameters, eff, ctx) : eff;
    const text = stringifyPayload(input, `input of state '${th.state}'`);
    const branches = def.Branches as StatesBlock[];
    emit(m, "ParallelStateStarted", undefined, th, data);
    branches.forEach((branch, index) => {
      const id = store.insertThread({
        executionArn: m.arn,
        parentId: th.id,
        idx: index,
        scope: childScope(th.scope, th.state, index),
        state: branch.StartAt,
        phase: "enter",
        status: "ready",
        input: text,
        data: "{}",
      });
      enqueue(id);
    });
    data.total = branches.length;
    data.remaining = branches.length;
    data.running = branches.length;
    data.failed = 0;
    th.status = "waiting";
    save(th, data);
  }

  function startMap(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef) {
    th.attempt += 1;
    const ctx = context(m, th, data);
    if (def.ItemReader !== undefined) {
      throw new StatesError(
        ERROR.ItemReaderFailed,
        "ItemReader (reading items from S3) is not available in the local engine; pass items in the input.",
      );
    }
    const eff = effective(th, data);
    const items = def.ItemsPath !== undefined ? readPath(eff, def.ItemsPath, ctx) : eff;
    if (!Array.isArray(items)) {
      throw new StatesError(
        ERROR.Runtime,
        `Map state '${th.state}' input (ItemsPath ${def.ItemsPath ?? "$"}) is not an array: ${JSON.stringify(items)?.slice(0, 200)}`,
      );
    }
    const selector = def.ItemSelector ?? def.Parameters;
    const processor = (def.ItemProcessor ?? def.Iterator) as StatesBlock;
    const scope = childScope(th.scope, th.state, -1);
    emit(m, "MapStateStarted", { mapStateStartedEventDetails: { length: items.length } }, th, data);
    const inputs = items.map((value, index) => {
      const itemInput =
        selector !== undefined
          ? applyParameters(selector, eff, { ...ctx, Map: { Item: { Index: index, Value: value } } })
          : value;
      return stringifyPayload(itemInput, `item ${index} of state '${th.state}'`);
    });
    const maxConcurrency =
      def.MaxConcurrency ??
      (def.MaxConcurrencyPath !== undefined ? readPath(eff, def.MaxConcurrencyPath, ctx) : 0);
    data.total = items.length;
    data.remaining = items.length;
    data.running = 0;
    data.started = 0;
    data.failed = 0;
    data.maxConcurrency = typeof maxConcurrency === "number" && maxConcurrency > 0 ? maxConcurrency : 0;
    const toleratedCount =
      def.ToleratedFailureCount ??
      (def.ToleratedFailureCountPath !== undefined
        ? readPath(eff, def.ToleratedFailureCountPath, ctx)
        : undefined);
    const toleratedPercent =
      def.ToleratedFailurePercentage ??
      (def.ToleratedFailurePercentagePath !== undefined
        ? readPath(eff, def.ToleratedFailurePercentagePath, ctx)
        : undefined);
    if (typeof toleratedCount === "number") data.toleratedCount = toleratedCount;
    if (typeof toleratedPercent === "number") data.toleratedPercent = toleratedPercent;
    // Iterations within MaxConcurrency are written ready and started at once (the same MapIterationStarted events, in
    // the same order, as starting them from pending); only the rest wait as pending for startPendingIterations.
    const startNow = data.maxConcurrency || items.length;
    inputs.forEach((input, index) => {
      const ready = index < startNow;
      const id = store.insertThread({
        executionArn: m.arn,
        parentId: th.id,
        idx: index,
        scope,
        state: processor.StartAt,
        phase: "enter",
        status: ready ? "ready" : "pending",
        input,
        data: JSON.stringify({ mapIndex: index }),
      });
      if (!ready) return;
      emit(
        m,
        "MapIterationStarted",
        { mapIterationStartedEventDetails: { name: th.state, index } },
        th,
        data,
      );
      data.running! += 1;
      data.started! += 1;
      enqueue(id);
    });
    th.status = "waiting";
    if (items.length === 0) {
      emit(m, "MapStateSucceeded", undefined, th, data);
      return finishStateWithResult(m, th, data, def, []);
    }
    startPendingIterations(m, th, data);
    save(th, data);
  }

  function startPendingIterations(m: ExecMeta, th: ThreadRow, data: ThreadData) {
    const limit = data.maxConcurrency ? data.maxConcurrency - (data.running ?? 0) : Number.MAX_SAFE_INTEGER;
    if (limit <= 0) return;
    // Once every iteration has started there is nothing pending; skipping the lookup keeps a Map linear in its items
    // (the pending-children query scans the parent's children, and it ran after every iteration).
    if (data.started !== undefined && data.total !== undefined && data.started >= data.total) return;
    for (const child of store.nextPendingChildren(th.id, Math.min(limit, 1_000_000))) {
      store.setThreadStatus(child.id, "ready");
      emit(
        m,
        "MapIterationStarted",
        { mapIterationStartedEventDetails: { name: th.state, index: child.idx } },
        th,
        data,
      );
      data.running = (data.running ?? 0) + 1;
      if (data.started !== undefined) data.started += 1;
      enqueue(child.id);
    }
  }

  // ---------- executions ----------

  function finishExecution(
    m: ExecMeta,
    status: ExecutionStatus,
    output: string | null,
    error: string | null,
    cause: string | null,
  ) {
    const stopMs = now();
    // AWS's DescribeExecution of a timed-out execution has no error or cause; only its ExecutionTimedOut event names
    // States.Timeout.
    const stored = status === "TIMED_OUT" ? { error: null, cause: null } : { error, cause };
    if (!store.finishExecution({ arn: m.arn, status, output, ...stored, stopMs })) return;
    m.status = status;
    const type = {
      SUCCEEDED: "ExecutionSucceeded",
      FAILED: "ExecutionFailed",
      TIMED_OUT: "ExecutionTimedOut",
      ABORTED: "ExecutionAborted",
      RUNNING: "",
    }[status];
    const details =
      status === "SUCCEEDED"
        ? { executionSucceededEventDetails: { output, outputDetails: { truncated: false } } }
        : {
            [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: {
              error: error ?? undefined,
              cause: cause ?? undefined,
            },
          };
    emit(m, type, details);
    store.deleteExecutionTimers(m.arn);
    store.closeExecutionTokens(m.arn);
    store.deleteExecutionThreads(m.arn);
    for (const child of store.runningChildExecutions(m.arn)) {
      finishExecution(meta(child), "ABORTED", null, "States.Aborted", `Parent execution ${m.arn} ended`);
    }
    if (m.hasParent) notifyParent(store.getExecution(m.arn)!);
    after(() => {
      metas.delete(m.arn);
      const waiters = executionWaiters.get(m.arn);
      executionWaiters.delete(m.arn);
      waiters?.forEach((w) => w());
    });
  }

  /** A .sync child execution ended: complete or fail the parent's task. */
  function notifyParent(child: ExecutionRow) {
    const th = store.getThread(child.parentThread!);
    if (!th || th.attempt !== child.parentAttempt || th.phase !== "start" || th.status !== "waiting") return;
    const m = meta(th.executionArn);
    if (m.status !== "RUNNING") return;
    const data = readData(th);
    const def = scopeBlock(m, th.scope).States[th.state];
    const resource = parseResource(String(def.Resource));
    const sync2 = resource.kind === "start-execution" && resource.mode === "sync2";
    const described = {
      ExecutionArn: child.arn,
      Input: sync2 ? JSON.parse(child.input) : child.input,
      InputDetails: { Included: true },
      Name: child.name,
      Output: child.output === null ? undefined : sync2 ? JSON.parse(child.output) : child.output,
      OutputDetails: { Included: true },
      StartDate: child.startMs,
      StateMachineArn: child.stateMachineArn,
      Status: child.status,
      StopDate: child.stopMs,
      ...(child.error !== null ? { Error: child.error } : {}),
      ...(child.cause !== null ? { Cause: child.cause } : {}),
    };
    try {
      if (child.status === "SUCCEEDED") return completeTask(m, th, data, def, described);
      const error = ERROR.TaskFailed;
      const cause = JSON.stringify(described);
      emit(
        m,
        "TaskFailed",
        {
          taskFailedEventDetails: { resourceType: "states", resource: resourceName(resource), error, cause },
        },
        th,
        data,
      );
      failState(m, th, data, def, error, cause);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      failState(m, th, data, def, error.error, error.cause ?? "");
    }
  }

  interface StartRequest {
    stateMachineArn: unknown;
    name?: unknown;
    input?: unknown;
    parent?: { threadId: number; attempt: number; arn: string } | null;
  }

  /** Starts an execution inside the current transaction; errors come back as values so a Task can turn them into States errors. */
  function startExecutionInTx(req: StartRequest): {
    error?: StatesApiError;
    value?: { executionArn: string; startMs: number };
  } {
    try {
      return { value: startExecutionCore(req) };
    } catch (error) {
      if (error instanceof StatesApiError) return { error };
      throw error;
    }
  }

  /** Starts an execution; with `runInline` its first thread is not queued but returned for the caller to run now. */
  function startExecutionCore(
    req: StartRequest,
    runInline = false,
  ): { executionArn: string; startMs: number; threadId?: number } {
    const machineName = arn.parseStateMachine(req.stateMachineArn);
    const machine = store.getMachine(req.stateMachineArn as string);
    if (!machine)
      throw new StatesApiError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${String(req.stateMachineArn)}'`,
      );
    const name = req.name === undefined || req.name === null ? randomUUID() : req.name;
    assertValidName(name, "execution");
    const input = req.input === undefined || req.input === null ? "{}" : req.input;
    if (typeof input !== "string")
      throw new StatesApiError(
        "InvalidExecutionInput",
        "Invalid State Machine Execution Input: input must be a JSON string",
      );
    if (bytes(input) > ENGINE_LIMITS.payloadBytes) {
      throw new StatesApiError(
        "InvalidExecutionInput",
        `Invalid State Machine Execution Input: input is ${bytes(input)} bytes, more than the ${ENGINE_LIMITS.payloadBytes}-byte limit`,
      );
    }
    try {
      JSON.parse(input);
    } catch (error) {
      throw new StatesApiError(
        "InvalidExecutionInput",
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const executionArn = arn.execution(machineName, name);
    const existing = store.getExecution(executionArn);
    if (existing) {
      // AWS: same name and input as a RUNNING execution returns it; a closed one or different input is ExecutionAlreadyExists.
      if (existing.status === "RUNNING" && existing.input === input && !req.parent)
        return { executionArn, startMs: existing.startMs };
      throw new StatesApiError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }
    const startMs = now();
    const definition = parsedDefinition(machine.definition) as StatesBlock & { TimeoutSeconds?: number };
    const id = store.insertExecution({
      arn: executionArn,
      stateMachineArn: machine.arn,
      name,
      input,
      startMs,
      definition: machine.definition,
      parentThread: req.parent?.threadId ?? null,
      parentAttempt: req.parent?.attempt ?? null,
      parentArn: req.parent?.arn ?? null,
    });
    // Built from what was just written rather than read back (a rollback clears the cache).
    const m = remember({
      id,
      arn: executionArn,
      name,
      stateMachineArn: machine.arn,
      stateMachineName: machineName,
      roleArn: machine.roleArn,
      startMs,
      input,
      definition,
      scopes: new Map(),
      historyCount: 0,
      status: "RUNNING",
      hasParent: req.parent != null,
    });
    emit(m, "ExecutionStarted", {
      executionStartedEventDetails: { input, inputDetails: { truncated: false }, roleArn: machine.roleArn },
    });
    // Only a TimeoutSeconds below AWS's one-year limit needs its own timer row; the one-year limit itself follows from the
    // committed start time (see expireExecutions), which spares every execution a timer insert and delete.
    if (
      typeof definition.TimeoutSeconds === "number" &&
      definition.TimeoutSeconds * 1000 < ENGINE_LIMITS.executionDurationMs
    ) {
      store.insertTimer({
        dueMs: startMs + definition.TimeoutSeconds * 1000,
        kind: "execution-timeout",
        threadId: null,
        attempt: null,
        executionArn,
        token: null,
      });
    }
    const threadId = store.insertThread({
      executionArn,
      parentId: null,
      idx: 0,
      scope: "",
      state: definition.StartAt,
      phase: "enter",
      status: "ready",
      input,
      data: "{}",
    });
    if (runInline) return { executionArn, startMs, threadId };
    enqueue(threadId);
    return { executionArn, startMs };
  }

  // ---------- timers ----------

  function fireTimer(t: TimerRow) {
    if (!store.deleteTimer(t.id)) return;
    if (t.kind === "execution-timeout") {
      const row = store.getExecution(t.executionArn!);
      if (row?.status === "RUNNING") finishExecution(meta(row.arn), "TIMED_OUT", null, ERROR.Timeout, null);
      return;
    }
    const th = t.threadId === null ? undefined : store.getThread(t.threadId);
    if (!th || th.attempt !== t.attempt) return;
    const m = meta(th.executionArn);
    if (m.status !== "RUNNING") return;
    const data = readData(th);
    const def = scopeBlock(m, th.scope).States[th.state];
    if (t.kind === "wait") {
      if (th.phase !== "after-wait" || th.status !== "waiting") return;
      th.status = "ready";
      save(th, data);
      enqueue(th.id);
      return;
    }
    if (t.kind === "retry") {
      if (th.phase !== "start" || th.status !== "waiting") return;
      th.status = "ready";
      save(th, data);
      enqueue(th.id);
      return;
    }
    if (th.phase !== "start" || (th.status !== "waiting" && th.status !== "running")) return;
    if (t.kind === "heartbeat") {
      const tk = t.token ? store.getToken(t.token) : undefined;
      if (!tk || (tk.status !== "active" && tk.status !== "started")) return;
    }
    timeOutTask(m, th, data, def, t.kind === "heartbeat");
  }

  /**
   * A Task ran past its TimeoutSeconds or missed its HeartbeatSeconds. AWS reports both as States.Timeout without a
   * cause (the timed-out event, the execution's error and a catcher's output); a missed heartbeat is matched as
   * States.HeartbeatTimeout as well (see errorMatches).
   */
  function timeOutTask(m: ExecMeta, th: ThreadRow, data: ThreadData, def: StateDef, heartbeat: boolean) {
    if (data.token) store.setTokenStatus(data.token, "timed-out");
    delete data.token;
    const resource = parseResource(String(def.Resource));
    const error = ERROR.Timeout;
    if (resource.kind === "activity")
      emit(m, "ActivityTimedOut", { activityTimedOutEventDetails: { error } }, th, data);
    else if (resource.kind === "lambda-arn")
      emit(m, "LambdaFunctionTimedOut", { lambdaFunctionTimedOutEventDetails: { error } }, th, data);
    else
      emit(
        m,
        "TaskTimedOut",
        {
          taskTimedOutEventDetails: {
            resourceType: resourceTypeOf(resource),
            resource: resourceName(resource),
            error,
          },
        },
        th,
        data,
      );
    failState(m, th, data, def, heartbeat ? ERROR.HeartbeatTimeout : ERROR.Timeout, null);
  }

  /** Times out every execution that has run for AWS's one-year limit; returns how many. */
  function expireExecutions(): number {
    let expired = 0;
    for (;;) {
      const arns = store.runningStartedBy(now() - ENGINE_LIMITS.executionDurationMs, 200);
      if (arns.length === 0) return expired;
      for (const executionArn of arns) {
        step(() => finishExecution(meta(executionArn), "TIMED_OUT", null, ERROR.Timeout, null));
        expired += 1;
      }
    }
  }

  /** When the next timer or one-year execution limit falls due (null when nothing is pending). */
  function nextDue(): number | null {
    const timer = store.nextTimerDue();
    const oldest = store.oldestRunningStart();
    const limit = oldest === null ? null : oldest + ENGINE_LIMITS.executionDurationMs;
    if (timer === null) return limit;
    return limit === null ? timer : Math.min(timer, limit);
  }

  /** Fires every timer due at the clock's now; returns how many fired. */
  function tick(): number {
    let fired = expireExecutions();
    for (;;) {
      const due = store.dueTimers(now(), 200);
      if (due.length === 0) return fired;
      for (const t of due) {
        try {
          step(() => fireTimer(t));
        } catch (error) {
          const th = t.threadId === null ? undefined : store.getThread(t.threadId);
          const arnOf = th?.executionArn ?? t.executionArn;
          store.deleteTimer(t.id);
          if (arnOf) crashExecution(arnOf, error);
        }
        fired += 1;
      }
    }
  }

  /** Waits until every pending retry due by `dueMs` has had its real-time floor (see retryRealNotBefore). */
  async function retryRealFloor(dueMs: number) {
    let waitUntil = 0;
    for (const [threadId, r] of retryRealNotBefore) {
      if (r.dueMs < now() - 1000)
        retryRealNotBefore.delete(threadId); // fired (or dropped) already
      else if (r.dueMs <= dueMs) waitUntil = Math.max(waitUntil, r.realMs);
    }
    const waitMs = waitUntil - Date.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }

  let advancing: Promise<unknown> = Promise.resolve();

  /** Settles the work already started (bounded by settleTimeoutMs). */
  async function settle() {
    await Promise.race([idle(), new Promise((r) => setTimeout(r, settleTimeoutMs).unref())]);
  }

  /**
   * Moves the clock forward to `ms` if it is not there yet. By advance(), not set(): real time passing between the check
   * and the move (a busy machine) made set() refuse a target the clock had just passed ("cannot move backwards").
   */
  function moveClockTo(ms: number) {
    const gap = ms - now();
    if (gap > 0) clock.advance(gap);
  }

  /**
   * Moves the clock forward by `ms`, firing timers in due order at their own due time so that work they start
   * (e.g. a new Wait) is timed from then; returns once every timer due by the target has fired.
   */
  function advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0)
      return Promise.reject(new RangeError(`advance needs a non-negative number of ms, got ${ms}`));
    const run = async () => {
      const target = now() + ms;
      await settle();
      for (;;) {
        const next = nextDue();
        if (next === null || next > target) break;
        await retryRealFloor(next);
        moveClockTo(next);
        tick();
        await settle();
      }
      moveClockTo(target);
      tick();
      await settle();
      return clock.now();
    };
    const result = advancing.then(run, run);
    advancing = result.catch(() => undefined);
    return result;
  }

  let loopTimer: NodeJS.Timeout | undefined;
  function loop() {
    if (closed) return;
    try {
      tick();
    } finally {
      const next = nextDue();
      const delay = next === null ? 250 : Math.max(5, Math.min(250, next - now()));
      loopTimer = setTimeout(loop, delay);
      loopTimer.unref();
    }
  }

  // ---------- callbacks and activities ----------

  function tokenRow(taskToken: unknown): TokenRow {
    if (
      typeof taskToken !== "string" ||
      taskToken.length === 0 ||
      taskToken.length > ENGINE_LIMITS.taskTokenMaxLength
    ) {
      throw new StatesApiError(
        "InvalidToken",
        `Invalid Token: 'taskToken' must be a string of 1 to ${ENGINE_LIMITS.taskTokenMaxLength} characters`,
      );
    }
    if (!/^AQ[A-Za-z0-9_-]+$/.test(taskToken))
      throw new StatesApiError("InvalidToken", "Invalid Token: 'Invalid token'");
    const row = store.getToken(taskToken);
    if (!row)
      throw new StatesApiError("TaskDoesNotExist", "Task Does Not Exist: the token belongs to no task");
    if (row.status === "timed-out" || row.status === "closed" || row.status === "done") {
      throw new StatesApiError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return row;
  }

  function loadTokenThread(row: TokenRow) {
    const th = store.getThread(row.threadId);
    if (
      !th ||
      th.attempt !== row.attempt ||
      th.phase !== "start" ||
      (th.status !== "waiting" && th.status !== "running")
    ) {
      throw new StatesApiError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
    const m = meta(th.executionArn);
    const data = readData(th);
    return { th, m, data, def: scopeBlock(m, th.scope).States[th.state] };
  }

  function sendTaskSuccess(req: { taskToken?: unknown; output?: unknown }) {
    if (typeof req.output !== "string")
      throw new StatesApiError("InvalidOutput", "Invalid Output: 'output' must be a JSON string");
    if (bytes(req.output) > ENGINE_LIMITS.payloadBytes)
      throw new StatesApiError(
        "InvalidOutput",
        `Invalid Output: larger than ${ENGINE_LIMITS.payloadBytes} bytes`,
      );
    let output: Json;
    try {
      output = JSON.parse(req.output);
    } catch (error) {
      throw new StatesApiError("InvalidOutput", `Invalid Output: '${(error as Error).message}'`);
    }
    step(() => {
      const row = tokenRow(req.taskToken);
      const { th, m, data, def } = loadTokenThread(row);
      store.setTokenStatus(row.token, "done");
      try {
        completeTask(m, th, data, def, output);
      } catch (error) {
        if (!(error instanceof StatesError)) throw error;
        failState(m, th, data, def, error.error, error.cause ?? "");
      }
    });
    return {};
  }

  function sendTaskFailure(req: { taskToken?: unknown; error?: unknown; cause?: unknown }) {
    const error = typeof req.error === "string" ? req.error : "";
    const cause = typeof req.cause === "string" ? req.cause : "";
    if (error.length > 256)
      throw new StatesApiError(
        "ValidationException",
        "1 validation error detected: 'error' must have length less than or equal to 256",
      );
    if (cause.length > 32768)
      throw new StatesApiError(
        "ValidationException",
        "1 validation error detected: 'cause' must have length less than or equal to 32768",
      );
    step(() => {
      const row = tokenRow(req.taskToken);
      const { th, m, data, def } = loadTokenThread(row);
      store.setTokenStatus(row.token, "done");
      const resource = parseResource(String(def.Resource));
      if (resource.kind === "activity")
        emit(m, "ActivityFailed", { activityFailedEventDetails: { error, cause } }, th, data);
      else
        emit(
          m,
          "TaskFailed",
          {
            taskFailedEventDetails: {
              resourceType: resourceTypeOf(resource),
              resource: resourceName(resource),
              error,
              cause,
            },
          },
          th,
          data,
        );
      failState(m, th, data, def, error, cause);
    });
    return {};
  }

  function sendTaskHeartbeat(req: { taskToken?: unknown }) {
    step(() => {
      const row = tokenRow(req.taskToken);
      loadTokenThread(row);
      if (row.heartbeatSeconds !== null) {
        store.deleteTokenTimers(row.token, "heartbeat");
        store.insertTimer({
          dueMs: now() + row.heartbeatSeconds * 1000,
          kind: "heartbeat",
          threadId: row.threadId,
          attempt: row.attempt,
          executionArn: row.executionArn,
          token: row.token,
        });
      }
    });
    return {};
  }

  function notifyActivity(activityArn: string) {
    const waiters = activityWaiters.get(activityArn);
    if (!waiters) return;
    for (const w of [...waiters]) w();
  }

  /** Long-polls an activity for a task (up to `waitMs`, AWS: 60 s); resolves {} when none arrived. */
  async function getActivityTask(
    req: { activityArn?: unknown; workerName?: unknown },
    waitMs = 60_000,
    signal?: AbortSignal,
  ): Promise<{ taskToken?: string; input?: string }> {
    arn.parseActivity(req.activityArn);
    const activityArn = req.activityArn as string;
    if (!store.getActivity(activityArn))
      throw new StatesApiError("ActivityDoesNotExist", `Activity Does Not Exist: '${activityArn}'`);
    const workerName = typeof req.workerName === "string" ? req.workerName : undefined;
    const claim = () =>
      step(() => {
        const row = store.claimActivityTask(activityArn);
        if (!row) return undefined;
        const th = store.getThread(row.threadId);
        if (th) {
          const m = meta(th.executionArn);
          const data = readData(th);
          emit(m, "ActivityStarted", { activityStartedEventDetails: { workerName } }, th, data);
          if (row.heartbeatSeconds !== null) {
            store.insertTimer({
              dueMs: now() + row.heartbeatSeconds * 1000,
              kind: "heartbeat",
              threadId: th.id,
              attempt: row.attempt,
              executionArn: m.arn,
              token: row.token,
            });
          }
          save(th, data);
        }
        return { taskToken: row.token, input: row.input ?? "{}" };
      });
    const first = claim();
    if (first) return first;
    return new Promise((resolve) => {
      let waiters = activityWaiters.get(activityArn);
      if (!waiters) activityWaiters.set(activityArn, (waiters = new Set()));
      const done = (value: { taskToken?: string; input?: string }) => {
        clearTimeout(timer);
        waiters!.delete(onTask);
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const onTask = () => {
        const got = claim();
        if (got) done(got);
      };
      const onAbort = () => done({});
      const timer = setTimeout(() => done({}), waitMs);
      waiters.add(onTask);
      signal?.addEventListener("abort", onAbort);
    });
  }

  // ---------- state machines ----------

  function checkDefinition(definition: unknown): string {
    if (typeof definition !== "string")
      throw new StatesApiError(
        "InvalidDefinition",
        "Invalid State Machine Definition: 'definition' must be a JSON string",
      );
    if (bytes(definition) > ENGINE_LIMITS.definitionBytes)
      throw new StatesApiError("InvalidDefinition", "Invalid State Machine Definition: larger than 1 MB");
    const result = validated(definition);
    if (!result.ok) {
      const text = result.diagnostics
        .map((d) => `${d.code}${d.location ? ` at ${d.location}` : ""}: ${d.message}`)
        .join("; ");
      throw new StatesApiError("InvalidDefinition", `Invalid State Machine Definition: '${text}'`);
    }
    return definition;
  }

  // asl-validator rebuilds its JSON schemas on every call (~0.3 s), so results are remembered per definition text.
  const validations = new Map<string, ReturnType<typeof validateDefinition>>();
  function validated(definition: string) {
    let result = validations.get(definition);
    if (!result) {
      result = validateDefinition(definition);
      if (validations.size > 500) validations.delete(validations.keys().next().value!);
      validations.set(definition, result);
    }
    return result;
  }

  function describeMachine(stateMachineArn: unknown) {
    arn.parseStateMachine(stateMachineArn);
    const machine = store.getMachine(stateMachineArn as string);
    if (!machine)
      throw new StatesApiError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${String(stateMachineArn)}'`,
      );
    return machine;
  }

  function describeExecutionRow(executionArn: unknown): ExecutionRow {
    arn.parseExecution(executionArn);
    const row = store.getExecution(executionArn as string);
    if (!row)
      throw new StatesApiError(
        "ExecutionDoesNotExist",
        `Execution Does Not Exist: '${String(executionArn)}'`,
      );
    return row;
  }

  const api = {
    region,
    accountId,
    clock,
    store,
    arns: arn,

    /** Creates a state machine (definition already substituted); same name + same definition is idempotent as in AWS. */
    createStateMachine(req: { name?: unknown; definition?: unknown; roleArn?: unknown; type?: unknown }) {
      assertValidName(req.name, "state machine");
      const definition = checkDefinition(req.definition);
      const roleArn = typeof req.roleArn === "string" ? req.roleArn : `arn:aws:iam::${accountId}:role/local`;
      const type = req.type === undefined ? "STANDARD" : req.type;
      if (type !== "STANDARD" && type !== "EXPRESS")
        throw new StatesApiError(
          "ValidationException",
          "1 validation error detected: 'type' must be STANDARD or EXPRESS",
        );
      const machineArn = arn.stateMachine(req.name);
      const existing = store.getMachine(machineArn);
      if (existing) {
        if (existing.definition === definition && existing.roleArn === roleArn)
          return { stateMachineArn: machineArn, creationDate: new Date(existing.createdMs) };
        throw new StatesApiError(
          "StateMachineAlreadyExists",
          `State Machine Already Exists: '${machineArn}'`,
        );
      }
      const t = now();
      store.insertMachine({
        arn: machineArn,
        name: req.name,
        definition,
        roleArn,
        type,
        createdMs: t,
        updatedMs: t,
        revision: 1,
      });
      return { stateMachineArn: machineArn, creationDate: new Date(t) };
    },

    /** Replaces a machine's definition and/or role; running executions keep the definition they started with. */
    updateStateMachine(req: { stateMachineArn?: unknown; definition?: unknown; roleArn?: unknown }) {
      const machine = describeMachine(req.stateMachineArn);
      const definition = req.definition === undefined ? machine.definition : checkDefinition(req.definition);
      const roleArn = typeof req.roleArn === "string" ? req.roleArn : machine.roleArn;
      const t = now();
      store.updateMachine({ arn: machine.arn, definition, roleArn, updatedMs: t });
      return { updateDate: new Date(t), revisionId: String(machine.revision + 1) };
    },

    describeStateMachine: (stateMachineArn: unknown) => describeMachine(stateMachineArn),
    listStateMachines: () => store.listMachines(),

    /** Deletes a state machine (AWS stops its running executions asynchronously; we abort them now). */
    deleteStateMachine(stateMachineArn: unknown) {
      arn.parseStateMachine(stateMachineArn);
      step(() => {
        for (const e of store.listExecutions({
          machine: stateMachineArn as string,
          status: "RUNNING",
          afterStart: null,
          afterArn: null,
          limit: 1_000_000,
        })) {
          finishExecution(meta(e.arn), "ABORTED", null, "States.Aborted", "State machine deleted");
        }
        store.deleteMachine(stateMachineArn as string);
      });
      return {};
    },

    /** Validates a definition without creating anything (ValidateStateMachineDefinition). */
    validate(definition: string) {
      return validated(definition);
    },

    /** Starts an execution (StartExecution). */
    startExecution(req: { stateMachineArn?: unknown; name?: unknown; input?: unknown }) {
      // A top-level start runs the execution's first steps in its own transaction (one commit instead of two: the start,
      // then the pump's batch). Nothing leaves the engine before that commit; Lambda handlers start after it returns.
      const inline = effects === null && !pumping && !closed;
      const started = step(() => {
        const s = startExecutionCore(
          { stateMachineArn: req.stateMachineArn, name: req.name, input: req.input, parent: null },
          inline,
        );
        if (s.threadId !== undefined) {
          runBatch(Date.now(), s.threadId);
          if (readyQueue.length > 0) after(schedulePump);
        }
        return s;
      });
      return { executionArn: started.executionArn, startDate: new Date(started.startMs) };
    },

    describeExecution: (executionArn: unknown) => {
      const row = describeExecutionRow(executionArn);
      return row;
    },

    /** Lists executions newest first with an opaque page token. */
    listExecutions(req: {
      stateMachineArn?: unknown;
      statusFilter?: unknown;
      maxResults?: unknown;
      nextToken?: unknown;
    }) {
      if (req.stateMachineArn !== undefined) describeMachine(req.stateMachineArn);
      const statuses = ["RUNNING", ...TERMINAL, "PENDING_REDRIVE"];
      if (req.statusFilter !== undefined && !statuses.includes(req.statusFilter as string)) {
        throw new StatesApiError(
          "ValidationException",
          `1 validation error detected: Value '${String(req.statusFilter)}' at 'statusFilter' failed to satisfy constraint`,
        );
      }
      const limit = pageSize(req.maxResults);
      let afterStart: number | null = null;
      let afterArn: string | null = null;
      if (req.nextToken !== undefined && req.nextToken !== null) {
        const cursor = decodeCursor(req.nextToken) as { s: number; a: string } | null;
        if (!cursor || typeof cursor.s !== "number" || typeof cursor.a !== "string")
          throw new StatesApiError("InvalidToken", "Invalid Token: 'nextToken' is not valid");
        afterStart = cursor.s;
        afterArn = cursor.a;
      }
      const rows = store.listExecutions({
        machine: (req.stateMachineArn as string | undefined) ?? null,
        status: (req.statusFilter as string | undefined) ?? null,
        afterStart,
        afterArn,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const nextToken =
        rows.length > limit
          ? encodeCursor({ s: page[page.length - 1].startMs, a: page[page.length - 1].arn })
          : undefined;
      return { executions: page, nextToken };
    },

    /** Stops a running execution (ABORTED); stopping a closed one is a no-op returning its stop date, as AWS does. */
    stopExecution(req: { executionArn?: unknown; error?: unknown; cause?: unknown }) {
      const row = describeExecutionRow(req.executionArn);
      if (row.status === "RUNNING") {
        step(() =>
          finishExecution(
            meta(row.arn),
            "ABORTED",
            null,
            typeof req.error === "string" ? req.error : null,
            typeof req.cause === "string" ? req.cause : null,
          ),
        );
      }
      const after = store.getExecution(row.arn)!;
      return { stopDate: new Date(after.stopMs ?? now()) };
    },

    /** A page of history events. */
    getExecutionHistory(req: {
      executionArn?: unknown;
      maxResults?: unknown;
      nextToken?: unknown;
      reverseOrder?: unknown;
      includeExecutionData?: unknown;
    }) {
      const row = describeExecutionRow(req.executionArn);
      const limit = pageSize(req.maxResults);
      const reverse = req.reverseOrder === true;
      let cursor: number | null = null;
      if (req.nextToken !== undefined && req.nextToken !== null) {
        const c = decodeCursor(req.nextToken) as { e: number } | null;
        if (!c || typeof c.e !== "number")
          throw new StatesApiError("InvalidToken", "Invalid Token: 'nextToken' is not valid");
        cursor = c.e;
      }
      const rows: HistoryRow[] = reverse
        ? store.historyReverse(row.id, cursor ?? Number.MAX_SAFE_INTEGER, limit + 1)
        : store.history(row.id, cursor ?? 0, limit + 1);
      const page = rows.slice(0, limit);
      const nextToken = rows.length > limit ? encodeCursor({ e: page[page.length - 1].id }) : undefined;
      return { events: page, nextToken };
    },

    sendTaskSuccess,
    sendTaskFailure,
    sendTaskHeartbeat,

    /** Creates an activity (idempotent by name). */
    createActivity(req: { name?: unknown }) {
      assertValidName(req.name, "activity");
      const activityArn = arn.activity(req.name);
      const existing = store.getActivity(activityArn);
      if (existing) return { activityArn, creationDate: new Date(existing.createdMs) };
      const t = now();
      store.insertActivity({ arn: activityArn, name: req.name, createdMs: t });
      return { activityArn, creationDate: new Date(t) };
    },
    describeActivity(activityArn: unknown) {
      arn.parseActivity(activityArn);
      const a = store.getActivity(activityArn as string);
      if (!a)
        throw new StatesApiError("ActivityDoesNotExist", `Activity Does Not Exist: '${String(activityArn)}'`);
      return a;
    },
    listActivities: () => store.listActivities(),
    deleteActivity(activityArn: unknown) {
      arn.parseActivity(activityArn);
      store.deleteActivity(activityArn as string);
      return {};
    },
    getActivityTask,

    /** Resolves when the execution is no longer RUNNING (or at once if it already ended). */
    waitForExecution(executionArn: string, timeoutMs = 30_000): Promise<ExecutionRow> {
      const row = describeExecutionRow(executionArn);
      if (row.status !== "RUNNING") return Promise.resolve(row);
      return new Promise((resolve, reject) => {
        let set = executionWaiters.get(executionArn);
        if (!set) executionWaiters.set(executionArn, (set = new Set()));
        const timer = setTimeout(() => {
          set!.delete(done);
          reject(new Error(`execution ${executionArn} still RUNNING after ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve(store.getExecution(executionArn)!);
        };
        set.add(done);
      });
    },

    tick,
    advance,
    idle,
    /** Stops the timer loop and closes the database (in-flight handlers finish but their results are dropped). */
    async close() {
      if (closed) return;
      closed = true;
      if (loopTimer) clearTimeout(loopTimer);
      for (const waiters of activityWaiters.values()) for (const w of waiters) w();
      await store.close();
    },
  };

  // Resume: ready threads continue, "running" ones had a Lambda in flight when the process died and re-run it (at-least-once).
  for (const th of store.runnableThreads()) {
    if (th.status === "ready") enqueue(th.id);
    else resumeInvocation(th);
  }
  if (options.realTime !== false) loop();

  return api;
}

function pageSize(maxResults: unknown): number {
  if (maxResults === undefined || maxResults === null || maxResults === 0) return 100;
  if (
    typeof maxResults !== "number" ||
    !Number.isInteger(maxResults) ||
    maxResults < 0 ||
    maxResults > 1000
  ) {
    throw new StatesApiError(
      "ValidationException",
      "1 validation error detected: 'maxResults' must be between 0 and 1000",
    );
  }
  return maxResults;
}

function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeCursor(token: unknown): unknown {
  if (typeof token !== "string" || token.length > 1024) return null;
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}
