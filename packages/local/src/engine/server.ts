// The AWS JSON 1.0 front of the local engine, so @aws-sdk/client-sfn works against it with only an endpoint override.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as v from "valibot";
import { StatesError } from "./asl/errors";
import type { Engine } from "./engine";
import { StatesApiError } from "./errors";
import type { ExecutionRow, HistoryRow, StateMachineRow } from "./store/rows";

/** Options of createStatesServer. */
export interface StatesServerOptions {
  engine: Engine;
  /** TCP port; 8083 by default, 0 picks a free one. */
  port?: number;
  host?: string;
}

/** A running Step Functions API server. */
export interface StatesServer {
  endpoint: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

// AWS caps an API request at 1 MB; we read a little past that only to answer cleanly, then cut the connection.
const MAX_BODY = 1_048_576;
const HARD_BODY_CUTOFF = 8 * MAX_BODY;
const TARGET_PREFIX = "AWSStepFunctions.";

const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : ms / 1000);
const dateSeconds = (d: Date) => d.getTime() / 1000;

const str = v.optional(v.string());
const int = v.optional(v.pipe(v.number(), v.integer()));
const bool = v.optional(v.boolean());
const arnField = v.string();

// Field types of each action's request; content rules (names, ARNs, JSON) are checked by the engine with AWS's error names.
const REQUESTS = {
  CreateStateMachine: v.looseObject({ name: v.string(), definition: v.string(), roleArn: str, type: str }),
  DescribeStateMachine: v.looseObject({ stateMachineArn: arnField }),
  ListStateMachines: v.looseObject({ maxResults: int, nextToken: str }),
  UpdateStateMachine: v.looseObject({ stateMachineArn: arnField, definition: str, roleArn: str }),
  DeleteStateMachine: v.looseObject({ stateMachineArn: arnField }),
  ValidateStateMachineDefinition: v.looseObject({ definition: v.string(), type: str }),
  StartExecution: v.looseObject({ stateMachineArn: arnField, name: str, input: str, traceHeader: str }),
  DescribeExecution: v.looseObject({ executionArn: arnField }),
  ListExecutions: v.looseObject({
    stateMachineArn: str,
    statusFilter: str,
    maxResults: int,
    nextToken: str,
    mapRunArn: str,
  }),
  StopExecution: v.looseObject({ executionArn: arnField, error: str, cause: str }),
  GetExecutionHistory: v.looseObject({
    executionArn: arnField,
    maxResults: int,
    nextToken: str,
    reverseOrder: bool,
    includeExecutionData: bool,
  }),
  SendTaskSuccess: v.looseObject({ taskToken: v.string(), output: v.string() }),
  SendTaskFailure: v.looseObject({ taskToken: v.string(), error: str, cause: str }),
  SendTaskHeartbeat: v.looseObject({ taskToken: v.string() }),
  CreateActivity: v.looseObject({ name: v.string() }),
  DescribeActivity: v.looseObject({ activityArn: arnField }),
  ListActivities: v.looseObject({ maxResults: int, nextToken: str }),
  DeleteActivity: v.looseObject({ activityArn: arnField }),
  GetActivityTask: v.looseObject({ activityArn: arnField, workerName: str }),
} as const;

type Action = keyof typeof REQUESTS;
type Req<A extends Action> = v.InferOutput<(typeof REQUESTS)[A]>;

function describeMachine(m: StateMachineRow) {
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: "ACTIVE",
    definition: m.definition,
    roleArn: m.roleArn,
    type: m.type,
    creationDate: seconds(m.createdMs),
    loggingConfiguration: { level: "OFF", includeExecutionData: false },
    revisionId: String(m.revision),
  };
}

/** DescribeExecution's shape, plus `billableStateTransitions` (local extra) and `currentState`. */
export function describeExecution(e: ExecutionRow) {
  return {
    executionArn: e.arn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: seconds(e.startMs),
    stopDate: seconds(e.stopMs),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== null ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== null ? { error: e.error } : {}),
    ...(e.cause !== null ? { cause: e.cause } : {}),
    redriveCount: e.redriveCount,
    redriveStatus: "NOT_REDRIVABLE",
    billableStateTransitions: e.transitions,
    currentState: e.currentState ?? undefined,
  };
}

