// The single source that maps every ${Placeholder} of the ASL files to what fills it: a step handler (with
// its deployment settings and permissions) or another state machine. The stacks deploy from this registry
// and the local runtime builds its lambda resolver and substitutions from it, so nothing is defined twice.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What a step function may touch; the stacks turn this into IAM policies. */
export interface StepPermissions {
  /** Access to the single table. */
  table: "read" | "read-write";
  /** Needs states:SendTaskSuccess/SendTaskFailure (a decision may be redelivered to a new token at once). */
  sendTaskResult?: boolean;
  /** State machines (registry keys) this function may start or stop executions of. */
  startExecution?: StateMachineKey[];
  /** Sends mail through the mail port (in the cloud: puts it on the mail queue, sqs:SendMessage). */
  sendEmail?: boolean;
}

/** One step Lambda: its handler module and deployment settings. */
export interface StepFunctionSpec {
  /** Short function name (kebab-case, also the local function name). */
  name: string;
  /** Handler path for SST/CDK, relative to the repository root. */
  handler: string;
  timeoutSeconds: number;
  memoryMB: number;
  permissions: StepPermissions;
}

const job = (
  file: string,
  permissions: StepPermissions,
  timeoutSeconds = 30,
  memoryMB = 512,
): StepFunctionSpec => ({
  name: file,
  handler: `functions/jobs/${file}.handler`,
  timeoutSeconds,
  memoryMB,
  permissions,
});

const step = (
  file: string,
  permissions: StepPermissions,
  timeoutSeconds = 30,
  memoryMB = 512,
): StepFunctionSpec => ({
  name: file,
  handler: `functions/steps/${file}.handler`,
  timeoutSeconds,
  memoryMB,
  permissions,
});

/** Every function placeholder used by the ASL files, mapped to its step handler. */
export const stepFunctions = {
  PrepareParticipantPageFunction: step("prepare-participant-page", { table: "read-write" }, 120, 1024),
  RecordLaunchPageFunction: step("record-launch-page", { table: "read-write" }),
  MarkLaunchFailedFunction: step("mark-launch-failed", { table: "read-write" }),
  LoadAppraisalFunction: step("load-appraisal", { table: "read-write" }),
  PlanDecisionFunction: step("plan-decision", { table: "read-write" }),
  OpenDecisionFunction: step("open-decision", { table: "read-write", sendTaskResult: true, sendEmail: true }),
  RecordSkpProposalFunction: step("record-skp-proposal", { table: "read-write" }),
  // Resumes the SKP requests of the employees who waited for this approval (rule 27).
  RecordSkpApprovalFunction: step("record-skp-approval", { table: "read-write", sendTaskResult: true }),
  AwaitSuperiorSkpFunction: step("await-superior-skp", { table: "read-write", sendTaskResult: true }),
  PlanMeasurementWaitFunction: step("plan-measurement-wait", { table: "read-write" }),
  RecordRealizationFunction: step("record-realization", { table: "read-write" }),
  TakeMeasurementSnapshotFunction: step("take-measurement-snapshot", { table: "read-write" }, 60),
  RecordReviewFunction: step("record-review", { table: "read-write" }),
  RecordAcknowledgementFunction: step("record-acknowledgement", {
    table: "read-write",
    sendTaskResult: false,
  }),
  RecordObjectionDecisionFunction: step("record-objection-decision", {
    table: "read-write",
    sendEmail: true,
  }),
  ApplyFollowUpFunction: step("apply-follow-up", { table: "read-write" }),
  MarkFailedFunction: step("mark-failed", { table: "read-write" }),
  // Periodic evaluation jobs (functions/jobs, owned by the schedules helper).
  // read-write: a run quiet for PERIODIC_STALE_AFTER_MS is recorded failed before its next attempt is due.
  FindDuePeriodicEvaluationsFunction: job("find-due-periodic-evaluations", { table: "read-write" }),
  StartPeriodicEvaluationFunction: job("start-periodic-evaluation", { table: "read-write" }),
  ListPeriodicAppraisalPageFunction: job("list-periodic-appraisal-page", { table: "read" }, 60, 1024),
  EvaluateAppraisalPeriodFunction: job("evaluate-appraisal-period", { table: "read-write" }, 60),
  RecordPeriodicPageFunction: job("record-periodic-page", { table: "read-write" }),
  ListDigestRecipientsFunction: job("list-digest-recipients", { table: "read" }, 60),
  SendAppraiserDigestFunction: job("send-appraiser-digest", { table: "read-write", sendEmail: true }, 60),
  FinishPeriodicEvaluationFunction: job("finish-periodic-evaluation", { table: "read-write" }, 60),
  MarkPeriodicEvaluationFailedFunction: job("mark-periodic-evaluation-failed", { table: "read-write" }),
  RemindPeriodicRatingsFunction: job(
    "remind-periodic-ratings",
    { table: "read-write", sendEmail: true },
    120,
  ),
  RedeliverPendingDecisionsFunction: job(
    "redeliver-pending-decisions",
    { table: "read-write", sendTaskResult: true },
    120,
  ),
  // Paged employee import (issue 16 item 6): validation holds the whole file in memory, pages write ~1,200 items.
  ValidateEmployeeImportFunction: job("validate-employee-import", { table: "read-write" }, 900, 3008),
  WriteEmployeeImportPageFunction: job("write-employee-import-page", { table: "read-write" }, 120, 1024),
  CommitEmployeeImportFunction: job("commit-employee-import", { table: "read-write" }, 300, 1024),
  MarkEmployeeImportFailedFunction: job("mark-employee-import-failed", { table: "read-write" }, 300, 1024),
} as const satisfies Record<string, StepFunctionSpec>;

