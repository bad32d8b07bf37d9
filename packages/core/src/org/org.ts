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

/** Employment types of an ASN (UU 5/2014): civil servant (PNS) or government employee on contract (PPPK). */
export const EMPLOYMENT_TYPES = ["pns", "pppk"] as const;

/** Employment type code. */
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/**
 * Digits 13-14 of an NI PPPK (Nomor Induk PPPK). BKN issues PPPK numbers in the NIP's 18-digit shape, but where a
 * NIP has the appointment month (TMT CPNS, YYYYMM in digits 9-14), the NI has the year of first appointment as a
 * PPPK (digits 9-12) and a code (13-14): 21 for PPPK, 24 for part-time PPPK (PPPK paruh waktu, from 2025). Sources
 * [P] (secondary, the BKN rule itself not read): NI PPPK = birth date, year of first appointment as calon PPPK, the
 * 2-digit code, gender, sequence (foppsirokanhulu.blogspot.com/2024/03/apa-perbedaan-nip-pns-dan-ni-pppk.html,
 * quoting Kab. Luwu Utara); example 199009132025242014 with 24 = paruh waktu
 * (swarawarta.co.id, "Contoh NIP PPPK Paruh Waktu", 2025); issue 15: 199312282025212001. A code neither a month
 * nor listed here is refused.
 */
export const NI_PPPK_CODES: Readonly<Record<string, string>> = { "21": "PPPK", "24": "PPPK paruh waktu" };

/**
 * The employment type an 18-digit number's digits 13-14 say: an appointment month 01-12 is a PNS NIP, an NI PPPK
 * code is PPPK; anything else (or a number that is not 18 digits) says nothing.
 */
export function employmentTypeOfNip(nip: string): EmploymentType | undefined {
  if (!/^\d{18}$/.test(nip)) return undefined;
  const code = nip.slice(12, 14);
  if (Object.prototype.hasOwnProperty.call(NI_PPPK_CODES, code)) return "pppk";
  const month = Number(code);
  return month >= 1 && month <= 12 ? "pns" : undefined;
}

/**
 * Checks the structure of an 18-digit number of an ASN. A PNS NIP (BKN): birth date YYYYMMDD (digits 1-8),
 * appointment YYYYMM (9-14), gender 1|2 (15), sequence (16-18). An NI PPPK: birth date (1-8), year of first
 * appointment (9-12), NI_PPPK_CODES code (13-14), gender (15), sequence (16-18). Returns every issue found; empty
 * means valid. Messages in `options.lang` (English by default).
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
  const type = employmentTypeOfNip(nip);
  if (type === undefined) {
    issues.push({
      part: "appointment",
      message: t("nipAppointmentMonth", lang, {
        digits: nip.slice(12, 14),
        codes: Object.keys(NI_PPPK_CODES).join(", "),
      }),
    });
  } else if (type === "pppk") {
    // An NI PPPK carries the year only: it cannot lie ahead, nor in or before the year of birth.
    if (appointmentYear > today.getUTCFullYear()) {
      issues.push({
        part: "appointment",
        message: t("nipPppkYearFuture", lang, { digits: nip.slice(8, 12) }),
      });
    } else if (birthValid && appointmentYear <= birthYear) {
      issues.push({
        part: "appointment",
        message: t("nipPppkYearBeforeBirth", lang, { digits: nip.slice(8, 12) }),
      });
    }
  } else {
    const appointmentMonth = Number(nip.slice(12, 14));
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

/**
 * The first month of service a PNS NIP shows (TMT CPNS, "YYYY-MM"); undefined for an NI PPPK (year only) or a
 * number that is not a valid NIP shape. Used to pro-rate credit points for someone who joined mid-period.
 */
export function appointmentMonthOfNip(nip: string): string | undefined {
  if (employmentTypeOfNip(nip) !== "pns") return undefined;
  return `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
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
