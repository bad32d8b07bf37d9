// The composition root of the step and job handlers: binds the parts a runtime brings (storage, clock, the decision
// service's mail, link signer and task callbacks, HR's contact) into what every handler receives. The Lambdas bring
// AWS clients built from the stage's environment (functions/shared/deps.ts), the local runtime DynamoDB Local, its
// engine's Step Functions endpoint and the outbox (packages/local/src/runtime), tests their own parts.
import type { Clock } from "../clock/clock";
import type { Storage } from "../storage/storage";
import { closeDecision, decisionState, openDecision } from "../decision/open-decision";
import { markDecisionConsumed } from "../decision/decision-delivery";
import { notifyDecisionOverdue } from "../decision/decision-mail";
import type { DecisionDeps } from "../decision/decision-deps";
import { isDeadTokenError } from "../decision/task-callbacks";
import type { Predikat } from "../rating/rating";
import { createDynamoFlowStore } from "../appraisal-flow/flow-store.dynamo";
import type { DecisionGateway, HrContact } from "../appraisal-flow/decision-gateway";
import type { FlowDeps } from "../appraisal-flow/common";
import { revisedResultMail } from "../appraisal-flow/result-mail";

/** Everything a step handler may use. */
export interface StepDeps extends FlowDeps {
  storage: Storage;
  /** HR's contact for overdue notices nobody in the organisation can take over (KINERJA_HR_EMAIL). */
  hr?: HrContact;
}

/** The decision service's own parts: everything it needs besides storage and clock. */
export type DecisionParts = Omit<DecisionDeps, "storage" | "clock">;

/** What a runtime brings to build the handlers' deps. */
export interface StepParts {
  storage: Storage;
  clock: Clock;
  decision: DecisionParts;
  hr?: HrContact;
}

/** What the in-process handlers of the local runtime receive: the step deps plus the decision parts (the jobs'). */
export type HandlerDeps = StepDeps & { decision: DecisionParts };

/** The decision service's deps from the parts (the table's client and name come with the storage). */
export function decisionDepsOf(parts: Pick<StepParts, "storage" | "clock" | "decision">): DecisionDeps {
  return { ...parts.decision, storage: parts.storage, clock: parts.clock };
}

/** Binds the decision gateway to the decision service. */
export function createDecisionGateway(deps: DecisionDeps): DecisionGateway {
  return {
    open: (request) => openDecision(deps, request),
    close: (request) => closeDecision(deps, request),
    async consumed(input) {
      await markDecisionConsumed(deps, input);
    },
    state: (decisionKey) => decisionState(deps, decisionKey),
    notify: (request) => notifyDecisionOverdue(deps, request),
    async resume(taskToken) {
      try {
        await deps.callbacks.succeed(taskToken, { resumed: true });
        return true;
      } catch (err) {
        if (isDeadTokenError(err)) return false;
        throw err;
      }
    },
    async notifyRevisedResult(input) {
      await deps.mail.send(
        revisedResultMail({
          employee: input.employee,
          predikat: input.predikat as Predikat,
          note: input.note,
          ...(input.cause ? { cause: input.cause } : {}),
          baseUrl: deps.baseUrl,
          appraisalId: input.appraisalId,
        }),
      );
    },
  };
}

/** The step deps: storage, clock, the flow store on the storage and the decision gateway on the decision parts. */
export function createStepDeps(parts: StepParts): StepDeps {
  return {
    storage: parts.storage,
    clock: parts.clock,
    ...(parts.hr ? { hr: parts.hr } : {}),
    store: createDynamoFlowStore(parts.storage),
    decisions: createDecisionGateway(decisionDepsOf(parts)),
  };
}

/** The step deps plus the decision parts, as the local runtime hands them to every handler. */
export function createHandlerDeps(parts: StepParts): HandlerDeps {
  return { ...createStepDeps(parts), decision: parts.decision };
}
