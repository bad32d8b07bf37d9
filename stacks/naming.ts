import { ArnFormat, Stack } from "aws-cdk-lib";
import { deployedName, stagePrefix } from "../workflows/registry";

/** Physical name of a resource of the stage (`<stage>-kinerja-<name>`), the registry's prefix for the stage. */
export function stageName(stage: string, name: string): string {
  return deployedName(name, stagePrefix(stage));
}

/** Physical name of a state machine in a stage, fixed so ARNs can be built without a reference. */
export function stateMachinePhysicalName(stage: string, machine: string): string {
  return stageName(stage, machine);
}

/**
 * ARN of a state machine built from its name. Functions and schedules grant on this instead of the machine's
 * ref, which breaks the cycle machine -> function ARN (substitution) -> function role -> machine ARN.
 */
export function stateMachineArn(scope: Stack, stage: string, machine: string): string {
  return scope.formatArn({
    service: "states",
    resource: "stateMachine",
    resourceName: stateMachinePhysicalName(stage, machine),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** ARN pattern of every execution of one state machine (StopExecution/DescribeExecution act on executions). */
export function executionArnPattern(scope: Stack, stage: string, machine: string): string {
  return scope.formatArn({
    service: "states",
    resource: "execution",
    resourceName: `${stateMachinePhysicalName(stage, machine)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** Prefix of every state machine ARN of the stage; the API appends a machine name to start it. */
export function stateMachineArnPrefix(scope: Stack, stage: string): string {
  return stateMachineArn(scope, stage, "x").replace(/x$/, "");
}

/** CloudFormation-safe construct id from a placeholder or kebab-case name (`launch-cycle` -> `LaunchCycle`). */
export function constructId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}
