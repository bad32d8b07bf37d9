// The organisation's officials who are not employees in the system (issue 15 item 2): the staffing authority
// (Pejabat Pembina Kepegawaian, e.g. the Bupati), who decides objections when the appraising official has no superior
// in the organisation, and the appraising official of the top of the hierarchy (the regional head or an official HR
// names; the staffing authority when not named). HR sets them through `PUT /api/org/settings`, the org-settings CSV
// import or `kinerja org set`; one schema validates all three.
import * as v from "valibot";
import { apiMessage } from "./org.schema";

/** The officials the settings name, by their field in the API and the CSV `role` column. */
export const OFFICIAL_ROLES = ["pejabatPembinaKepegawaian", "topOfficialAppraiser"] as const;

/** One official role. */
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

/**
 * The id an official acts under in links, decisions and the audit trail when HR gave no NIP (a Bupati is elected, not a
 * civil servant): never 18 digits, so it cannot be mistaken for an employee's NIP.
 */
export const EXTERNAL_OFFICIAL_IDS: Readonly<Record<OfficialRole, string>> = {
  pejabatPembinaKepegawaian: "pejabat-pembina-kepegawaian",
  topOfficialAppraiser: "penilai-pimpinan-tertinggi",
};

/** The id HR (pengelola kinerja) acts under when it records an objection decision no official was set for. */
export const HR_CONTACT_ID = "pengelola-kinerja";

/** Whether an id stands in for a NIP (an official outside the employee list, or HR): pages then show no "NIP". */
export const isStandInId = (id: string): boolean =>
  id === HR_CONTACT_ID || (Object.values(EXTERNAL_OFFICIAL_IDS) as string[]).includes(id);

const text = (max: number) =>
  v.pipe(
    v.string(apiMessage("required")),
    v.trim(),
    v.nonEmpty(apiMessage("required")),
    v.maxLength(max, apiMessage("csvTooLong", { max: String(max) })),
  );

/** One official: who they are, the position they act in (pages and mails name both) and where their links go. */
export const OfficialSchema = v.strictObject({
  name: v.pipe(text(200), v.description("Full name, as mails greet them (e.g. H. Ahmad Salim, S.H.)")),
  position: v.pipe(text(200), v.description("Position title they act in (e.g. Bupati Salor)")),
  email: v.pipe(
    v.string(apiMessage("required")),
    v.trim(),
    v.email(apiMessage("csvEmail")),
    v.maxLength(254, apiMessage("csvTooLong", { max: "254" })),
    v.description("Where their decision links are mailed"),
  ),
  nip: v.optional(
    v.pipe(
      v.string(apiMessage("csvNip")),
      v.trim(),
      v.regex(/^\d{18}$/, apiMessage("csvNip")),
      v.description("NIP, when the official is a civil servant (optional: a regional head has none)"),
    ),
  ),
});

/** An official as validated. */
export type Official = v.InferOutput<typeof OfficialSchema>;

/** Body of `PUT /api/org/settings`: the whole settings (a PUT replaces them). */
export const OrgSettingsInputSchema = v.pipe(
  v.strictObject({
    pejabatPembinaKepegawaian: v.pipe(
      OfficialSchema,
      v.description(
        "The staffing authority (Pejabat Pembina Kepegawaian, e.g. the Bupati): decides objections whose appraising " +
          "official has no superior in the organisation (a head appraised by the Sekda, the Sekda appraised by the " +
          "regional head). Setting it also has the top of the imported hierarchy appraised in cycles for the whole " +
          "organisation (by topOfficialAppraiser).",
      ),
    ),
    topOfficialAppraiser: v.optional(
      v.pipe(
        OfficialSchema,
        v.description(
          "The appraising official of the top of the hierarchy (the employee with no superior, e.g. the Sekda): the " +
            "regional head or an official HR names. Absent: the staffing authority appraises the top.",
        ),
      ),
    ),
  }),
  v.description(
    "Officials outside the employee list. Without settings the top of the hierarchy is skipped at launch (the " +
      "cycle says so) and an objection whose appraiser has no superior goes to HR.",
  ),
);

/** Validated settings as HR sends them. */
export type OrgSettingsInput = v.InferOutput<typeof OrgSettingsInputSchema>;

/** The settings as stored and read. */
export interface OrgSettings extends OrgSettingsInput {
  updatedAt: string;
  updatedBy: string;
  version: number;
}

/** The appraising official of the top: the one HR named, else the staffing authority. */
export function topOfficialAppraiserOf(settings: OrgSettingsInput): {
  official: Official;
  role: OfficialRole;
} {
  return settings.topOfficialAppraiser
    ? { official: settings.topOfficialAppraiser, role: "topOfficialAppraiser" }
    : { official: settings.pejabatPembinaKepegawaian, role: "pejabatPembinaKepegawaian" };
}

/** The id an official acts under: their NIP, else the role's stand-in (EXTERNAL_OFFICIAL_IDS). */
export const officialIdOf = (official: Official, role: OfficialRole): string =>
  official.nip ?? EXTERNAL_OFFICIAL_IDS[role];
