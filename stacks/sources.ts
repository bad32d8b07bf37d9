import * as v from "valibot";
import { TABLE_ACCESS } from "../workflows/registry";
import { StackConfigError } from "./errors";
import { registrySources } from "./registry-sources";

/**
 * What the stacks deploy from, in one validated shape: the step functions and state machines of the workflow
 * registry and the schedule specs. The stacks never define a function, machine or schedule of their own besides the API.
 */

const name = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9-]{0,62}$/, "must be kebab-case, at most 63 characters"),
);
const placeholder = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be a ${Placeholder} name"));

/** What one function may do, in the registry's words (workflows/registry.ts); every field defaults to "nothing". */
const PermissionsSchema = v.object({
  /** Table access: none, read-only actions, or read and write (never `dynamodb:*`). */
  table: v.optional(v.picklist(TABLE_ACCESS), "none"),
  /** State machines whose task tokens this function answers (SendTaskSuccess/Failure/Heartbeat). */
  sendTaskResponse: v.optional(v.array(name), []),
  /** State machines this function starts executions of. */
  startExecution: v.optional(v.array(name), []),
  /** State machines whose executions this function stops or describes (cancellation). */
  stopExecution: v.optional(v.array(name), []),
  /** Whether the function sends mail through SES. */
  sendEmail: v.optional(v.boolean(), false),
  /** Whether the function signs or verifies link tokens (reads the link-signing secret). */
  linkSigningKey: v.optional(v.boolean(), false),
});

/** Permissions of one function after defaults. */
export type FunctionPermissions = v.InferOutput<typeof PermissionsSchema>;

const FunctionSpecSchema = v.object({
  handler: v.pipe(
    v.string(),
    v.regex(
      /^[a-z0-9_-]+(\/[a-z0-9_-]+)+\.[A-Za-z_$][\w$]*$/,
      "must look like functions/<dir>/<file>.<export>",
    ),
  ),
  timeoutSeconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(900)),
  memoryMB: v.pipe(v.number(), v.integer(), v.minValue(128), v.maxValue(10240)),
  permissions: v.optional(PermissionsSchema, {}),
});

/** One Lambda the workflows invoke, keyed elsewhere by its ${Placeholder}. */
export type FunctionSpec = v.InferOutput<typeof FunctionSpecSchema>;

const StateMachineSpecSchema = v.object({
  name,
  /** Absolute path of the ASL file. */
  file: v.pipe(v.string(), v.endsWith(".asl.json", "must be an .asl.json file")),
  placeholders: v.array(placeholder),
  /** Machines this one starts (by name), including itself for continue-as-new via `$$.StateMachine.Id`. */
  starts: v.optional(v.array(name), []),
});

/** One state machine and the placeholders its ASL file uses. */
export type StateMachineSpec = v.InferOutput<typeof StateMachineSpecSchema>;

const ScheduleSpecSchema = v.object({
  name,
  description: v.string(),
  expression: v.pipe(
    v.string(),
    v.regex(/^(cron|rate|at)\(.+\)$/, "must be cron(...), rate(...) or at(...)"),
  ),
  timezone: v.literal("Asia/Jakarta"),
  target: v.object({ stateMachine: name }),
  input: v.record(v.string(), v.unknown()),
  flexibleWindowMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1440))),
  retry: v.object({
    maximumRetryAttempts: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(185)),
    maximumEventAgeInSeconds: v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(86400)),
  }),
});

/** One EventBridge Scheduler schedule (contract: workflows/schedules.ts). */
export type ScheduleSpec = v.InferOutput<typeof ScheduleSpecSchema>;

const DeploySourcesSchema = v.object({
  /** Handler of the HTTP API Lambda (the Hono app). */
  apiHandler: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z0-9_-]+(\/[a-z0-9_-]+)+\.[A-Za-z_$][\w$]*$/)),
    "functions/api.handler",
  ),
  /** Step functions keyed by the ${Placeholder} the ASL files use for them. */
  functions: v.record(placeholder, FunctionSpecSchema),
  /** Placeholders that stand for a state machine ARN, mapped to the machine's name. */
  machinePlaceholders: v.record(placeholder, name),
  stateMachines: v.pipe(v.array(StateMachineSpecSchema), v.minLength(1)),
  schedules: v.array(ScheduleSpecSchema),
});

/** Everything the stacks deploy, validated. */
export type DeploySources = v.InferOutput<typeof DeploySourcesSchema>;

/** Input accepted by {@link parseDeploySources} (permissions and defaults may be left out). */
export type DeploySourcesInput = v.InferInput<typeof DeploySourcesSchema>;

/** Validates deploy sources and checks they refer to each other consistently; throws StackConfigError naming every problem. */
export function parseDeploySources(input: unknown): DeploySources {
  const parsed = v.safeParse(DeploySourcesSchema, input);
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`);
    throw new StackConfigError(`deploy sources are invalid:\n  ${issues.join("\n  ")}`, {
      cause: parsed.issues,
    });
  }
  const sources = parsed.output;
  const machines = new Set(sources.stateMachines.map((m) => m.name));
  const problems: string[] = [];
  if (machines.size !== sources.stateMachines.length) problems.push("state machine names are not unique");
  for (const [key, fn] of Object.entries(sources.functions)) {
    const p = fn.permissions;
    for (const m of [...p.sendTaskResponse, ...p.startExecution, ...p.stopExecution])
      if (!machines.has(m)) problems.push(`functions.${key}.permissions names unknown state machine "${m}"`);
  }
  for (const m of sources.stateMachines)
    for (const target of m.starts)
      if (!machines.has(target))
        problems.push(`stateMachines ${m.name} starts unknown state machine "${target}"`);
  for (const [key, m] of Object.entries(sources.machinePlaceholders))
    if (!machines.has(m)) problems.push(`machinePlaceholders.${key} names unknown state machine "${m}"`);
  for (const key of Object.keys(sources.machinePlaceholders))
    if (key in sources.functions) problems.push(`placeholder ${key} is both a function and a state machine`);
  const scheduleNames = new Set<string>();
  for (const s of sources.schedules) {
    if (!machines.has(s.target.stateMachine))
      problems.push(`schedule ${s.name} targets unknown state machine "${s.target.stateMachine}"`);
    if (scheduleNames.has(s.name)) problems.push(`schedule name ${s.name} is used twice`);
    scheduleNames.add(s.name);
  }
  if (problems.length)
    throw new StackConfigError(`deploy sources are inconsistent:\n  ${problems.join("\n  ")}`);
  return sources;
}

let current: DeploySources | undefined;
let loader: (() => DeploySources) | undefined;

/** Sets the sources the stacks deploy (tests pass fixtures; synthesis passes the workflow registry). */
export function provideDeploySources(sources: DeploySources | (() => DeploySources)): void {
  if (typeof sources === "function") {
    loader = sources;
    current = undefined;
  } else {
    current = sources;
    loader = undefined;
  }
}

/** The sources for the stack being built (the workflow registry unless provided); read once and shared by every stack. */
export function useDeploySources(): DeploySources {
  if (!current) current = (loader ?? registrySources)();
  return current;
}
