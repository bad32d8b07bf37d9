// The single source that maps every ${Placeholder} of the ASL files to what fills it: a step handler (with
// its deployment settings and permissions) or another state machine, and the names they are deployed under. The
// stacks deploy from this registry in its own vocabulary and the local runtime (packages/local/src/runtime) loads
// its functions and machines from it, so nothing is defined twice.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fillDefinitionText } from "@kinerja/core/asl/placeholders";

/** The app's name: the prefix of every deployed name (`kinerja-<name>` locally, `<stage>-kinerja-<name>` in AWS). */
export const APP_NAME = "kinerja";

/** Access to the single table, from none to reading and writing items (never `dynamodb:*`). */
export const TABLE_ACCESS = ["none", "read", "read-write"] as const;

/** One level of table access. */
export type TableAccess = (typeof TABLE_ACCESS)[number];

/** What a step function may touch; the stacks turn this into IAM policies. */
export interface StepPermissions {
  /** Access to the single table. */
  table: TableAccess;
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
 * locally the outbox's simulated events through the local Lambda loader) and the mail queue's messages.
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

/** The absolute path of a registered state machine's ASL file. */
export function definitionPath(key: StateMachineKey): string {
  return join(repoRoot, stateMachines[key].file);
}

/** The raw (unsubstituted) ASL text of a registered state machine. */
export function readDefinition(key: StateMachineKey): string {
  return readFileSync(definitionPath(key), "utf8");
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
    const { text: definition, missing } = fillDefinitionText(readDefinition(key), substitutions);
    if (missing.length > 0) throw new MissingSubstitutionError(stateMachines[key].name, missing);
    return { key, name: stateMachines[key].name, definition };
  });
}

/** Where the local runtime pretends its functions and machines live (ARN parts). */
export interface LocalArnOptions {
  region?: string;
  accountId?: string;
  /** Prefix of function and state machine names (default APP_NAME). */
  prefix?: string;
}

/** The deployed name of a step function or state machine (prefix + name). */
export function deployedName(name: string, prefix = APP_NAME): string {
  return `${prefix}-${name}`;
}

/** The prefix of every name a stage deploys (`<stage>-kinerja`). */
export function stagePrefix(stage: string): string {
  return deployedName(APP_NAME, stage);
}

/** The absolute path of a function's handler module (the local runtime imports it in-process). */
export function handlerModulePath(spec: StepFunctionSpec): string {
  return join(repoRoot, spec.handler.replace(/\.handler$/, ".ts"));
}

/**
 * Substitutions for the local runtime: function ARNs the engine resolves through the local Lambda loader
 * (packages/local/src/runtime/local-lambdas.ts), machine ARNs as the engine names them.
 */
export function localSubstitutions(options: LocalArnOptions = {}): Record<string, string> {
  const region = options.region ?? "ap-southeast-3";
  const account = options.accountId ?? "000000000000";
  const prefix = options.prefix ?? APP_NAME;
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
