// The Step Functions API on state machines and executions: create/update/describe/list/delete machines, validate a
// definition, start/describe/list/stop executions, read history, wait for an end; lists page with opaque tokens.
import { validateDefinition, type ValidationResult } from "./asl/validate";
import { after, runBatch, schedulePump, step } from "./batch";
import type { EngineContext } from "./context";
import { StatesApiError } from "./errors";
import { finishExecution, startExecution } from "./executions";
import { ENGINE_LIMITS, utf8Bytes } from "./limits";
import { meta } from "./meta";
import { assertValidName } from "./names";
import type { ExecutionRow, ExecutionStatus, HistoryRow } from "./store/rows";

const TERMINAL: ExecutionStatus[] = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

/** A definition as CreateStateMachine/UpdateStateMachine accept it (a JSON string within 1 MB that validates). */
function checkDefinition(ctx: EngineContext, definition: unknown): string {
  if (typeof definition !== "string")
    throw new StatesApiError(
      "InvalidDefinition",
      "Invalid State Machine Definition: 'definition' must be a JSON string",
    );
  if (utf8Bytes(definition) > ENGINE_LIMITS.definitionBytes)
    throw new StatesApiError("InvalidDefinition", "Invalid State Machine Definition: larger than 1 MB");
  const result = validated(ctx, definition);
  if (!result.ok) {
    const text = result.diagnostics
      .map((d) => `${d.code}${d.location ? ` at ${d.location}` : ""}: ${d.message}`)
      .join("; ");
    throw new StatesApiError("InvalidDefinition", `Invalid State Machine Definition: '${text}'`);
  }
  return definition;
}

/** validateDefinition, remembered per definition text (see EngineContext.caches.validations). */
function validated(ctx: EngineContext, definition: string): ValidationResult {
  const validations = ctx.caches.validations;
  let result = validations.get(definition);
  if (!result) {
    result = validateDefinition(definition);
    if (validations.size > 500) validations.delete(validations.keys().next().value!);
    validations.set(definition, result);
  }
  return result;
}

function describeMachine(ctx: EngineContext, stateMachineArn: unknown) {
  ctx.arn.parseStateMachine(stateMachineArn);
  const machine = ctx.store.getMachine(stateMachineArn as string);
  if (!machine)
    throw new StatesApiError(
      "StateMachineDoesNotExist",
      `State Machine Does Not Exist: '${String(stateMachineArn)}'`,
    );
  return machine;
}

function describeExecutionRow(ctx: EngineContext, executionArn: unknown): ExecutionRow {
  ctx.arn.parseExecution(executionArn);
  const row = ctx.store.getExecution(executionArn as string);
  if (!row)
    throw new StatesApiError("ExecutionDoesNotExist", `Execution Does Not Exist: '${String(executionArn)}'`);
  return row;
}

/** The state machine API. */
export function stateMachineApi(ctx: EngineContext) {
  const { store, arn } = ctx;
  return {
    /** Creates a state machine (definition already substituted); same name + same definition is idempotent as in AWS. */
    createStateMachine(req: { name?: unknown; definition?: unknown; roleArn?: unknown; type?: unknown }) {
      assertValidName(req.name, "state machine");
      const definition = checkDefinition(ctx, req.definition);
      const roleArn =
        typeof req.roleArn === "string" ? req.roleArn : `arn:aws:iam::${ctx.accountId}:role/local`;
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
      const t = ctx.now();
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
      const machine = describeMachine(ctx, req.stateMachineArn);
      const definition =
        req.definition === undefined ? machine.definition : checkDefinition(ctx, req.definition);
      const roleArn = typeof req.roleArn === "string" ? req.roleArn : machine.roleArn;
      const t = ctx.now();
      store.updateMachine({ arn: machine.arn, definition, roleArn, updatedMs: t });
      return { updateDate: new Date(t), revisionId: String(machine.revision + 1) };
    },

    describeStateMachine: (stateMachineArn: unknown) => describeMachine(ctx, stateMachineArn),
    listStateMachines: () => store.listMachines(),

    /** Deletes a state machine (AWS stops its running executions asynchronously; we abort them now). */
    deleteStateMachine(stateMachineArn: unknown) {
      arn.parseStateMachine(stateMachineArn);
      step(ctx, () => {
        for (const e of store.listExecutions({
          machine: stateMachineArn as string,
          status: "RUNNING",
          afterStart: null,
          afterArn: null,
          limit: 1_000_000,
        })) {
          finishExecution(ctx, meta(ctx, e.arn), "ABORTED", null, "States.Aborted", "State machine deleted");
        }
        store.deleteMachine(stateMachineArn as string);
      });
      return {};
    },

    /** Validates a definition without creating anything (ValidateStateMachineDefinition). */
    validate(definition: string) {
      return validated(ctx, definition);
    },
  };
}

/** The execution API. */
export function executionApi(ctx: EngineContext) {
  const { store, batch } = ctx;
  return {
    /** Starts an execution (StartExecution). */
    startExecution(req: { stateMachineArn?: unknown; name?: unknown; input?: unknown }) {
      // A top-level start runs the execution's first steps in its own transaction (one commit instead of two: the start,
      // then the pump's batch). Nothing leaves the engine before that commit; Lambda handlers start after it returns.
      const inline = batch.effects === null && !batch.pumping && !ctx.closed;
      const started = step(ctx, () => {
        const s = startExecution(
          ctx,
          { stateMachineArn: req.stateMachineArn, name: req.name, input: req.input, parent: null },
          inline,
        );
        if (s.threadId !== undefined) {
          runBatch(ctx, Date.now(), s.threadId);
          if (batch.readyQueue.length > 0) after(ctx, () => schedulePump(ctx));
        }
        return s;
      });
      return { executionArn: started.executionArn, startDate: new Date(started.startMs) };
    },

    describeExecution: (executionArn: unknown) => describeExecutionRow(ctx, executionArn),

    /** Lists executions newest first with an opaque page token. */
    listExecutions(req: {
      stateMachineArn?: unknown;
      statusFilter?: unknown;
      maxResults?: unknown;
      nextToken?: unknown;
    }) {
      if (req.stateMachineArn !== undefined) describeMachine(ctx, req.stateMachineArn);
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
      const row = describeExecutionRow(ctx, req.executionArn);
      if (row.status === "RUNNING") {
        step(ctx, () =>
          finishExecution(
            ctx,
            meta(ctx, row.arn),
            "ABORTED",
            null,
            typeof req.error === "string" ? req.error : null,
            typeof req.cause === "string" ? req.cause : null,
          ),
        );
      }
      const stopped = store.getExecution(row.arn)!;
      return { stopDate: new Date(stopped.stopMs ?? ctx.now()) };
    },

    /** A page of history events. */
    getExecutionHistory(req: {
      executionArn?: unknown;
      maxResults?: unknown;
      nextToken?: unknown;
      reverseOrder?: unknown;
      includeExecutionData?: unknown;
    }) {
      const row = describeExecutionRow(ctx, req.executionArn);
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

    /** Resolves when the execution is no longer RUNNING (or at once if it already ended). */
    waitForExecution(executionArn: string, timeoutMs = 30_000): Promise<ExecutionRow> {
      const row = describeExecutionRow(ctx, executionArn);
      if (row.status !== "RUNNING") return Promise.resolve(row);
      return new Promise((resolve, reject) => {
        let set = ctx.waiters.execution.get(executionArn);
        if (!set) ctx.waiters.execution.set(executionArn, (set = new Set()));
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
  };
}

/** maxResults as AWS reads it: absent or 0 = 100, else 1..1000. */
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
