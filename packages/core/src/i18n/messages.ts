// The one dictionary of validation messages people read: decision forms, the link JSON, the HR API's problem+json
// and the CSV imports. Bahasa Indonesia is the default; English stays available where the API already offers it.
// Messages name no field: pages put them beside the field and `fieldLabel` (fields.ts) names the field in summaries.
// The valibot schemas carry these messages as functions of the issue, so `v.safeParse(schema, input, { lang })`
// yields one dictionary message per problem in the requested language (`issueMessage` covers valibot's defaults:
// missing keys, unknown keys of strict objects, wrong types).
// The messages live by area in messages/<area>.ts, Indonesian and English side by side: add a message to the file of
// its area in both languages (the compiler checks both have the same keys), or add an area file and spread it below.
import type * as v from "valibot";
import { cliMessages } from "./messages/cli";
import { dashboardMessages } from "./messages/dashboard";
import { decisionMessages } from "./messages/decisions";
import { demoMessages } from "./messages/demo";
import { distributionMessages } from "./messages/distribution";
import { hrApiMessages } from "./messages/hr-api";
import { importMessages } from "./messages/imports";
import { localRuntimeMessages } from "./messages/local-runtime";
import { orgSettingsMessages } from "./messages/org-settings";
import { organisationMessages } from "./messages/organisation";
import { periodicEvaluationMessages } from "./messages/periodic-evaluation";
import { problemMessages } from "./messages/problems";
import { signInMessages } from "./messages/sign-in";
import { skpMessages } from "./messages/skp";
import { validationMessages } from "./messages/validation";

/** Languages validation messages are written in. */
export type Lang = "id" | "en";

/** Every language of the dictionary, the default first. */
export const LANGS = ["id", "en"] as const satisfies readonly Lang[];

/** The language of people-facing text when nothing asks for another. */
export const DEFAULT_LANG: Lang = "id";

/** Every message in Indonesian, area by area (each area's file in messages/ holds its Indonesian and English). */
const ID = {
  ...validationMessages.id,
  ...decisionMessages.id,
  ...skpMessages.id,
  ...importMessages.id,
  ...problemMessages.id,
  ...organisationMessages.id,
  ...hrApiMessages.id,
  ...signInMessages.id,
  ...cliMessages.id,
  ...demoMessages.id,
  ...orgSettingsMessages.id,
  ...distributionMessages.id,
  ...periodicEvaluationMessages.id,
  ...localRuntimeMessages.id,
  ...dashboardMessages.id,
};

/** A message of the dictionary. */
export type MessageKey = keyof typeof ID;

const EN: Readonly<Record<MessageKey, string>> = {
  ...validationMessages.en,
  ...decisionMessages.en,
  ...skpMessages.en,
  ...importMessages.en,
  ...problemMessages.en,
  ...organisationMessages.en,
  ...hrApiMessages.en,
  ...signInMessages.en,
  ...cliMessages.en,
  ...demoMessages.en,
  ...orgSettingsMessages.en,
  ...distributionMessages.en,
  ...periodicEvaluationMessages.en,
  ...localRuntimeMessages.en,
  ...dashboardMessages.en,
};

/** The dictionary: every message in every language; `{name}` marks a parameter. */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { id: ID, en: EN };

/** Parameters of a message (`{max}` in the text is replaced by `params.max`). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** True for a language code of the dictionary. */
export function isLang(value: unknown): value is Lang {
  return value === "id" || value === "en";
}

/** The dictionary language of a valibot `lang` (anything else, or nothing, is the default). */
export function langOf(lang: string | undefined | null): Lang {
  return isLang(lang) ? lang : DEFAULT_LANG;
}

const numberText = (n: number, lang: Lang) =>
  new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 10 }).format(n);

/** A dictionary message in `lang` with its parameters filled in (numbers written the language's way). */
export function t(key: MessageKey, lang: Lang = DEFAULT_LANG, params: MessageParams = {}): string {
  return MESSAGES[langOf(lang)][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numberText(value, lang) : value;
  });
}

