// Pure organisation rules: NIP structure, superior hierarchy, unit tree. No AWS imports here.
// Messages come from the dictionary (i18n/messages.ts), English unless a caller asks for Indonesian.
import { t, type Lang } from "../i18n/messages";

/** One problem with a NIP; `part` names which digits are wrong. */
export interface NipIssue {
  part: "format" | "birthDate" | "appointment" | "gender" | "sequence";
  message: string;
}

/** Oldest birth year accepted: nobody born earlier is still in service. */
const earliestBirthYear = 1940;
/** Youngest age accepted for a civil servant (PP 11/2017 requires 18 at appointment). */
const minimumAgeYears = 18;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks the structure of an 18-digit NIP (BKN): birth date YYYYMMDD (digits 1-8), appointment
 * YYYYMM (9-14), gender 1|2 (15), sequence (16-18). Returns every issue found; empty means valid. Messages in
 * `options.lang` (English by default).
 */
export function validateNip(nip: string, options: { today: Date; lang?: Lang }): NipIssue[] {
  const lang = options.lang ?? "en";
  if (!/^\d{18}$/.test(nip)) {
    return [{ part: "format", message: t("nipFormat", lang, { nip, length: String(nip.length) }) }];
  }
  const issues: NipIssue[] = [];
  const today = options.today;
  const birthYear = Number(nip.slice(0, 4));
  const birthMonth = Number(nip.slice(4, 6));
  const birthDay = Number(nip.slice(6, 8));
  const birthValid = isCalendarDate(birthYear, birthMonth, birthDay);
  if (!birthValid) {
    issues.push({
      part: "birthDate",
      message: t("nipBirthDate", lang, { digits: nip.slice(0, 8) }),
    });
  } else {
    const latestBirth = Date.UTC(
      today.getUTCFullYear() - minimumAgeYears,
      today.getUTCMonth(),
      today.getUTCDate(),
    );
    if (birthYear < earliestBirthYear || Date.UTC(birthYear, birthMonth - 1, birthDay) > latestBirth) {
      issues.push({
        part: "birthDate",
        message: t("nipBirthImplausible", lang, {
          digits: nip.slice(0, 8),
          earliest: String(earliestBirthYear),
          minAge: String(minimumAgeYears),
        }),
      });
    }
  }
  const appointmentYear = Number(nip.slice(8, 12));
  const appointmentMonth = Number(nip.slice(12, 14));
  if (appointmentMonth < 1 || appointmentMonth > 12) {
    issues.push({
      part: "appointment",
      message: t("nipAppointmentMonth", lang, { digits: nip.slice(12, 14) }),
    });
  } else {
    const appointment = appointmentYear * 12 + appointmentMonth;
    const current = today.getUTCFullYear() * 12 + today.getUTCMonth() + 1;
    if (appointment > current) {
      issues.push({
        part: "appointment",
        message: t("nipAppointmentFuture", lang, { digits: nip.slice(8, 14) }),
      });
    } else if (birthValid && appointment <= birthYear * 12 + birthMonth) {
      issues.push({
        part: "appointment",
        message: t("nipAppointmentBeforeBirth", lang, { digits: nip.slice(8, 14) }),
      });
    }
  }
  if (nip[14] !== "1" && nip[14] !== "2") {
    issues.push({ part: "gender", message: t("nipGender", lang, { digit: nip[14] }) });
  }
  if (nip.slice(15) === "000") {
    issues.push({ part: "sequence", message: t("nipSequence", lang) });
  }
  return issues;
}

/** The minimum an employee needs for hierarchy checks; `line` is set for rows of the file being imported. */
export interface HierarchyNode {
  nip: string;
  superiorNip?: string;
  line?: number;
}

/** A hierarchy problem found by checkHierarchy, attached to the employee it concerns. */
export interface HierarchyIssue {
  nip: string;
  line?: number;
  field: "superior_nip";
  message: string;
}

/**
 * Checks the superior relation over the merged organisation: every superior exists, nobody is
 * their own superior, and there is no cycle (reported once, with its path). Each acyclic tree then
 * has exactly one top, the employee with no superior. Messages in `lang` (English by default).
 */
export function checkHierarchy(nodes: Iterable<HierarchyNode>, lang: Lang = "en"): HierarchyIssue[] {
  const byNip = new Map<string, HierarchyNode>();
  for (const node of nodes) byNip.set(node.nip, node);
  const issues: HierarchyIssue[] = [];
  for (const node of byNip.values()) {
    if (!node.superiorNip) continue;
    if (node.superiorNip === node.nip) {
      issues.push({
        nip: node.nip,
        line: node.line,
        field: "superior_nip",
        message: t("hierarchySelfSuperior", lang, { nip: node.nip }),
      });
    } else if (!byNip.has(node.superiorNip)) {
      issues.push({
        nip: node.nip,
        line: node.line,
        field: "superior_nip",
        message: t("hierarchyUnknownSuperior", lang, { nip: node.superiorNip }),
      });
    }
  }
  // Walk each chain once; "done" marks nodes already known to end at a top (or a reported problem).
  const done = new Set<string>();
  for (const start of byNip.values()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: HierarchyNode | undefined = start;
    while (current && !done.has(current.nip)) {
      if (onPath.has(current.nip)) {
        const cycle = path.slice(onPath.get(current.nip));
        if (cycle.length > 1) {
          // Report on the member of the file with the lowest line so the message points at the file.
          const members = cycle.map((nip) => byNip.get(nip)!);
          const anchor =
            members.filter((m) => m.line !== undefined).sort((a, b) => a.line! - b.line!)[0] ?? members[0];
          issues.push({
            nip: anchor.nip,
            line: anchor.line,
            field: "superior_nip",
            message: t("hierarchyCycle", lang, { path: [...cycle, cycle[0]].join(" -> ") }),
          });
        }
        break;
      }
      onPath.set(current.nip, path.length);
      path.push(current.nip);
      current = current.superiorNip ? byNip.get(current.superiorNip) : undefined;
    }
    for (const nip of path) done.add(nip);
  }
  return issues;
}

/** The minimum a unit needs for the unit tree. */
export interface UnitNode {
  unitId: string;
  parentUnitId?: string;
}

/** The unit itself followed by all its sub-units (depth first), so "unitIds include sub-units" is one call. */
export function descendantUnits(units: Iterable<UnitNode>, unitId: string): string[] {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (!unit.parentUnitId) continue;
    const list = children.get(unit.parentUnitId) ?? [];
    list.push(unit.unitId);
    children.set(unit.parentUnitId, list);
  }
  const result: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return; // a parent cycle must not loop forever
    seen.add(id);
    result.push(id);
    for (const child of (children.get(id) ?? []).sort()) visit(child);
  };
  visit(unitId);
  return result;
}

/** Unit ids of every unit whose parent chain loops back to itself (each cycle reported once, as a path). */
export function findUnitCycles(units: Iterable<UnitNode>): string[][] {
  const parentOf = new Map<string, string | undefined>();
  for (const unit of units) parentOf.set(unit.unitId, unit.parentUnitId);
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of parentOf.keys()) {
    const path: string[] = [];
    const index = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && parentOf.has(current) && !done.has(current)) {
      if (index.has(current)) {
        cycles.push(path.slice(index.get(current)));
        break;
      }
      index.set(current, path.length);
      path.push(current);
      current = parentOf.get(current);
    }
    for (const id of path) done.add(id);
  }
  return cycles;
}
