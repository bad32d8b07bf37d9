// Builds the dependencies of the step handlers once: storage, the flow store, the decision gateway (mail,
// link signer, task callbacks) and the Step Functions client. The cloud builds them from the environment;
// the local runtime and tests build them from their own parts with `createStepDeps`.
import { SFNClient } from "@aws-sdk/client-sfn";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { systemClock, type Clock } from "@kinerja/core/clock/clock";
import { createStorage, type Storage } from "@kinerja/core/storage/storage";
import {
  closeDecision,
  decisionState,
  markDecisionConsumed,
  notifyDecisionOverdue,
  openDecision,
  type DecisionDeps,
} from "@kinerja/core/decision/decision.service";
import { createSfnTaskCallbacks, isDeadTokenError } from "@kinerja/core/decision/task-callbacks";
import { createLinkSigner, type LinkKeyring, type LinkSigner } from "@kinerja/core/links/link-signer";
import { createSesMail } from "@kinerja/core/mail/ses-mail";
import { createQueuedMail } from "@kinerja/core/mail/queued-mail";
import { createSqsMailQueue } from "@kinerja/core/mail/sqs-mail-queue.adapter";
import type { MailPort } from "@kinerja/core/mail/mail.port";
import { createDynamoFlowStore } from "@kinerja/core/appraisal-flow/flow-store.dynamo";
import type { DecisionGateway, HrContact } from "@kinerja/core/appraisal-flow/decision-gateway";
import type { FlowDeps } from "@kinerja/core/appraisal-flow/common";
import { revisedResultMail } from "@kinerja/core/appraisal-flow/result-mail";
import type { Predikat } from "@kinerja/core/rating/rating";
import { hrContactOf, readLinkKeys, readStepConfig, StepConfigError, type StepConfig } from "./config";
import { countedMail } from "./invocation";
import { cloudObservability } from "./observability";

/** Everything a step handler may use. */
export interface StepDeps extends FlowDeps {
  storage: Storage;
  /** HR's contact for overdue notices nobody in the organisation can take over (KINERJA_HR_EMAIL). */
  hr?: HrContact;
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

/** Builds step deps from parts (local runtime, tests). */
export function createStepDeps(parts: {
  storage: Storage;
  clock: Clock;
  decision: Omit<DecisionDeps, "storage" | "clock">;
  hr?: HrContact;
}): StepDeps {
  return {
    storage: parts.storage,
    clock: parts.clock,
    ...(parts.hr ? { hr: parts.hr } : {}),
    store: createDynamoFlowStore(parts.storage),
    decisions: createDecisionGateway({
      ...parts.decision,
      storage: { client: parts.storage.client, tableName: parts.storage.tableName },
      clock: parts.clock,
    }),
  };
}

/**
 * The signer of a keyring, or, for a function without keys (one that never signs links), a signer that refuses every
 * use with a StepConfigError naming the missing configuration.
 */
export function signerOrRefusal(keys: LinkKeyring | undefined): LinkSigner {
  if (keys) return createLinkSigner(keys);
  const refuse = (): never => {
    throw new StepConfigError(
      "this function has no link-signing keys: set KINERJA_LINK_KEYS or bind the LinkSigningKey secret to it",
    );
  };
  return { issue: refuse, parse: refuse, verify: refuse };
}

/** The cloud clients and settings every step and job shares: built from the config validated at cold start. */
export interface CloudParts {
  storage: Storage;
  clock: Clock;
  decision: Omit<DecisionDeps, "storage" | "clock">;
  hr?: HrContact;
}

let cloudParts: Promise<CloudParts> | undefined;

/** Builds the cloud parts once per cold start (link keys only when configured); steps and jobs both start here. */
export function cloudPartsOnce(): Promise<CloudParts> {
  cloudParts ??= buildCloudParts();
  return cloudParts;
}

/**
 * The cloud's mail port, chosen here once: with KINERJA_MAIL_QUEUE_URL every mail is queued (the sender Lambda sends
 * it paced to the SES quota, counting what SES took); without it SES is called directly and each send is counted.
 */
export function cloudMail(
  config: Pick<
    StepConfig,
    "AWS_REGION" | "KINERJA_MAIL_FROM" | "KINERJA_SES_CONFIGURATION_SET" | "KINERJA_MAIL_QUEUE_URL"
  >,
): MailPort {
  if (config.KINERJA_MAIL_QUEUE_URL)
    return createQueuedMail(
      createSqsMailQueue({
        client: new SQSClient({ region: config.AWS_REGION }),
        queueUrl: config.KINERJA_MAIL_QUEUE_URL,
      }),
    );
  // Built on the first mail: most functions (and the API) never send one.
  let ses: MailPort | undefined;
  const sesMail: MailPort = {
    send: (msg) =>
      (ses ??= createSesMail({
        client: new SESv2Client({ region: config.AWS_REGION }),
        from: config.KINERJA_MAIL_FROM,
        configurationSetName: config.KINERJA_SES_CONFIGURATION_SET,
      })).send(msg),
  };
  return countedMail(sesMail, cloudObservability().metrics);
}

async function buildCloudParts(): Promise<CloudParts> {
  const config = readStepConfig();
  const keys = await readLinkKeys();
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
  const mail = cloudMail(config);
  const hr = hrContactOf(config);
  return {
    storage,
    clock: systemClock,
    ...(hr ? { hr } : {}),
    decision: {
      mail,
      signer: signerOrRefusal(keys),
      callbacks: createSfnTaskCallbacks(sfn),
      baseUrl: config.KINERJA_BASE_URL,
    },
  };
}

let cloud: Promise<StepDeps> | undefined;

/** The cloud deps of a step: the shared cloud parts bound into the flow store and decision gateway. */
export function cloudStepDeps(): Promise<StepDeps> {
  cloud ??= cloudPartsOnce().then(createStepDeps);
  return cloud;
}
