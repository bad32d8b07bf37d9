// Errors of the HR services. Each message is a dictionary message (`key`, `params`, i18n/messages.ts): `message`
// is its English text (logs and the API's English default), `text(lang)` what a person reads in their language.
import { t, type Lang, type MessageKey, type MessageParams } from "../i18n/messages";

/** Base class of the HR services' errors (the web layer maps them to HTTP statuses). */
export class HrError extends Error {
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

/** A cycle, appraisal or unit HR named does not exist (404). */
export class HrNotFoundError extends HrError {}

/** The request conflicts with the current state (a cycle id already taken, a rating for a finished cycle): 409. */
export class HrConflictError extends HrError {}

/** One field of an HR request that the data refuses (a dictionary message and the field's dot path). */
export interface HrFieldIssue {
  path: string;
  key: MessageKey;
  params?: MessageParams;
}

/** Input that passed the schema but not the data (an unknown unit in unitIds, no organisation yet): 400 with the field. */
export class HrInputError extends HrError {
  /** The field issues in English (the API's default). */
  readonly issues: { path: string; message: string }[];

  constructor(
    key: MessageKey,
    params: MessageParams = {},
    readonly fieldIssues: readonly HrFieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(key, params, options);
    this.issues = this.issuesIn("en");
  }

  /** The field issues in `lang`. */
  issuesIn(lang: Lang): { path: string; message: string }[] {
    return this.fieldIssues.map((i) => ({ path: i.path, message: t(i.key, lang, i.params) }));
  }
}

/** A new cycle would duplicate a live cycle of the same kind for some of the same employees (409 unless overridden). */
export class HrCycleOverlapError extends HrConflictError {
  constructor(readonly existing: { cycleId: string; name: string; periodStart: string; periodEnd: string }) {
    super("hrCycleOverlap", { ...existing });
  }
}
