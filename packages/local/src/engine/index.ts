// Public entry of the local Step Functions engine: engine, AWS JSON 1.0 server, both in one call, and helpers.
import { createEngine, type Engine, type EngineOptions } from "./engine";
import { createStatesServer } from "./server";

export { createEngine, type Engine, type EngineOptions } from "./engine";
export type { LambdaContext, LambdaFunction, LambdaHandler, LambdaResolver } from "./interpreter/lambda";
export { ENGINE_LIMITS } from "./limits";
export { createStatesServer, type StatesServer, type StatesServerOptions } from "./server";
export { substitute } from "./substitute";
export { EngineError, StatesApiError, SubstitutionError } from "./errors";
export type { ExecutionRow, ExecutionStatus, HistoryRow, StateMachineRow } from "./store/rows";

/** Options of createLocalStates: the engine's plus where to listen. */
export interface LocalStatesOptions extends EngineOptions {
  /** 8083 by default; 0 = any free port. */
  port?: number;
  host?: string;
}

/** A running local Step Functions: the engine and its API endpoint. */
export interface LocalStates {
  endpoint: string;
  engine: Engine;
  close(): Promise<void>;
}

/** Starts the engine on its SQLite file and serves the Step Functions API for it. */
export async function createLocalStates(options: LocalStatesOptions): Promise<LocalStates> {
  const engine = createEngine(options);
  try {
    const server = await createStatesServer({ engine, port: options.port, host: options.host });
    return {
      endpoint: server.endpoint,
      engine,
      async close() {
        await server.close();
        await engine.close();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
