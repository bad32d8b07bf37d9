// Organisation settings: the staffing authority (Pejabat Pembina Kepegawaian) and the appraiser of the top of
// the hierarchy, through the HR API, the CSV and `kinerja org`.
import { messageArea } from "./area";

export const orgSettingsMessages = messageArea({
  id: {
    orgSettingsChanged:
      "Pengaturan organisasi baru saja diubah oleh orang lain; baca pengaturan terbaru lalu kirim lagi",
    csvOrgRole: "Harus salah satu dari: {options}",
    csvOrgRoleTwice: "Peran {role} sudah ada pada baris {line}; satu baris untuk setiap peran",
    csvOrgNoAuthority:
      "Berkas harus memuat satu baris dengan role pejabat_pembina_kepegawaian (Pejabat Pembina Kepegawaian)",
    launchSkipTopNoAppraiser:
      "pimpinan tertinggi hierarki (tanpa atasan) tidak dinilai karena pejabat penilai kinerjanya belum ditetapkan; tetapkan Pejabat Pembina Kepegawaian sebelum membuka siklus: di dasbor, menu Impor CSV, bagian 'Pejabat pembina kepegawaian dan penilai pimpinan tertinggi' (atau kinerja org set)",
    cliOrgDescription:
      "pengaturan organisasi: Pejabat Pembina Kepegawaian dan pejabat penilai kinerja pimpinan tertinggi",
    cliOrgShowDescription: "menampilkan pengaturan organisasi dan riwayat perubahannya",
    cliOrgSetDescription:
      "menetapkan Pejabat Pembina Kepegawaian (memutus keberatan bila pejabat penilai tidak punya atasan) dan, bila berbeda, pejabat penilai kinerja pimpinan tertinggi",
    cliOrgImportDescription:
      "mengimpor pengaturan organisasi dari berkas CSV: role,name,position,email[,nip]; role pejabat_pembina_kepegawaian (wajib) atau penilai_pimpinan_tertinggi",
    cliOrgNameOption: "nama Pejabat Pembina Kepegawaian, mis. 'H. Ahmad Salim'",
    cliOrgPositionOption: "jabatan Pejabat Pembina Kepegawaian, mis. 'Bupati Salor'",
    cliOrgEmailOption: "alamat surel Pejabat Pembina Kepegawaian (tautan keputusan dikirim ke sini)",
    cliOrgNipOption: "NIP Pejabat Pembina Kepegawaian bila PNS (kepala daerah tidak punya NIP)",
    cliOrgTopNameOption:
      "nama pejabat penilai kinerja pimpinan tertinggi bila bukan Pejabat Pembina Kepegawaian",
    cliOrgTopPositionOption: "jabatan pejabat penilai kinerja pimpinan tertinggi",
    cliOrgTopEmailOption: "alamat surel pejabat penilai kinerja pimpinan tertinggi",
    cliOrgTopNipOption: "NIP pejabat penilai kinerja pimpinan tertinggi bila PNS",
    cliOrgNotSet:
      "Pengaturan organisasi belum ditetapkan: pimpinan tertinggi tidak dinilai dalam siklus, dan keberatan yang pejabat penilainya tidak punya atasan diputus melalui pengelola kinerja. Tetapkan dengan 'kinerja org set'.",
    cliOrgAuthority: "Pejabat Pembina Kepegawaian: {official}",
    cliOrgTopAppraiser: "Pejabat penilai kinerja pimpinan tertinggi: {official}",
    cliOrgTopIsAuthority: "Pejabat penilai kinerja pimpinan tertinggi: Pejabat Pembina Kepegawaian",
    cliOrgUpdated: "Terakhir diubah {time} oleh {by}.",
    cliOrgSaved: "Pengaturan organisasi disimpan.",
    cliOrgNoNip: "tanpa NIP",
    cliWhatOrgShow: "Membaca pengaturan organisasi",
    cliWhatOrgSet: "Menyimpan pengaturan organisasi",
    cliWhatOrgImport: "Impor pengaturan organisasi dari {file}",
    cliCycleSkipped: "Tidak dinilai: {count} pegawai ({names}); {reason}.",
  },
  en: {
    orgSettingsChanged:
      "The organisation settings were just changed by someone else; read them again and resend",
    csvOrgRole: "must be one of: {options}",
    csvOrgRoleTwice: "role {role} is already on line {line}; one row per role",
    csvOrgNoAuthority:
      "the file needs one row with role pejabat_pembina_kepegawaian (the staffing authority)",
    launchSkipTopNoAppraiser:
      "the top of the hierarchy (no superior) is not appraised because no appraiser of the top is set; set the staffing authority before opening the cycle: in the dashboard, Impor CSV, section 'Pejabat pembina kepegawaian dan penilai pimpinan tertinggi' (or kinerja org set)",
    cliOrgDescription: "organisation settings: the staffing authority and the appraiser of the top official",
    cliOrgShowDescription: "show the organisation settings and their history",
    cliOrgSetDescription:
      "set the staffing authority (decides objections when the appraiser has no superior) and, if different, the appraiser of the top official",
    cliOrgImportDescription:
      "import the organisation settings from a CSV file: role,name,position,email[,nip]; role pejabat_pembina_kepegawaian (required) or penilai_pimpinan_tertinggi",
    cliOrgNameOption: "name of the staffing authority, e.g. 'H. Ahmad Salim'",
    cliOrgPositionOption: "position of the staffing authority, e.g. 'Bupati Salor'",
    cliOrgEmailOption: "email of the staffing authority (decision links go there)",
    cliOrgNipOption: "NIP of the staffing authority if a civil servant (a regional head has none)",
    cliOrgTopNameOption: "name of the appraiser of the top official if not the staffing authority",
    cliOrgTopPositionOption: "position of the appraiser of the top official",
    cliOrgTopEmailOption: "email of the appraiser of the top official",
    cliOrgTopNipOption: "NIP of the appraiser of the top official if a civil servant",
    cliOrgNotSet:
      "No organisation settings: the top official is not appraised in cycles, and objections whose appraiser has no superior are decided through HR. Set them with 'kinerja org set'.",
    cliOrgAuthority: "Staffing authority: {official}",
    cliOrgTopAppraiser: "Appraiser of the top official: {official}",
    cliOrgTopIsAuthority: "Appraiser of the top official: the staffing authority",
    cliOrgUpdated: "Last changed {time} by {by}.",
    cliOrgSaved: "Organisation settings saved.",
    cliOrgNoNip: "no NIP",
    cliWhatOrgShow: "Reading the organisation settings",
    cliWhatOrgSet: "Saving the organisation settings",
    cliWhatOrgImport: "Importing the organisation settings from {file}",
    cliCycleSkipped: "Not appraised: {count} employee(s) ({names}); {reason}.",
  },
});