/** A function placeholder name. */
export type StepFunctionPlaceholder = keyof typeof stepFunctions;

/**
 * Functions that no state machine calls but an event invokes: SES's mail events (EventBridge rule in stacks/mail.ts;
 * locally the outbox's simulated events through `localLambdaResolver`) and the mail queue's messages.
 */
export const eventFunctions = {
  RecordMailEventFunction: job("record-mail-event", { table: "read-write" }),
  // The mail queue's consumer (SQS event source, stacks/mail.ts): sends queued mail through SES paced to the quota and
  // fails the waiting task of a mail SES refuses. Cloud only: locally mail goes straight to the outbox.
  SendQueuedMailFunction: job("send-queued-mail", { table: "read-write", sendTaskResult: true }, 60),
} as const satisfies Record<string, StepFunctionSpec>;

/** One state machine: its ASL file and the placeholders it needs. */
export interface StateMachineSpec {
  /** Name (suffix of the deployed state machine name). */
  name: string;
  /** ASL file, relative to the repository root. */
  file: string;
  /** Function placeholders the definition uses. */
  functions: StepFunctionPlaceholder[];
  /** State-machine placeholders (another machine's ARN) the definition uses, mapped to the registry key. */
  stateMachines: Record<string, StateMachineKey>;
  /** Machines this one starts executions of with states:startExecution (itself for continue-as-new). */
  starts: StateMachineKey[];
}

/** Registry keys of the state machines. */
export type StateMachineKey =
  | "appraisal"
  | "launchCycle"
  | "periodicDispatch"
  | "periodicEvaluation"
  | "sweepRedeliverDecisions"
  | "importEmployees";

