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
  const identity = new EmailIdentity(stack, "SenderIdentity", {
    identity: Identity.domain(settings.mailDomain),
    configurationSet,
  });
  const identityArn = Stack.of(stack).formatArn({
    service: "ses",
    resource: "identity",
    resourceName: identity.emailIdentityName,
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
    dkimRecords: identity.dkimRecords,
  };
}
