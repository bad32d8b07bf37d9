// The story of the demo year: the annual period and its start, each unit's organisation rating, and the cast, the
// people whose part differs from everyone's: the Bupati (staffing authority, outside the employee list), the staff
// member whose SKP is returned once, the head of division who is away when the SKPs arrive (reminded, then
// escalated), two objectors (one upheld, one rejected) and two who never acknowledge their result.
import { EXTERNAL_OFFICIAL_IDS } from "@kinerja/core/org/org-settings";
import {
  DEMO_STAFFING_AUTHORITY,
  type DemoOrganisation,
  type DemoPerson,
} from "@kinerja/core/imports/sample-org";
import type { Profile } from "./people";

/** The appraisal period of the demo cycle. */
export const PERIOD = { start: "2027-01-01", end: "2027-12-31" };
/** When the demo's clock starts. */
export const START_AT = new Date("2027-01-04T01:00:00.000Z"); // Monday 08:00 WIB
/** The organisation rating HR sets for each unit before the reviews. */
export const ORG_RATINGS: Record<
  string,
  "istimewa" | "baik" | "butuh_perbaikan" | "kurang" | "sangat_kurang"
> = {
  DISDIK: "baik",
  DINKES: "istimewa",
  BKD: "butuh_perbaikan",
  DPUPR: "baik",
};
/** What a demo appraiser writes when the review page says the predikat departs from the unit's distribution. */
export const DISTRIBUTION_JUSTIFICATION =
  "Predikat mengikuti capaian SKP dan perilaku pegawai; pola distribusi unit sudah dipertimbangkan.";
/** The grounds of both objections. */
export const OBJECTION_REASON =
  "Realisasi dan bukti dukung triwulan IV belum diperhitungkan dalam penilaian.";
/** The comment of the SKP returned once. */
export const RETURN_COMMENT = "Tambahkan indikator kualitas layanan dan efisiensi anggaran.";
/** How long the away head of division stays away from the first SKP that reaches him. */
export const AWAY_DAYS = 8;

/** Who acts on a link: an employee, or the Bupati (an official outside the employee list, org settings). */
export type Actor = Pick<DemoPerson, "nip" | "name" | "email" | "position" | "positionType">;

/** Everyone who reads mail in the demo, and the people with a part of their own. */
export interface DemoCast {
  /** Who reads the mail sent to an address. */
  byEmail: Map<string, Actor>;
  /** The employees by NIP. */
  byNip: Map<string, DemoPerson>;
  /** The staff member whose SKP is returned once. */
  returnedFor: DemoPerson;
  /** The head of division away when the SKPs arrive. */
  awayApprover: DemoPerson;
  /** The objectors by NIP, with how the deciding official answers. */
  objectors: Map<string, "uphold" | "reject">;
  /** The NIPs of those who never acknowledge their result. */
  silent: Set<string>;
}

/** The cast of the demo organisation, given each person's profile. */
export function castOf(org: DemoOrganisation, profiles: Map<string, Profile>): DemoCast {
  // The Bupati reads his mail like everyone else: he approves and reviews the Sekda and decides objections whose
  // appraiser has no superior (a leader: he adds special expectations to the SKP he approves).
  const bupati: Actor = {
    ...DEMO_STAFFING_AUTHORITY,
    nip: EXTERNAL_OFFICIAL_IDS.pejabatPembinaKepegawaian,
    positionType: "jpt",
  };
  const appraised = org.people.filter((p) => p.superiorNip);
  const staff = appraised.filter((p) => p.positionType === "pelaksana" || p.positionType === "fungsional");
  const kabid = appraised.filter((p) => p.positionType === "administrator");
  return {
    byEmail: new Map<string, Actor>([
      ...org.people.map((p) => [p.email, p] as const),
      [bupati.email, bupati],
    ]),
    byNip: new Map(org.people.map((p) => [p.nip, p])),
    returnedFor: staff[1]!,
    awayApprover: kabid[3]!,
    objectors: new Map<string, "uphold" | "reject">([
      [staff.find((p) => profiles.get(p.nip) === "struggling")?.nip ?? staff[5]!.nip, "uphold"],
      [staff.filter((p) => profiles.get(p.nip) === "steady")[2]?.nip ?? staff[9]!.nip, "reject"],
    ]),
    silent: new Set([staff[14]!.nip, staff[30]!.nip]),
  };
}
