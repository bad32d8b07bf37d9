// The one dictionary of labels (every code a person can see has an Indonesian and an English label) and the
// Indonesian number and date formatting.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTORS, STAGES, STAGE_LABELS } from "../../../../packages/core/src/appraisal/appraisal";
import { CYCLE_KINDS, CYCLE_STATUSES } from "../../../../packages/core/src/cycle/cycle.entity";
import { DECISION_KINDS, FLOW_DECISION_KINDS } from "../../../../packages/core/src/decision/decision-kinds";
import { DECISION_STATUSES, DELIVERY_STATUSES } from "../../../../packages/core/src/decision/decision.entity";
import { followUpFor } from "../../../../packages/core/src/follow-up/follow-up";
import { IMPORT_KINDS, IMPORT_STATUSES } from "../../../../packages/core/src/imports/import-job.entity";
import { POSITION_TYPES as ORG_POSITION_TYPES } from "../../../../packages/core/src/org/org.schema";
import { CADENCES } from "../../../../packages/core/src/period/period";
import {
  BERAKHLAK,
  BERAKHLAK_KEYS,
  ORG_RATINGS,
  ORG_RATING_LABELS,
  PREDIKATS,
  PREDIKAT_LABELS,
  RATINGS,
  RATING_LABELS,
} from "../../../../packages/core/src/rating/rating";
import {
  ASPECTS,
  ASPECT_LABELS,
  PERSPECTIVES,
  PERSPECTIVE_LABELS,
  RHK_KINDS,
} from "../../../../packages/core/src/skp/skp.schema";
import { POSITION_TYPES } from "../../../../packages/core/src/org/org.schema";
import {
  hasLabel,
  LABELS,
  labelOf,
  labelsOf,
  type LabelGroup,
} from "../../../../packages/core/src/i18n/labels";
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatShortDateTime,
} from "../../../../packages/core/src/i18n/format";
import { KIND_TITLES, ROLE_LABELS, targetText } from "../../../../packages/web/src/pages/format";

const CORE_SRC = join(process.cwd(), "packages", "core", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Audit actions core writes, read from its sources: `action: "x"`, `action: c ? "x" : "y"`, HR's
 * `audit(deps, subject, actor, "x", ...)` and the import outcomes. The decision planner's `action` field is its
 * plan (open, overdue, ...), not an audit entry, so its values are left out.
 */
function auditActionsInSources(): Set<string> {
  const planActions = new Set([
    "open",
    "wait-for-superior",
    "auto-acknowledge",
    "proceed-without",
    "overdue",
    "continue-as-new",
  ]);
  const found = new Set<string>();
  for (const file of sourceFiles(CORE_SRC)) {
    if (file.includes(`${join("core", "src", "i18n")}`)) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\baction:\s*"([a-z][a-z-]*)"/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\baction:\s*[^,\n]*\?\s*"([a-z][a-z-]*)"\s*:\s*"([a-z][a-z-]*)"/g)) {
      found.add(m[1]!);
      found.add(m[2]!);
    }
    for (const m of text.matchAll(/\baudit\(\s*deps,[^,]+,[^,]+,\s*"([a-z][a-z-]*)"/g)) found.add(m[1]!);
    for (const m of text.matchAll(/"(import-[a-z]+)"/g)) found.add(m[1]!);
  }
  for (const p of planActions) found.delete(p);
  return found;
}

