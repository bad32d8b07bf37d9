/** Base class of every mail error; keeps the provider error as `cause`. */
export class MailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message itself is unusable (bad address, empty subject, ...); retrying will not help. */
export class InvalidMailError extends MailError {}

/** The provider refused or failed to take the message; it may succeed on a retry. */
export class MailDeliveryError extends MailError {}
