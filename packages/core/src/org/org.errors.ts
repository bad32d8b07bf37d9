import { t, type Lang, type MessageKey, type MessageParams } from "../i18n/messages";

/**
 * Base class of organisation errors. The message is a dictionary message (`key`, `params`): `message` is its
 * English text (logs, the API's default), `text(lang)` the text a person reads in their language.
 */
export class OrgError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(t(key, "en", params), options);
    this.name = new.target.name;
  }

  /** The message in `lang`. */
  text(lang: Lang): string {
    return t(this.key, lang, this.params);
  }
}

/** Another employee import committed while this one was being written; nothing of this one is visible. */
export class ConcurrentOrgImportError extends OrgError {
  constructor(options?: { cause?: unknown }) {
    super("orgConcurrentImport", {}, options);
  }
}

/** A unit id that is not in the organisation. */
export class UnitNotFoundError extends OrgError {
  constructor(
    readonly unitId: string,
    options?: { cause?: unknown },
  ) {
    super("hrUnitNotFound", { unitId }, options);
  }
}
