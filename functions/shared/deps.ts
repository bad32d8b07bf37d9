// The Lambdas' side of the composition root (packages/core/src/composition): the AWS clients and settings every
// step, job and the API share, built once per cold start from the environment validated there, and the step deps
// bound from them.
import { SFNClient } from "@aws-sdk/client-sfn";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { systemClock } from "@kinerja/core/clock/clock";
import { createStorage } from "@kinerja/core/storage/storage";
import { createLinkSigner, type LinkKeyring, type LinkSigner } from "@kinerja/core/links/link-signer";
import { createSesMail } from "@kinerja/core/mail/ses-mail";
import { createQueuedMail } from "@kinerja/core/mail/queued-mail";
import { createSqsMailQueue } from "@kinerja/core/mail/sqs-mail-queue.adapter";
import type { MailPort } from "@kinerja/core/mail/mail.port";
import type { WorkflowControl } from "@kinerja/core/workflow/workflow-control";
import {
  hrContactOf,
  readStepConfig,
  StepConfigError,
  type StepConfig,
} from "@kinerja/core/composition/config";
import { createStepDeps, type StepDeps, type StepParts } from "@kinerja/core/composition/step-deps";
import { stepFunctionsPorts } from "@kinerja/core/composition/step-functions.adapter";
import { countedMail } from "./invocation";
import { cloudObservability } from "./observability";
import { readLinkKeys } from "./secrets";

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

/** The cloud clients and settings every step, job and the API share: built from the config validated at cold start. */
export interface CloudParts extends StepParts {
  /** Starts and stops executions (the API's HR commands), on the same Step Functions client as the task callbacks. */
  workflows: WorkflowControl;
}

let cloudParts: Promise<CloudParts> | undefined;

/** Builds the cloud parts once per cold start (link keys only when configured); steps, jobs and the API start here. */
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
  const { callbacks, workflows } = stepFunctionsPorts(
    new SFNClient({
      region: config.AWS_REGION,
      ...(config.STATES_ENDPOINT ? { endpoint: config.STATES_ENDPOINT } : {}),
    }),
  );
  const mail = cloudMail(config);
  const hr = hrContactOf(config);
  return {
    storage,
    clock: systemClock,
    ...(hr ? { hr } : {}),
    decision: { mail, signer: signerOrRefusal(keys), callbacks, baseUrl: config.KINERJA_BASE_URL },
    workflows,
  };
}

let cloud: Promise<StepDeps> | undefined;

/** The cloud deps of a step: the shared cloud parts bound into the flow store and decision gateway. */
export function cloudStepDeps(): Promise<StepDeps> {
  cloud ??= cloudPartsOnce().then(createStepDeps);
  return cloud;
}
