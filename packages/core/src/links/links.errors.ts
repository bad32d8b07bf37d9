/** Base class of link-signing errors; sets `name` and keeps `cause`. */
export class LinkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The token does not have the shape of a kinerja link token. */
export class MalformedLinkTokenError extends LinkError {}

/** The signing-key configuration is missing or invalid. */
export class LinkKeyConfigError extends LinkError {}
