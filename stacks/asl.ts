/**
 * Reads what an ASL definition needs from the cloud: per Task state, which integration it uses with which
 * ${Placeholder} (packages/core/src/asl/placeholders.ts), so the state machine role gets exactly those permissions.
 */
import { placeholdersOf } from "@kinerja/core/asl/placeholders";

/** One service integration a Task state performs, with the placeholder naming its target. */
export interface TaskIntegration {
  state: string;
  kind: "lambda" | "startExecution" | "startExecutionSync";
  placeholder: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StateJson = { [key: string]: Json };

/** Every Task integration in the definition, including states nested in Parallel branches and Map processors. */
export function taskIntegrationsOf(definition: unknown): TaskIntegration[] {
  const found: TaskIntegration[] = [];
  visitMachine(definition, found);
  return found;
}

function visitMachine(machine: unknown, found: TaskIntegration[]): void {
  if (!isObject(machine) || !isObject(machine.States)) return;
  for (const [name, state] of Object.entries(machine.States)) {
    if (!isObject(state)) continue;
    if (state.Type === "Task") found.push(...integrationsOfTask(name, state));
    if (Array.isArray(state.Branches)) state.Branches.forEach((b) => visitMachine(b, found));
    visitMachine(state.ItemProcessor, found);
    visitMachine(state.Iterator, found);
  }
}

function integrationsOfTask(name: string, state: StateJson): TaskIntegration[] {
  const resource = typeof state.Resource === "string" ? state.Resource : "";
  const params = isObject(state.Parameters)
    ? state.Parameters
    : isObject(state.Arguments)
      ? state.Arguments
      : {};
  const single = (kind: TaskIntegration["kind"], value: Json | undefined): TaskIntegration[] =>
    placeholdersOf(typeof value === "string" ? value : "").map((placeholder) => ({
      state: name,
      kind,
      placeholder,
    }));
  if (/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/.test(resource))
    return single("lambda", params.FunctionName);
  if (/^arn:aws:states:::states:startExecution$/.test(resource))
    return single("startExecution", params.StateMachineArn);
  if (/^arn:aws:states:::states:startExecution\.sync(:2)?$/.test(resource))
    return single("startExecutionSync", params.StateMachineArn);
  // A bare Lambda ARN placeholder as the resource ("Resource": "${Fn}") is a direct invoke.
  return single("lambda", resource);
}

function isObject(value: unknown): value is StateJson {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