/** A history event as GetExecutionHistory returns it. */
export function historyEvent(h: HistoryRow, includeData = true) {
  const details = h.details ? (JSON.parse(h.details) as Record<string, Record<string, unknown>>) : {};
  if (!includeData) {
    for (const value of Object.values(details)) {
      delete value.input;
      delete value.output;
    }
  }
  return {
    timestamp: seconds(h.timestampMs),
    type: h.type,
    id: h.id,
    previousEventId: h.previousEventId,
    ...details,
  };
}

function paginate<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined) {
  const start =
    nextToken === undefined ? 0 : Number.parseInt(Buffer.from(nextToken, "base64url").toString("utf8"), 10);
  if (!Number.isInteger(start) || start < 0)
    throw new StatesApiError("InvalidToken", "Invalid Token: 'nextToken' is not valid");
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  const page = items.slice(start, start + size);
  const more = start + size < items.length;
  return { page, nextToken: more ? Buffer.from(String(start + size)).toString("base64url") : undefined };
}

type Handler = (body: any, signal: AbortSignal) => unknown;

function handlers(engine: Engine): Record<Action, Handler> {
  return {
    CreateStateMachine: (b: Req<"CreateStateMachine">) => {
      const r = engine.createStateMachine(b);
      return { stateMachineArn: r.stateMachineArn, creationDate: dateSeconds(r.creationDate) };
    },
    DescribeStateMachine: (b: Req<"DescribeStateMachine">) =>
      describeMachine(engine.describeStateMachine(b.stateMachineArn)),
    ListStateMachines: (b: Req<"ListStateMachines">) => {
      const { page, nextToken } = paginate(engine.listStateMachines(), b.maxResults, b.nextToken);
      return {
        stateMachines: page.map((m) => ({
          stateMachineArn: m.arn,
          name: m.name,
          type: m.type,
          creationDate: seconds(m.createdMs),
        })),
        nextToken,
      };
    },
    UpdateStateMachine: (b: Req<"UpdateStateMachine">) => {
      const r = engine.updateStateMachine(b);
      return { updateDate: dateSeconds(r.updateDate), revisionId: r.revisionId };
    },
    DeleteStateMachine: (b: Req<"DeleteStateMachine">) => engine.deleteStateMachine(b.stateMachineArn),
    ValidateStateMachineDefinition: (b: Req<"ValidateStateMachineDefinition">) => {
      const r = engine.validate(b.definition);
      return r.ok
        ? { result: "OK", diagnostics: [] }
        : {
            result: "FAIL",
            diagnostics: r.diagnostics.map((d) => ({
              severity: "ERROR",
              code: d.code,
              message: d.message,
              location: d.location,
            })),
          };
    },
    StartExecution: (b: Req<"StartExecution">) => {
      const r = engine.startExecution(b);
      return { executionArn: r.executionArn, startDate: dateSeconds(r.startDate) };
    },
    DescribeExecution: (b: Req<"DescribeExecution">) =>
      describeExecution(engine.describeExecution(b.executionArn)),
    ListExecutions: (b: Req<"ListExecutions">) => {
      const r = engine.listExecutions(b);
      return {
        executions: r.executions.map((e) => ({
          executionArn: e.arn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: seconds(e.startMs),
          stopDate: seconds(e.stopMs),
          redriveCount: e.redriveCount,
        })),
        nextToken: r.nextToken,
      };
    },
    StopExecution: (b: Req<"StopExecution">) => ({ stopDate: dateSeconds(engine.stopExecution(b).stopDate) }),
    GetExecutionHistory: (b: Req<"GetExecutionHistory">) => {
      const r = engine.getExecutionHistory(b);
      return {
        events: r.events.map((e) => historyEvent(e, b.includeExecutionData !== false)),
        nextToken: r.nextToken,
      };
    },
    SendTaskSuccess: (b: Req<"SendTaskSuccess">) => engine.sendTaskSuccess(b),
    SendTaskFailure: (b: Req<"SendTaskFailure">) => engine.sendTaskFailure(b),
    SendTaskHeartbeat: (b: Req<"SendTaskHeartbeat">) => engine.sendTaskHeartbeat(b),
    CreateActivity: (b: Req<"CreateActivity">) => {
      const r = engine.createActivity(b);
      return { activityArn: r.activityArn, creationDate: dateSeconds(r.creationDate) };
    },
    DescribeActivity: (b: Req<"DescribeActivity">) => {
      const a = engine.describeActivity(b.activityArn);
      return { activityArn: a.arn, name: a.name, creationDate: seconds(a.createdMs) };
    },
    ListActivities: (b: Req<"ListActivities">) => {
      const { page, nextToken } = paginate(engine.listActivities(), b.maxResults, b.nextToken);
      return {
        activities: page.map((a) => ({
          activityArn: a.arn,
          name: a.name,
          creationDate: seconds(a.createdMs),
        })),
        nextToken,
      };
    },
    DeleteActivity: (b: Req<"DeleteActivity">) => engine.deleteActivity(b.activityArn),
    GetActivityTask: (b: Req<"GetActivityTask">, signal) => engine.getActivityTask(b, 60_000, signal),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": crypto.randomUUID(),
    ...(status >= 400 && typeof (body as { __type?: unknown })?.__type === "string"
      ? { "x-amzn-errortype": (body as { __type: string }).__type }
      : {}),
  });
  res.end(text);
}

