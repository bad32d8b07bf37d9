// The one generator of organisations as employee CSV (DESIGN.md section 3), deterministic, for the demo, benchmarks
// and tests. Two shapes share its person record, name lists, NIP layout and CSV writer:
// - demoOrganisation(): the demo Salor regency the dev runtime seeds on first start and `kinerja demo` appraises: the
//   Sekretaris Daerah at the top and four OPD (perangkat daerah), each with its head, two heads of division and twelve
//   staff, 61 people named in turn. Some staff are PPPK (NI PPPK numbers, code 21) and every functional official has
//   a jenjang, so a cycle exercises the PPPK follow-up branch and credit points.
// - generateOrganisationCsv(): a Salor-like hierarchy of any size, drawn from a seeded PRNG (bidang and seksi under
//   each OPD, about one staff member in seven PPPK).
// The seed goes through the same import (and its validation) as HR's own files; every NIP is structurally valid.
import type { JfLevel } from "../credit-points/credit-points";
import type { EmploymentType } from "../org/org";
import { seededRandom } from "../random/seeded-random";
import { EMPLOYEE_CSV_COLUMNS } from "./employee-csv";

/** One person of a generated organisation (a row of the employee CSV). */
export interface DemoPerson {
  nip: string;
  name: string;
  email: string;
  unitId: string;
  unitName: string;
  position: string;
  positionType: "jpt" | "administrator" | "pengawas" | "pelaksana" | "fungsional";
  superiorNip: string | null;
  unitHead: boolean;
  employmentType: EmploymentType;
  /** The jenjang of a functional official (credit points). */
  jenjang?: JfLevel;
}

/** One OPD of the demo organisation. */
export interface DemoUnit {
  unitId: string;
  name: string;
  parentUnitId: string | null;
}

/** The demo organisation: units, people and the employee CSV text that seeds it. */
export interface DemoOrganisation {
  units: DemoUnit[];
  people: DemoPerson[];
  csv: string;
}

/** Options of generateOrganisationCsv. */
export interface SampleOrgOptions {
  /** Number of employees (at least 1). */
  employees: number;
  /** PRNG seed, so the same options give the same file. */
  seed?: number;
  /** Include the optional parent_unit_id column. */
  withParentUnits?: boolean;
  /** Include the optional employment_type and jenjang columns (every functional official then has a jenjang). */
  withEmploymentColumns?: boolean;
}

const FIRST_NAMES = [
  "Agus",
  "Budi",
  "Citra",
  "Dewi",
  "Eko",
  "Fitri",
  "Gita",
  "Hadi",
  "Indah",
  "Joko",
  "Kartika",
  "Lestari",
  "Made",
  "Nur",
  "Putu",
  "Rina",
  "Sri",
  "Taufik",
  "Wayan",
  "Yuni",
  "Bambang",
  "Ratna",
  "Surya",
  "Wulan",
];
const LAST_NAMES = [
  "Santoso",
  "Wijaya",
  "Saputra",
  "Rahmawati",
  "Hidayat",
  "Kusuma",
  "Pratama",
  "Nugroho",
  "Siregar",
  "Harahap",
  "Setiawan",
  "Lubis",
  "Simanjuntak",
  "Permata",
  "Utami",
];

const two = (n: number) => String(n).padStart(2, "0");

/**
 * A NIP from its parts: birth date (YYYYMMDD), appointment (YYYYMM; for an NI PPPK the year of first appointment
 * as PPPK and the PPPK code 21, see NI_PPPK_CODES in core's org.ts), gender (1 or 2) and a sequence of three digits.
 */
const nipOf = (birth: string, appointment: string, gender: 1 | 2, sequence: number) =>
  `${birth}${appointment}${gender}${String(sequence).padStart(3, "0")}`;

