import { SendEmailCommand, type SESv2Client } from "@aws-sdk/client-sesv2";
import { InvalidMailError, MailDeliveryError } from "./mail.errors";
import type { MailMessage, MailPort } from "./mail.port";
import { validateMail } from "./mail.schema";
import { encodeSesTag, SES_TAG_MAX } from "./ses-tags";

/** Options of the SES v2 adapter. */
export interface SesMailOptions {
  client: SESv2Client;
  /** Verified sender, e.g. "kinerja <noreply@salorkab.go.id>". */
  from: string;
  configurationSetName?: string;
}

// SES message tags allow only [A-Za-z0-9_-], up to 256 characters: encoded reversibly, so the mail-event handler
// reads the decision key back (a value cut at the limit no longer decodes and is ignored there).
const tagValue = (value: string) => encodeSesTag(value).slice(0, SES_TAG_MAX);

/** The cloud mail adapter over SES v2 SendEmail (simple content, UTF-8 text and HTML). */
export function createSesMail(options: SesMailOptions): MailPort {
  return {
    async send(msg: MailMessage) {
      const valid = validateMail(msg);
      if (!valid.ok) throw new InvalidMailError(`mail refused: ${valid.message}`);
      try {
        const res = await options.client.send(
          new SendEmailCommand({
            FromEmailAddress: options.from,
            Destination: { ToAddresses: [msg.to] },
            Content: {
              Simple: {
                Subject: { Data: msg.subject, Charset: "UTF-8" },
                Body: {
                  Text: { Data: msg.text, Charset: "UTF-8" },
                  Html: { Data: msg.html, Charset: "UTF-8" },
                },
              },
            },
            EmailTags: Object.entries(msg.tags ?? {}).map(([Name, Value]) => ({
              Name: tagValue(Name),
              Value: tagValue(Value),
            })),
            ...(options.configurationSetName ? { ConfigurationSetName: options.configurationSetName } : {}),
          }),
        );
        if (!res.MessageId) throw new MailDeliveryError("SES accepted the mail without a message id");
        return { id: res.MessageId };
      } catch (err) {
        if (err instanceof MailDeliveryError) throw err;
        const name = (err as { name?: string })?.name ?? "Error";
        // Bad recipients or content will not pass on retry; everything else (throttling, network) may.
        if (
          name === "BadRequestException" ||
          name === "MessageRejected" ||
          name === "MailFromDomainNotVerifiedException"
        ) {
          throw new InvalidMailError(`SES refused the mail: ${name}`, { cause: err });
        }
        throw new MailDeliveryError(`SES send failed: ${name}`, { cause: err });
      }
    },
  };
}
