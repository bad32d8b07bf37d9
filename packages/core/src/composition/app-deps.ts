// The composition root of the web app's services and HR's workflow control: the same parts as the handlers' (see
// step-deps.ts) plus the Step Functions control plane and the ARNs of the machines HR starts. The API Lambda
// (functions/api.ts) and the local runtime add only what differs between them: auth, the outbox, rate limits.
import type { DecisionDeps } from "../decision/decision-deps";
import type { ControlDeps } from "../cycle/cycle-control";
import { liveDecisionContext } from "../appraisal-flow/decision-context";
import type { HrDeps } from "../hr/hr-deps";
import type { WorkflowControl } from "../workflow/workflow-control";
import { createStepDeps, decisionDepsOf, type StepDeps, type StepParts } from "./step-deps";

/** The state machines HR's services start (registry keys; workflows/registry.ts names them). */
export type ControlledMachine = "appraisal" | "launchCycle" | "importEmployees";

/** What a runtime brings to build the app's services. */
export interface AppParts extends StepParts {
  /** Starts and stops executions. */
  workflows: WorkflowControl;
  /** The ARN of a state machine HR's services start. */
  stateMachineArn: (machine: ControlledMachine) => string;
}

/** The core services the web app serves and the control HR's commands use. */
export interface AppServices {
  step: StepDeps;
  /** The decision service behind the link pages (a pending page's context read live). */
  decisions: DecisionDeps;
  /** Launch, cancel and retry of workflows. */
  control: ControlDeps;
  /** The HR API's and dashboard's services. */
  hr: HrDeps;
}

/** Builds the app's services from the parts; `step` when the runtime already built the handlers' step deps. */
export function createAppServices(parts: AppParts, step: StepDeps = createStepDeps(parts)): AppServices {
  const control: ControlDeps = {
    store: step.store,
    clock: parts.clock,
    decisions: step.decisions,
    control: parts.workflows,
    stateMachines: {
      appraisal: parts.stateMachineArn("appraisal"),
      launchCycle: parts.stateMachineArn("launchCycle"),
      importEmployees: parts.stateMachineArn("importEmployees"),
    },
  };
  return {
    step,
    decisions: { ...decisionDepsOf(parts), liveContext: (d) => liveDecisionContext(step, d) },
    control,
    hr: { storage: parts.storage, clock: parts.clock, control },
  };
}