/** A person of a generated organisation and the unit above theirs (the optional parent_unit_id column). */
type Row = { person: DemoPerson; parentUnitId: string };

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The employee CSV of `rows`: the required columns, then parent_unit_id, employment_type and jenjang when asked. */
function employeeCsv(rows: Row[], optional: { parentUnits: boolean; employment: boolean }): string {
  const header = [
    ...EMPLOYEE_CSV_COLUMNS,
    ...(optional.parentUnits ? ["parent_unit_id"] : []),
    ...(optional.employment ? ["employment_type", "jenjang"] : []),
  ];
  const lines = rows.map(({ person: p, parentUnitId }) =>
    [
      p.nip,
      p.name,
      p.email,
      p.unitId,
      p.unitName,
      p.position,
      p.positionType,
      p.superiorNip ?? "",
      String(p.unitHead),
      ...(optional.parentUnits ? [parentUnitId] : []),
      ...(optional.employment ? [p.employmentType, p.jenjang ?? ""] : []),
    ]
      .map(csvCell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}

// The demo Salor regency: its OPD and the jobs of their staff.

interface OpdPlan {
  unitId: string;
  name: string;
  head: string;
  divisions: [string, string];
  staff: { position: string; type: "pelaksana" | "fungsional"; jenjang?: JfLevel; pppk?: true }[];
}

const OPD: OpdPlan[] = [
  {
    unitId: "DISDIK",
    name: "Dinas Pendidikan",
    head: "Kepala Dinas Pendidikan",
    divisions: ["Kepala Bidang Pembinaan Sekolah Dasar", "Kepala Bidang Pembinaan SMP"],
    staff: [
      { position: "Guru Ahli Muda", type: "fungsional", jenjang: "ahli_muda" },
      { position: "Guru Ahli Pertama", type: "fungsional", jenjang: "ahli_pertama", pppk: true },
      { position: "Pengawas Sekolah", type: "fungsional", jenjang: "ahli_madya" },
      { position: "Pengelola Data Pendidikan", type: "pelaksana" },
    ],
  },
  {
    unitId: "DINKES",
    name: "Dinas Kesehatan",
    head: "Kepala Dinas Kesehatan",
    divisions: ["Kepala Bidang Pelayanan Kesehatan", "Kepala Bidang Pencegahan Penyakit"],
    staff: [
      { position: "Dokter Ahli Muda", type: "fungsional", jenjang: "ahli_muda" },
      { position: "Perawat Terampil", type: "fungsional", jenjang: "terampil", pppk: true },
      { position: "Bidan Ahli Pertama", type: "fungsional", jenjang: "ahli_pertama" },
      { position: "Pengadministrasi Umum", type: "pelaksana" },
    ],
  },
  {
    unitId: "BKD",
    name: "Badan Keuangan Daerah",
    head: "Kepala Badan Keuangan Daerah",
    divisions: ["Kepala Bidang Anggaran", "Kepala Bidang Pendapatan"],
    staff: [
      { position: "Analis Keuangan", type: "fungsional", jenjang: "ahli_pertama" },
      { position: "Bendahara Pengeluaran", type: "pelaksana" },
      { position: "Pengelola Pajak Daerah", type: "pelaksana", pppk: true },
      { position: "Penyusun Laporan Keuangan", type: "pelaksana" },
    ],
  },
  {
    unitId: "DPUPR",
    name: "Dinas Pekerjaan Umum dan Penataan Ruang",
    head: "Kepala Dinas Pekerjaan Umum",
    divisions: ["Kepala Bidang Bina Marga", "Kepala Bidang Tata Ruang"],
    staff: [
      { position: "Teknik Jalan dan Jembatan Ahli Muda", type: "fungsional", jenjang: "ahli_muda" },
      { position: "Pengawas Konstruksi", type: "pelaksana" },
      { position: "Penata Ruang Ahli Pertama", type: "fungsional", jenjang: "ahli_pertama" },
      { position: "Pengelola Sarana Prasarana", type: "pelaksana" },
    ],
  },
];

/** The NIP of demo person `i`: birth date, appointment year+month (after age 22), gender, sequence. */
function demoNip(i: number): string {
  const birthYear = 1968 + ((i * 7) % 30);
  const birth = `${birthYear}${two(1 + ((i * 5) % 12))}${two(1 + ((i * 11) % 28))}`;
  return nipOf(
    birth,
    `${birthYear + 23 + (i % 6)}${two(1 + ((i * 3) % 12))}`,
    i % 2 === 0 ? 1 : 2,
    1 + (i % 999),
  );
}

/** The NI PPPK of demo person `i`: birth date as demoNip, first appointed as PPPK in 2021-2024. */
function demoNiPppk(i: number): string {
  return nipOf(demoNip(i).slice(0, 8), `${2021 + (i % 4)}21`, i % 2 === 0 ? 1 : 2, 1 + (i % 999));
}

/** Builds the demo Salor organisation (same output every call). */
export function demoOrganisation(): DemoOrganisation {
  const people: DemoPerson[] = [];
  const emails = new Set<string>();
  const add = (
    p: Omit<DemoPerson, "nip" | "name" | "email" | "employmentType">,
    pppk = false,
  ): DemoPerson => {
    const i = people.length;
    const name = `${FIRST_NAMES[(i * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(i * 5) % LAST_NAMES.length]}`;
    let email = `${name.toLowerCase().replace(/ /g, ".")}@salor.go.id`;
    for (let n = 2; emails.has(email); n++)
      email = `${name.toLowerCase().replace(/ /g, ".")}${n}@salor.go.id`;
    emails.add(email);
    const person: DemoPerson = {
      nip: pppk ? demoNiPppk(i + 1) : demoNip(i + 1),
      name,
      email,
      ...p,
      employmentType: pppk ? "pppk" : "pns",
    };
    people.push(person);
    return person;
  };
  const units: DemoUnit[] = [
    { unitId: "SETDA", name: "Sekretariat Daerah Kabupaten Salor", parentUnitId: null },
  ];
  const sekda = add({
    unitId: "SETDA",
    unitName: units[0]!.name,
    position: "Sekretaris Daerah",
    positionType: "jpt",
    superiorNip: null,
    unitHead: true,
  });
  for (const opd of OPD) {
    units.push({ unitId: opd.unitId, name: opd.name, parentUnitId: "SETDA" });
    const base = { unitId: opd.unitId, unitName: opd.name };
    const head = add({
      ...base,
      position: opd.head,
      positionType: "jpt",
      superiorNip: sekda.nip,
      unitHead: true,
    });
    for (const division of opd.divisions) {
      const kabid = add({
        ...base,
        position: division,
        positionType: "administrator",
        superiorNip: head.nip,
        unitHead: false,
      });
      for (let s = 0; s < 6; s++) {
        const job = opd.staff[s % opd.staff.length]!;
        add(
          {
            ...base,
            position: job.position,
            positionType: job.type,
            superiorNip: kabid.nip,
            unitHead: false,
            ...(job.jenjang ? { jenjang: job.jenjang } : {}),
          },
          job.pppk,
        );
      }
    }
  }
  const parentOf = new Map(units.map((u) => [u.unitId, u.parentUnitId ?? ""]));
  const rows = people.map((person) => ({ person, parentUnitId: parentOf.get(person.unitId) ?? "" }));
  return { units, people, csv: employeeCsv(rows, { parentUnits: true, employment: true }) };
}

/**
 * The demo regency's official outside the employee list (org settings, issue 15 item 2): the Bupati Salor, staffing
 * authority (Pejabat Pembina Kepegawaian) and so also the appraiser of the Sekda at the top. HR sets it through the
 * HR API before the demo cycle, so the cycle appraises the whole organisation, top included.
 */
export const DEMO_STAFFING_AUTHORITY = {
  name: "H. Andi Wiratama, S.H., M.Si.",
  position: "Bupati Salor",
  email: "bupati@salorkab.go.id",
} as const;

// A Salor-like hierarchy of any size: the jenjang and OPD names it draws from.

/** Levels given to generated functional staff, the common ones more often. */
const JENJANGS: readonly JfLevel[] = [
  "ahli_pertama",
  "ahli_pertama",
  "ahli_muda",
  "ahli_muda",
  "ahli_madya",
  "terampil",
  "mahir",
  "penyelia",
];

const OPD_NAMES = [
  "Dinas Pendidikan",
  "Dinas Kesehatan",
  "Dinas Pekerjaan Umum",
  "Dinas Sosial",
  "Dinas Perhubungan",
  "Badan Keuangan Daerah",
  "Dinas Pertanian",
  "Dinas Kependudukan",
  "Badan Kepegawaian",
  "Dinas Lingkungan Hidup",
];

/**
 * A Salor-like hierarchy: the Sekretaris Daerah at the top, OPD heads (jpt) under them, bidang heads
 * (administrator), seksi heads (pengawas) and staff (pelaksana/fungsional), about 8 staff per
 * seksi. NIPs are structurally valid and unique; about one staff member in seven is PPPK (an NI PPPK, code 21, with
 * the year of appointment only). Returns CSV text with the header row.
 */
export function generateOrganisationCsv(options: SampleOrgOptions): string {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const usedNips = new Set<string>();
  const nip = (pppk = false) => {
    for (;;) {
      const birthYear = 1966 + Math.floor(random() * 34);
      const birth = `${birthYear}${two(1 + Math.floor(random() * 12))}${two(1 + Math.floor(random() * 28))}`;
      const appointmentYear = Math.min(2024, birthYear + 21 + Math.floor(random() * 10));
      // PPPK have been appointed since 2019; their number has the year and the code 21 where a NIP has YYYYMM.
      const appointment = pppk
        ? `${2019 + Math.floor(random() * 6)}21`
        : `${appointmentYear}${two(1 + Math.floor(random() * 12))}`;
      const candidate = nipOf(birth, appointment, random() < 0.5 ? 1 : 2, 1 + Math.floor(random() * 999));
      if (!usedNips.has(candidate)) {
        usedNips.add(candidate);
        return candidate;
      }
    }
  };
  const rows: Row[] = [];
  const total = Math.max(1, options.employees);
  const add = (
    unitId: string,
    unitName: string,
    parentUnitId: string,
    position: string,
    positionType: DemoPerson["positionType"],
    superior: string,
    unitHead: boolean,
    extra: { pppk?: boolean; jenjang?: JfLevel } = {},
  ) => {
    const id = nip(extra.pppk);
    const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    rows.push({
      person: {
        nip: id,
        name,
        email: `${id}@salor.go.id`,
        unitId,
        unitName,
        position,
        positionType,
        superiorNip: superior || null,
        unitHead,
        employmentType: extra.pppk ? "pppk" : "pns",
        ...(extra.jenjang ? { jenjang: extra.jenjang } : {}),
      },
      parentUnitId,
    });
    return id;
  };
  const top = add("SETDA", "Sekretariat Daerah", "", "Sekretaris Daerah", "jpt", "", true);
  // Size the tree so that the staff fill the requested number of employees.
  const opdCount = Math.max(1, Math.min(60, Math.round(total / 300)));
  let opd = 0;
  while (rows.length < total) {
    const opdId = `OPD${two(opd + 1)}`;
    const opdName = `${OPD_NAMES[opd % OPD_NAMES.length]}${opd >= OPD_NAMES.length ? ` ${Math.floor(opd / OPD_NAMES.length) + 1}` : ""}`;
    const opdHead = add(opdId, opdName, "SETDA", `Kepala ${opdName}`, "jpt", top, true);
    for (let b = 1; b <= 4 && rows.length < total; b++) {
      const bidangId = `${opdId}-B${b}`;
      const bidangHead = add(
        bidangId,
        `Bidang ${b} ${opdName}`,
        opdId,
        `Kepala Bidang ${b}`,
        "administrator",
        opdHead,
        true,
      );
      for (let s = 1; s <= 3 && rows.length < total; s++) {
        const seksiId = `${bidangId}-S${s}`;
        const seksiHead = add(
          seksiId,
          `Seksi ${s} Bidang ${b} ${opdName}`,
          bidangId,
          `Kepala Seksi ${s}`,
          "pengawas",
          bidangHead,
          true,
        );
        const staff = Math.max(1, Math.round((total / opdCount - 13) / 12));
        for (let k = 0; k < staff && rows.length < total; k++) {
          const functional = random() < 0.3;
          add(
            seksiId,
            `Seksi ${s} Bidang ${b} ${opdName}`,
            bidangId,
            functional ? "Analis Kebijakan" : "Pengadministrasi Umum",
            functional ? "fungsional" : "pelaksana",
            seksiHead,
            false,
            { pppk: random() < 0.15, ...(functional ? { jenjang: pick(JENJANGS) } : {}) },
          );
        }
      }
    }
    opd += 1;
  }
  return employeeCsv(rows, {
    parentUnits: Boolean(options.withParentUnits),
    employment: Boolean(options.withEmploymentColumns),
  });
}
