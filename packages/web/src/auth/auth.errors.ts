/** Base class of HR authentication and authorisation errors. */
export class AuthError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No token, or a token that does not verify (bad signature, wrong issuer/audience, expired): HTTP 401. */
export class UnauthenticatedError extends AuthError {}

/** A valid token whose roles do not allow the request (e.g. `viewer` on a write route): HTTP 403. */
export class ForbiddenError extends AuthError {}

/** The auth configuration itself is wrong (unreachable JWKS, bad key file): a server fault, not the caller's. */
export class AuthConfigError extends AuthError {}
