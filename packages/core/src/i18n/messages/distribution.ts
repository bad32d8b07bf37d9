// Organisation rating, the unit-head rule and the predikat distribution of a unit.
import { messageArea } from "./area";

export const distributionMessages = messageArea({
  id: {
    hrPercent: "Harus persen bulat 0 sampai 100",
    hrThresholdMinimumsExceed100:
      "Jumlah majorityMinPct dan minorityMinPct melebihi 100%: pola Kurang dan Sangat Kurang tidak mungkin dipenuhi",
    hrThresholdDominantMinAboveMax: "Tidak boleh melebihi dominantMaxPct",
    distributionNeedsJustification:
      "Predikat {predikat} menimbulkan peringatan distribusi unit kerja: {warnings} Tulis justifikasi mengapa penilaian ini menyimpang dari pola distribusi.",
    hrOrgRatingHeadSettled:
      "Penilaian kepala unit {name} ({appraisalId}) sudah melewati umpan balik (keberatan sudah diputus atau tindak lanjut sudah berjalan; tahap: {stage}), sehingga rating hasil kerjanya tidak dapat lagi mengikuti capaian organisasi {rating} ({before} menjadi {after}). Capaian organisasi unit {unitId} tetap {previous}. Tetapkan capaian organisasi sebelum keberatan diputus dan tindak lanjut berjalan; bila hasilnya tetap harus berubah, batalkan penilaian itu lalu ulangi.",
    orgRatingRevisedNote:
      "Capaian organisasi unit Anda ditetapkan {rating}; rating hasil kerja kepala unit mengikutinya ({before} menjadi {after}).",
    orgRatingRevisedWindow: "Batas waktu keberatan tetap {deadline}.",
  },
  en: {
    hrPercent: "must be a whole percentage from 0 to 100",
    hrThresholdMinimumsExceed100:
      "majorityMinPct and minorityMinPct add up to more than 100%: the Kurang and Sangat Kurang patterns could never be met",
    hrThresholdDominantMinAboveMax: "must not exceed dominantMaxPct",
    distributionNeedsJustification:
      "predikat {predikat} gives the unit distribution warnings: {warnings} Write a justification of why this review departs from the pattern.",
    hrOrgRatingHeadSettled:
      "the appraisal of unit head {name} ({appraisalId}) is past feedback (the objection was decided or follow-up ran; stage: {stage}), so their results rating can no longer follow organisation rating {rating} ({before} to {after}). The organisation rating of unit {unitId} stays {previous}. Set the organisation rating before the objection is decided and follow-up runs; if the result must still change, cancel that appraisal and run it again.",
    orgRatingRevisedNote:
      "Your unit's organisation rating was set to {rating}; a unit head's results rating follows it ({before} to {after}).",
    orgRatingRevisedWindow: "The objection deadline stays {deadline}.",
  },
});
