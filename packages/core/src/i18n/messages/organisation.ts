// The organisation (DESIGN 3, 3.1): the employee CSV's cells, NIP and NI PPPK structure, units, the superior
// hierarchy, employment type, credit points and discipline.
import { messageArea } from "./area";

export const organisationMessages = messageArea({
  id: {
    // Employee CSV and the organisation (DESIGN 3, 3.1): cells, NIP structure, units and the superior hierarchy.
    oneOf: "Harus salah satu dari: {options}",
    unitIdChars: "Hanya boleh berisi huruf, angka, '.', '-' dan '_'",
    csvEmail: "Bukan alamat surel yang sah, misalnya nama@contoh.go.id",
    csvSuperiorNip: "Harus kosong (pejabat tertinggi) atau NIP 18 angka",
    csvBoolean: "Harus true (ya) atau false (tidak)",
    csvParentUnitId: "Harus kosong atau kode unit",
    nipFormat: 'NIP harus tepat 18 angka; tertulis "{nip}" ({length} karakter)',
    nipBirthDate: "Angka ke-1 s.d. 8 NIP ({digits}) bukan tanggal lahir TTTTBBHH yang sah",
    nipBirthImplausible:
      "Tanggal lahir {digits} pada NIP tidak wajar (lahir tahun {earliest} atau sesudahnya dan berusia paling sedikit {minAge} tahun)",
    nipAppointmentMonth:
      "Angka ke-13 s.d. 14 ({digits}) bukan bulan pengangkatan 01-12 (NIP PNS) maupun kode NI PPPK ({codes})",
    nipAppointmentFuture: "Pengangkatan {digits} (TTTTBB) pada NIP jatuh di masa depan",
    nipAppointmentBeforeBirth: "Pengangkatan {digits} (TTTTBB) pada NIP tidak sesudah tanggal lahir",
    nipGender: "Angka ke-15 NIP ({digit}) harus 1 (laki-laki) atau 2 (perempuan)",
    nipSequence: "Angka ke-16 s.d. 18 NIP (nomor urut) tidak boleh 000",
    csvDuplicateNip: "NIP {nip} ganda (sudah ada pada baris {line})",
    csvUnitNameConflict: 'Unit {unitId} bernama "{name}" pada baris {line}',
    csvUnitParentConflict: 'Unit {unitId} berinduk "{parent}" pada baris {line}',
    csvUnknownParentUnit: "Unit induk {unitId} tidak dikenal: tidak ada di berkas maupun di data tersimpan",
    csvUnitCycle: "Hierarki unit berputar: {path}",
    csvEmployeeUnknownUnit: "Pegawai {nip} berada di unit {unitId} yang tidak dikenal",
    csvTopNotHead: "Kosong, padahal hanya kepala unit (unit_head=true) yang boleh berada di puncak",
    csvManyHeads: "Unit {unitId} memiliki lebih dari satu kepala: {nips}",
    hierarchySelfSuperior: "Pegawai {nip} tidak boleh menjadi atasannya sendiri",
    hierarchyUnknownSuperior:
      "Atasan {nip} tidak dikenal: tidak ada di berkas maupun di organisasi tersimpan",
    hierarchyCycle: "Hierarki atasan berputar: {path}",
    orgConcurrentImport: "Impor data pegawai lain selesai lebih dahulu; impor berkas ini sekali lagi",
    // Employment type, NI PPPK, credit points, discipline (issue 15 items 3, 10).
    nipPppkYearFuture: "Tahun pengangkatan PPPK {digits} (angka ke-9 s.d. 12 NI PPPK) jatuh di masa depan",
    nipPppkYearBeforeBirth:
      "Tahun pengangkatan PPPK {digits} (angka ke-9 s.d. 12 NI PPPK) tidak sesudah tahun lahir",
    csvEmploymentTypeMismatch:
      "Bertentangan dengan nomor {nip}: angka ke-13 s.d. 14 ({digits}) menandakan {derived}; kosongkan kolom ini atau perbaiki NIP/NI PPPK",
    csvJenjangRequired:
      "Wajib diisi untuk jabatan fungsional (position_type=fungsional), salah satu dari: {options}",
    csvJenjangNotFungsional:
      "Jenjang hanya untuk jabatan fungsional; kosongkan untuk position_type={positionType}",
  },
  en: {
    // Employee CSV and the organisation (DESIGN 3, 3.1): cells, NIP structure, units and the superior hierarchy.
    oneOf: "must be one of {options}",
    unitIdChars: "may contain only letters, digits, '.', '-' and '_'",
    csvEmail: "is not a valid e-mail address",
    csvSuperiorNip: "must be empty (top official) or an 18-digit NIP",
    csvBoolean: "must be true or false",
    csvParentUnitId: "must be empty or a unit id",
    nipFormat: 'NIP must be exactly 18 digits, got "{nip}" ({length} characters)',
    nipBirthDate: "digits 1-8 ({digits}) are not a valid birth date YYYYMMDD",
    nipBirthImplausible:
      "birth date {digits} is not plausible (born {earliest} or later and at least {minAge} years old)",
    nipAppointmentMonth:
      "digits 13-14 ({digits}) are neither an appointment month 01-12 (PNS NIP) nor an NI PPPK code ({codes})",
    nipAppointmentFuture: "appointment {digits} (YYYYMM) is in the future",
    nipAppointmentBeforeBirth: "appointment {digits} (YYYYMM) is not after the birth date",
    nipGender: "digit 15 ({digit}) must be 1 (male) or 2 (female)",
    nipSequence: "digits 16-18 (sequence number) must not be 000",
    csvDuplicateNip: "duplicate NIP {nip} (already on line {line})",
    csvUnitNameConflict: 'unit {unitId} is named "{name}" on line {line}',
    csvUnitParentConflict: 'unit {unitId} has parent "{parent}" on line {line}',
    csvUnknownParentUnit: "unknown parent unit {unitId}: not in the file and not stored",
    csvUnitCycle: "unit hierarchy cycle: {path}",
    csvEmployeeUnknownUnit: "employee {nip} is in unknown unit {unitId}",
    csvTopNotHead: "is empty, but only a unit head (unit_head=true) can be at the top",
    csvManyHeads: "unit {unitId} has more than one head: {nips}",
    hierarchySelfSuperior: "employee {nip} cannot be their own superior",
    hierarchyUnknownSuperior: "unknown superior {nip}: not in the file and not in the stored organisation",
    hierarchyCycle: "hierarchy cycle: {path}",
    orgConcurrentImport: "another employee import was committed meanwhile; import again",
    // Employment type, NI PPPK, credit points, discipline (issue 15 items 3, 10).
    nipPppkYearFuture: "PPPK appointment year {digits} (digits 9-12 of the NI PPPK) is in the future",
    nipPppkYearBeforeBirth:
      "PPPK appointment year {digits} (digits 9-12 of the NI PPPK) is not after the birth year",
    csvEmploymentTypeMismatch:
      "contradicts number {nip}: digits 13-14 ({digits}) mean {derived}; leave this column empty or correct the NIP/NI PPPK",
    csvJenjangRequired: "required for a functional position (position_type=fungsional), one of: {options}",
    csvJenjangNotFungsional:
      "a jenjang is for functional positions only; leave it empty for position_type={positionType}",
  },
});
