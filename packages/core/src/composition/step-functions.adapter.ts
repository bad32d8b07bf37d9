// The two ports one Step Functions client serves: the decisions' task callbacks and HR's workflow control. The
// Lambdas pass AWS's client, the local runtime one on its engine's endpoint.
import type { SFNClient } from "@aws-sdk/client-sfn";
import { createSfnTaskCallbacks } from "../decision/sfn-task-callbacks.adapter";
import type { TaskCallbacks } from "../decision/task-callbacks";
import { createSfnWorkflowControl } from "../workflow/sfn-workflow-control.adapter";
import type { WorkflowControl } from "../workflow/workflow-control";

/** The task callbacks and the workflow control on one Step Functions client. */
export function stepFunctionsPorts(sfn: SFNClient): { callbacks: TaskCallbacks; workflows: WorkflowControl } {
  return { callbacks: createSfnTaskCallbacks(sfn), workflows: createSfnWorkflowControl(sfn) };
}