describe("labels: every code a person can see has a label", () => {
  const groups: [LabelGroup, readonly string[]][] = [
    ["stage", STAGES],
    ["cycleStatus", CYCLE_STATUSES],
    ["periodKind", [...CYCLE_KINDS, "semester"]],
    ["periodicEvaluation", CADENCES],
    ["setting", ["periodicEvaluation", "reminderAfterDays", "escalateAfterDays", "objectionWindowDays"]],
    ["decisionStatus", DECISION_STATUSES],
    ["deliveryStatus", DELIVERY_STATUSES],
    ["rating", RATINGS],
    ["predikat", PREDIKATS],
    ["orgRating", ORG_RATINGS],
    ["berakhlak", BERAKHLAK_KEYS],
    ["aspect", ASPECTS],
    ["perspective", PERSPECTIVES],
    ["rhkKind", RHK_KINDS],
    ["positionType", POSITION_TYPES],
    ["positionType", ORG_POSITION_TYPES],
    ["role", [...ACTORS, "viewer"]],
    ["decisionKind", DECISION_KINDS],
    ["decisionKind", FLOW_DECISION_KINDS],
    ["decisionChoice", ["approve", "return", "acknowledge", "object", "uphold", "reject"]],
    ["mailKind", ["request", "reminder", "escalation", "objection-result", "periodic-digest"]],
    ["skpStatus", ["submitted", "returned", "approved"]],
    ["importKind", IMPORT_KINDS],
    ["importStatus", IMPORT_STATUSES],
    ["executionStatus", ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]],
  ];

  it.each(groups.map(([g, codes]) => [g, codes.join(", "), codes] as const))(
    "%s: %s",
    (group, _list, codes) => {
      for (const code of codes) {
        expect(hasLabel(group, code), `${group}.${code}`).toBe(true);
        const id = labelOf(group, code);
        const en = labelOf(group, code, "en");
        expect(id, `${group}.${code} (id)`).not.toBe(code);
        expect(id.trim(), `${group}.${code} (id)`).not.toBe("");
        expect(en.trim(), `${group}.${code} (en)`).not.toBe("");
      }
    },
  );

  it("labels every follow-up kind core decides", () => {
    const kinds = new Set(
      PREDIKATS.flatMap((predikat) =>
        [[], ["kurang"], ["kurang", "kurang"]].map(
          (previous) =>
            followUpFor({
              predikat,
              positionType: "pelaksana",
              previousPredikats: previous as never,
              at: new Date("2027-12-31T00:00:00Z"),
            }).kind,
        ),
      ),
    );
    expect([...kinds].sort()).toEqual(["coaching", "development", "recognition", "sanction-review"]);
    for (const kind of kinds) expect(labelOf("followUpKind", kind)).not.toBe(kind);
  });

  it("labels every audit action core writes (skp-submitted, reviewed, objection-upheld, decision, ...)", () => {
    const actions = auditActionsInSources();
    for (const expected of [
      "skp-submitted",
      "skp-approved",
      "skp-returned",
      "realisation-reported",
      "measurement-snapshot",
      "reviewed",
      "objection-filed",
      "acknowledged",
      "auto-acknowledged",
      "objection-upheld",
      "objection-rejected",
      "follow-up",
      "failed",
      "decision",
      "cancelled",
      "created",
      "retried",
      "periodic-evaluation",
      "coaching-dialogue-opened",
      "cycle-created",
      "cycle-launched",
      "cycle-cancelled",
      "org-rating-set",
      "import-committed",
      "import-rejected",
    ])
      expect(actions, `the scan finds ${expected}`).toContain(expected);
    const missing = [...actions].filter((a) => !hasLabel("auditAction", a));
    expect(missing).toEqual([]);
  });

  it("reuses the label constants that live beside their codes (one source)", () => {
    for (const s of STAGES) expect(LABELS.stage[s]).toBe(STAGE_LABELS[s]);
    for (const p of PREDIKATS) expect(LABELS.predikat[p]).toBe(PREDIKAT_LABELS[p]);
    for (const r of RATINGS) expect(LABELS.rating[r]).toBe(RATING_LABELS[r]);
    for (const r of ORG_RATINGS) expect(LABELS.orgRating[r]).toBe(ORG_RATING_LABELS[r]);
    for (const a of ASPECTS) expect(LABELS.aspect[a]).toBe(ASPECT_LABELS[a]);
    for (const p of PERSPECTIVES) expect(LABELS.perspective[p]).toBe(PERSPECTIVE_LABELS[p]);
    for (const b of BERAKHLAK) expect(LABELS.berakhlak[b.key]).toEqual({ id: b.label, en: b.labelEn });
  });

  it("keeps the web pages' ROLE_LABELS and KIND_TITLES as views of the dictionary", () => {
    expect(ROLE_LABELS).toEqual(labelsOf("role"));
    expect(ROLE_LABELS.appraiser).toBe("pejabat penilai kinerja");
    expect(KIND_TITLES).toEqual(labelsOf("decisionKind"));
    expect(KIND_TITLES["skp-approval"]).toBe("Persetujuan SKP");
  });

  it("labelOf answers Indonesian by default, English on request, and the code itself only when unknown", () => {
    expect(labelOf("periodKind", "quarterly")).toBe("Triwulanan");
    expect(labelOf("periodKind", "quarterly", "en")).toBe("Quarterly");
    expect(labelOf("decisionStatus", "decided")).toBe("Sudah diputuskan");
    expect(labelOf("skpStatus", "approved")).toBe("Disetujui");
    expect(labelOf("auditAction", "skp-submitted")).toBe("SKP diajukan");
    expect(labelOf("predikat", "kurang")).toBe("Kurang/Misconduct");
    expect(labelOf("berakhlak", "berorientasiPelayanan")).toBe("Berorientasi Pelayanan");
    expect(labelOf("stage", "no-such-stage")).toBe("no-such-stage");
    // Inherited object keys are not labels.
    expect(labelOf("stage", "toString")).toBe("toString");
    expect(hasLabel("stage", "constructor")).toBe(false);
  });
});

