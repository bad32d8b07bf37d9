/** One outgoing mail: plain text and HTML bodies plus the action links it carries (so the outbox can list them). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  tags?: Record<string, string>;
}

/** What a mail adapter answers once the provider accepted the message. */
export interface SentMail {
  id: string;
}

/** The mail port: SES v2 in the cloud, SMTP on premise, the outbox locally and in tests. */
export interface MailPort {
  /** Hands one message to the provider; resolves once it was accepted. */
  send(msg: MailMessage): Promise<SentMail>;
}
