// What a step knows of its execution without reading it again: the cached execution record, the parsed definition
// and its nested state lists (scopes), the state a thread is in, and the ASL context object ($$) it sees.
import type { ContextObject } from "./asl/context";
import type { MapState, ParallelState, State } from "./asl/types";
import type { EngineContext, ExecMeta, StatesBlock, ThreadData } from "./context";
import { StatesApiError } from "./errors";
import type { ThreadRow } from "./store/rows";

const iso = (ms: number) => new Date(ms).toISOString();

/** The cached record of an execution (read from the store on a miss). */
export function meta(ctx: EngineContext, executionArn: string): ExecMeta {
  const cached = ctx.caches.metas.get(executionArn);
  if (cached) return cached;
  const row = ctx.store.getExecution(executionArn);
  if (!row) throw new StatesApiError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
  const machine = ctx.store.getMachine(row.stateMachineArn);
  return remember(ctx, {
    id: row.id,
    arn: row.arn,
    name: row.name,
    stateMachineArn: row.stateMachineArn,
    stateMachineName: row.stateMachineArn.split(":").pop()!,
    roleArn: machine?.roleArn ?? `arn:aws:iam::${ctx.accountId}:role/local`,
    startMs: row.startMs,
    input: row.input,
    definition: parsedDefinition(ctx, row.definition),
    scopes: new Map(),
    historyCount: ctx.store.historyLength(row.id),
    status: row.status,
    hasParent: row.parentThread !== null,
  });
}

/** Caches an execution record (the oldest of 2000 goes first). */
export function remember(ctx: EngineContext, m: ExecMeta): ExecMeta {
  const metas = ctx.caches.metas;
  if (metas.size > 2000) metas.delete(metas.keys().next().value!);
  metas.set(m.arn, m);
  return m;
}

/** The parsed form of a definition text, shared by every execution of the machine. */
export function parsedDefinition(ctx: EngineContext, text: string): StatesBlock {
  const definitions = ctx.caches.definitions;
  let parsed = definitions.get(text);
  if (!parsed) {
    parsed = JSON.parse(text) as StatesBlock;
    if (definitions.size > 200) definitions.delete(definitions.keys().next().value!);
    definitions.set(text, parsed);
  }
  return parsed;
}

/** The state list a scope names ("" = the machine's own). */
export function scopeBlock(m: ExecMeta, scope: string): StatesBlock {
  if (scope === "") return m.definition;
  const cached = m.scopes.get(scope);
  if (cached) return cached;
  // scope = JSON [[stateName, branchIndex or -1 for a Map processor], ...] from the top-level States down
  let block = m.definition;
  for (const [name, index] of JSON.parse(scope) as [string, number][]) {
    const state = block.States[name] as ParallelState | MapState;
    block = index < 0 ? mapProcessor(state as MapState) : (state as ParallelState).Branches[index];
  }
  m.scopes.set(scope, block);
  return block;
}

/** The scope of a Parallel branch (`index`) or a Map's item processor (-1) inside `scope`. */
export function childScope(scope: string, stateName: string, index: number): string {
  const path = scope === "" ? [] : (JSON.parse(scope) as [string, number][]);
  return JSON.stringify([...path, [stateName, index]]);
}

/** The sub-machine a Map runs per item (ItemProcessor, or the older Iterator). */
export function mapProcessor(state: MapState): StatesBlock {
  return (state.ItemProcessor ?? state.Iterator)!;
}

/** The definition of the state a thread is in. */
export function stateOf(m: ExecMeta, th: ThreadRow): State {
  return scopeBlock(m, th.scope).States[th.state];
}

/** The context object ($$) the thread's current state sees. */
export function contextObject(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  extra?: Partial<ContextObject>,
): ContextObject {
  if (m.parsedInput === undefined) m.parsedInput = JSON.parse(m.input);
  return {
    Execution: {
      Id: m.arn,
      Input: m.parsedInput,
      Name: m.name,
      RoleArn: m.roleArn,
      StartTime: iso(m.startMs),
      RedriveCount: 0,
    },
    State: {
      EnteredTime: iso(data.enteredMs ?? ctx.now()),
      Name: th.state,
      RetryCount: (data.retries ?? []).reduce((a, b) => a + b, 0),
    },
    StateMachine: { Id: m.stateMachineArn, Name: m.stateMachineName },
    ...extra,
  };
}
