// Periodic evaluation by the appraiser: the team's rating page.
import { messageArea } from "./area";

export const periodicEvaluationMessages = messageArea({
  id: {
    periodicRatingNone: "Beri rating paling sedikit satu pegawai.",
    periodicRatingOnce: "Setiap pegawai hanya boleh dinilai sekali.",
    periodicRatingUnknown: "Pegawai ini bukan anggota tim yang Anda nilai pada periode ini.",
    periodicRatingMissing: "Rating periodik {name} belum diisi; setiap pegawai dalam daftar perlu dinilai.",
    periodicRatingExpired:
      "Batas waktu penilaian periodik {label} telah lewat ({dueAt}); tautan ini ditutup.",
    cliPeriodicOption:
      "evaluasi kinerja periodik oleh pejabat penilai (monthly = bulanan, quarterly = triwulanan, semester = semesteran 1 Jan-30 Jun dan 1 Jul-31 Des, none = tidak ada); bawaan: triwulanan",
  },
  en: {
    periodicRatingNone: "Rate at least one employee.",
    periodicRatingOnce: "Each employee may be rated only once.",
    periodicRatingUnknown: "This employee is not in the team you appraise in this period.",
    periodicRatingMissing: "The periodic rating of {name} is missing; every employee on the list needs one.",
    periodicRatingExpired:
      "The periodic rating of {label} closed at its deadline ({dueAt}); this link is closed.",
    cliPeriodicOption:
      "periodic evaluation by the appraising official (monthly, quarterly, semester = 1 Jan-30 Jun and 1 Jul-31 Dec, none); default: quarterly",
  },
});
