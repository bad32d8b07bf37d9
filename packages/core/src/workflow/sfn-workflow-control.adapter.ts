// WorkflowControl over @aws-sdk/client-sfn: AWS in the cloud, the local engine through an endpoint override.
import { StartExecutionCommand, StopExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import type { WorkflowControl } from "./workflow-control";
import { TransientError } from "../storage/storage.errors";

/** WorkflowControl over @aws-sdk/client-sfn. */
export function createSfnWorkflowControl(client: SFNClient): WorkflowControl {
  return {
    async start(stateMachineArn, name, input) {
      try {
        const out = await client.send(
          new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
        );
        return { started: true, executionArn: out.executionArn };
      } catch (err) {
        if ((err as { name?: string }).name === "ExecutionAlreadyExists") return { started: false };
        throw new TransientError(`StartExecution ${name} failed: ${(err as Error).message}`, { cause: err });
      }
    },
    async stop(executionArn, cause) {
      try {
        await client.send(
          new StopExecutionCommand({ executionArn, cause: cause.slice(0, 32_000), error: "Cancelled" }),
        );
      } catch (err) {
        if ((err as { name?: string }).name === "ExecutionDoesNotExist") return;
        throw new TransientError(`StopExecution failed: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
