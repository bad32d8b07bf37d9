// The engine's stored rows as TypeScript sees them, and the mappers from SQLite's snake_case columns.

/** A stored state machine. */
export interface StateMachineRow {
  arn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  createdMs: number;
  updatedMs: number;
  revision: number;
}

/** A stored execution (top-level or started by a parent task). */
export interface ExecutionRow {
  /** Integer key of the execution inside the store (history events hang off it instead of the long ARN). */
  id: number;
  arn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  startMs: number;
  stopMs: number | null;
  currentState: string | null;
  transitions: number;
  historyCount: number;
  definition: string;
  /** Thread of the parent execution's startExecution task waiting on this one, if any. */
  parentThread: number | null;
  parentAttempt: number | null;
  parentArn: string | null;
  redriveCount: number;
}

/** What the executions page shows of an execution (no input, output or definition). */
export type ExecutionSummaryRow = Pick<
  ExecutionRow,
  | "id"
  | "arn"
  | "stateMachineArn"
  | "name"
  | "status"
  | "startMs"
  | "stopMs"
  | "currentState"
  | "transitions"
  | "error"
  | "cause"
>;

/** Execution statuses as AWS names them. */
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** Life cycle of a thread: one path through a state list (the execution, a Parallel branch or a Map iteration). */
export type ThreadStatus = "pending" | "ready" | "running" | "waiting" | "done" | "failed" | "cancelled";

/** What a thread does next when it is ready: enter its current state, or start (again, after a retry) its Task/Parallel/Map work, or leave a Wait. */
export type ThreadPhase = "enter" | "start" | "after-wait";

/** A stored thread. */
export interface ThreadRow {
  id: number;
  executionArn: string;
  parentId: number | null;
  idx: number;
  scope: string;
  state: string;
  phase: ThreadPhase;
  status: ThreadStatus;
  attempt: number;
  /** The raw input of the current state. */
  input: string;
  /** JSON object of per-state scratch data (effective task input, retry counters, child bookkeeping, entered time). */
  data: string;
  output: string | null;
  error: string | null;
  cause: string | null;
}

/** A stored task token (callback or activity task). */
export interface TokenRow {
  token: string;
  threadId: number;
  attempt: number;
  executionArn: string;
  state: string;
  kind: "callback" | "activity";
  status: "active" | "started" | "done" | "timed-out" | "closed";
  activityArn: string | null;
  input: string | null;
  createdMs: number;
  heartbeatSeconds: number | null;
}

/** A stored timer; kinds say what firing it does. */
export interface TimerRow {
  id: number;
  dueMs: number;
  kind: TimerKind;
  threadId: number | null;
  attempt: number | null;
  executionArn: string | null;
  token: string | null;
}

/** What a timer does when it fires. */
export type TimerKind = "wait" | "retry" | "task-timeout" | "heartbeat" | "execution-timeout";

/** A stored history event. */
export interface HistoryRow {
  id: number;
  timestampMs: number;
  type: string;
  previousEventId: number;
  details: string | null;
}

/** A stored activity. */
export interface ActivityRow {
  arn: string;
  name: string;
  createdMs: number;
}

/** A row as better-sqlite3 returns it. */
export type Row = Record<string, unknown>;

// Column-to-field mappers, one per row type.

export const asExecutionSummary = (r: Row): ExecutionSummaryRow => ({
  id: r.id as number,
  arn: r.arn as string,
  stateMachineArn: r.state_machine_arn as string,
  name: r.name as string,
  status: r.status as ExecutionStatus,
  startMs: r.start_ms as number,
  stopMs: (r.stop_ms as number | null) ?? null,
  currentState: (r.current_state as string | null) ?? null,
  transitions: r.transitions as number,
  error: (r.error as string | null) ?? null,
  cause: (r.cause as string | null) ?? null,
});

export const asStateMachine = (r: Row): StateMachineRow => ({
  arn: r.arn as string,
  name: r.name as string,
  definition: r.definition as string,
  roleArn: r.role_arn as string,
  type: r.type as string,
  createdMs: r.created_ms as number,
  updatedMs: r.updated_ms as number,
  revision: r.revision as number,
});

export const asExecution = (r: Row): ExecutionRow => ({
  id: r.id as number,
  arn: r.arn as string,
  stateMachineArn: r.state_machine_arn as string,
  name: r.name as string,
  status: r.status as ExecutionStatus,
  input: r.input as string,
  output: r.output as string | null,
  error: r.error as string | null,
  cause: r.cause as string | null,
  startMs: r.start_ms as number,
  stopMs: r.stop_ms as number | null,
  currentState: r.current_state as string | null,
  transitions: r.transitions as number,
  historyCount: r.history_count as number,
  definition: r.definition as string,
  parentThread: r.parent_thread as number | null,
  parentAttempt: r.parent_attempt as number | null,
  parentArn: r.parent_arn as string | null,
  redriveCount: r.redrive_count as number,
});

export const asThread = (r: Row): ThreadRow => ({
  id: r.id as number,
  executionArn: r.execution_arn as string,
  parentId: r.parent_id as number | null,
  idx: r.idx as number,
  scope: r.scope as string,
  state: r.state as string,
  phase: r.phase as ThreadPhase,
  status: r.status as ThreadStatus,
  attempt: r.attempt as number,
  input: r.input as string,
  data: r.data as string,
  output: r.output as string | null,
  error: r.error as string | null,
  cause: r.cause as string | null,
});

export const asToken = (r: Row): TokenRow => ({
  token: r.token as string,
  threadId: r.thread_id as number,
  attempt: r.attempt as number,
  executionArn: r.execution_arn as string,
  state: r.state as string,
  kind: r.kind as TokenRow["kind"],
  status: r.status as TokenRow["status"],
  activityArn: r.activity_arn as string | null,
  input: r.input as string | null,
  createdMs: r.created_ms as number,
  heartbeatSeconds: r.heartbeat_seconds as number | null,
});

export const asTimer = (r: Row): TimerRow => ({
  id: r.id as number,
  dueMs: r.due_ms as number,
  kind: r.kind as TimerKind,
  threadId: r.thread_id as number | null,
  attempt: r.attempt as number | null,
  executionArn: r.execution_arn as string | null,
  token: r.token as string | null,
});

export const asHistory = (r: Row): HistoryRow => ({
  id: r.id as number,
  timestampMs: r.timestamp_ms as number,
  type: r.type as string,
  previousEventId: r.previous_event_id as number,
  details: r.details as string | null,
});
