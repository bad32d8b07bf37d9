// One parse for every edge that shows validation to people: the dictionary's messages in the requested
// language, one message per field (the first problem found), paths as dots (`rhk.0.text`).
import * as v from "valibot";
import { DEFAULT_LANG, parseConfig, type Lang } from "./messages";

/** One field-level problem: the field's dot path ("" for the whole input) and the dictionary message. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Issues of a failed parse as `{path, message}`, at most one per path (the first, so one problem shows once). */
export function fieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? "";
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: issue.message });
  }
  return out;
}

/** Parses `input` with `schema`; failures carry dictionary messages in `lang`, one per field. */
export function validateWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  lang: Lang = DEFAULT_LANG,
): { ok: true; output: v.InferOutput<S> } | { ok: false; issues: FieldIssue[] } {
  const result = v.safeParse(schema, input, parseConfig(lang));
  if (result.success) return { ok: true, output: result.output };
  return { ok: false, issues: fieldIssues(result.issues) };
}
