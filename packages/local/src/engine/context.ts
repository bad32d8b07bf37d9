// The one context every engine module works on: the store, the options, the clock, the batch/pump flags and the caches.
// createEngine makes one per engine and passes it to every module function as its first argument (`ctx`).
import type { AdjustableClock } from "@kinerja/core/clock/clock";
import type { StateMachineDefinition } from "./asl/types";
import type { ValidationResult } from "./asl/validate";
import type { EngineOptions } from "./engine";
import type { LambdaResolver } from "./interpreter/lambda";
import { arns } from "./names";
import type { ExecutionStatus, ThreadRow } from "./store/rows";
import { openStore, type EngineStore } from "./store/store";

/** A state list: a whole machine, a Parallel branch or a Map item processor. */
export type StatesBlock = StateMachineDefinition;

/** Scratch data a thread keeps for its current state (persisted with it). */
export interface ThreadData {
  enteredMs?: number;
  retries?: number[];
  lastEventId?: number;
  /** The state's input after InputPath (Task/Parallel/Map) or the Wait's output base. */
  eff?: unknown;
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

/** A Lambda call a Task made, kept in its thread's data. */
export interface Invocation {
  mode: "sync" | "callback";
  functionName: string;
  event: unknown;
  wrap: "invoke" | "bare";
}

/** What steps know of an execution without reading its row again (cached; a rolled-back step clears the cache). */
export interface ExecMeta {
  /** The execution's integer key in the store. */
  id: number;
  arn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  startMs: number;
  input: string;
  parsedInput?: unknown;
  definition: StatesBlock;
  scopes: Map<string, StatesBlock>;
  historyCount: number;
  status: ExecutionStatus;
  /** Started by a parent's startExecution.sync task waiting on it (then its end is reported back). */
  hasParent: boolean;
}

/** How steps are grouped into commits and run (batch.ts). */
export interface BatchState {
  readyQueue: number[];
  queued: Set<number>;
  /** Lambda invocations started and not yet applied. */
  inFlight: number;
  pumping: boolean;
  /** Inside the pump's (or a start's) batch transaction: enqueued threads can run in it at once. */
  inBatch: boolean;
  pumpScheduled: boolean;
  /** Effects of the open transaction, run once it committed (null outside a transaction). */
  effects: (() => void)[] | null;
  /** Transitions recorded by the open transaction: [execution arn, state entered], written once per execution at commit. */
  progress: [string, string][];
}

/** The engine's shared state. */
export interface EngineContext {
  readonly store: EngineStore;
  readonly clock: AdjustableClock;
  readonly region: string;
  readonly accountId: string;
  readonly arn: ReturnType<typeof arns>;
  readonly lambdas: LambdaResolver;
  /** Random source for retry jitter. */
  readonly random: () => number;
  readonly settleTimeoutMs: number;
  readonly retryRealFloorMs: number;
  /** The clock's now in ms. */
  now(): number;
  /** Set by close(): nothing new starts and late results are dropped. */
  closed: boolean;
  readonly batch: BatchState;
  readonly caches: {
    metas: Map<string, ExecMeta>;
    /** Executions of one machine share its definition text; the parsed form is only read, so one copy serves them all. */
    definitions: Map<string, StatesBlock>;
    /** asl-validator rebuilds its JSON schemas on every call (~0.3 s), so results are remembered per definition text. */
    validations: Map<string, ValidationResult>;
  };
  /**
   * The thread runThread is moving through data-only states writes its row once per slice instead of once per state:
   * exitState leaves the new data here, the next step reads it from here, and runThread writes it before the slice
   * ends (still in the same transaction). Nothing reads that row from the database in between: its own steps take
   * the data from here, and a thread that ends, waits or fails is written through by save() at once.
   */
  readonly advancing: { thread: ThreadRow | null; data: ThreadData | null };
  readonly waiters: {
    idle: (() => void)[];
    activity: Map<string, Set<() => void>>;
    execution: Map<string, Set<() => void>>;
  };
  readonly timers: {
    /**
     * A Retry's backoff is simulated time, which a clock jump (advance) compresses to nothing: 12 attempts of a
     * "2 s doubling" retrier would run back to back in a few ms of real time, so a storage hiccup of a fraction of a
     * second (a busy DynamoDB Local) exhausted them and the execution took its Catch. advance() therefore waits, per
     * pending retry, a small real-time floor (thread id -> the retry timer's due time and the real time it may fire).
     */
    retryRealNotBefore: Map<number, { dueMs: number; realMs: number }>;
    /** advance() calls run one after the other. */
    advancing: Promise<unknown>;
    /** The real-time timer loop's next run. */
    loop: NodeJS.Timeout | undefined;
  };
}

/** Opens the store and builds the context of a new engine. */
export function createContext(options: EngineOptions): EngineContext {
  const clock = options.clock;
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  return {
    store: openStore(options.dbPath),
    clock,
    region,
    accountId,
    arn: arns(region, accountId),
    lambdas: options.lambdas,
    random: options.random ?? Math.random,
    settleTimeoutMs: options.settleTimeoutMs ?? 30_000,
    retryRealFloorMs: options.retryRealFloorMs ?? 50,
    now: () => clock.now().getTime(),
    closed: false,
    batch: {
      readyQueue: [],
      queued: new Set(),
      inFlight: 0,
      pumping: false,
      inBatch: false,
      pumpScheduled: false,
      effects: null,
      progress: [],
    },
    caches: { metas: new Map(), definitions: new Map(), validations: new Map() },
    advancing: { thread: null, data: null },
    waiters: { idle: [], activity: new Map(), execution: new Map() },
    timers: { retryRealNotBefore: new Map(), advancing: Promise.resolve(), loop: undefined },
  };
}
