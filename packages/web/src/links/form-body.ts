import type { DecisionKind } from "@kinerja/core/decision/decision-kinds";
import { parseDecimal } from "@kinerja/core/i18n/number";

type Tree = { [key: string]: Tree | string };

/** Turns dotted form field names (`rhk.0.indicators.1.target.min`) into a nested object; numeric segments become list indexes. */
export function nestForm(entries: Iterable<[string, string]>): Record<string, unknown> {
  const root: Tree = {};
  for (const [name, value] of entries) {
    // Only plain identifiers and indexes: no prototype keys, bounded depth.
    const parts = name.split(".");
    if (parts.length > 6 || parts.some((p) => !/^(?:[A-Za-z][A-Za-z0-9]{0,40}|\d{1,3})$/.test(p))) continue;
    let node: Tree = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      node = typeof next === "object" ? next : (node[part] = {});
    });
  }
  return toLists(root) as Record<string, unknown>;
}

function toLists(node: Tree | string): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => toLists(node[k]));
  }
  return Object.fromEntries(keys.map((k) => [k, toLists(node[k])]));
}

/** Drops empty strings, then empty objects and list rows, so blank rows of a fixed-size form vanish. */
export function pruneEmpty(value: unknown): unknown {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruneEmpty(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

/**
 * Reads a number typed by a person ("12", "95,5", "95.5", "1.500" = 1500, "1.234,5", "1.234.567"); anything else stays
 * text so validation names the field.
 */
export function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return parseDecimal(value, "typed") ?? value;
}

/**
 * Field names a form sent more than once. The pages name every field once (one rating per BerAKHLAK value, one
 * special expectation per value: rule 24), so a repeated name is a tampered or doubled form; it is refused rather than
 * letting the last value win silently.
 */
export function repeatedFields(entries: Iterable<[string, string]>): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const [name] of entries) (seen.has(name) ? repeated : seen).add(name);
  return [...repeated];
}

/** Maps the fields of a decision page's form to the JSON body of DESIGN.md section 3 for that kind. */
export function formToBody(kind: DecisionKind, entries: Iterable<[string, string]>): unknown {
  const form = (pruneEmpty(nestForm(entries)) ?? {}) as Record<string, unknown>;
  if (kind === "skp-proposal") {
    const rhk = (Array.isArray(form.rhk) ? form.rhk : []) as Record<string, unknown>[];
    // The annex lists are textareas with one item per line (rule 29).
    const annex =
      form.annex && typeof form.annex === "object" ? (form.annex as Record<string, unknown>) : undefined;
    return {
      ...(annex
        ? {
            annex: Object.fromEntries(
              Object.entries(annex).map(([k, text]) => [
                k,
                typeof text === "string"
                  ? text
                      .split(/\r?\n/)
                      .map((line) => line.trim())
                      .filter(Boolean)
                  : text,
              ]),
            ),
          }
        : {}),
      rhk: rhk.map((r) => ({
        ...r,
        indicators: ((Array.isArray(r.indicators) ? r.indicators : []) as Record<string, unknown>[]).map(
          (ind) => {
            const target = (ind.target ?? {}) as Record<string, unknown>;
            return {
              ...ind,
              target: {
                ...target,
                min: toNumber(target.min),
                ...(target.max !== undefined ? { max: toNumber(target.max) } : {}),
              },
            };
          },
        ),
      })),
    };
  }
  if (kind === "realization") {
    const items = (Array.isArray(form.items) ? form.items : []) as Record<string, unknown>[];
    // A row with only its hidden indicator id was not reported this time.
    return {
      items: items
        .filter((i) => Object.keys(i).some((k) => k !== "indicatorId"))
        .map((i) => ({ ...i, value: toNumber(i.value) })),
    };
  }
  if (kind === "objection-decision" && form.decision === "reject") {
    const { revised: _ignored, ...rest } = form;
    return rest;
  }
  return form;
}
