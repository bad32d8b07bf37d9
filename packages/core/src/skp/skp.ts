import { DEFAULT_LANG, t, type Lang } from "../i18n/messages";
import { validateWith } from "../i18n/validate";
import { BERAKHLAK } from "../rating/rating";
import { InvalidSkpProposalError } from "./skp.errors";
import type { PositionType } from "../org/org.schema";
import { SkpProposalSchema, type SkpProposal } from "./skp.schema";

/** One problem found in an SKP; "error" blocks submission, "warning" is shown to the employee. */
export interface SkpIssue {
  /** Stable code, e.g. "missing-parent-rhk". */
  readonly code: string;
  readonly severity: "error" | "warning";
  /** Dot path of the offending field ("rhk.2.parentRhkId"). */
  readonly path: string;
  /** Explanation from the dictionary, in Bahasa Indonesia unless another language was asked for. */
  readonly message: string;
}

/** Facts about the employee's place in the cascade that the SKP rules need. */
export interface SkpContext {
  /** Ids of the superior's RHK that this SKP may intervene on. */
  readonly superiorRhkIds: readonly string[] | ReadonlySet<string>;
  /** True for the top of the cascade: the appraiser has no SKP in the cycle (top official, head appraised outside it). */
  readonly isTopLevel: boolean;
  readonly positionType: PositionType;
}

/** Parses an SKP proposal body, throwing InvalidSkpProposalError listing every bad field (messages in `lang`). */
export function parseSkpProposal(input: unknown, lang: Lang = DEFAULT_LANG): SkpProposal {
  const result = validateWith(SkpProposalSchema, input, lang);
  if (!result.ok) throw new InvalidSkpProposalError(result.issues);
  return result.output;
}

/**
 * Checks the rules of an SKP beyond its shape (DOMAIN 4, rules 24-29): at least one RHK utama;
 * below the top of the cascade every RHK utama intervenes on an existing superior RHK; targets are
 * non-negative with min <= max; JPT rows carry a perspective; at most one special expectation per
 * BerAKHLAK value. Returns every issue found; no issue with severity "error" means it may be submitted.
 * Messages come from the dictionary in `lang`.
 */
export function validateSkp(
  proposal: SkpProposal,
  context: SkpContext,
  lang: Lang = DEFAULT_LANG,
): SkpIssue[] {
  const issues: SkpIssue[] = [];
  const superior = new Set(context.superiorRhkIds);
  const isJpt = context.positionType === "jpt";
  const add = (code: string, severity: SkpIssue["severity"], path: string, message: string) =>
    issues.push({ code, severity, path, message });

  if (!proposal.rhk.some((r) => r.kind === "utama")) add("no-utama", "error", "rhk", t("noUtama", lang));

  const seenIds = new Map<string, number>();
  const seenTexts = new Map<string, number>();
  proposal.rhk.forEach((rhk, i) => {
    const at = `rhk.${i}`;
    if (rhk.id !== undefined) {
      if (seenIds.has(rhk.id))
        add(
          "duplicate-rhk-id",
          "error",
          `${at}.id`,
          t("duplicateRhkId", lang, { id: rhk.id, n: seenIds.get(rhk.id)! + 1 }),
        );
      else seenIds.set(rhk.id, i);
    }
    const normalised = rhk.text.toLowerCase().replace(/\s+/g, " ");
    if (seenTexts.has(normalised))
      add(
        "duplicate-rhk-text",
        "warning",
        `${at}.text`,
        t("duplicateRhkText", lang, { n: seenTexts.get(normalised)! + 1 }),
      );
    else seenTexts.set(normalised, i);

    if (rhk.parentRhkId !== undefined) {
      if (!superior.has(rhk.parentRhkId)) {
        add(
          "unknown-parent-rhk",
          "error",
          `${at}.parentRhkId`,
          t("unknownParentRhk", lang, { id: rhk.parentRhkId, n: i + 1 }),
        );
      }
    } else if (!context.isTopLevel && rhk.kind === "utama") {
      // Rule 27: below the top, every main result must intervene on a superior's RHK.
      add("missing-parent-rhk", "error", `${at}.parentRhkId`, t("missingParentRhk", lang, { n: i + 1 }));
    }

    if (isJpt && rhk.perspective === undefined)
      add("missing-perspective", "error", `${at}.perspective`, t("missingPerspective", lang));
    if (!isJpt && rhk.perspective !== undefined)
      add("perspective-not-applicable", "warning", `${at}.perspective`, t("perspectiveNotApplicable", lang));

    const aspects = new Set<string>();
    rhk.indicators.forEach((indicator, j) => {
      const ip = `${at}.indicators.${j}`;
      const { min, max } = indicator.target;
      if (min < 0) add("negative-target", "error", `${ip}.target.min`, t("negativeTarget", lang));
      if (max !== undefined && max < min)
        add("target-min-above-max", "error", `${ip}.target.max`, t("targetMinAboveMax", lang, { max, min }));
      if (indicator.aspect === "kualitas" && indicator.target.unit.trim() === "%" && (max ?? min) > 100) {
        add("percent-above-100", "warning", `${ip}.target`, t("percentAbove100", lang));
      }
      if (aspects.has(indicator.aspect))
        add("duplicate-aspect", "warning", `${ip}.aspect`, t("duplicateAspect", lang));
      aspects.add(indicator.aspect);
    });
  });

  const seenKeys = new Set<string>();
  proposal.ekspektasiKhusus.forEach((e, i) => {
    // Rule 24: at most one behaviour expectation per (SKP, value).
    if (seenKeys.has(e.key))
      add(
        "duplicate-ekspektasi",
        "error",
        `ekspektasiKhusus.${i}.key`,
        t("duplicateEkspektasi", lang, { value: valueLabel(e.key, lang) }),
      );
    seenKeys.add(e.key);
  });
  return issues;
}

function valueLabel(key: string, lang: Lang): string {
  const value = BERAKHLAK.find((b) => b.key === key);
  return value ? (lang === "id" ? value.label : value.labelEn) : key;
}

/** True when any issue blocks submission. */
export function hasBlockingIssues(issues: readonly SkpIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
