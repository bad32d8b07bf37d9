import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { InvalidMailError, MailDeliveryError } from "./mail.errors";
import type { MailMessage, MailPort } from "./mail.port";
import { validateMail } from "./mail.schema";

/** Options of the SMTP adapter (on-premise deployments). */
export interface SmtpMailOptions {
  /** A nodemailer SMTP transport config, or a ready transporter (tests pass one). */
  transport: SMTPTransport.Options | Transporter;
  from: string;
}

/** The on-premise mail adapter over SMTP via nodemailer. */
export function createSmtpMail(options: SmtpMailOptions): MailPort {
  const transporter: Transporter =
    "sendMail" in options.transport
      ? (options.transport as Transporter)
      : nodemailer.createTransport(options.transport);
  return {
    async send(msg: MailMessage) {
      const valid = validateMail(msg);
      if (!valid.ok) throw new InvalidMailError(`mail refused: ${valid.message}`);
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          headers: Object.fromEntries(
            Object.entries(msg.tags ?? {}).map(([k, v]) => [
              `X-Kinerja-${k.replace(/[^A-Za-z0-9-]/g, "-")}`,
              v,
            ]),
          ),
        });
        return { id: String(info.messageId) };
      } catch (err) {
        const code = (err as { responseCode?: number })?.responseCode;
        // 5xx SMTP replies are permanent refusals; the rest (4xx, connection) may pass on retry.
        if (typeof code === "number" && code >= 500)
          throw new InvalidMailError(`SMTP server refused the mail (${code})`, { cause: err });
        throw new MailDeliveryError("SMTP send failed", { cause: err });
      }
    },
  };
}
