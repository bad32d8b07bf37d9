// The officials outside the employee list (org settings) as the workflow meets them: the appraiser of the top of the
// hierarchy (stored on the top's record at launch) and the staffing authority (read when an objection needs a decider).
import {
  officialIdOf,
  topOfficialAppraiserOf,
  type Official,
  type OfficialRole,
  type OrgSettingsInput,
} from "../org/org-settings";
import type { FlowPerson } from "./flow-store";

/** An official of the settings as a person of the workflow (external: no employee record behind them). */
const officialPerson = (official: Official, role: OfficialRole): FlowPerson => ({
  nip: officialIdOf(official, role),
  name: official.name,
  email: official.email,
  external: { position: official.position },
});

/** The appraising official of the top of the hierarchy (HR's choice, else the staffing authority). */
export function topOfficialAppraiserPerson(settings: OrgSettingsInput): FlowPerson {
  const { official, role } = topOfficialAppraiserOf(settings);
  return officialPerson(official, role);
}

/** The staffing authority (Pejabat Pembina Kepegawaian). */
export const staffingAuthorityPerson = (settings: OrgSettingsInput): FlowPerson =>
  officialPerson(settings.pejabatPembinaKepegawaian, "pejabatPembinaKepegawaian");

/**
 * A person as decisions and mails carry them: an official outside the employee list is named by position and name
 * ("Bupati Salor (H. Ahmad Salim)"), so the mail greets them and the page says who was asked as people address them.
 */
export function addressedAs(p: FlowPerson): FlowPerson {
  return {
    nip: p.nip,
    name: p.external ? `${p.external.position} (${p.name})` : p.name,
    email: p.email,
  };
}
