/** Base class of organisation errors. */
export class OrgError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Another employee import committed while this one was being written; nothing of this one is visible. */
export class ConcurrentOrgImportError extends OrgError {}

/** A unit id that is not in the organisation. */
export class UnitNotFoundError extends OrgError {}
