import { t, type Lang, type MessageKey, type MessageParams } from "@kinerja/core/i18n/messages";

/** A dictionary message: its key and parameters (i18n/messages.ts). */
export interface AuthMessage {
  key: MessageKey;
  params?: MessageParams;
}

/**
 * Base class of HR authentication and authorisation errors. Sign-in problems people read are dictionary messages:
 * `message` is the English text (the API's problem detail), `text(lang)` the text in the reader's language.
 */
export class AuthError extends Error {
  readonly key?: MessageKey;
  readonly params: MessageParams;

  constructor(message: string | AuthMessage, options?: { cause?: unknown }) {
    super(typeof message === "string" ? message : t(message.key, "en", message.params), options);
    this.name = new.target.name;
    this.key = typeof message === "string" ? undefined : message.key;
    this.params = (typeof message === "string" ? undefined : message.params) ?? {};
  }

  /** The message in `lang` (configuration errors, written for operators, stay English). */
  text(lang: Lang): string {
    return this.key ? t(this.key, lang, this.params) : this.message;
  }
}

/** No token, or a token that does not verify (bad signature, wrong issuer/audience, expired): HTTP 401. */
export class UnauthenticatedError extends AuthError {
  constructor(message: AuthMessage, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A valid token whose roles do not allow the request (e.g. `viewer` on a write route): HTTP 403. */
export class ForbiddenError extends AuthError {
  constructor(message: AuthMessage, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The auth configuration itself is wrong (unreachable JWKS, bad key file): a server fault, not the caller's. */
export class AuthConfigError extends AuthError {}
