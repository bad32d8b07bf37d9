// Test harness: a real engine + API server on a temp SQLite file, and an AWS SDK client pointed at it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  SFNClient,
  CreateStateMachineCommand,
  StartExecutionCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
} from "@aws-sdk/client-sfn";
import { createOffsetClock, type AdjustableClock } from "@kinerja/core/clock/clock";
import {
  createLocalStates,
  type LambdaResolver,
  type LocalStates,
} from "../../packages/local/src/engine/index";

type Handler = (event: any, context: any) => Promise<unknown>;
/** Functions by name, as a registry would provide them: a handler, or a handler with its configured timeout. */
export type Handlers = Record<string, Handler | { handler: Handler; timeoutSeconds: number }>;

/** A running engine for one test file. */
export interface Harness {
  states: LocalStates;
  sfn: SFNClient;
  clock: AdjustableClock;
  dir: string;
  /** Creates a state machine from a definition object and returns its ARN. */
  machine(name: string, definition: object): Promise<string>;
  /** Starts an execution and returns its ARN. */
  start(machineArn: string, input?: unknown, name?: string): Promise<string>;
  /** Waits until the execution ended and returns DescribeExecution's output. */
  finished(executionArn: string): Promise<Awaited<ReturnType<SFNClient["send"]>> & Record<string, any>>;
  /** Starts and waits; returns the described execution with output parsed. */
  run(
    machineArn: string,
    input?: unknown,
  ): Promise<{ status: string; output?: any; error?: string; cause?: string; executionArn: string }>;
  history(executionArn: string): Promise<any[]>;
  close(): Promise<void>;
}

/** Starts a harness whose Lambda registry is `handlers` (mutable: tests may add functions later). */
export async function startHarness(
  handlers: Handlers = {},
  options: { realTime?: boolean; random?: () => number } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-engine-"));
  const clock = createOffsetClock();
  const lambdas: LambdaResolver = (name) => handlers[name];
  const states = await createLocalStates({
    dbPath: join(dir, "engine.sqlite"),
    clock,
    lambdas,
    port: 0,
    realTime: options.realTime,
    random: options.random,
  });
  const sfn = new SFNClient({
    endpoint: states.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const h: Harness = {
    states,
    sfn,
    clock,
    dir,
    async machine(name, definition) {
      const r = await sfn.send(
        new CreateStateMachineCommand({
          name,
          definition: JSON.stringify(definition),
          roleArn: "arn:aws:iam::123456789012:role/test",
        }),
      );
      return r.stateMachineArn!;
    },
    async start(machineArn, input = {}, name) {
      const r = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify(input), name }),
      );
      return r.executionArn!;
    },
    async finished(executionArn) {
      await states.engine.waitForExecution(executionArn, 20_000);
      return sfn.send(new DescribeExecutionCommand({ executionArn })) as any;
    },
    async run(machineArn, input = {}) {
      const executionArn = await h.start(machineArn, input);
      const d = await h.finished(executionArn);
      return {
        status: d.status,
        output: d.output === undefined ? undefined : JSON.parse(d.output),
        error: d.error,
        cause: d.cause,
        executionArn,
      };
    },
    async history(executionArn) {
      const events: any[] = [];
      let nextToken: string | undefined;
      do {
        const r = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
        );
        events.push(...(r.events ?? []));
        nextToken = r.nextToken;
      } while (nextToken);
      return events;
    },
    async close() {
      sfn.destroy();
      await states.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