const fail = (res: ServerResponse, type: string, message: string, status = 400) =>
  send(res, status, { __type: type, message });

/** Reads the body up to MAX_BODY; returns null (after answering) when it is too large. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        tooLarge = true;
        chunks.length = 0;
        if (size > HARD_BODY_CUTOFF) {
          fail(res, "ValidationException", `Request body larger than ${MAX_BODY} bytes`);
          req.destroy();
          resolve(null);
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) {
        fail(res, "ValidationException", `Request body larger than ${MAX_BODY} bytes`);
        resolve(null);
      } else resolve(Buffer.concat(chunks));
    });
    req.on("error", () => resolve(null));
  });
}

/** Handles one AWS JSON 1.0 request. */
async function handle(
  engine: Engine,
  table: Record<Action, Handler>,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (req.method !== "POST")
    return fail(res, "UnknownOperationException", `Only POST is supported, got ${req.method}`);
  const target = req.headers["x-amz-target"];
  const body = await readBody(req, res);
  if (body === null) return;
  if (typeof target !== "string" || !target.startsWith(TARGET_PREFIX)) {
    return fail(
      res,
      "UnknownOperationException",
      "Missing or unknown X-Amz-Target header (expected AWSStepFunctions.<Action>)",
    );
  }
  const action = target.slice(TARGET_PREFIX.length);
  if (!Object.prototype.hasOwnProperty.call(REQUESTS, action))
    return fail(res, "UnknownOperationException", `Unknown operation ${action}`);
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
  } catch (error) {
    return fail(res, "SerializationException", `Malformed JSON request body: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return fail(res, "SerializationException", "Request body must be a JSON object");
  }
  const checked = v.safeParse(REQUESTS[action as Action], parsed);
  if (!checked.success) {
    const issue = checked.issues[0];
    const field = v.getDotPath(issue) ?? "(body)";
    return fail(
      res,
      "ValidationException",
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${issue.message}`,
    );
  }
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  try {
    const result = await table[action as Action](checked.output, abort.signal);
    send(res, 200, result ?? {});
  } catch (error) {
    if (error instanceof StatesApiError) return fail(res, error.type, error.message);
    if (error instanceof StatesError)
      return fail(res, "ValidationException", `${error.error}: ${error.cause ?? ""}`);
    const message = error instanceof Error ? error.message : String(error);
    fail(res, "InternalServerError", `Internal error in the local engine: ${message}`, 500);
  }
  void engine;
}

/** Starts the Step Functions API server on host:port (127.0.0.1:8083 by default; port 0 = any free port). */
export async function createStatesServer(options: StatesServerOptions): Promise<StatesServer> {
  const table = handlers(options.engine);
  const server = createServer((req, res) => {
    handle(options.engine, table, req, res).catch((error: unknown) =>
      fail(res, "InternalServerError", String(error), 500),
    );
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8083, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
