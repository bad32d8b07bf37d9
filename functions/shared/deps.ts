// Builds the dependencies of the step handlers once: storage, the flow store, the decision gateway (mail,
// link signer, task callbacks) and the Step Functions client. The cloud builds them from the environment;
// the local runtime and tests build them from their own parts with `createStepDeps`.
import { SFNClient } from "@aws-sdk/client-sfn";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { systemClock, type Clock } from "@kinerja/core/clock/clock";
import { createStorage, type Storage } from "@kinerja/core/storage/storage";
import { closeDecision, openDecision, type DecisionDeps } from "@kinerja/core/decision/decision.service";
import { createSfnTaskCallbacks } from "@kinerja/core/decision/task-callbacks";
import { createLinkSigner } from "@kinerja/core/links/link-signer";
import { parseLinkKeys } from "@kinerja/core/links/link-keys";
import { createSesMail } from "@kinerja/core/mail/ses-mail";
import type { MailPort } from "@kinerja/core/mail/mail.port";
import { createDynamoFlowStore } from "@kinerja/core/services/flow-store.dynamo";
import type { DecisionGateway } from "@kinerja/core/services/decision-gateway";
import type { FlowDeps } from "@kinerja/core/services/appraisal-flow";
import { revisedResultMail } from "@kinerja/core/services/flow-mail";
import type { Predikat } from "@kinerja/core/rating/rating";
import { readStepConfig } from "./config";

/** Everything a step handler may use. */
export interface StepDeps extends FlowDeps {
  storage: Storage;
}

/** Binds the decision gateway to the decision service. */
export function createDecisionGateway(deps: DecisionDeps): DecisionGateway {
  return {
    open: (request) => openDecision(deps, request),
    close: (request) => closeDecision(deps, request),
    async notifyRevisedResult(input) {
      await deps.mail.send(
        revisedResultMail({
          employee: input.employee,
          predikat: input.predikat as Predikat,
          note: input.note,
          baseUrl: deps.baseUrl,
          appraisalId: input.appraisalId,
        }),
      );
    },
  };
}

/** Builds step deps from parts (local runtime, tests). */
export function createStepDeps(parts: {
  storage: Storage;
  clock: Clock;
  decision: Omit<DecisionDeps, "storage" | "clock">;
}): StepDeps {
  return {
    storage: parts.storage,
    clock: parts.clock,
    store: createDynamoFlowStore(parts.storage),
    decisions: createDecisionGateway({
      ...parts.decision,
      storage: { client: parts.storage.client, tableName: parts.storage.tableName },
      clock: parts.clock,
    }),
  };
}

let cloud: StepDeps | undefined;

/** The cloud deps: config validated and clients built once per cold start. */
export function cloudStepDeps(): StepDeps {
  if (cloud) return cloud;
  const config = readStepConfig();
  const storage = createStorage({
    tableName: config.KINERJA_TABLE,
    endpoint: config.DYNAMODB_ENDPOINT,
    region: config.AWS_REGION,
    clock: systemClock,
  });
  const sfn = new SFNClient({
    region: config.AWS_REGION,
    ...(config.STATES_ENDPOINT ? { endpoint: config.STATES_ENDPOINT } : {}),
  });
  const mail: MailPort = createSesMail({
    client: new SESv2Client({ region: config.AWS_REGION }),
    from: config.KINERJA_MAIL_FROM,
  });
  cloud = createStepDeps({
    storage,
    clock: systemClock,
    decision: {
      mail,
      signer: createLinkSigner(parseLinkKeys(config.KINERJA_LINK_KEYS)),
      callbacks: createSfnTaskCallbacks(sfn),
      baseUrl: config.KINERJA_BASE_URL,
    },
  });
  return cloud;
}