describe("Indonesian formatting of numbers and dates", () => {
  it("writes numbers with a decimal comma and dot thousands, without needless zeros", () => {
    expect(formatNumber(95.5)).toBe("95,5");
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1234567)).toBe("1.234.567");
    expect(formatNumber(12)).toBe("12");
    expect(formatNumber(12.0)).toBe("12");
    expect(formatNumber(0.1 + 0.2)).toBe("0,3");
    expect(formatNumber(-3.25)).toBe("-3,25");
    expect(formatNumber(2 / 3)).toBe("0,67");
    expect(formatNumber(2 / 3, "id", 4)).toBe("0,6667");
    expect(formatNumber(Number.NaN)).toBe("-");
    expect(formatNumber(undefined)).toBe("-");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });

  it("writes percentages from percent points", () => {
    expect(formatPercent(95.5)).toBe("95,5%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(null)).toBe("-");
    expect(formatPercent(87.125, "en")).toBe("87.13%");
  });

  it("writes dates and times in Jakarta time with Indonesian month names", () => {
    expect(formatDate("2027-01-01")).toBe("1 Januari 2027");
    expect(formatDate("2027-03-31", "en")).toBe("31 March 2027");
    // 20:00 UTC is 03:00 the next day in Jakarta.
    expect(formatDate("2027-03-31T20:00:00Z")).toBe("1 April 2027");
    expect(formatDate("bukan tanggal")).toBe("bukan tanggal");
    expect(formatDate(undefined)).toBe("-");
    expect(formatPeriod("2027-01-01", "2027-03-31")).toBe("1 Januari 2027 s.d. 31 Maret 2027");
    expect(formatDateTime("2027-01-04T01:00:00.000Z")).toBe("Senin, 04 Januari 2027 pukul 08.00 WIB");
    expect(formatDateTime(undefined)).toBe("-");
    expect(formatShortDateTime("2027-01-04T01:00:00.000Z")).toBe("4 Jan 2027 08.00 WIB");
    expect(formatShortDateTime("2027-12-31T17:30:05.000Z", "id", { seconds: true })).toBe(
      "1 Jan 2028 00.30.05 WIB",
    );
    expect(formatShortDateTime(Date.parse("2027-01-04T01:00:00.000Z"))).toBe("4 Jan 2027 08.00 WIB");
    expect(formatShortDateTime(null)).toBe("-");
  });

  it("writes targets with Indonesian numbers", () => {
    expect(targetText({ min: 90, max: 100, unit: "persen" })).toBe("90-100 persen");
    expect(targetText({ min: 95.5, unit: "persen" })).toBe("95,5 persen");
    expect(targetText({ min: 1500, unit: "dokumen" })).toBe("1.500 dokumen");
    expect(targetText(undefined)).toBe("-");
  });
});
