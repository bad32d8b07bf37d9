// Recognises Task resources and shapes Lambda results and errors as AWS's integrations do.
import { randomUUID } from "node:crypto";

/** A Task state's resource, classified. */
export type TaskResource =
  | { kind: "lambda-invoke"; callback: boolean; resource: string }
  | { kind: "lambda-arn"; functionName: string; resource: string }
  | { kind: "start-execution"; mode: "async" | "sync" | "sync2" | "callback"; resource: string }
  | { kind: "activity"; activityArn: string; resource: string }
  | { kind: "unsupported"; resource: string };

/** Classifies a Task's `Resource` ARN. */
export function parseResource(resource: string): TaskResource {
  if (resource === "arn:aws:states:::lambda:invoke")
    return { kind: "lambda-invoke", callback: false, resource };
  if (resource === "arn:aws:states:::lambda:invoke.waitForTaskToken")
    return { kind: "lambda-invoke", callback: true, resource };
  const start = /^arn:aws:states:::states:startExecution(\.sync(:2)?|\.waitForTaskToken)?$/.exec(resource);
  if (start) {
    const mode =
      start[1] === undefined
        ? "async"
        : start[1] === ".waitForTaskToken"
          ? "callback"
          : start[2]
            ? "sync2"
            : "sync";
    return { kind: "start-execution", mode, resource };
  }
  const lambda = /^arn:aws[\w-]*:lambda:[\w-]*:\d*:function:([^:]+)(:[^:]+)?$/.exec(resource);
  if (lambda) return { kind: "lambda-arn", functionName: lambda[1], resource };
  if (/^arn:aws[\w-]*:states:[\w-]*:\d*:activity:[^:]+$/.test(resource))
    return { kind: "activity", activityArn: resource, resource };
  return { kind: "unsupported", resource };
}

/** The function name inside a Lambda `FunctionName` parameter: a name, `name:qualifier`, a partial ARN or a full ARN. */
export function lambdaFunctionName(functionName: string): string {
  const full = /^arn:aws[\w-]*:lambda:[\w-]*:\d*:function:([^:]+)/.exec(functionName);
  if (full) return full[1];
  const partial = /^(?:\d+:)?function:([^:]+)/.exec(functionName);
  if (partial) return partial[1];
  return functionName.split(":")[0];
}

/** Wraps a Lambda result as `arn:aws:states:::lambda:invoke` returns it. */
export function lambdaInvokeResult(payload: unknown, requestId: string): Record<string, unknown> {
  const headers = {
    "Content-Type": "application/json",
    "X-Amz-Executed-Version": "$LATEST",
    "x-amzn-RequestId": requestId,
  };
  return {
    ExecutedVersion: "$LATEST",
    Payload: payload === undefined ? null : payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/**
 * A function ran past its configured timeout. Lambda answers such an invocation with FunctionError "Unhandled" and
 * the payload `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 3.00
 * seconds"}`; Step Functions names the Task's error after errorType and uses the payload as cause.
 */
export class LambdaTimeoutError extends Error {
  constructor(requestId: string, timeoutSeconds: number) {
    super(`RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = "Sandbox.Timedout";
  }
}

/** Maps a thrown value to the error name and cause that AWS's Lambda integration reports. */
export function lambdaError(thrown: unknown): { error: string; cause: string } {
  if (thrown instanceof LambdaTimeoutError)
    return {
      error: thrown.name,
      cause: JSON.stringify({ errorType: thrown.name, errorMessage: thrown.message }),
    };
  if (thrown instanceof Error) {
    const errorType =
      thrown.name && thrown.name !== "Error" ? thrown.name : thrown.constructor?.name || "Error";
    const trace = (thrown.stack ?? "")
      .split("\n")
      .slice(1)
      .map((l) => l.trim())
      .filter(Boolean);
    return { error: errorType, cause: JSON.stringify({ errorType, errorMessage: thrown.message, trace }) };
  }
  const message = typeof thrown === "string" ? thrown : (JSON.stringify(thrown) ?? String(thrown));
  return { error: "Error", cause: JSON.stringify({ errorType: "Error", errorMessage: message, trace: [] }) };
}

/** A new AWS-looking request id. */
export const requestId = (): string => randomUUID();