/** Every state machine of kinerja. */
export const stateMachines: Record<StateMachineKey, StateMachineSpec> = {
  appraisal: {
    name: "appraisal",
    file: "workflows/appraisal.asl.json",
    functions: [
      "LoadAppraisalFunction",
      "PlanDecisionFunction",
      "OpenDecisionFunction",
      "RecordSkpProposalFunction",
      "RecordSkpApprovalFunction",
      "AwaitSuperiorSkpFunction",
      "PlanMeasurementWaitFunction",
      "RecordRealizationFunction",
      "TakeMeasurementSnapshotFunction",
      "RecordReviewFunction",
      "RecordAcknowledgementFunction",
      "RecordObjectionDecisionFunction",
      "ApplyFollowUpFunction",
      "MarkFailedFunction",
    ],
    stateMachines: {},
    starts: ["appraisal"],
  },
  launchCycle: {
    name: "launch-cycle",
    file: "workflows/launch-cycle.asl.json",
    functions: ["PrepareParticipantPageFunction", "RecordLaunchPageFunction", "MarkLaunchFailedFunction"],
    stateMachines: { AppraisalStateMachineArn: "appraisal" },
    starts: ["appraisal", "launchCycle"],
  },
  periodicDispatch: {
    name: "periodic-dispatch",
    file: "workflows/periodic-dispatch.asl.json",
    functions: ["FindDuePeriodicEvaluationsFunction", "RemindPeriodicRatingsFunction"],
    stateMachines: { PeriodicEvaluationStateMachineArn: "periodicEvaluation" },
    starts: ["periodicEvaluation"],
  },
  periodicEvaluation: {
    name: "periodic-evaluation",
    file: "workflows/periodic-evaluation.asl.json",
    functions: [
      "StartPeriodicEvaluationFunction",
      "ListPeriodicAppraisalPageFunction",
      "EvaluateAppraisalPeriodFunction",
      "RecordPeriodicPageFunction",
      "ListDigestRecipientsFunction",
      "SendAppraiserDigestFunction",
      "FinishPeriodicEvaluationFunction",
      "MarkPeriodicEvaluationFailedFunction",
    ],
    stateMachines: {},
    starts: ["periodicEvaluation"],
  },
  sweepRedeliverDecisions: {
    name: "sweep-redeliver-decisions",
    file: "workflows/sweep-redeliver-decisions.asl.json",
    functions: ["RedeliverPendingDecisionsFunction"],
    stateMachines: {},
    starts: [],
  },
  importEmployees: {
    name: "import-employees",
    file: "workflows/import-employees.asl.json",
    functions: [
      "ValidateEmployeeImportFunction",
      "WriteEmployeeImportPageFunction",
      "CommitEmployeeImportFunction",
      "MarkEmployeeImportFailedFunction",
    ],
    stateMachines: {},
    starts: [],
  },
};

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Placeholders of a definition text, in order of first appearance. */
export function placeholdersOf(definitionText: string): string[] {
  return [...new Set([...definitionText.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))];
}

/** Raised when a substitution map misses a placeholder a definition needs. */
export class MissingSubstitutionError extends Error {
  constructor(
    readonly machine: string,
    readonly missing: string[],
  ) {
    super(`state machine "${machine}" needs substitutions for: ${missing.join(", ")}`);
    this.name = "MissingSubstitutionError";
  }
}

/** The raw (unsubstituted) ASL text of a registered state machine. */
export function readDefinition(key: StateMachineKey): string {
  return readFileSync(join(repoRoot, stateMachines[key].file), "utf8");
}

/** A state machine ready to create: name and substituted definition. */
export interface LoadedStateMachine {
  key: StateMachineKey;
  name: string;
  definition: string;
}

/** Reads every ASL file and fills its ${Placeholders} from `substitutions`; fails clearly on a missing one. */
export function loadStateMachines(substitutions: Record<string, string>): LoadedStateMachine[] {
  return (Object.keys(stateMachines) as StateMachineKey[]).map((key) => {
    const text = readDefinition(key);
    const missing = placeholdersOf(text).filter((p) => substitutions[p] === undefined);
    if (missing.length > 0) throw new MissingSubstitutionError(stateMachines[key].name, missing);
    const definition = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => substitutions[name]!);
    return { key, name: stateMachines[key].name, definition };
  });
}

/** Where the local runtime pretends its functions and machines live (ARN parts). */
export interface LocalArnOptions {
  region?: string;
  accountId?: string;
  /** Prefix of function and state machine names (e.g. "kinerja"). */
  prefix?: string;
}

/** The deployed name of a step function or state machine (prefix + name). */
export function deployedName(name: string, prefix = "kinerja"): string {
  return `${prefix}-${name}`;
}

/** Substitutions for the local runtime: function ARNs the engine resolves through `localLambdaResolver`, machine ARNs as the engine names them. */
export function localSubstitutions(options: LocalArnOptions = {}): Record<string, string> {
  const region = options.region ?? "ap-southeast-3";
  const account = options.accountId ?? "000000000000";
  const prefix = options.prefix ?? "kinerja";
  const map: Record<string, string> = {};
  for (const [placeholder, spec] of Object.entries(stepFunctions)) {
    map[placeholder] = `arn:aws:lambda:${region}:${account}:function:${deployedName(spec.name, prefix)}`;
  }
  for (const spec of Object.values(stateMachines)) {
    for (const [placeholder, key] of Object.entries(spec.stateMachines)) {
      map[placeholder] =
        `arn:aws:states:${region}:${account}:stateMachine:${deployedName(stateMachines[key].name, prefix)}`;
    }
  }
  return map;
}

