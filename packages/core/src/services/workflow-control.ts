// The port to the Step Functions control plane (start and stop executions), with the SFN adapter used in
// the cloud and against the local engine (endpoint override).
import { StartExecutionCommand, StopExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { TransientError } from "./workflow.errors";

/** Starts and stops workflow executions. */
export interface WorkflowControl {
  /** Starts an execution with a deterministic name; answers false when one with that name already exists. */
  start(stateMachineArn: string, name: string, input: object): Promise<{ started: boolean; executionArn?: string }>;
  /** Stops a running execution (a stopped or finished one is fine). */
  stop(executionArn: string, cause: string): Promise<void>;
}

/** WorkflowControl over @aws-sdk/client-sfn. */
export function createSfnWorkflowControl(client: SFNClient): WorkflowControl {
  return {
    async start(stateMachineArn, name, input) {
      try {
        const out = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
        return { started: true, executionArn: out.executionArn };
      } catch (err) {
        if ((err as { name?: string }).name === "ExecutionAlreadyExists") return { started: false };
        throw new TransientError(`StartExecution ${name} failed: ${(err as Error).message}`, { cause: err });
      }
    },
    async stop(executionArn, cause) {
      try {
        await client.send(new StopExecutionCommand({ executionArn, cause: cause.slice(0, 32_000), error: "Cancelled" }));
      } catch (err) {
        if ((err as { name?: string }).name === "ExecutionDoesNotExist") return;
        throw new TransientError(`StopExecution failed: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
