/** The context object a state sees as `$$`, shaped like AWS's. */
export interface ContextObject {
  Execution: {
    Id: string;
    Input: unknown;
    Name: string;
    RoleArn: string;
    StartTime: string;
    RedriveCount: number;
  };
  State: { EnteredTime: string; Name: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown; Key?: string } };
}

/** Builds a context object with sensible placeholder values, for callers that only care about a few fields. */
export function createContextObject(
  overrides: {
    executionArn?: string;
    input?: unknown;
    startTime?: string;
    stateName?: string;
    enteredTime?: string;
    retryCount?: number;
    stateMachineArn?: string;
    roleArn?: string;
    redriveCount?: number;
    taskToken?: string;
    mapItem?: { Index: number; Value: unknown; Key?: string };
  } = {},
): ContextObject {
  const stateMachineArn =
    overrides.stateMachineArn ?? "arn:aws:states:us-east-1:123456789012:stateMachine:local";
  const executionArn = overrides.executionArn ?? "arn:aws:states:us-east-1:123456789012:execution:local:run";
  const startTime = overrides.startTime ?? "1970-01-01T00:00:00.000Z";
  const context: ContextObject = {
    Execution: {
      Id: executionArn,
      Input: overrides.input ?? {},
      Name: executionArn.split(":").pop() ?? "",
      RoleArn: overrides.roleArn ?? "arn:aws:iam::123456789012:role/local",
      StartTime: startTime,
      RedriveCount: overrides.redriveCount ?? 0,
    },
    State: {
      EnteredTime: overrides.enteredTime ?? startTime,
      Name: overrides.stateName ?? "",
      RetryCount: overrides.retryCount ?? 0,
    },
    StateMachine: { Id: stateMachineArn, Name: stateMachineArn.split(":").pop() ?? "" },
  };
  if (overrides.taskToken !== undefined) context.Task = { Token: overrides.taskToken };
  if (overrides.mapItem !== undefined) context.Map = { Item: overrides.mapItem };
  return context;
}