/** A Lambda handler as the local engine calls it. */
export type LocalLambda = (
  event: unknown,
  context: { functionName: string; awsRequestId: string; getRemainingTimeInMillis(): number },
) => Promise<unknown>;

/** Wraps a real handler (tests inject transient or permanent faults this way). */
export type LambdaWrapper = (functionName: string, handler: LocalLambda) => LocalLambda;

/** Options of the local lambda resolver. */
export interface LocalLambdaResolverOptions<Deps> {
  /** Builds (once) the dependencies every step handler receives locally: storage, clock, mail, callbacks, ... */
  deps: () => Deps | Promise<Deps>;
  prefix?: string;
  /** Optional hook around each real handler. */
  wrap?: LambdaWrapper;
  /**
   * Multiplies every registry timeout (default: KINERJA_LAMBDA_TIMEOUT_SCALE, else 1). Locally all handlers share one
   * process and one DynamoDB Local, so a run that floods it (a fault test, a 20,000-employee bench) may allow more
   * wall time than Lambda's own sandbox per invocation needs; a hanging handler still fails.
   */
  timeoutScale?: number;
}

/** KINERJA_LAMBDA_TIMEOUT_SCALE: a number of at least 1 (a run may relax the timeouts, never tighten them). */
export function lambdaTimeoutScale(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KINERJA_LAMBDA_TIMEOUT_SCALE;
  if (raw === undefined || raw === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale < 1)
    throw new Error(`KINERJA_LAMBDA_TIMEOUT_SCALE must be a number of at least 1, not "${raw}"`);
  return scale;
}

/** A step module: each exports `createHandler(deps)` (and `handler` for the cloud). */
interface StepModule<Deps> {
  createHandler(deps: () => Deps | Promise<Deps>): LocalLambda;
}

/** A local function: its handler and the timeout the engine enforces, as Lambda does in the cloud. */
export interface LocalFunction {
  handler: LocalLambda;
  timeoutSeconds: number;
}

/**
 * Resolves local function names to the real step handler modules, imported lazily in-process, sharing one set of
 * deps; each carries its registry timeout, so a handler running longer fails locally as it would in Lambda.
 */
export function localLambdaResolver<Deps>(
  options: LocalLambdaResolverOptions<Deps>,
): (functionName: string) => LocalFunction | undefined {
  const prefix = options.prefix ?? "kinerja";
  const byName = new Map<string, StepFunctionSpec>(
    [...Object.values(stepFunctions), ...Object.values(eventFunctions)].map((s) => [
      deployedName(s.name, prefix),
      s,
    ]),
  );
  const scale = options.timeoutScale ?? lambdaTimeoutScale();
  const loaded = new Map<string, Promise<LocalLambda>>();
  const load = (spec: StepFunctionSpec): Promise<LocalLambda> => {
    let handler = loaded.get(spec.name);
    if (!handler) {
      handler = (
        import(join(repoRoot, spec.handler.replace(/\.handler$/, ".ts"))) as Promise<StepModule<Deps>>
      ).then((m) => m.createHandler(options.deps));
      loaded.set(spec.name, handler);
    }
    return handler;
  };
  return (functionName) => {
    const spec = byName.get(functionName.split(":").pop() ?? functionName);
    if (!spec) return undefined;
    const real: LocalLambda = async (event, context) => (await load(spec))(event, context);
    return {
      handler: options.wrap ? options.wrap(spec.name, real) : real,
      timeoutSeconds: spec.timeoutSeconds * scale,
    };
  };
}

/** Invokes an event function in-process as its cloud event source would (the outbox's simulated SES mail events). */
export async function invokeEventFunction(
  resolve: (functionName: string) => LocalLambda | { handler: LocalLambda } | undefined,
  key: keyof typeof eventFunctions,
  event: unknown,
  prefix = "kinerja",
): Promise<unknown> {
  const spec = eventFunctions[key];
  const fn = resolve(deployedName(spec.name, prefix));
  if (!fn) throw new Error(`no local function ${deployedName(spec.name, prefix)}`);
  const deadline = Date.now() + spec.timeoutSeconds * 1000;
  return (typeof fn === "function" ? fn : fn.handler)(event, {
    functionName: deployedName(spec.name, prefix),
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  });
}