/** A valibot message: the dictionary text in the language the parse asked for (`v.safeParse(s, x, { lang })`). */
export function msg(key: MessageKey, params?: MessageParams): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => t(key, langOf(issue.lang), params);
}

const PARAMETER = /\\\{\w+\\\}/g;
const matchers = new Map<Lang, RegExp[]>();

/**
 * True when `text` is one of the dictionary's messages in `lang` (parameters match any text). Lets tests and
 * checks prove that what a person sees comes from the dictionary, without repeating its wording.
 */
export function isDictionaryMessage(text: string, lang: Lang = DEFAULT_LANG): boolean {
  let list = matchers.get(lang);
  if (!list) {
    list = Object.values(MESSAGES[lang]).map(
      (template) =>
        new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(PARAMETER, ".+?")}$`, "s"),
    );
    matchers.set(lang, list);
  }
  return list.some((re) => re.test(text.trim()));
}

type AnyIssue = v.BaseIssue<unknown> & { requirement?: unknown };

/**
 * The dictionary message for any valibot issue, by its kind: missing and unknown keys of objects, wrong types,
 * lengths, ranges and formats. Schemas use it as their message (objects) and parses pass it as the fallback
 * (`config.message`), so valibot's English defaults never reach a person.
 */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const lang = langOf(issue.lang);
  const i = issue as AnyIssue;
  const req = typeof i.requirement === "number" ? i.requirement : undefined;
  switch (i.type) {
    case "object":
    case "strict_object":
    case "loose_object":
    case "object_with_rest":
      if (i.expected === "never") return t("unknownField", lang);
      if (i.input === undefined) return t("required", lang);
      return t("group", lang);
    case "string":
      return t(i.input === undefined || i.input === null ? "required" : "text", lang);
    case "number":
    case "finite":
    case "safe_integer":
      return t(i.input === undefined || i.input === "" ? "required" : "number", lang);
    case "integer":
      return t("wholeNumber", lang);
    case "min_value":
      return req === 0 ? t("notNegative", lang) : t("atLeast", lang, { min: req ?? String(i.requirement) });
    case "max_value":
      return t("atMost", lang, { max: req ?? String(i.requirement) });
    case "non_empty":
      return t("required", lang);
    case "min_length":
      if (typeof i.input === "string") return t(req === 1 ? "required" : "format", lang);
      return t("minItems", lang, { min: req ?? 1 });
    case "max_length":
      if (typeof i.input === "string") return t("tooLong", lang, { max: req ?? 0 });
      return t("maxItems", lang, { max: req ?? 0 });
    case "picklist":
    case "enum":
    case "literal":
    case "union":
    case "variant":
    case "boolean":
      if (i.input === undefined) return t("required", lang);
      // English names the codes for API clients; Indonesian readers pick from the labelled options on the page.
      return t("choice", lang, {
        options: (i.expected ?? "")
          .replace(/^\((.*)\)$/, "$1")
          .replace(/"/g, "")
          .split(" | ")
          .join(", "),
      });
    case "array":
    case "tuple":
    case "strict_tuple":
      return t(i.input === undefined ? "required" : "list", lang);
    case "record":
      return t("group", lang);
    case "url":
      return t("url", lang);
    case "email":
      return t("email", lang);
    case "iso_timestamp":
    case "iso_date_time":
      return t("isoTime", lang);
    case "iso_date":
      return t("date", lang);
    case "regex":
      return t("format", lang);
    default:
      return t("invalid", lang);
  }
}

/** The parse config that yields dictionary messages in `lang`, one per field (a pipe stops at its first problem). */
export function parseConfig(lang: Lang = DEFAULT_LANG): v.Config<v.BaseIssue<unknown>> {
  return { lang, abortPipeEarly: true, message: issueMessage };
}
