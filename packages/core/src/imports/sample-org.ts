// Deterministic generator of a realistic regency organisation as employee CSV, for benchmarks, tests and demos.
import type { JfLevel } from "../credit-points/credit-points";
import { EMPLOYEE_CSV_COLUMNS } from "./employee-csv";

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

/** Levels given to generated functional staff, the common ones more often. */
const jenjangs: readonly JfLevel[] = [
  "ahli_pertama",
  "ahli_pertama",
  "ahli_muda",
  "ahli_muda",
  "ahli_madya",
  "terampil",
  "mahir",
  "penyelia",
];

const firstNames = [
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
];
const lastNames = [
  "Santoso",
  "Wijaya",
  "Saputra",
  "Rahmawati",
  "Hidayat",
  "Kusuma",
  "Pratama",
  "Lestari",
  "Nugroho",
  "Siregar",
  "Harahap",
  "Setiawan",
];
const opdNames = [
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

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Salor-like hierarchy: the Sekretaris Daerah at the top, OPD heads (jpt) under them, bidang heads
 * (administrator), seksi heads (pengawas) and staff (pelaksana/fungsional), about 8 staff per
 * seksi. NIPs are structurally valid and unique; about one staff member in seven is PPPK (an NI PPPK, code 21, with
 * the year of appointment only). Returns CSV text with the header row.
 */
export function generateOrganisationCsv(options: SampleOrgOptions): string {
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const usedNips = new Set<string>();
  const nip = (pppk = false) => {
    for (;;) {
      const birthYear = 1966 + Math.floor(random() * 34);
      const birth = `${birthYear}${String(1 + Math.floor(random() * 12)).padStart(2, "0")}${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
      const appointmentYear = Math.min(2024, birthYear + 21 + Math.floor(random() * 10));
      // PPPK have been appointed since 2019; their number has the year and the code 21 where a NIP has YYYYMM.
      const appointment = pppk
        ? `${2019 + Math.floor(random() * 6)}21`
        : `${appointmentYear}${String(1 + Math.floor(random() * 12)).padStart(2, "0")}`;
      const candidate = `${birth}${appointment}${random() < 0.5 ? 1 : 2}${String(1 + Math.floor(random() * 999)).padStart(3, "0")}`;
      if (!usedNips.has(candidate)) {
        usedNips.add(candidate);
        return candidate;
      }
    }
  };
  const rows: string[][] = [];
  const total = Math.max(1, options.employees);
  const add = (
    unitId: string,
    unitName: string,
    parent: string,
    position: string,
    type: string,
    superior: string,
    head: boolean,
    extra: { pppk?: boolean; jenjang?: JfLevel } = {},
  ) => {
    const id = nip(extra.pppk);
    const name = `${pick(firstNames)} ${pick(lastNames)}`;
    rows.push([
      id,
      name,
      `${id}@salor.go.id`,
      unitId,
      unitName,
      position,
      type,
      superior,
      String(head),
      parent,
      extra.pppk ? "pppk" : "pns",
      extra.jenjang ?? "",
    ]);
    return id;
  };
  const top = add("SETDA", "Sekretariat Daerah", "", "Sekretaris Daerah", "jpt", "", true);
  // Size the tree so that the staff fill the requested number of employees.
  const opdCount = Math.max(1, Math.min(60, Math.round(total / 300)));
  let opd = 0;
  while (rows.length < total) {
    const opdId = `OPD${String(opd + 1).padStart(2, "0")}`;
    const opdName = `${opdNames[opd % opdNames.length]}${opd >= opdNames.length ? ` ${Math.floor(opd / opdNames.length) + 1}` : ""}`;
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
            { pppk: random() < 0.15, ...(functional ? { jenjang: pick(jenjangs) } : {}) },
          );
        }
      }
    }
    opd += 1;
  }
  // Row layout: the required columns, parent_unit_id, employment_type, jenjang; optional ones only when asked.
  const required = EMPLOYEE_CSV_COLUMNS.length;
  const columns = [
    ...EMPLOYEE_CSV_COLUMNS,
    ...(options.withParentUnits ? ["parent_unit_id"] : []),
    ...(options.withEmploymentColumns ? ["employment_type", "jenjang"] : []),
  ];
  const lines = rows.map((r) =>
    [
      ...r.slice(0, required),
      ...(options.withParentUnits ? [r[required]!] : []),
      ...(options.withEmploymentColumns ? r.slice(required + 1) : []),
    ].join(","),
  );
  return `${columns.join(",")}\n${lines.join("\n")}\n`;
}
