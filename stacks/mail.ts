import { Stack } from "aws-cdk-lib";
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from "aws-cdk-lib/aws-ses";
import type { StackContext } from "sst/constructs";
import { readStageSettings } from "./stage";

/** SES v2 sending identity (the sender domain, DKIM-signed) and the configuration set every mail is sent with. */
export function Mail({ stack, app }: StackContext) {
  const settings = readStageSettings(app.stage);
  const configurationSet = new ConfigurationSet(stack, "ConfigurationSet", {
    configurationSetName: `${app.stage}-kinerja-mail`,
    reputationMetrics: true,
    sendingEnabled: true,
    // Addresses that bounced or complained are not mailed again: links would never reach them anyway.
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  // Created by one stage per domain (KINERJA_SES_IDENTITY_STAGE); the others send from it by its ARN. The identity's
  // default configuration set is its owner's, so every stage names its own set on each mail.
  const identity = settings.ownsMailIdentity
    ? new EmailIdentity(stack, "SenderIdentity", {
        identity: Identity.domain(settings.mailDomain),
        configurationSet,
      })
    : undefined;
  const identityArn = Stack.of(stack).formatArn({
    service: "ses",
    resource: "identity",
    // The identity's name is its domain, so the ARN is the same whichever stage created it.
    resourceName: settings.mailDomain,
  });
  const configurationSetArn = Stack.of(stack).formatArn({
    service: "ses",
    resource: "configuration-set",
    resourceName: configurationSet.configurationSetName,
  });
  stack.addOutputs({ MailFrom: settings.mailFrom, ConfigurationSet: configurationSet.configurationSetName });
  return {
    mail: {
      from: settings.mailFrom,
      hrEmail: settings.hrEmail,
      identityArn,
      configurationSetArn,
      configurationSetName: configurationSet.configurationSetName,
    },
    /** The DNS records to publish; only the owner stage has them. */
    dkimRecords: identity?.dkimRecords ?? [],
  };
}
