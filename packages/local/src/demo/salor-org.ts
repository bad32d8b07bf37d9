// The demo Salor regency organisation the dev runtime seeds on first start and `kinerja demo` appraises: the
// Sekretaris Daerah at the top and four OPD (perangkat daerah), each with its head, two heads of division and
// twelve staff, 61 people with structurally valid NIPs. Generated deterministically, as the employee CSV of
// DESIGN.md section 3, so the seed goes through the same import (and its validation) as HR's own files. Some staff
// are PPPK (NI PPPK numbers, code 21) and every functional official has a jenjang, so a cycle exercises the PPPK
// follow-up branch and credit points.
import type { JfLevel } from "@kinerja/core/credit-points/credit-points";
import { EMPLOYEE_CSV_COLUMNS } from "@kinerja/core/imports/employee-csv";
import type { EmploymentType } from "@kinerja/core/org/org";

/** One person of the demo organisation. */
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

const FIRST = [
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
const LAST = [
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

/** A structurally valid NIP for person `i`: birth date, appointment year+month (after age 22), gender, sequence. */
function nipFor(i: number): string {
  const birthYear = 1968 + ((i * 7) % 30);
  const birth = `${birthYear}${String(1 + ((i * 5) % 12)).padStart(2, "0")}${String(1 + ((i * 11) % 28)).padStart(2, "0")}`;
  const appointment = `${birthYear + 23 + (i % 6)}${String(1 + ((i * 3) % 12)).padStart(2, "0")}`;
  const gender = i % 2 === 0 ? "1" : "2";
  return `${birth}${appointment}${gender}${String(1 + (i % 999)).padStart(3, "0")}`;
}

/**
 * A structurally valid NI PPPK for person `i`: birth date as nipFor, year of first appointment as PPPK (2021-2024),
 * the PPPK code 21, gender, sequence (see NI_PPPK_CODES in core's org.ts).
 */
function niPppkFor(i: number): string {
  return `${nipFor(i).slice(0, 8)}${2021 + (i % 4)}21${i % 2 === 0 ? "1" : "2"}${String(1 + (i % 999)).padStart(3, "0")}`;
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Builds the demo Salor organisation (same output every call). */
export function demoOrganisation(): DemoOrganisation {
  const people: DemoPerson[] = [];
  const emails = new Set<string>();
  const add = (
    p: Omit<DemoPerson, "nip" | "name" | "email" | "employmentType">,
    pppk = false,
  ): DemoPerson => {
    const i = people.length;
    const name = `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`;
    let email = `${name.toLowerCase().replace(/ /g, ".")}@salor.go.id`;
    for (let n = 2; emails.has(email); n++)
      email = `${name.toLowerCase().replace(/ /g, ".")}${n}@salor.go.id`;
    emails.add(email);
    const person: DemoPerson = {
      nip: pppk ? niPppkFor(i + 1) : nipFor(i + 1),
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
  const header = [...EMPLOYEE_CSV_COLUMNS, "parent_unit_id", "employment_type", "jenjang"];
  const parentOf = new Map(units.map((u) => [u.unitId, u.parentUnitId ?? ""]));
  const rows = people.map((p) =>
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
      parentOf.get(p.unitId) ?? "",
      p.employmentType,
      p.jenjang ?? "",
    ]
      .map(csvCell)
      .join(","),
  );
  return { units, people, csv: [header.join(","), ...rows].join("\n") + "\n" };
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
