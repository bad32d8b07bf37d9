// The port to the Step Functions control plane (start and stop executions); the SFN adapter is in
// sfn-workflow-control.adapter.ts.

/** Starts and stops workflow executions. */
export interface WorkflowControl {
  /** Starts an execution with a deterministic name; answers false when one with that name already exists. */
  start(
    stateMachineArn: string,
    name: string,
    input: object,
  ): Promise<{ started: boolean; executionArn?: string }>;
  /** Stops a running execution (a stopped or finished one is fine). */
  stop(executionArn: string, cause: string): Promise<void>;
}
